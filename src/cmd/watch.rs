//! `tariffpress watch`: build, then rebuild on every change; failures are
//! printed and watching goes on (see `publish::watch`).

use super::build::print_summary;
use super::progress::Progress;
use crate::cli::WatchArgs;
use crate::error::Error;
use crate::messages::{Note, note};
use crate::publish::{WatchEvent, watch};
use std::path::Path;

/// Watches until interrupted.
pub fn run(root: &Path, args: &WatchArgs) -> Result<(), Error> {
    let progress = Progress::new(args.verbose);
    watch(root, &args.options(), &progress, |event| match event {
        WatchEvent::Built(report) => print_summary(&report),
        WatchEvent::Failed(error) => {
            super::report(&error);
            note(Note::StillWatching);
        }
        WatchEvent::Watching => note(Note::Watching),
        WatchEvent::Changed(names) => note(Note::FilesChanged(names)),
    })
}
