//! `tariffpress context`: the data a document template reads, as JSON, so
//! that the plain `typst` CLI can render the same document.

use super::rates::unknown_program;
use super::{Failure, load};
use crate::document::{prepare_program, prose};
use std::path::Path;

pub fn run(root: &Path, program: &str, document: &str) -> Result<(), Failure> {
    let catalog = load(root)?;
    let program = catalog
        .program(program)
        .ok_or_else(|| unknown_program(&catalog, program))?;
    let env = prose::environment();
    let prepared = prepare_program(&catalog, program, &env).map_err(Failure::Content)?;
    let names: Vec<&str> = prepared.iter().map(|d| d.kind.name()).collect();
    let found = prepared
        .iter()
        .find(|d| d.kind.name() == document)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "program `{}` builds no document `{document}`; it builds: {}",
                program.id,
                names.join(", ")
            ))
        })?;
    println!(
        "{}",
        serde_json::to_string_pretty(&found.data).unwrap_or_default()
    );
    Ok(())
}
