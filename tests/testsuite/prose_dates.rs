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
