//! One short adapter per subcommand: clap arguments → the library's
//! request → one library call → print. No command calls another, and no
//! library logic lives here.

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
pub mod serve;
pub mod watch;

use crate::error::Error;
use crate::messages::{self, Localized, lang};

/// Prints a failure for the user, in their language, and returns its exit
/// code: every content problem on its own line, then the summary line.
pub fn report(error: &Error) -> u8 {
    if let Error::Content(diags) = error {
        for d in diags {
            eprintln!("{}", d.text());
        }
        eprintln!("{}", error.text());
    } else if matches!(error, Error::Changed) {
        eprintln!("{}", error.text());
    } else {
        eprintln!("{}", messages::error_line(&error.text(), lang()));
    }
    error.exit_code()
}
