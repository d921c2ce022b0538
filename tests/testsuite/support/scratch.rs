//! A scratch copy of a project, shared by the integration tests, the build
//! benchmark and the rebuild profiler (the latter two include this file with
//! `#[path]`, so it depends on nothing but `tempfile` and `walkdir`).

use std::path::Path;

/// A temporary copy of the repository's own project (its sample `content/`,
/// `templates/` and `fonts/`): what the benchmark and the profiler measure.
#[allow(dead_code)] // the test suite uses `scratch_from` only
pub fn scratch_project() -> tempfile::TempDir {
    scratch_from(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// A temporary project whose `content/` is a copy of `content_root`'s and
/// whose `templates/` and `fonts/` are copies of the repository's: the
/// content under test varies, the typesetting side is always the shipped one
/// (so fixtures never carry a second copy of the fonts).
#[allow(dead_code)] // the benchmark and the profiler use `scratch_project` only
pub fn scratch_from(content_root: &Path) -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for (sub, from) in [
        ("content", content_root),
        ("templates", repo),
        ("fonts", repo),
    ] {
        let from = from.join(sub);
        if from.exists() {
            copy_tree(&from, &dir.path().join(sub));
        }
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
