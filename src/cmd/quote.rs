//! `tariffpress quote`: the premium of one facility with its worksheet
//! and, with `--pdf`, its お見積りシート (see `publish::quote_sheet`); with
//! `--members`, every member of a roster (see `publish::members`).

use super::progress::Progress;
use crate::cli::QuoteArgs;
use crate::error::{Error, Usage};
use crate::explain::{find_program, resolve, worksheet};
use crate::messages::{Localized, Note, note};
use crate::publish::MembersRequest;
use crate::publish::output::write_atomic;
use std::path::Path;

/// Prints the worksheet and writes the sheet when asked to.
pub fn run(root: &Path, args: &QuoteArgs) -> Result<(), Error> {
    let catalog = crate::content::load(root)?;
    let today = chrono::Local::now().date_naive();
    if let Some(file) = &args.members {
        let program = find_program(&catalog, &args.program)?;
        let roster = crate::roster::read(file, catalog.product_of(program), args.kind.purpose());
        let output = args
            .output
            .clone()
            .unwrap_or_else(|| root.join("output").join(&program.id).join("members"));
        let request = MembersRequest {
            program,
            roster: &roster,
            kind: args.kind,
            output,
            merge: args.merge,
            skip_invalid: args.skip_invalid,
            issued: today,
        };
        let report = crate::publish::members(root, &catalog, &request, &Progress::new(false))?;
        eprintln!("{}", report.text());
        return Ok(());
    }
    let case = args.case.as_ref().ok_or(Usage::NoCase)?;
    let request = case.request(&args.program);
    print!("{}", worksheet(&catalog, &request)?.text());
    let Some(file) = &args.pdf else {
        return Ok(());
    };
    let (program, case) = resolve(&catalog, &request)?;
    let facility = args.facility.as_deref();
    let pdf = crate::publish::quote_sheet(root, &catalog, program, &case, facility, today)?;
    write_atomic(file, &pdf).map_err(|e| Error::io(file, e))?;
    note(Note::Wrote(file.display().to_string()));
    Ok(())
}
