//! The bad-input corpus: every `tests/fixtures/invalid/*.yaml` describes one
//! malformed input (edits applied to a scratch copy of the fixture project,
//! `tests/fixtures/project/`, so `line:` never moves with the sample content), the
//! command to run on it and what the tool must answer: the exit code, a
//! `file:line:` location, fragments of the message, no panic, and `output/`
//! left exactly as it was.
//!
//! Cases that currently fail because of a bug in the tool live in
//! `tests/fixtures/invalid-pending/` in the same format and are not run;
//! `INVALID_CORPUS=tests/fixtures/invalid-pending cargo test --test
//! testsuite invalid_corpus` runs them (or any other folder of cases) instead.
#![cfg(unix)]

use crate::support::{project, replace, run};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// One case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// One English line saying what is wrong with the input.
    about: String,
    /// CLI arguments after `--root <scratch>`.
    args: Vec<String>,
    /// Applied in order to the scratch copy.
    #[serde(default)]
    edits: Vec<Edit>,
    /// The expected exit code: 1 content errors, 2 usage errors.
    exit: i32,
    /// stderr must contain `<located>:<line>:`.
    #[serde(default)]
    located: Option<String>,
    /// The exact line expected after `<located>:` (needs `located`).
    #[serde(default)]
    line: Option<u64>,
    /// Fragments stderr must contain.
    #[serde(default)]
    expect: Vec<String>,
}

/// A change to the scratch project; paths are relative to its root.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Edit {
    /// Replaces the only occurrence of `from` with `to`.
    Replace {
        file: String,
        from: String,
        to: String,
    },
    /// Writes `text` (creating folders).
    Write { file: String, text: String },
    /// Writes the bytes spelled in hex (whitespace ignored).
    WriteBytes { file: String, hex: String },
    /// Writes a generated hostile file.
    Generate { file: String, kind: Generated },
    /// Copies the project's file `from` to `file`.
    Copy { file: String, from: String },
    /// Makes `file` a symbolic link to `target`.
    Symlink { file: String, target: String },
    /// Deletes `file`.
    Remove { file: String },
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Generated {
    /// A program of more than 10 MB (comment padding).
    Big,
    /// A value nested 200 levels deep.
    DeepNesting,
    /// A "billion laughs": nine levels of ten aliases each, merged into a map.
    AliasBomb,
}

fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("INVALID_CORPUS")
        .map_or_else(|| PathBuf::from("tests/fixtures/invalid"), PathBuf::from);
    crate::support::repo_root().join(dir)
}

