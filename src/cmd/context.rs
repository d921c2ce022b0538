//! `tariffpress context`: the data a document template reads, as JSON, so
//! that the plain `typst` CLI can render the same document; with
//! `--members`, the data of every member's sheet of a roster.

use crate::cli::ContextArgs;
use crate::error::{Error, Usage};
use crate::explain::find_program;
use crate::messages::{Note, note};
use crate::publish::MembersRequest;
use crate::publish::output::write_atomic;
use std::path::Path;

/// Prints the document's `/data.json`, or writes every member's.
pub fn run(root: &Path, args: &ContextArgs) -> Result<(), Error> {
    if let (Some(file), Some(dir)) = (&args.members, &args.output) {
        return members(root, args, file, dir);
    }
    let document = args.document.as_deref().ok_or(Usage::NoDocument)?;
    let document = crate::inspect::document(root, &args.program, document)?;
    let json = serde_json::to_string_pretty(&document.data).unwrap_or_default();
    println!("{json}");
    Ok(())
}

/// Writes `<member_id>.json` and `<member_id>.rates.json` into `dir` for
/// every member with a sheet, exactly as `quote --members` typesets them.
fn members(root: &Path, args: &ContextArgs, file: &Path, dir: &Path) -> Result<(), Error> {
    let catalog = crate::content::load(root)?;
    let program = find_program(&catalog, &args.program)?;
    let roster = crate::roster::read(file, catalog.product_of(program), args.kind.purpose());
    let request = MembersRequest {
        program,
        roster: &roster,
        kind: args.kind,
        output: dir.to_path_buf(),
        merge: false,
        skip_invalid: false,
        issued: chrono::Local::now().date_naive(),
    };
    let contexts = crate::publish::member_contexts(&catalog, &request)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for context in &contexts {
        for (name, bytes) in [
            (format!("{}.json", context.id), &context.data),
            (format!("{}.rates.json", context.id), &context.rates),
        ] {
            let path = dir.join(name);
            write_atomic(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
    }
    note(Note::WroteMemberContexts {
        members: contexts.len(),
        dir: dir.display().to_string(),
    });
    Ok(())
}
