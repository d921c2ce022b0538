//! Reading one content file: size and encoding checks, the typed parse and
//! the field-position index, and a cache of both.
//!
//! A rebuild (`watch`, or the benchmark's one-rate change) reloads all
//! content, but usually one file changed; parsing is most of the load time,
//! so each file's last parse is kept and reused while its text is the same.

use super::diagnostic::Diagnostic;
use super::locate::Locations;
use super::problem::{Problem, Slip};
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// The largest content file accepted; real ones are a few kilobytes.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A parsed file with its position index.
pub(super) struct Parsed<T> {
    pub value: T,
    pub locations: Arc<Locations>,
}

/// The last successful parse of a file: the typed value and the index,
/// which keeps the exact text both were made from. One entry per path
/// bounds the memory.
struct Cached {
    value: Arc<dyn Any + Send + Sync>,
    locations: Arc<Locations>,
}

static CACHE: LazyLock<Mutex<HashMap<PathBuf, Cached>>> = LazyLock::new(Default::default);

/// Reads and deserializes one YAML file; an I/O, encoding or syntax
/// problem is returned with its position.
pub(super) fn parse<T>(file: &Path) -> Result<Parsed<T>, Diagnostic>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let text = read_text(file).map_err(|(problem, at)| {
        let mut diagnostic = whole_file(file, problem);
        (diagnostic.line, diagnostic.column) = at;
        diagnostic
    })?;
    if let Some(hit) = cached(file, &text) {
        return Ok(hit);
    }
    let value = with_main_thread_stack(|| serde_saphyr::from_str::<T>(&text))
        .map_err(|e| yaml_error(file, &e))?;
    // Positions are read from the text only if a problem needs one.
    let locations = Arc::new(Locations::index(text));
    let entry = Cached {
        value: Arc::new(value.clone()),
        locations: Arc::clone(&locations),
    };
    lock_cache().insert(file.to_path_buf(), entry);
    Ok(Parsed { value, locations })
}

/// The cached parse of `file` if it was made from exactly `text`.
fn cached<T: Clone + 'static>(file: &Path, text: &str) -> Option<Parsed<T>> {
    let cache = lock_cache();
    let hit = cache.get(file).filter(|c| c.locations.text() == text)?;
    Some(Parsed {
        value: hit.value.downcast_ref::<T>()?.clone(),
        locations: Arc::clone(&hit.locations),
    })
}

/// The cache holds plain data, so a panic elsewhere cannot leave it
/// inconsistent: a poisoned lock is still usable.
fn lock_cache() -> std::sync::MutexGuard<'static, HashMap<PathBuf, Cached>> {
    CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs a YAML parse with at least the stack a main thread has. The
/// parsers recurse once per nesting level (up to their depth limit), which
/// fits a main thread's 8 MiB but overflows a 2 MiB worker thread; there,
/// the parse gets a fresh stack segment.
pub(super) fn with_main_thread_stack<R>(parse: impl FnOnce() -> R) -> R {
    const ENOUGH: usize = 4 << 20;
    const MAIN_THREAD_STACK: usize = 8 << 20;
    stacker::maybe_grow(ENOUGH, MAIN_THREAD_STACK, parse)
}

/// The file's text without a byte-order mark, or the problem and where it
/// is (line and column; 0 for the whole file). Every content file, YAML or
/// CSV, is read through here, so the size and encoding rules are one.
pub(super) fn read_text(file: &Path) -> Result<String, (Problem, (u64, u64))> {
    let unreadable = |e: std::io::Error| {
        (
            Problem::CannotReadFile {
                error: e.to_string(),
            },
            (0, 0),
        )
    };
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if meta.len() > MAX_FILE_BYTES {
        let problem = Problem::FileTooLarge {
            bytes: meta.len(),
            max: MAX_FILE_BYTES,
        };
        return Err((problem, (0, 0)));
    }
    let bytes = std::fs::read(file).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        (Problem::NotUtf8, line_and_column(valid))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// The 1-based line and column (in characters) just after `valid`, the
/// valid UTF-8 text before the first bad byte: people find a position by
/// line and column, not by byte offset.
fn line_and_column(valid: &[u8]) -> (u64, u64) {
    let valid = std::str::from_utf8(valid).unwrap_or_default();
    let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
    let line = valid.matches('\n').count() as u64 + 1;
    let column = valid[line_start..].chars().count() as u64 + 1;
    (line, column)
}

/// A problem with the whole file (no position within it).
pub(super) fn whole_file(file: &Path, problem: Problem) -> Diagnostic {
    Diagnostic::whole_file(file, problem)
}

fn yaml_error(file: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    Diagnostic {
        file: file.to_path_buf(),
        line,
        column,
        path: String::new(),
        problem: Box::new(problem_of(e.without_snippet())),
    }
}

/// Renders parser messages without the parser's `at line …, column …`
/// tail: the `file:line:col` prefix already says where.
struct WithoutPosition;

impl serde_saphyr::Localizer for WithoutPosition {
    fn attach_location<'a>(
        &self,
        base: std::borrow::Cow<'a, str>,
        _: serde_saphyr::Location,
    ) -> std::borrow::Cow<'a, str> {
        base
    }
}

