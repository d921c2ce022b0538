//! `tariffpress schema`: prints or writes the JSON Schemas that
//! [`crate::schema`] generates (content files and template data).

use crate::error::Error;
use crate::messages::{Note, note};
use crate::schema::{Kind, printed, write};
use std::path::Path;

/// Prints the schema of `kind` (all kinds keyed by name without one), or
/// writes `<kind>.schema.json` files into `output`.
pub fn run(kind: Option<Kind>, output: Option<&Path>) -> Result<(), Error> {
    match output {
        Some(dir) => {
            for file in write(kind, dir)? {
                note(Note::Wrote(file.display().to_string()));
            }
        }
        None => print!("{}", printed(kind)),
    }
    Ok(())
}
