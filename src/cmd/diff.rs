//! `tariffpress diff`: every premium that differs between two states, as
//! Markdown, CSV or a 新旧対照表 PDF (see `publish::review`).

use crate::cli::DiffArgs;
use crate::error::Error;
use crate::messages::{Localized, Note, note};
use crate::publish::{ReviewRequest, review};
use std::path::Path;

/// Compares, prints or writes the report, and says what changed.
pub fn run(root: &Path, args: &DiffArgs) -> Result<(), Error> {
    let request = ReviewRequest {
        base: args.base.clone(),
        head: args.head.clone(),
        programs: args.programs.clone(),
        previous: args.previous,
        product: args.product.clone(),
        format: args.format,
        output: args.output.clone(),
        visual: args.visual.clone(),
        today: chrono::Local::now().date_naive(),
    };
    let review = review(root, &request)?;
    if let Some(text) = &review.printed {
        print!("{text}");
    }
    let pages = review.visual_pages.unwrap_or_default();
    for file in &review.written[..review.written.len() - pages] {
        note(Note::Wrote(file.display().to_string()));
    }
    eprintln!("{}", review.diff.text());
    if let (Some(pages), Some(dir)) = (review.visual_pages, &args.visual) {
        let dir = dir.display().to_string();
        note(Note::VisualPages { pages, dir });
    }
    if args.fail_on_change && !review.diff.is_empty() {
        return Err(Error::Changed);
    }
    Ok(())
}