/// The parser's own English for `e`: its first line, without position.
fn parser_text(e: &serde_saphyr::Error) -> String {
    let formatter = serde_saphyr::DefaultMessageFormatter.with_localizer(&WithoutPosition);
    let text = e.render_with_formatter(&formatter);
    let first = text.lines().next().unwrap_or_default().trim();
    strip_position(first).to_string()
}

/// `text` without a trailing ` at line N, column M` (some parser texts
/// carry it in the message itself).
fn strip_position(text: &str) -> &str {
    let Some(at) = text.rfind(" at line ") else {
        return text;
    };
    let tail = &text[at + " at line ".len()..];
    let is_position = tail.split(", column ").count() == 2
        && tail
            .chars()
            .all(|c| c.is_ascii_digit() || ", column".contains(c));
    if is_position { &text[..at] } else { text }
}

/// The typed kind of a parser error. The deserializer's structured errors
/// (unknown and missing fields, unknown variants) map one to one; scanner
/// errors are plain text from the YAML parser, classified here once into the
/// slips a person makes, each with a hint.
fn problem_of(e: &serde_saphyr::Error) -> Problem {
    use serde_saphyr::Error as E;
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match e {
        E::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownField {
            field: field.clone(),
            expected: strings(expected),
        },
        E::SerdeMissingField { field, .. } => Problem::MissingField {
            field: field.to_string(),
        },
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => Problem::UnknownVariant {
            variant: variant.clone(),
            expected: strings(expected),
        },
        E::Message { msg, .. } => {
            super::raw::date_problem(msg).unwrap_or_else(|| Problem::Parser {
                parser: parser_text(e),
            })
        }
        E::AliasError { error, .. } => problem_of(error),
        E::ExternalMessage { .. } => {
            let parser = parser_text(e);
            Problem::Syntax {
                slip: slip_of(&parser),
                parser,
            }
        }
        _ => Problem::Parser {
            parser: parser_text(e),
        },
    }
}

/// The slip a scanner message describes, by the parser's wording.
fn slip_of(parser: &str) -> Option<Slip> {
    let has = |words: &[&str]| words.iter().any(|w| parser.contains(w));
    if has(&["tab"]) {
        Some(Slip::Tab)
    } else if has(&["expected ':'", "could not find expected ':'"]) {
        Some(Slip::MissingColon)
    } else if has(&["quote", "quoted scalar"]) {
        Some(Slip::UnclosedQuote)
    } else if has(&[
        "unclosed delimiter",
        "flow mapping",
        "flow sequence",
        "expected ',' or ']'",
        "expected ',' or '}'",
    ]) {
        Some(Slip::UnclosedBracket)
    } else if has(&[
        "indent",
        "did not find expected '-' indicator",
        "mapping values are not allowed",
        "did not find expected key",
    ]) {
        Some(Slip::Indentation)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Clone, Debug, Deserialize, PartialEq)]
    struct Doc {
        rate: u32,
    }

    #[test]
    fn a_changed_file_is_parsed_again_and_an_unchanged_one_reused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.yaml");
        std::fs::write(&file, "rate: 1\n").unwrap();
        let first = parse::<Doc>(&file).unwrap();
        let again = parse::<Doc>(&file).unwrap();
        assert_eq!(again.value, Doc { rate: 1 });
        assert!(Arc::ptr_eq(&first.locations, &again.locations), "reused");
        std::fs::write(&file, "rate: 2\n").unwrap();
        let changed = parse::<Doc>(&file).unwrap();
        assert_eq!(changed.value, Doc { rate: 2 });
        assert!(!Arc::ptr_eq(&first.locations, &changed.locations));
    }

    #[test]
    fn an_error_is_reported_every_time_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.yaml");
        std::fs::write(&file, "rate: x\n").unwrap();
        for _ in 0..2 {
            let problem = parse::<Doc>(&file).err().unwrap();
            assert_eq!((problem.line, problem.column), (1, 7));
            assert!(!problem.problem.en().contains("at line"), "{problem}");
        }
    }

    #[test]
    fn a_bad_byte_is_located_by_line_and_column() {
        assert_eq!(line_and_column(b""), (1, 1));
        assert_eq!(line_and_column("a: 1\nb: é".as_bytes()), (2, 5));
    }

    #[test]
    fn the_parsers_position_tail_is_stripped() {
        assert_eq!(
            strip_position("invalid u16 at line 2, column 9"),
            "invalid u16"
        );
        assert_eq!(strip_position("at line of sight"), "at line of sight");
    }

    #[test]
    fn deep_nesting_on_a_small_worker_stack_is_an_error_not_an_overflow() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("doc.yaml");
        let deep = format!("rate: {}1{}\n", "[".repeat(200), "]".repeat(200));
        std::fs::write(&file, deep).unwrap();
        let worker = std::thread::Builder::new().stack_size(2 << 20);
        let outcome = worker.spawn(move || parse::<Doc>(&file).is_err()).unwrap();
        assert!(outcome.join().unwrap(), "a parse error, and no overflow");
    }
}
