//! Shared helpers of the integration tests: a scratch copy of the project
//! and a runner for the binary.
#![allow(dead_code)]

mod scratch;

#[allow(unused_imports)] // not every test file makes a scratch copy
pub use scratch::scratch_project;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary with `args` in `root`.
pub fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tariffpress"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Replaces the only occurrence of `from` in `file` (relative to `root`) with `to`.
pub fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur once in {file}"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// 1-based line of the first line of `file` containing `needle`.
pub fn line_of(root: &Path, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(root.join(file)).expect("read");
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

/// Standard output or error as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The text of a PDF with all white space removed, so that line breaks and
/// table layout do not matter.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed; .ci/run installs it");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
