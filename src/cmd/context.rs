//! `tariffpress context`: the data a document template reads, as JSON, so
//! that the plain `typst` CLI can render the same document.

use crate::cli::ContextArgs;
use crate::error::Error;
use std::path::Path;

/// Prints the document's `/data.json`.
pub fn run(root: &Path, args: &ContextArgs) -> Result<(), Error> {
    let document = crate::inspect::document(root, &args.program, &args.document)?;
    let json = serde_json::to_string_pretty(&document.data).unwrap_or_default();
    println!("{json}");
    Ok(())
}
