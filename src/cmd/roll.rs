//! `tariffpress roll`: next policy year's program from this year's, with a
//! summary of every date that moved (see `create::roll_program`).

use crate::cli::RollArgs;
use crate::error::Error;
use crate::messages::Localized;
use std::path::Path;

/// Writes the new program and prints what moved.
pub fn run(root: &Path, args: &RollArgs) -> Result<(), Error> {
    let report = crate::create::roll_program(root, &args.program, args.shift(), args.force)?;
    print!("{}", report.text());
    Ok(())
}
