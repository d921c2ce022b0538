//! `tariffpress serve`: the live preview in the browser (see `serve`).

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::messages::lang;
use std::path::Path;

/// Serves until interrupted.
pub fn run(root: &Path, args: &ServeArgs) -> Result<(), Error> {
    crate::serve::serve(root, &args.options(lang()))
}
