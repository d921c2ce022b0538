//! `diff`: the premiums of two states compared cell by cell, written as
//! Markdown, CSV, a 新旧対照表 PDF or an Excel workbook, and on request
//! every changed page drawn old beside new.

use super::output::write_atomic;
use super::sources::{Side, both_sides, checkout};
use super::visual::changed_pages;
use crate::diff::report::{self, Labels, Sides};
use crate::diff::{Format, RateDiff, compare};
use crate::error::{DiffSides, Error, Usage};
use std::path::{Path, PathBuf};

/// What to compare and how to write it.
#[derive(Clone, Debug)]
pub struct ReviewRequest {
    /// Git revision, folder, PDF or tariff file.
    pub base: String,
    /// Folder, PDF or tariff file; `None` is the project's working tree.
    pub head: Option<String>,
    /// The product of two tariff files outside the content folders.
    pub product: Option<String>,
    /// How to write the diff.
    pub format: Format,
    /// Where to write it (`None`: standard output, or
    /// `output/rate-diff.pdf` for a PDF).
    pub output: Option<PathBuf>,
    /// Where to write changed pages side by side, if anywhere.
    pub visual: Option<PathBuf>,
    /// The date a PDF report or workbook carries (unless
    /// `SOURCE_DATE_EPOCH` is set).
    pub today: chrono::NaiveDate,
}

/// What a review found and wrote.
pub struct Review {
    /// Every changed, added and removed figure.
    pub diff: RateDiff,
    /// Markdown or CSV for standard output, when no file was asked for.
    pub printed: Option<String>,
    /// Files written (the report, then changed pages).
    pub written: Vec<PathBuf>,
    /// How many changed pages were drawn (with `visual`).
    pub visual_pages: Option<usize>,
}

/// Compares the two sides `request` names in the project at `root`.
pub fn review(root: &Path, request: &ReviewRequest) -> Result<Review, Error> {
    if request.format == Format::Xlsx && request.output.is_none() {
        return Err(Usage::XlsxNeedsOutput.into());
    }
    let base = Side::parse(&request.base);
    let head = request
        .head
        .as_deref()
        .map_or_else(|| Side::Tree(root.to_path_buf()), Side::parse);
    let (old, new) = both_sides(root, &base, &head, request.product.as_deref())?;
    let diff = compare(&old, &new);
    let sides = Sides {
        base: base.label(),
        head: match request.head {
            Some(_) => head.label(),
            None => "working tree".to_string(),
        },
    };
    // Names for the PDF and Markdown come from the project when it loads.
    let labels =
        crate::content::load(root).map_or_else(|_| Labels::default(), |c| Labels::from_catalog(&c));
    let bytes = match request.format {
        Format::Md => report::markdown(&diff, &sides, &labels).into_bytes(),
        Format::Csv => report::csv(&diff).into_bytes(),
        Format::Pdf => super::diff_report(root, &diff, &sides, &labels, request.today)?,
        Format::Xlsx => {
            let created = super::source_date(request.today)?;
            crate::diff::xlsx::workbook_bytes(&diff, &sides, &labels, created)?
        }
    };
    let mut written = Vec::new();
    let mut printed = None;
    match (&request.output, request.format) {
        (Some(file), _) => written.push(save(file, &bytes)?),
        (None, Format::Pdf) => {
            written.push(save(&root.join("output").join("rate-diff.pdf"), &bytes)?);
        }
        (None, _) => printed = Some(String::from_utf8_lossy(&bytes).into_owned()),
    }
    let mut visual_pages = None;
    if let Some(dir) = &request.visual {
        let pages = visual(root, &base, &head)?;
        visual_pages = Some(pages.len());
        for page in pages {
            written.push(save(&dir.join(&page.file), &page.png)?);
        }
    }
    Ok(Review {
        diff,
        printed,
        written,
        visual_pages,
    })
}

/// The changed pages of two project states: a folder or git revision
/// against a folder.
fn visual(root: &Path, base: &Side, head: &Side) -> Result<Vec<super::visual::ChangedPage>, Error> {
    let not_projects = || Error::Usage(Usage::DiffSides(DiffSides::VisualNeedsProjects));
    let Side::Tree(head_root) = head else {
        return Err(not_projects());
    };
    let checkout_dir;
    let base_root = match base {
        Side::Tree(folder) => folder.as_path(),
        Side::Revision(rev) => {
            checkout_dir = checkout(root, rev, &["content", "templates", "fonts"])?;
            checkout_dir.path()
        }
        _ => return Err(not_projects()),
    };
    changed_pages(base_root, head_root)
}

fn save(file: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    write_atomic(file, bytes).map_err(|e| Error::io(file, e))?;
    Ok(file.to_path_buf())
}
