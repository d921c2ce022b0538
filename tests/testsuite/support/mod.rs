//! The helpers every module of the test suite shares: where the projects
//! are, a scratch copy of one, the one way to run the binary, the one way to
//! build, and readers for what the binary writes.

mod scratch;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Held shared by every run of the binary and exclusively by a test that
/// must have the machine to itself; see [`alone`].
static MACHINE: RwLock<()> = RwLock::new(());

/// Keeps every other test's runs of the binary waiting while the guard
/// lives. For the kill-safety test: it times a full build and kills builds
/// at moments spread over that time, so builds of other tests running
/// beside it stretch every one of its moments, and the whole suite took
/// about 40 s longer on two cores than with it alone.
pub fn alone() -> Alone {
    let guard = MACHINE.write().unwrap_or_else(PoisonError::into_inner);
    ALONE.set(true);
    Alone(guard)
}

/// The guard [`alone`] returns; the test's own runs go on meanwhile.
pub struct Alone(#[allow(dead_code)] RwLockWriteGuard<'static, ()>);

impl Drop for Alone {
    fn drop(&mut self) {
        ALONE.set(false);
    }
}

thread_local! {
    /// Whether this thread holds [`alone`]'s guard (the lock is not
    /// reentrant, so its own runs must not wait for it).
    static ALONE: Cell<bool> = const { Cell::new(false) };
}

/// A share of the machine for one run, unless this thread has it all.
fn shared() -> Option<RwLockReadGuard<'static, ()>> {
    (!ALONE.get()).then(|| MACHINE.read().unwrap_or_else(PoisonError::into_inner))
}

/// The repository: the real sample project, `templates/`, `fonts/`, `schemas/`.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The frozen fixture project (`tests/fixtures/project/`): only its
/// `content/`; see the rule in `main.rs`.
pub fn fixture_root() -> PathBuf {
    repo_root().join("tests/fixtures/project")
}

/// A scratch copy of the fixture project, with the repository's templates
/// and fonts: what every test that is not about the sample content runs on.
pub fn project() -> tempfile::TempDir {
    scratch::scratch_from(&fixture_root())
}

/// A scratch copy of the real sample project, for the tests that are about
/// the sample content itself.
pub fn sample_project() -> tempfile::TempDir {
    scratch::scratch_from(&repo_root())
}

/// A scratch copy of the project at `root` as it is now (its `content/`,
/// with the repository's templates and fonts): a state to compare with
/// after editing `root`.
pub fn copy_of(root: &Path) -> tempfile::TempDir {
    scratch::scratch_from(root)
}

/// The binary with a pinned environment: English messages whatever the
/// machine's locale (`LANG=C.UTF-8`, no `LC_ALL`/`LC_MESSAGES`), and PDFs
/// dated from their content, not from a `SOURCE_DATE_EPOCH` the runner may
/// have set. The only place the test suite starts the binary; callers add
/// `--root`, arguments, a locale, a working folder or pipes.
pub fn tariffpress() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tariffpress"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("LANG", "C.UTF-8");
    command
}

/// Runs `tariffpress --root ROOT ARGS…` and waits for it.
pub fn run(root: &Path, args: &[&str]) -> Output {
    run_in_locale(root, "C.UTF-8", args)
}

/// Like [`run`] under `LANG=locale`.
pub fn run_in_locale(root: &Path, locale: &str, args: &[&str]) -> Output {
    let _shared = shared();
    tariffpress()
        .env("LANG", locale)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `tariffpress --root ROOT build ARGS…` (e.g. `--output`, `--only`,
/// `--verbose`); asserts nothing, since some tests expect it to fail: wrap
/// it in [`success`] when it must pass.
pub fn build(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    run(root, &all)
}

/// `out`, after asserting it exited 0 (its stderr shown otherwise).
#[track_caller]
pub fn success(out: Output) -> Output {
    assert!(
        out.status.success(),
        "exit {:?}:\n{}",
        out.status.code(),
        text(&out.stderr)
    );
    out
}

/// A path as the `&str` command lines take.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Replaces the only occurrence of `from` in `file` (relative to `root`) with `to`.
#[track_caller]
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

/// Standard output or error as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `text` with every mention of the scratch project `root` written
/// `[ROOT]`, so that a snapshot does not depend on the temporary folder.
pub fn redact(text: &str, root: &Path) -> String {
    text.replace(&format!("{}/", root.display()), "[ROOT]/")
        .replace(&root.display().to_string(), "[ROOT]")
}

/// The text of a PDF with all white space removed, so that line breaks and
/// table layout do not matter.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed; scripts/test installs it");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// What `pdfinfo` says about a PDF.
pub fn pdf_info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed; scripts/test installs it");
    assert!(out.status.success(), "pdfinfo {}", pdf.display());
    text(&out.stdout)
}

/// Whole yen with thousands separators, as the documents and worksheets
/// print them (`78,410`), to find a premium in extracted text.
pub fn thousands(yen: i64) -> String {
    let digits = yen.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The lines a long-running child (`watch`, `serve`) writes to stderr, as
/// they come, read on a thread so a test can wait on them with a timeout.
pub fn stderr_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    use std::io::{BufRead, BufReader};
    let stderr = child.stderr.take().expect("stderr is piped");
    let (send, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    lines
}
