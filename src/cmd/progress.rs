//! Progress of a multi-document build: a bar on a terminal, one line per
//! document with `--verbose`, and nothing but the final summary otherwise
//! (CI logs stay one line long).

use crate::messages::{Note, note};
use crate::publish::{Artifact, Observer};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Duration;

/// How a build shows its progress; the kind is chosen when typesetting
/// starts, once the number of documents is known.
pub struct Progress {
    verbose: bool,
    bar: OnceLock<Option<ProgressBar>>,
}

impl Progress {
    /// Lines with `verbose`, else a bar on a terminal, else silence.
    pub fn new(verbose: bool) -> Self {
        Self {
            verbose,
            bar: OnceLock::new(),
        }
    }
}

impl Observer for Progress {
    fn started(&self, total: usize) {
        if self.verbose {
            note(Note::Typesetting(total));
            return;
        }
        let _ = self
            .bar
            .set((total > 1 && std::io::stderr().is_terminal()).then(|| {
                let bar = ProgressBar::new(total as u64);
                let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }));
    }

    fn done(&self, name: &str, pdf: &Artifact, took: Duration) {
        if self.verbose {
            note(Note::Typeset {
                name: name.to_string(),
                pages: pdf.pages.unwrap_or_default(),
                kilobytes: pdf.bytes.len() / 1024,
                millis: took.as_millis(),
            });
        } else if let Some(Some(bar)) = self.bar.get() {
            bar.set_message(format!("{name}.pdf"));
            bar.inc(1);
        }
    }

    fn finished(&self) {
        if let Some(Some(bar)) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
