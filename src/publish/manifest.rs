//! The incremental-build manifest: `output/.tariffpress-manifest.json`
//! records, per PDF, a hash of everything the PDF was made from and a hash
//! of the PDF itself. A document is rebuilt only when its inputs changed or
//! its file is missing or altered.
//!
//! A document's inputs are its data and rates (which hold every figure and
//! word it prints), its date, the template and font files, and the tool
//! version. Templates and fonts are hashed as a whole because templates
//! import each other; a template edit rebuilds every document, which is
//! what a style change needs anyway.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name inside the output folder.
pub const FILE_NAME: &str = ".tariffpress-manifest.json";

/// The record of the last build: what each PDF was made from, so that
/// the next build typesets only what changed.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Per PDF path relative to the output folder (`program/document.pdf`).
    documents: BTreeMap<String, Entry>,
    /// The hashes of the shared files (templates, fonts), see
    /// [`project_fingerprint`].
    #[serde(default, skip_serializing_if = "Stamps::is_empty")]
    files: Stamps,
    /// Per rate export written (`program/rates.csv`, `program/rates.json`),
    /// the hash of its bytes: the exports of a program the content no
    /// longer has are removed like its PDFs, and only while unaltered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    exports: BTreeMap<String, String>,
}

/// One PDF's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Hash of the document's inputs.
    pub inputs: String,
    /// Hash of the PDF written.
    pub output: String,
    /// Whether page previews (PNG) were written with it.
    #[serde(default)]
    pub previews: bool,
}

impl Manifest {
    /// The manifest in `output`, or an empty one when there is none or it
    /// cannot be read (then everything is rebuilt, which is always safe).
    pub fn read(output: &Path) -> Manifest {
        std::fs::read(output.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Whether the PDF at `path` (relative to `output`) is the one built
    /// from `inputs` and is still there unaltered.
    pub fn is_current(&self, output: &Path, path: &str, inputs: &str, previews: bool) -> bool {
        let Some(entry) = self.documents.get(path) else {
            return false;
        };
        entry.inputs == inputs && (entry.previews || !previews) && entry.wrote(&output.join(path))
    }

    /// Records what `path` was built from and the hash of what was written.
    pub fn record(&mut self, path: String, entry: Entry) {
        self.documents.insert(path, entry);
    }

    /// Forgets the documents recorded under `scope` (a program's folder,
    /// or the whole output when `None`) that `planned` no longer lists,
    /// and returns their paths with what was recorded of them.
    pub fn retire(&mut self, planned: &[&str], scope: Option<&str>) -> Vec<(String, Entry)> {
        extract_retired(&mut self.documents, planned, scope)
    }

    /// Records that the rate export at `path` holds `bytes`.
    pub fn record_export(&mut self, path: String, bytes: &[u8]) {
        self.exports.insert(path, hash_bytes(bytes));
    }

    /// Forgets the rate exports recorded under `scope` that this build did
    /// not write (`written`), and returns their paths with their hashes.
    pub fn retire_exports(
        &mut self,
        written: &[String],
        scope: Option<&str>,
    ) -> Vec<(String, String)> {
        extract_retired(&mut self.exports, written, scope)
    }

    /// The shared files' hashes the last build recorded.
    pub fn stamps(&self) -> &Stamps {
        &self.files
    }

    /// Records the shared files' hashes of this build.
    pub fn set_stamps(&mut self, stamps: Stamps) {
        self.files = stamps;
    }

    /// What the last build recorded for `path`.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.documents.get(path)
    }

    /// The manifest as written to `output/.tariffpress-manifest.json` (sorted, so stable).
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// Takes out of `recorded` the paths under `scope` (a program's folder, or
/// everything when `None`) that `kept` does not list.
fn extract_retired<V>(
    recorded: &mut BTreeMap<String, V>,
    kept: &[impl AsRef<str>],
    scope: Option<&str>,
) -> Vec<(String, V)> {
    recorded
        .extract_if(.., |path, _| {
            scope.is_none_or(|program| Path::new(path).starts_with(program))
                && !kept.iter().any(|k| k.as_ref() == path)
        })
        .collect()
}

/// Whether `file` still holds the bytes hashed to `hash`.
pub fn holds(file: &Path, hash: &str) -> bool {
    std::fs::read(file).is_ok_and(|bytes| hash_bytes(&bytes) == hash)
}

/// SHA-256 of `bytes`, in hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Entry {
    /// Whether `file` is still the PDF this entry recorded writing.
    pub fn wrote(&self, file: &Path) -> bool {
        holds(file, &self.output)
    }
}

/// What every document of the project shares: the tool version and every
/// file under `templates/` and `fonts/`, by relative path and content.
///
/// Hashing the fonts (11 MB) took a core for about 25 ms on every build,
/// beside the content loading it was meant to hide behind; so each file's
/// hash is kept in the manifest with the size and modification time it had,
/// and reused while both are the same (git's index does the same). `known`
/// is the last build's record; the result carries the record to keep.
pub fn project_fingerprint(
    root: &Path,
    known: &Stamps,
) -> Result<(String, Stamps), crate::error::Error> {
    use crate::error::Error;
    let mut hasher = Sha256::new();
    hasher.update(crate::GENERATOR.as_bytes());
    let mut stamps = Stamps::default();
    for folder in ["templates", "fonts"] {
        let walker = walkdir::WalkDir::new(root.join(folder))
            .sort_by_file_name()
            .follow_links(false);
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&root.join(folder)).to_path_buf();
                Error::io(path, e.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let relative = relative.to_string_lossy().into_owned();
            let meta = entry
                .metadata()
                .map_err(|e| Error::io(entry.path(), e.into()))?;
            let (len, modified) = (meta.len(), modified_nanos(&meta));
            let content = match known.0.get(&relative) {
                Some(stamp) if modified.is_some_and(|m| stamp.is(len, m)) => stamp.sha256.clone(),
                _ => {
                    let bytes =
                        std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                    hash_bytes(&bytes)
                }
            };
            hasher.update(relative.as_bytes());
            hasher.update([0]);
            hasher.update(len.to_le_bytes());
            hasher.update(content.as_bytes());
            if let Some(modified) = modified.filter(|&m| settled(m)) {
                let stamp = Stamp {
                    len,
                    modified: modified.to_string(),
                    sha256: content,
                };
                stamps.0.insert(relative, stamp);
            }
        }
    }
    Ok((hex(&hasher.finalize()), stamps))
}

