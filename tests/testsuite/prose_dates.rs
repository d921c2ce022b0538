//! Dates printed in prose come from the program's data (`dates:`), so that
//! a program moved to a new year prints no date of the old one.

use crate::support::{project, replace, run, success, text};

/// The rendered prose of the Miyazaki pamphlet, as its template reads it.
fn pamphlet_data(root: &std::path::Path) -> String {
    text(&success(run(root, &["context", "miyazaki-2025", "pamphlet"])).stdout)
}

#[test]
fn the_debit_month_follows_the_programs_named_date() {
    let project = project();
    let root = project.path();
    let before = pamphlet_data(root);
    assert!(
        before.contains("令和7年7月に宮崎県医師会の届出口座から引き去り"),
        "{before}"
    );
    replace(
        root,
        "content/programs/miyazaki-2025.yaml",
        "dates: { debit: 2025-07-01 }",
        "dates: { debit: 2026-07-01 }",
    );
    let after = pamphlet_data(root);
    assert!(
        after.contains("令和8年7月に宮崎県医師会の届出口座から引き去り"),
        "{after}"
    );
    assert!(!after.contains("令和7年7月"), "{after}");
}

#[test]
fn a_named_date_must_be_an_iso_date() {
    let project = project();
    let root = project.path();
    replace(
        root,
        "content/programs/miyazaki-2025.yaml",
        "dates: { debit: 2025-07-01 }",
        "dates: { debit: 2025-7-1 }",
    );
    let file = "content/programs/miyazaki-2025.yaml";
    let source = std::fs::read_to_string(root.join(file)).unwrap();
    let line = 1 + source
        .lines()
        .position(|l| l.starts_with("dates:"))
        .unwrap();
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{file}:{line}:")), "{stderr}");
    assert!(stderr.contains("2025-7-1"), "{stderr}");
}

/// The acceptance: after `roll miyazaki-2025 --to 2026`, the new
/// year's documents print no 令和7年 date (the debit month moved with the
/// program's other dates), and the moved month is printed.
#[test]
fn a_rolled_pamphlet_prints_no_date_of_last_year() {
    let project = crate::support::sample_project();
    let root = project.path();
    success(run(root, &["roll", "miyazaki-2025", "--to", "2026"]));
    let output = root.join("output");
    success(crate::support::build(
        root,
        &[
            "--only",
            "miyazaki-2026",
            "--output",
            output.to_str().unwrap(),
        ],
    ));
    let pamphlet = crate::support::pdf_text(&output.join("miyazaki-2026/pamphlet.pdf"));
    assert!(pamphlet.contains("令和8年7月"), "the debit month moved");
    for document in ["pamphlet", "rate-sheet", "faq"] {
        let printed =
            crate::support::pdf_text(&output.join(format!("miyazaki-2026/{document}.pdf")));
        assert!(
            !printed.contains("令和7年"),
            "{document} prints a 令和7年 date"
        );
    }
}
