//! `tariffpress init` and `tariffpress new program`: a project, or a
//! program inside one, that builds at once (see `create`).

use crate::cli::NewCommand;
use crate::error::Error;
use crate::messages::{Note, note};
use std::path::Path;

/// Writes a new project into `dir`.
pub fn init(dir: &Path) -> Result<(), Error> {
    let files = crate::create::init(dir)?;
    let dir = dir.display().to_string();
    note(Note::CreatedProject { dir, files });
    Ok(())
}

/// Adds what `new` names.
pub fn new(root: &Path, command: &NewCommand) -> Result<(), Error> {
    let NewCommand::Program { id, from } = command;
    let file = crate::create::new_program(root, id, from)?;
    let file = file.display().to_string();
    let (from, id) = (from.clone(), id.clone());
    note(Note::CreatedProgram { file, from, id });
    Ok(())
}
