//! `tariffpress diff` end to end: tariff files, folders, git revisions and
//! printed PDFs compared cell by cell, with exact expected figures.
//!
//! The change under test throughout: the cyber tariff's clinic H1 base rate
//! raised from 48,570 to 50,000 yen. Worked by hand through the tariff's
//! routine (base × (1 − 告知書割引) → round 10 → × (1 − 団体割引) → round 10):
//!
//! - miyazaki-2025 (告知書割引 30 %, 団体割引 20 %, lump sum):
//!   48,570 × 0.7 = 33,999 → 34,000 → × 0.8 = 27,200;
//!   50,000 × 0.7 = 35,000 → × 0.8 = 28,000. Δ +800, +2.94 %.
//! - kagoshima-2025 (団体割引 15 %, 12 monthly installments: annual × 1.05
//!   rounded down to 10, each installment total / 12 rounded down to 10, the
//!   first taking the remainder):
//!   48,570 × 0.85 = 41,284.5 → 41,280; × 1.05 = 43,344 → 43,340;
//!   / 12 = 3,611.7 → 3,610; first 43,340 − 11 × 3,610 = 3,630.
//!   50,000 × 0.85 = 42,500; × 1.05 = 44,625 → 44,620; / 12 → 3,710;
//!   first 44,620 − 11 × 3,710 = 3,810.
//!   Regular Δ +100 (+2.77 %), first Δ +180 (+4.96 %).
//! - standard prints プラン1–3 only and foundation-2024 prints no table, so
//!   nothing else changes.

use crate::support::{arg, build, pdf_text, project, replace, repo_root, run, success, text};
use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
const FIXTURE: &str = "tests/fixtures/tariffs/cyber-clinic-h1-50000.yaml";

const EXPECTED_CSV_ROWS: [&str; 3] = [
    "miyazaki-2025,clinic,,,H1,lump_sum,changed,27200,28000,800,2.94",
    "kagoshima-2025,clinic,,,H1,monthly,changed,3610,3710,100,2.77",
    "kagoshima-2025,clinic,,,H1,monthly_first,changed,3630,3810,180,4.96",
];

/// The data rows of a diff CSV, sorted (the header and BOM checked).
fn csv_rows(out: &Output) -> Vec<String> {
    let stdout = text(&out.stdout);
    let mut lines = stdout.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(
        lines.next(),
        Some(
            "\u{feff}program,class,category,size,plan,payment,change,old_yen,new_yen,delta_yen,delta_pct"
        ),
        "{stdout}"
    );
    let mut rows: Vec<String> = lines.map(str::to_string).collect();
    rows.sort();
    rows
}

fn expected_rows() -> Vec<String> {
    let mut rows: Vec<String> = EXPECTED_CSV_ROWS.iter().map(|r| r.to_string()).collect();
    rows.sort();
    rows
}

/// A scratch project whose tariff carries the change under test.
fn changed_project() -> TempDir {
    let dir = project();
    replace(dir.path(), TARIFF, "    H1: 48570\n", "    H1: 50000\n");
    dir
}

