//! One short module per subcommand: load the project, call the library,
//! print.

pub mod build;
pub mod check;
pub mod context;
pub mod diff;
pub mod explain;
pub mod init;
pub mod progress;
pub mod quote;
pub mod rates;
pub mod roll;
pub mod schema;
pub mod watch;

use crate::content::{self, Diagnostic, model::Catalog};
use std::path::Path;

/// Why a command failed, which decides the exit code.
#[derive(Debug)]
pub enum Failure {
    /// Content problems: exit 1.
    Content(Vec<Diagnostic>),
    /// Any other error the user can act on: exit 1.
    Message(String),
    /// The command line names something that does not exist: exit 2.
    Usage(String),
    /// `diff --fail-on-change` found changes: exit 3.
    Changed(String),
}

/// Loads the content under `root` or fails with every problem found.
pub fn load(root: &Path) -> Result<Catalog, Failure> {
    content::load(root).map_err(Failure::Content)
}

/// Prints a failure for the user, in their language, and returns its exit
/// code.
pub fn report(failure: &Failure) -> u8 {
    use crate::messages;
    match failure {
        Failure::Content(diags) => {
            for d in diags {
                eprintln!("{}", messages::diagnostic(d));
            }
            eprintln!("{}", messages::problems_found(diags.len()));
            1
        }
        Failure::Message(message) => {
            eprintln!("{}", messages::error(message));
            1
        }
        Failure::Usage(message) => {
            eprintln!("{}", messages::error(message));
            2
        }
        Failure::Changed(message) => {
            eprintln!("{message}");
            3
        }
    }
}
