//! `tariffpress explain`: the worksheet of one premium.

use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::explain::{Format, worksheet};
use crate::messages::Localized;
use std::path::Path;

/// Prints the worksheet as text or JSON.
pub fn run(root: &Path, args: &ExplainArgs) -> Result<(), Error> {
    let catalog = crate::content::load(root)?;
    let sheet = worksheet(&catalog, &args.case.request(&args.program))?;
    match args.format {
        Format::Text => print!("{}", sheet.text()),
        Format::Json => println!("{}", sheet.json()),
    }
    Ok(())
}
