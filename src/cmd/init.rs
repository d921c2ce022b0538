//! `tariffpress init` and `tariffpress new program`: a project, or a
//! program inside one, that builds at once.

use super::rates::unknown_program;
use super::{Failure, load};
use crate::build::output::write_atomic;
use crate::content::roll::rename;
use crate::scaffold::FILES;
use std::path::Path;

/// Writes a new project into `dir`, which must be empty or absent.
pub fn init(dir: &Path) -> Result<(), Failure> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(Failure::Usage(format!(
            "{} is not empty; init writes a new project into an empty or new folder",
            dir.display()
        )));
    }
    for (path, bytes) in FILES {
        write_atomic(&dir.join(path), bytes)
            .map_err(|e| Failure::Message(format!("{}: {e}", dir.join(path).display())))?;
    }
    println!(
        "created a tariffpress project in {} ({} files); next: cd there and run `tariffpress build`",
        dir.display(),
        FILES.len()
    );
    Ok(())
}

/// Writes `content/programs/<id>.yaml` as a copy of program `from` under
/// the new id.
pub fn new_program(root: &Path, id: &str, from: &str) -> Result<(), Failure> {
    check_id(id)?;
    let catalog = load(root)?;
    let source = catalog
        .program(from)
        .ok_or_else(|| unknown_program(&catalog, from))?;
    let file = source.file.with_file_name(format!("{id}.yaml"));
    if file.exists() || catalog.program(id).is_some() {
        return Err(Failure::Usage(format!(
            "program `{id}` already exists ({})",
            file.display()
        )));
    }
    let text = std::fs::read_to_string(&source.file)
        .map_err(|e| Failure::Message(format!("{}: {e}", source.file.display())))?;
    let text = rename(&text, &source.id, id).map_err(Failure::Message)?;
    write_atomic(&file, text.as_bytes())
        .map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
    println!(
        "created {} from {from}; edit it, then `tariffpress check` and `tariffpress build --only {id}`",
        file.display()
    );
    Ok(())
}

/// Ids name files and output folders: lower-case letters, digits and `-`.
fn check_id(id: &str) -> Result<(), Failure> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if valid {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "`{id}` cannot be a program id: use lower-case letters, digits and `-` (e.g. oita-2026)"
        )))
    }
}
