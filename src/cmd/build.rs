//! `tariffpress build`: every program's documents as verified PDFs plus
//! their rate exports (see `publish::build`).

use super::progress::Progress;
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::messages::{Note, note};
use crate::publish::BuildReport;
use std::path::Path;

/// Runs one build and prints its summary.
pub fn run(root: &Path, args: &BuildArgs) -> Result<(), Error> {
    let progress = Progress::new(args.verbose);
    let report = crate::publish::build(root, &args.options(), &mut None, &progress)?;
    print_summary(&report);
    Ok(())
}

/// The lines a finished build prints (shared with `watch`).
pub fn print_summary(report: &BuildReport) {
    if report.removed_temporaries > 0 {
        note(Note::RemovedTemporaries(report.removed_temporaries));
    }
    for path in &report.removed_documents {
        note(Note::RemovedDocument(path.clone()));
    }
    for path in &report.removed_exports {
        note(Note::RemovedExport(path.clone()));
    }
    note(Note::Built {
        built: report.built,
        current: report.current,
        written: report.written,
        seconds: report.took.as_secs_f64(),
        output: report.output.display().to_string(),
    });
}
