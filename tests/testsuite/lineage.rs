//! Year over year: after `roll`, `diff` compares the rolled program with
//! the program it continues (`previous:`), not with nothing. Runs on a
//! scratch copy of the sample project: the figures are the acceptance of
//! the lineage (miyazaki-2025 prints 49 premiums: 7 clinic plans, and 7
//! plans × 3 sizes for hospitals and for geriatric facilities).
//!
//! The tariff edit is the one `diff.rs` works by hand: the cyber clinic H1
//! base rate 48,570 → 50,000 yen moves miyazaki's clinic H1 premium from
//! 27,200 to 28,000 (+800, +2.94 %), under either year's program.

use crate::support::{arg, copy_of, pdf_text, replace, run, sample_project, success, text};

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
const PAIRED: &str = "miyazaki-2025 → miyazaki-2026";

#[test]
fn a_rolled_program_is_compared_with_its_predecessor() {
    let project = sample_project();
    let root = project.path();
    // The state before the roll, as a folder.
    let before = copy_of(root);
    success(run(root, &["roll", "miyazaki-2025", "--to", "2026"]));

    let out = success(run(root, &["diff", "--base", arg(before.path())]));
    let md = text(&out.stdout);
    assert!(md.contains("no premium changed"), "{md}");
    let summary = format!("- `{PAIRED}`: 49 compared, 0 changed, 0 added, 0 removed\n");
    assert!(md.contains(&summary), "missing `{summary}` in:\n{md}");

    replace(root, TARIFF, "H1: 48570", "H1: 50000");
    let out = success(run(root, &["diff", "--base", arg(before.path())]));
    let md = text(&out.stdout);
    for fragment in [
        format!(
            "| {PAIRED} | 一般医院・診療所 | — | — | H1 | 一括払 | 27,200 | 28,000 | +800 | +2.94% |"
        ),
        format!("| {PAIRED} | 49 | 1 | 0 | 0 | +2.94% | +2.94% | +2.94% |"),
        // Last year's program stays beside the rolled one, compared with
        // itself.
        "| miyazaki-2025 | 49 | 1 | 0 | 0 | +2.94% | +2.94% | +2.94% |".to_string(),
    ] {
        assert!(md.contains(&fragment), "missing `{fragment}` in:\n{md}");
    }
    let out = success(run(
        root,
        &["diff", "--base", arg(before.path()), "--format", "csv"],
    ));
    let csv = text(&out.stdout);
    let row = format!("\r\n{PAIRED},clinic,,,H1,lump_sum,changed,27200,28000,800,2.94\r\n");
    assert!(csv.contains(&row), "missing `{row}` in:\n{csv}");
    let pdf = root.join("output/rate-diff.pdf");
    success(run(
        root,
        &["diff", "--base", arg(before.path()), "--format", "pdf"],
    ));
    // pdftotext's text comes without spaces.
    let printed = pdf_text(&pdf);
    assert!(printed.contains(&PAIRED.replace(' ', "")), "{printed}");
}

#[test]
fn two_programs_of_one_state_are_compared_directly() {
    let project = sample_project();
    let root = project.path();
    let before = copy_of(root);
    success(run(root, &["roll", "miyazaki-2025", "--to", "2026"]));
    // The rolled program alone gets a larger group discount.
    replace(
        root,
        "content/programs/miyazaki-2026.yaml",
        "group: 0.20",
        "group: 0.25",
    );
    let out = success(run(
        root,
        &["diff", "--programs", "miyazaki-2025..miyazaki-2026"],
    ));
    let md = text(&out.stdout);
    assert!(
        md.contains("`miyazaki-2025 (working tree)` → `miyazaki-2026 (working tree)`"),
        "{md}"
    );
    // 34,000 × 0.75 = 25,500 against 34,000 × 0.8 = 27,200: −6.25 %.
    for fragment in [
        format!(
            "| {PAIRED} | 一般医院・診療所 | — | — | H1 | 一括払 | 27,200 | 25,500 | -1,700 | -6.25% |"
        ),
        format!("| {PAIRED} | 49 | 49 | 0 | 0 |"),
    ] {
        assert!(md.contains(&fragment), "missing `{fragment}` in:\n{md}");
    }
    assert!(!md.contains("| kagoshima"), "{md}");
    // With --base, the programs are read from that state instead, which
    // has no miyazaki-2026.
    let out = run(
        root,
        &[
            "diff",
            "--base",
            arg(before.path()),
            "--programs",
            "miyazaki-2025..miyazaki-2026",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("unknown program `miyazaki-2026`"),
        "{}",
        text(&out.stderr)
    );
}

/// `diff --previous` answers the reviewer's question in one state: every
/// program that names its predecessor against it, and nothing else. The
/// rolled program's own change (a larger group discount) shows; the
/// clinic H1 figure is the one `explain` gives for the new program.
#[test]
fn every_program_is_compared_with_last_years_in_one_state() {
    let project = sample_project();
    let root = project.path();
    success(run(root, &["roll", "miyazaki-2025", "--to", "2026"]));
    let out = success(run(root, &["diff", "--previous"]));
    let md = text(&out.stdout);
    let summary = format!("- `{PAIRED}`: 49 compared, 0 changed, 0 added, 0 removed\n");
    assert!(md.contains(&summary), "missing `{summary}` in:\n{md}");
    assert!(!md.contains("kagoshima"), "only paired programs: {md}");

    replace(
        root,
        "content/programs/miyazaki-2026.yaml",
        "group: 0.20",
        "group: 0.25",
    );
    let explain = success(run(
        root,
        &[
            "explain",
            "miyazaki-2026",
            "--class",
            "clinic",
            "--plan",
            "H1",
            "--format",
            "json",
        ],
    ));
    let worksheet: serde_json::Value = serde_json::from_slice(&explain.stdout).unwrap();
    let new_yen = worksheet["premium_yen"].as_i64().expect("a premium");
    let printed = format!("{},{:03}", new_yen / 1000, new_yen % 1000);
    let out = success(run(root, &["diff", "--previous"]));
    let md = text(&out.stdout);
    let row = format!("| {PAIRED} | 一般医院・診療所 | — | — | H1 | 一括払 | 27,200 | {printed} |");
    assert!(md.contains(&row), "missing `{row}` in:\n{md}");
    assert!(
        md.contains(&format!(
            "- `{PAIRED}`: 49 compared, 49 changed, 0 added, 0 removed"
        )),
        "{md}"
    );
}