/// Each shared file's content hash with the size and modification time it
/// was hashed at, by path relative to the project.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stamps(BTreeMap<String, Stamp>);

impl Stamps {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One file's record in [`Stamps`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// Size in bytes.
    len: u64,
    /// Modification time in nanoseconds since the Unix epoch (a string:
    /// JSON numbers lose precision beyond 2^53).
    modified: String,
    /// SHA-256 of the content, in hex.
    sha256: String,
}

impl Stamp {
    fn is(&self, len: u64, modified: u128) -> bool {
        self.len == len && self.modified == modified.to_string()
    }
}

/// The file's modification time in nanoseconds since the Unix epoch, if
/// the file system keeps one.
fn modified_nanos(meta: &std::fs::Metadata) -> Option<u128> {
    let modified = meta.modified().ok()?;
    Some(
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

/// Whether a file last modified at `modified` can be trusted to keep its
/// stamp: one written within the last two seconds may be written again
/// within the same clock tick (an editor saving twice), which a stamp could
/// not tell apart, so it is hashed again next time instead.
fn settled(modified: u128) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    now.saturating_sub(modified) > 2_000_000_000
}

/// The hash of one document's inputs.
pub fn document_inputs(fingerprint: &str, parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(fingerprint.as_bytes());
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_no_longer_planned_are_retired_within_the_scope_only() {
        let entry = || Entry {
            inputs: "i".into(),
            output: "o".into(),
            previews: false,
        };
        let mut manifest = Manifest::default();
        for path in ["a/flyer.pdf", "a/faq.pdf", "ab/faq.pdf", "b/faq.pdf"] {
            manifest.record(path.into(), entry());
        }
        let retired = manifest.retire(&["a/flyer.pdf"], Some("a"));
        assert_eq!(retired, [("a/faq.pdf".to_string(), entry())]);
        assert!(manifest.entry("ab/faq.pdf").is_some(), "another program");
        let retired = manifest.retire(&["a/flyer.pdf", "b/faq.pdf"], None);
        assert_eq!(retired, [("ab/faq.pdf".to_string(), entry())]);
        assert!(manifest.entry("a/flyer.pdf").is_some());
        assert!(manifest.entry("b/faq.pdf").is_some());
    }

    fn entry(inputs: &str, pdf: &[u8]) -> Entry {
        Entry {
            inputs: inputs.to_string(),
            output: hash_bytes(pdf),
            previews: false,
        }
    }

    #[test]
    fn a_document_is_current_only_with_the_same_inputs_and_file() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("p")).unwrap();
        std::fs::write(out.path().join("p/faq.pdf"), b"%PDF-1").unwrap();
        let mut manifest = Manifest::default();
        manifest.record("p/faq.pdf".into(), entry("abc", b"%PDF-1"));
        assert!(manifest.is_current(out.path(), "p/faq.pdf", "abc", false));
        assert!(!manifest.is_current(out.path(), "p/faq.pdf", "abd", false));
        assert!(!manifest.is_current(out.path(), "p/faq.pdf", "abc", true));
        assert!(!manifest.is_current(out.path(), "p/other.pdf", "abc", false));
        std::fs::write(out.path().join("p/faq.pdf"), b"%PDF-1 truncated").unwrap();
        assert!(!manifest.is_current(out.path(), "p/faq.pdf", "abc", false));
    }

    #[test]
    fn round_trips_and_a_broken_manifest_means_rebuild() {
        let out = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        manifest.record("p/faq.pdf".into(), entry("abc", b"x"));
        std::fs::write(out.path().join(FILE_NAME), manifest.to_json()).unwrap();
        assert_eq!(
            Manifest::read(out.path()).entry("p/faq.pdf"),
            manifest.entry("p/faq.pdf")
        );
        std::fs::write(out.path().join(FILE_NAME), b"{ not json").unwrap();
        assert!(Manifest::read(out.path()).entry("p/faq.pdf").is_none());
    }

    #[test]
    fn inputs_hash_separates_parts() {
        assert_ne!(
            document_inputs("f", &[b"ab", b"c"]),
            document_inputs("f", &[b"a", b"bc"])
        );
        assert_ne!(document_inputs("f", &[b"a"]), document_inputs("g", &[b"a"]));
    }

    #[test]
    fn fingerprint_changes_with_a_template() {
        let dir = shared_folders();
        std::fs::write(dir.path().join("templates/a.typ"), "A").unwrap();
        let none = Stamps::default();
        let (before, _) = project_fingerprint(dir.path(), &none).unwrap();
        assert_eq!(before, project_fingerprint(dir.path(), &none).unwrap().0);
        std::fs::write(dir.path().join("templates/a.typ"), "B").unwrap();
        assert_ne!(before, project_fingerprint(dir.path(), &none).unwrap().0);
    }

    /// A project with empty `templates/` and `fonts/` folders.
    fn shared_folders() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("fonts")).unwrap();
        dir
    }

    /// Sets `file`'s modification time to `seconds` after the epoch.
    fn touch(file: &Path, seconds: u64) {
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
        let file = std::fs::File::options().write(true).open(file).unwrap();
        file.set_modified(time).unwrap();
    }

    #[test]
    fn a_file_with_its_recorded_size_and_time_is_not_read_again() {
        let dir = shared_folders();
        let file = dir.path().join("fonts/f.ttf");
        std::fs::write(&file, "font v1").unwrap();
        touch(&file, 1_700_000_000);
        let (first, stamps) = project_fingerprint(dir.path(), &Stamps::default()).unwrap();
        assert!(stamps.0.contains_key("fonts/f.ttf"), "{stamps:?}");
        // Same size, same time: the recorded hash stands (the file is not
        // read), as git's index does; an empty record reads the file.
        std::fs::write(&file, "font v2").unwrap();
        touch(&file, 1_700_000_000);
        assert_eq!(first, project_fingerprint(dir.path(), &stamps).unwrap().0);
        let (fresh, _) = project_fingerprint(dir.path(), &Stamps::default()).unwrap();
        assert_ne!(first, fresh);
        // Another time: read again.
        touch(&file, 1_700_000_001);
        assert_eq!(fresh, project_fingerprint(dir.path(), &stamps).unwrap().0);
    }

    #[test]
    fn a_file_written_just_now_gets_no_stamp() {
        let dir = shared_folders();
        std::fs::write(dir.path().join("templates/a.typ"), "A").unwrap();
        let (_, stamps) = project_fingerprint(dir.path(), &Stamps::default()).unwrap();
        assert!(stamps.is_empty(), "{stamps:?}");
    }

    #[test]
    fn stamps_round_trip_through_the_manifest() {
        let dir = shared_folders();
        let file = dir.path().join("templates/a.typ");
        std::fs::write(&file, "A").unwrap();
        touch(&file, 1_700_000_000);
        let (_, stamps) = project_fingerprint(dir.path(), &Stamps::default()).unwrap();
        let mut manifest = Manifest::default();
        manifest.set_stamps(stamps.clone());
        std::fs::write(dir.path().join(FILE_NAME), manifest.to_json()).unwrap();
        assert_eq!(Manifest::read(dir.path()).stamps(), &stamps);
    }
}