#[test]
fn every_bad_input_of_the_corpus_is_rejected_cleanly() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap_or_else(|e| panic!("{}: {e}", corpus_dir().display()))
        .map(|e| e.expect("read dir").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no case under {}",
        corpus_dir().display()
    );

    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<(String, Vec<String>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(file) = files.get(i) else { break };
                    let problems =
                        std::panic::catch_unwind(|| run_case_file(file)).unwrap_or_else(|panic| {
                            vec![format!("the harness panicked: {}", panic_text(&*panic))]
                        });
                    if !problems.is_empty() {
                        let name = file
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .to_string();
                        failures.lock().expect("lock").push((name, problems));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("lock");
    failures.sort();
    eprintln!(
        "bad-input corpus: {} cases in {:.1} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    if !failures.is_empty() {
        let mut report = format!("{} of {} cases failed:\n", failures.len(), files.len());
        for (name, problems) in &failures {
            report.push_str(&format!("\n== {name}\n"));
            for p in problems {
                report.push_str(&format!("  - {p}\n"));
            }
        }
        panic!("{report}");
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

/// Runs one case file; returns what went wrong (empty when it passed).
fn run_case_file(file: &Path) -> Vec<String> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return vec![format!("cannot read the case: {e}")],
    };
    let case: Case = match serde_saphyr::from_str(&text) {
        Ok(case) => case,
        Err(e) => return vec![format!("malformed case file: {e}")],
    };
    if case.about.trim().is_empty() || case.about.contains('\n') {
        return vec!["`about` must be one non-empty line".into()];
    }
    if case.line.is_some() && case.located.is_none() {
        return vec!["`line` needs `located`".into()];
    }

    let dir = project();
    let root = dir.path();
    for edit in &case.edits {
        apply(root, edit);
    }
    let keep = root.join("output/keep");
    std::fs::create_dir_all(&keep).expect("mkdir output/keep");
    std::fs::write(keep.join("previous.pdf"), b"%PDF-1.7\n% a previous build\n").expect("write");
    let before = snapshot(&root.join("output"));

    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let out = run(root, &args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();

    let mut problems = Vec::new();
    match out.status.code() {
        Some(code) if code == case.exit => {}
        Some(code) => problems.push(format!("exit code {code}, expected {}", case.exit)),
        None => problems.push("killed by a signal".into()),
    }
    for banned in ["panicked", "RUST_BACKTRACE"] {
        if stderr.contains(banned) {
            problems.push(format!("stderr contains `{banned}`"));
        }
    }
    if let Some(located) = &case.located {
        let lines = located_lines(&stderr, located);
        match case.line {
            _ if lines.is_empty() => problems.push(format!("no `{located}:<line>:` in stderr")),
            Some(line) if !lines.contains(&line) => problems.push(format!(
                "expected `{located}:{line}:`, stderr locates it at line(s) {lines:?}"
            )),
            _ => {}
        }
    }
    for fragment in &case.expect {
        if !stderr.contains(fragment.as_str()) {
            problems.push(format!("stderr lacks `{fragment}`"));
        }
    }
    let after = snapshot(&root.join("output"));
    if after != before {
        let changed: Vec<_> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .map(|k| k.display().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        problems.push(format!("output/ changed: {}", changed.join(", ")));
    }
    if !problems.is_empty() {
        problems.push(format!(
            "({}) stderr was:\n{}",
            case.about,
            stderr.replace(&format!("{}/", root.display()), "<root>/")
        ));
    }
    problems
}

/// Line numbers `N` of every `<file>:N:` in `stderr`.
fn located_lines(stderr: &str, file: &str) -> Vec<u64> {
    stderr
        .match_indices(file)
        .filter_map(|(at, _)| {
            let rest = stderr[at + file.len()..].strip_prefix(':')?;
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || !rest[digits..].starts_with(':') {
                return None;
            }
            rest[..digits].parse().ok()
        })
        .collect()
}

/// Every path under `dir` (folders as `None`) with the bytes of its files.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| {
            let entry = entry.expect("walk output/");
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_path_buf();
            let bytes = if entry.file_type().is_dir() {
                None
            } else {
                Some(std::fs::read(entry.path()).expect("read output file"))
            };
            (rel, bytes)
        })
        .collect()
}

fn apply(root: &Path, edit: &Edit) {
    match edit {
        Edit::Replace { file, from, to } => replace(root, file, from, to),
        Edit::Write { file, text } => write(root, file, text.as_bytes()),
        Edit::WriteBytes { file, hex } => write(root, file, &decode_hex(hex)),
        Edit::Generate { file, kind } => {
            let stem = Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("generated");
            write(root, file, generate(*kind, stem).as_bytes());
        }
        Edit::Copy { file, from } => {
            let bytes = std::fs::read(root.join(from)).expect("read the file to copy");
            write(root, file, &bytes);
        }
        Edit::Symlink { file, target } => {
            let path = root.join(file);
            if path.symlink_metadata().is_ok() {
                std::fs::remove_file(&path).expect("remove before symlink");
            }
            std::os::unix::fs::symlink(target, &path).expect("symlink");
        }
        Edit::Remove { file } => std::fs::remove_file(root.join(file)).expect("remove"),
    }
}

fn write(root: &Path, file: &str, bytes: &[u8]) {
    let path = root.join(file);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

fn decode_hex(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(digits.len().is_multiple_of(2), "odd number of hex digits");
    digits
        .chunks(2)
        .map(|pair| {
            u8::from_str_radix(std::str::from_utf8(pair).expect("ascii"), 16).expect("hex digit")
        })
        .collect()
}

fn generate(kind: Generated, stem: &str) -> String {
    match kind {
        Generated::Big => {
            let line = format!("# {}\n", "x".repeat(97));
            let count = 10 * 1024 * 1024 / line.len() + 1;
            format!("id: {stem}\n{}", line.repeat(count))
        }
        Generated::DeepNesting => format!(
            "id: {stem}\nproduct: cyber\ntables: {}{}\n",
            "[".repeat(200),
            "]".repeat(200)
        ),
        Generated::AliasBomb => {
            let mut text =
                format!("id: {stem}\nproduct: cyber\nfaq:\n  - &m0 {{q: lol, a: lol}}\n");
            for level in 1..10 {
                let keys: Vec<String> = (0..10).map(|k| format!("k{k}: *m{}", level - 1)).collect();
                text.push_str(&format!("  - &m{level} {{{}}}\n", keys.join(", ")));
            }
            text.push_str("period: { <<: *m9 }\n");
            text
        }
    }
}
