//! A scratch copy of the project, shared by the integration tests, the
//! build benchmark and the rebuild profiler (each includes this file).

use std::path::Path;

/// A temporary copy of the project's content (and templates and fonts when
/// present), for tests that change it.
pub fn scratch_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["content", "templates", "fonts"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
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
