//! Reading one content file: size and encoding checks, the typed parse and
//! the field-position index, and a cache of both.
//!
//! A rebuild (`watch`, or the benchmark's one-rate change) reloads all
//! content, but usually one file changed; parsing is most of the load time,
//! so each file's last parse is kept and reused while its text is the same.

use super::diagnostic::Diagnostic;
use super::locate::Locations;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// The largest content file accepted; real ones are a few kilobytes.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A parsed file with its position index.
pub struct Parsed<T> {
    pub value: T,
    pub locations: Arc<Locations>,
}

/// The last successful parse of a file: the exact text it was made from,
/// the typed value and the index. One entry per path bounds the memory.
struct Cached {
    text: String,
    value: Arc<dyn Any + Send + Sync>,
    locations: Arc<Locations>,
}

static CACHE: LazyLock<Mutex<HashMap<PathBuf, Cached>>> = LazyLock::new(Default::default);

/// Reads and deserializes one YAML file; an I/O, encoding or syntax
/// problem is returned with its position.
pub fn parse<T>(file: &Path) -> Result<Parsed<T>, Diagnostic>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let text = read_text(file).map_err(|message| whole_file(file, message))?;
    if let Some(hit) = cached(file, &text) {
        return Ok(hit);
    }
    // The typed value and the position index are two reads of the same
    // text, so they run side by side.
    let (value, locations) = rayon::join(
        || with_main_thread_stack(|| serde_saphyr::from_str::<T>(&text)),
        || with_main_thread_stack(|| Locations::index(&text)),
    );
    let value = value.map_err(|e| yaml_error(file, &e))?;
    let locations = Arc::new(locations);
    let entry = Cached {
        text,
        value: Arc::new(value.clone()),
        locations: Arc::clone(&locations),
    };
    lock_cache().insert(file.to_path_buf(), entry);
    Ok(Parsed { value, locations })
}

/// The cached parse of `file` if it was made from exactly `text`.
fn cached<T: Clone + 'static>(file: &Path, text: &str) -> Option<Parsed<T>> {
    let cache = lock_cache();
    let hit = cache.get(file).filter(|c| c.text == text)?;
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
fn with_main_thread_stack<R>(parse: impl FnOnce() -> R) -> R {
    const ENOUGH: usize = 4 << 20;
    const MAIN_THREAD_STACK: usize = 8 << 20;
    stacker::maybe_grow(ENOUGH, MAIN_THREAD_STACK, parse)
}

fn read_text(file: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes; content files may be at most {MAX_FILE_BYTES} bytes",
            meta.len()
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read the file: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// A problem with the whole file (no position within it).
pub fn whole_file(file: &Path, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_path_buf(),
        line: 0,
        column: 0,
        path: String::new(),
        message,
    }
}

fn yaml_error(file: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let message = e.without_snippet().to_string();
    let message = message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    Diagnostic {
        file: file.to_path_buf(),
        line,
        column,
        path: String::new(),
        message,
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
        }
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
