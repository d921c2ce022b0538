//! Progress of a multi-document build: a bar on a terminal, one line per
//! document with `--verbose`, and nothing but the final summary otherwise
//! (CI logs stay one line long).

use crate::build::Artifact;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

pub enum Progress {
    Bar(ProgressBar),
    Lines,
    Quiet,
}

impl Progress {
    /// The right kind for `total` documents on this stderr.
    pub fn new(total: usize, verbose: bool) -> Self {
        if verbose {
            eprintln!("typesetting {total} documents");
            Progress::Lines
        } else if total > 1 && std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            Progress::Bar(bar)
        } else {
            Progress::Quiet
        }
    }

    /// One document is done.
    pub fn done(&self, name: &str, pdf: &Artifact, took: Duration) {
        match self {
            Progress::Bar(bar) => {
                bar.set_message(format!("{name}.pdf"));
                bar.inc(1);
            }
            Progress::Lines => eprintln!(
                "  {name}.pdf: {} pages, {} KB, {} ms",
                pdf.pages.unwrap_or_default(),
                pdf.bytes.len() / 1024,
                took.as_millis()
            ),
            Progress::Quiet => {}
        }
    }

    /// Removes the bar before the summary is printed.
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
