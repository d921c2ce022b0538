//! Malformed content beyond the bad-input corpus. Every case of one edit and
//! one expected message is a file of `tests/fixtures/invalid/` (run by
//! `invalid_corpus`); the hand-written cases that were here moved there. What
//! stays is what the corpus format cannot say.

use crate::support::{repo_root, run};

/// About the sample content, so on the real project: the shipped content
/// passes `check` (every other module relies on the fixture instead).
#[test]
fn the_shipped_content_is_valid() {
    let out = run(&repo_root(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
