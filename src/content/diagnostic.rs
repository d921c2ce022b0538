//! Located content problems, collected so that one run reports all of them.

use super::problem::Problem;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One problem in the content: where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The content file the problem is in, as the loader walked to it.
    pub file: PathBuf,
    /// 1-based line and column; 0 when the problem concerns the whole file.
    pub line: u64,
    /// 1-based column in characters on `line`; 0 for the whole file.
    pub column: u64,
    /// The field path inside the file, e.g. `tables[1].sizes[2]`.
    pub path: String,
    /// What is wrong, rendered in either language from its kind (boxed so
    /// that results carrying a diagnostic stay small).
    pub problem: Box<Problem>,
}

impl Diagnostic {
    /// A problem with the whole file (no position within it).
    pub fn whole_file(file: &Path, problem: Problem) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            path: String::new(),
            problem: Box::new(problem),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        f.write_str(": error")?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.problem.en())
    }
}

impl crate::messages::Localized for Diagnostic {
    /// The problem as one line: `file:line:col: error at `path`: …`, or
    /// `file:line:col: エラー（項目 `path`）: …`.
    fn localized(&self, lang: crate::messages::Lang) -> String {
        use crate::messages::Lang;
        let mut out = self.file.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}:{}", self.line, self.column));
        }
        match (lang, self.path.is_empty()) {
            (Lang::En, _) => return self.to_string(),
            (Lang::Ja, true) => out.push_str(": エラー"),
            (Lang::Ja, false) => out.push_str(&format!(": エラー（項目 `{}`）", self.path)),
        }
        out.push_str(&format!(": {}", self.problem.localized(Lang::Ja)));
        out
    }
}

/// Where a value was written, kept with values that are checked later
/// (prose is rendered only when a document is built).
#[derive(Clone, Debug)]
pub struct Source {
    /// The content file the value was read from.
    pub file: PathBuf,
    /// The value's field path inside the file, e.g. `sections[0].blocks[2]`.
    pub path: String,
    at: At,
}

/// A source's line and column: given, or looked up in the file's index
/// when a problem asks for them (see [`super::locate`]).
#[derive(Clone, Debug)]
enum At {
    Known { line: u64, column: u64 },
    Indexed(Arc<super::locate::Locations>),
}

impl Source {
    /// The value at `path` of `file`, written at `line` and `column`.
    pub fn new(file: PathBuf, line: u64, column: u64, path: String) -> Self {
        Self {
            file,
            path,
            at: At::Known { line, column },
        }
    }

    /// 1-based line and column (in characters) where the value starts, or
    /// where its nearest located ancestor does.
    pub fn position(&self) -> (u64, u64) {
        match &self.at {
            At::Known { line, column } => (*line, *column),
            At::Indexed(locations) => locations.find(&self.path),
        }
    }

    /// A diagnostic at this place, `line_offset` lines further down (for
    /// errors inside a multi-line value).
    pub fn diagnostic(&self, line_offset: u64, problem: Problem) -> Diagnostic {
        let (line, column) = self.position();
        Diagnostic {
            file: self.file.clone(),
            line: line + line_offset,
            column: if line_offset == 0 { column } else { 1 },
            path: self.path.clone(),
            problem: Box::new(problem),
        }
    }
}

impl Source {
    /// A diagnostic at the first place, from this value on, where `needle`
    /// is written in the file. Folded YAML blocks (`>-`) lose their line
    /// breaks before prose is rendered, so a position inside the value can
    /// only come from the file itself; `fallback_offset` lines down is used
    /// when the text is not found.
    pub fn diagnostic_at_text(
        &self,
        needle: &str,
        fallback_offset: u64,
        problem: Problem,
    ) -> Diagnostic {
        let mut diagnostic = self.diagnostic(fallback_offset, problem);
        if let Some((line, column)) = self.find_in_file(needle) {
            diagnostic.line = line;
            diagnostic.column = column;
        }
        diagnostic
    }

    /// Line and column (1-based, in characters) of `needle` within the
    /// lines a value can span from its start.
    fn find_in_file(&self, needle: &str) -> Option<(u64, u64)> {
        /// Longer prose values are split into several fields in practice.
        const MAX_VALUE_LINES: usize = 80;
        if needle.is_empty() {
            return None;
        }
        let text = std::fs::read_to_string(&self.file).ok()?;
        let first = usize::try_from(self.position().0.checked_sub(1)?).ok()?;
        text.lines()
            .enumerate()
            .skip(first)
            .take(MAX_VALUE_LINES)
            .find_map(|(i, line)| {
                let byte = line.find(needle)?;
                Some((i as u64 + 1, line[..byte].chars().count() as u64 + 1))
            })
    }
}

/// Collects diagnostics for one file, resolving field paths to positions.
pub(super) struct FileReport<'a> {
    file: &'a Path,
    locations: &'a Arc<super::locate::Locations>,
    out: &'a mut Vec<Diagnostic>,
    /// `content/assets/`, where the file's pictures are looked up; `None`
    /// for files read outside a project (a tariff compared by `diff`).
    assets: Option<&'a Path>,
}

impl<'a> FileReport<'a> {
    pub(super) fn new(
        file: &'a Path,
        locations: &'a Arc<super::locate::Locations>,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            file,
            locations,
            out,
            assets: None,
        }
    }

    /// The report of a file whose pictures lie in `assets`.
    pub(super) fn with_assets(mut self, assets: &'a Path) -> Self {
        self.assets = Some(assets);
        self
    }

    /// Reads and checks the asset `file` written at `path`; a problem is
    /// reported there and a stand-in returned.
    pub(super) fn asset(&mut self, path: &str, file: &str) -> super::asset::Asset {
        let loaded = match self.assets {
            Some(assets) => super::asset::load(assets, file),
            None => Err(super::AssetIssue::Missing),
        };
        loaded.unwrap_or_else(|issue| {
            self.error(
                path,
                Problem::Asset {
                    file: file.to_string(),
                    issue,
                },
            );
            super::asset::Asset::failed(file)
        })
    }

    /// Where `path` is: the file, and the position of the path or its
    /// nearest recorded ancestor.
    pub(super) fn source(&self, path: &str) -> Source {
        Source {
            file: self.file.to_path_buf(),
            path: path.to_string(),
            at: At::Indexed(Arc::clone(self.locations)),
        }
    }

    /// Records a problem at `path`, located at the nearest recorded ancestor.
    pub(super) fn error(&mut self, path: &str, problem: Problem) {
        let (line, column) = self.locations.find(path);
        self.out.push(Diagnostic {
            file: self.file.to_path_buf(),
            line,
            column,
            path: path.to_string(),
            problem: Box::new(problem),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_position_path_and_message() {
        let d = Diagnostic {
            file: PathBuf::from("content/programs/x.yaml"),
            line: 3,
            column: 5,
            path: "discounts.group".into(),
            problem: Box::new(Problem::RateOutOfRange {
                rate: rust_decimal::Decimal::new(15, 1),
            }),
        };
        assert_eq!(
            d.to_string(),
            "content/programs/x.yaml:3:5: error at `discounts.group`: expected a rate from 0 up to but not including 1 (0.2 for 20%), got 1.5"
        );
    }
}
