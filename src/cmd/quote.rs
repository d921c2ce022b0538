//! `tariffpress quote`: the premium of one facility with its worksheet
//! and, with `--pdf`, its お見積りシート (see `publish::quote_sheet`).

use crate::cli::QuoteArgs;
use crate::error::Error;
use crate::explain::{resolve, worksheet};
use crate::messages::{Localized, Note, note};
use crate::publish::output::write_atomic;
use std::path::Path;

/// Prints the worksheet and writes the sheet when asked to.
pub fn run(root: &Path, args: &QuoteArgs) -> Result<(), Error> {
    let catalog = crate::content::load(root)?;
    let request = args.case.request(&args.program);
    print!("{}", worksheet(&catalog, &request)?.text());
    let Some(file) = &args.pdf else {
        return Ok(());
    };
    let (program, case) = resolve(&catalog, &request)?;
    let today = chrono::Local::now().date_naive();
    let facility = args.facility.as_deref();
    let pdf = crate::publish::quote_sheet(root, &catalog, program, &case, facility, today)?;
    write_atomic(file, &pdf).map_err(|e| Error::io(file, e))?;
    note(Note::Wrote(file.display().to_string()));
    Ok(())
}
