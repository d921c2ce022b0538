//! Kill-safety: a build killed with SIGKILL at any moment leaves every PDF
//! in `output/` either the previous good file or the complete new one
//! (`qpdf --check` passes on each), and the next build repairs the rest.

#![cfg(unix)]

use crate::support::{alone, arg, build, project, replace, success, tariffpress};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

const KILLS: usize = 24;

fn pdfs(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(dir, |p| p.extension().is_some_and(|x| x == "pdf"))
}

fn files(dir: &Path, keep: impl Fn(&Path) -> bool) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && keep(e.path()))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn qpdf_check(file: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(file)
        .output()
        .expect("qpdf is installed; scripts/test installs it");
    assert!(
        out.status.success(),
        "qpdf --check {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Puts `output` back to exactly `files` (removing anything else).
fn restore(output: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    std::fs::remove_dir_all(output).unwrap();
    for (path, bytes) in files {
        let file = output.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
}

/// A small generator for kill moments; the seed is printed so a failure
/// can be replayed with `KILL_SEED=…`.
struct Moments(u64);

impl Moments {
    fn next_fraction(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 10_000) as f64 / 10_000.0
    }
}

#[test]
fn a_killed_build_never_leaves_a_broken_pdf() {
    let _alone = alone();
    let project = project();
    let root = project.path();
    let output = root.join("output");
    success(build(root, &["--output", arg(&output)]));
    let old = pdfs(&output);
    let previous_output = files(&output, |_| true);

    // New content, so that every premium-printing PDF changes; its complete
    // output built elsewhere for reference.
    replace(
        root,
        "content/products/cyber/tariffs/2024-04-01.yaml",
        "    H1: 48570\n",
        "    H1: 50000\n",
    );
    let reference = tempfile::tempdir().unwrap();
    let started = Instant::now();
    success(build(root, &["--output", arg(reference.path())]));
    let full = started.elapsed();
    let new = pdfs(reference.path());
    assert_ne!(old, new, "the edit must change some PDF");

    let seed = std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("KILL_SEED={seed}");
    let mut moments = Moments(seed);
    let mut interrupted = 0;
    for kill in 0..KILLS {
        // Each attempt starts from the previous good output; the moments
        // are spread evenly over 0–1.2 × a full build, each at a random
        // point of its slot.
        restore(&output, &previous_output);
        let slot = (kill as f64 + moments.next_fraction()) / KILLS as f64;
        let delay = full.mul_f64(1.2 * slot);
        let mut child = tariffpress()
            .arg("--root")
            .arg(root)
            .args(["build", "--force", "--output"])
            .arg(&output)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; the build may have finished already
        let _ = child.wait();
        let now = pdfs(&output);
        interrupted += usize::from(now.iter().any(|(p, b)| new.get(p) != Some(b)));
        for (path, bytes) in now {
            let known = old.get(&path) == Some(&bytes) || new.get(&path) == Some(&bytes);
            assert!(
                known,
                "kill {kill} after {delay:?}: {} is neither the old nor the new PDF",
                path.display()
            );
            qpdf_check(&output.join(&path));
        }
        assert_eq!(
            pdfs(&output).keys().collect::<Vec<_>>(),
            old.keys().collect::<Vec<_>>(),
            "kill {kill}: a PDF went missing"
        );
    }

    assert!(
        interrupted > 0,
        "no kill interrupted a build: the test proved nothing"
    );
    eprintln!("{interrupted} of {KILLS} kills interrupted the build");

    success(build(root, &["--output", arg(&output)]));
    assert!(
        pdfs(&output) == new,
        "the repairing build did not restore the new PDFs"
    );
    let leftovers: Vec<_> = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tp-"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
