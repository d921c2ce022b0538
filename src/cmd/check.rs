//! `tariffpress check`: validate everything, write nothing.

use crate::error::Error;
use crate::messages::note;
use std::path::Path;

/// Checks the project and prints the counts.
pub fn run(root: &Path) -> Result<(), Error> {
    note(crate::inspect::check(root)?);
    Ok(())
}
