//! `tariffpress rates`: every premium of one program or of all, or the
//! premiums a built PDF carries.

use crate::cli::RatesArgs;
use crate::error::Error;
use std::path::Path;

/// Prints the premiums in the chosen format.
pub fn run(root: &Path, args: &RatesArgs) -> Result<(), Error> {
    let cells = match &args.from_pdf {
        Some(file) => crate::provenance::rates_from_pdf(file)?,
        None => crate::inspect::rates(root, args.program.as_deref())?,
    };
    print!("{}", crate::export::write(&cells, args.format));
    Ok(())
}