#[test]
fn two_tariff_files_compare_every_program_selling_the_product() {
    let project = project();
    let root = project.path();
    let fixture = repo_root().join(FIXTURE);
    let out = run(
        root,
        &[
            "diff",
            "--base",
            root.join(TARIFF).to_str().unwrap(),
            "--head",
            fixture.to_str().unwrap(),
            "--product",
            "cyber",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(csv_rows(&out), expected_rows());
    assert!(
        text(&out.stderr).contains("3 premiums changed, 0 added, 0 removed in 2 program(s)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn tariffs_outside_the_products_folder_need_their_product_named() {
    let project = project();
    let fixture = repo_root().join(FIXTURE);
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.yaml");
    std::fs::copy(&fixture, &copy).unwrap();
    let out = run(
        project.path(),
        &["diff", "--base", arg(&fixture), "--head", arg(&copy)],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--product"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn two_folders_give_the_same_cells_and_a_summary() {
    let base = project();
    let head = changed_project();
    let out = run(
        base.path(),
        &[
            "diff",
            "--base",
            base.path().to_str().unwrap(),
            "--head",
            head.path().to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    for row in [
        "| miyazaki-2025 | 一般医院・診療所 | — | — | H1 | 一括払 | 27,200 | 28,000 | +800 | +2.94% |",
        "| kagoshima-2025 | 一般医院・診療所 | — | — | H1 | 月払 | 3,610 | 3,710 | +100 | +2.77% |",
        "| kagoshima-2025 | 一般医院・診療所 | — | — | H1 | 月払（初回） | 3,630 | 3,810 | +180 | +4.96% |",
    ] {
        assert!(md.contains(row), "missing `{row}` in:\n{md}");
    }
    // Summaries: figures compared (from `rates`, counted independently),
    // changed, added, removed, then min / median / max Δ%; the median of
    // two is their mean, (2.77 + 4.96) / 2 = 3.865 → 3.87.
    for (program, tail) in [
        ("kagoshima-2025", "| 2 | 0 | 0 | +2.77% | +3.87% | +4.96% |"),
        ("miyazaki-2025", "| 1 | 0 | 0 | +2.94% | +2.94% | +2.94% |"),
        ("standard", "| 0 | 0 | 0 | — | — | — |"),
    ] {
        let row = format!("| {program} | {} {tail}", figures_of(base.path(), program));
        assert!(md.contains(&row), "missing `{row}` in:\n{md}");
    }
}

/// How many figures `program` prints: one per cell, two where a differing
/// first installment is printed too.
fn figures_of(root: &Path, program: &str) -> usize {
    let out = run(root, &["rates", program, "--format", "csv"]);
    assert!(out.status.success());
    text(&out.stdout)
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if l.split(',').nth(7).is_some_and(|f| !f.is_empty()) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn no_change_says_so_and_passes_the_gate() {
    let here = project();
    let same = project();
    let out = run(
        here.path(),
        &[
            "diff",
            "--base",
            same.path().to_str().unwrap(),
            "--fail-on-change",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("no premium changed"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn added_and_removed_cells_are_listed() {
    let base = project();
    let head = project();
    replace(
        head.path(),
        "content/programs/kagoshima-2025.yaml",
        "plans: [H1, H2, H3, H4, H5, H6, H7]",
        "plans: [H1, H2, H3, H4, H5, H6]",
    );
    let out = run(
        head.path(),
        &[
            "diff",
            "--base",
            base.path().to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = csv_rows(&out);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.starts_with("kagoshima-2025,clinic,,,H7,monthly") && r.contains(",removed,")),
        "{rows:?}"
    );
}

/// A git repository holding the project, committed, with the change under
/// test left uncommitted in the working tree.
fn repository_with_uncommitted_change() -> TempDir {
    let dir = project();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "seed"]);
    replace(dir.path(), TARIFF, "    H1: 48570\n", "    H1: 50000\n");
    dir
}

fn git_status(dir: &Path) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["status", "--porcelain"])
        .output()
        .expect("git runs");
    text(&out.stdout)
}

#[test]
fn a_git_revision_is_read_without_touching_the_working_tree() {
    let repo = repository_with_uncommitted_change();
    let before = git_status(repo.path());
    assert_eq!(before.trim(), format!("M {TARIFF}"));
    let out = run(repo.path(), &["diff", "--base", "HEAD", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(csv_rows(&out), expected_rows());
    assert_eq!(git_status(repo.path()), before);
    let edited = std::fs::read_to_string(repo.path().join(TARIFF)).unwrap();
    assert!(edited.contains("    H1: 50000\n"));

    let gate = run(repo.path(), &["diff", "--base", "HEAD", "--fail-on-change"]);
    assert_eq!(gate.status.code(), Some(3), "{}", text(&gate.stderr));

    let unknown = run(repo.path(), &["diff", "--base", "no-such-branch"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown.stderr));
    assert!(text(&unknown.stderr).contains("no-such-branch"));
}

#[test]
fn two_printed_pdfs_are_compared_through_their_attached_rates() {
    let base = project();
    let old_out = tempfile::tempdir().unwrap();
    let new_out = tempfile::tempdir().unwrap();
    let only = "miyazaki-2025";
    success(build(
        base.path(),
        &["--output", arg(old_out.path()), "--only", only],
    ));
    let head = changed_project();
    success(build(
        head.path(),
        &["--output", arg(new_out.path()), "--only", only],
    ));
    let sheet = |dir: &Path| dir.join("miyazaki-2025/rate-sheet.pdf");
    let out = run(
        base.path(),
        &[
            "diff",
            "--base",
            sheet(old_out.path()).to_str().unwrap(),
            "--head",
            sheet(new_out.path()).to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(csv_rows(&out), vec![EXPECTED_CSV_ROWS[0].to_string()]);
}

#[test]
fn the_pdf_format_is_a_typeset_comparison_table() {
    let repo = repository_with_uncommitted_change();
    let pdf = repo.path().join("output/rate-diff.pdf");
    let out = run(repo.path(), &["diff", "--base", "HEAD", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let text = pdf_text(&pdf);
    for fragment in [
        "保険料新旧対照表",
        "27,200",
        "28,000",
        "+800",
        "+2.94%",
        "3,810",
        "+4.96%",
    ] {
        assert!(text.contains(fragment), "missing `{fragment}` in {text}");
    }
}

#[test]
fn visual_diff_draws_only_the_pages_of_documents_that_changed() {
    let repo = repository_with_uncommitted_change();
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        repo.path(),
        &[
            "diff",
            "--base",
            "HEAD",
            "--visual",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names.contains(&"miyazaki-2025-rate-sheet-p1.png".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"kagoshima-2025-rate-sheet-p1.png".to_string()),
        "{names:?}"
    );
    for name in &names {
        assert!(
            name.starts_with("miyazaki-2025-") || name.starts_with("kagoshima-2025-"),
            "{name} did not change: {names:?}"
        );
        assert!(!name.contains("-faq-"), "{names:?}");
        let png = std::fs::read(dir.path().join(name)).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is not a PNG");
    }
}
