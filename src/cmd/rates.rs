//! `tariffpress rates`: every premium of one program or of all, or the
//! premiums a built PDF carries; printed, or written to `--output`.

use crate::cli::RatesArgs;
use crate::error::Error;
use crate::messages::{Note, note};
use crate::publish::{RatesOutput, RatesRequest, rates};
use std::path::Path;

/// Prints the premiums in the chosen format, or says which file it wrote.
pub fn run(root: &Path, args: &RatesArgs) -> Result<(), Error> {
    let request = RatesRequest {
        program: args.program.clone(),
        from_pdf: args.from_pdf.clone(),
        format: args.format,
        output: args.output.clone(),
    };
    match rates(root, &request)? {
        RatesOutput::Printed(text) => print!("{text}"),
        RatesOutput::Written(file) => note(Note::Wrote(file.display().to_string())),
    }
    Ok(())
}
