//! Tariff versions: a product holds several tariffs with effective dates,
//! each program is priced by the one in force at its policy start, and
//! `check` reports overlapping or uncovered dates.

use crate::support::{project, replace, run, text};
use std::path::Path;

const OLD: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
const NEW: &str = "content/products/cyber/tariffs/2025-04-01.yaml";

/// Adds a tariff taking effect on 2025-04-01 with the clinic H1 base rate
/// raised to 50,000 yen.
fn add_new_tariff(root: &Path) {
    let old = std::fs::read_to_string(root.join(OLD)).unwrap();
    let new = old
        .replace("effective: 2024-04-01", "effective: 2025-04-01")
        .replace("version: 2024年4月改定", "version: 2025年4月改定")
        .replace("    H1: 48570\n", "    H1: 50000\n");
    std::fs::write(root.join(NEW), new).unwrap();
}

/// The clinic H1 premium `program` offers, from `rates --format csv`.
fn clinic_h1(root: &Path, program: &str) -> String {
    let out = run(root, &["rates", program, "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .split("\r\n")
        .find(|l| l.starts_with(&format!("{program},H1,clinic,")))
        .and_then(|l| l.split(',').nth(6))
        .expect("a clinic H1 cell")
        .to_string()
}

#[test]
fn each_program_uses_the_tariff_in_force_at_its_start() {
    let project = project();
    let root = project.path();
    add_new_tariff(root);
    let check = run(root, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    // miyazaki-2025 starts 2025-08-01 and kagoshima-2025 on 2025-04-01: the
    // new tariff (see tests/diff.rs for the arithmetic). foundation-2024
    // starts 2024-10-01 and prints no table; personal-info is another
    // product.
    assert_eq!(clinic_h1(root, "miyazaki-2025"), "28000");
    assert_eq!(clinic_h1(root, "kagoshima-2025"), "3710");
}

fn check_fails(root: &Path, fragments: &[&str]) -> String {
    let out = run(root, &["check"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for fragment in fragments {
        assert!(
            stderr.contains(fragment),
            "missing `{fragment}` in:\n{stderr}"
        );
    }
    stderr
}

#[test]
fn overlapping_tariffs_are_reported_at_the_later_one() {
    let project = project();
    let root = project.path();
    add_new_tariff(root);
    replace(
        root,
        OLD,
        "effective: 2024-04-01\n",
        "effective: 2024-04-01\nexpires: 2025-04-30\n",
    );
    check_fails(
        root,
        &[
            &format!("{NEW}:"),
            "effective",
            "the dates overlap",
            "in force until 2025-04-30",
            "2025-05-01 at the earliest",
        ],
    );
}

#[test]
fn a_gap_between_tariffs_is_reported() {
    let project = project();
    let root = project.path();
    add_new_tariff(root);
    replace(
        root,
        OLD,
        "effective: 2024-04-01\n",
        "effective: 2024-04-01\nexpires: 2025-03-15\n",
    );
    check_fails(
        root,
        &[
            &format!("{NEW}:"),
            "no tariff is in force from 2025-03-16 to 2025-03-31",
        ],
    );
}

#[test]
fn a_program_starting_after_the_last_tariff_expired_is_reported() {
    let project = project();
    let root = project.path();
    replace(
        root,
        OLD,
        "effective: 2024-04-01\n",
        "effective: 2024-04-01\nexpires: 2025-03-31\n",
    );
    let stderr = check_fails(
        root,
        &[
            "content/programs/miyazaki-2025.yaml:",
            "no tariff of product `cyber` is in force on 2025-08-01",
            "2024-04-01 to 2025-03-31",
        ],
    );
    // foundation-2024 starts 2024-10-01, inside the tariff's dates.
    assert!(!stderr.contains("foundation-2024.yaml"), "{stderr}");
}

#[test]
fn a_tariff_expiring_before_it_takes_effect_is_reported() {
    let project = project();
    let root = project.path();
    replace(
        root,
        OLD,
        "effective: 2024-04-01\n",
        "effective: 2024-04-01\nexpires: 2024-03-31\n",
    );
    check_fails(
        root,
        &[&format!("{OLD}:"), "expires", "before it takes effect"],
    );
}

#[test]
fn two_tariffs_taking_effect_on_one_day_are_reported() {
    let project = project();
    let root = project.path();
    let old = std::fs::read_to_string(root.join(OLD)).unwrap();
    std::fs::write(root.join("content/products/cyber/tariffs/copy.yaml"), old).unwrap();
    check_fails(root, &["takes effect on the same date"]);
}
