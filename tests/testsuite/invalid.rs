//! Malformed content: each case must exit 1 with a located message naming
//! the field and what was expected, and never panic.


use crate::support::{line_of, replace, run, project};
use std::path::Path;

const MIYAZAKI: &str = "content/programs/miyazaki-2025.yaml";
const PERSONAL: &str = "content/programs/personal-info.yaml";
const CYBER: &str = "content/products/cyber/product.yaml";
const CYBER_TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
const PI_TARIFF: &str = "content/products/personal-info/tariffs/2024-04-01.yaml";

/// Runs `check` and asserts a failure located in `file` whose message
/// contains every fragment; returns stderr.
fn assert_fails(root: &Path, file: &str, fragments: &[&str]) -> String {
    let out = run(root, &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let located = stderr.lines().any(|l| {
        l.contains(file)
            && l.split(file).nth(1).is_some_and(|rest| {
                rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
            })
    });
    assert!(located, "no `{file}:line:col` in:\n{stderr}");
    for fragment in fragments {
        assert!(
            stderr.contains(fragment),
            "missing `{fragment}` in:\n{stderr}"
        );
    }
    stderr
}

/// Asserts that the message for `path` points at `line`.
fn assert_line(stderr: &str, file: &str, line: usize, path: &str) {
    let wanted = format!("{file}:{line}:");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains(&wanted) && l.contains(path)),
        "expected `{wanted}` with `{path}` in:\n{stderr}"
    );
}

/// Edits one file with a single replacement and expects the fragments.
fn case(file: &str, from: &str, to: &str, fragments: &[&str]) -> (tempfile::TempDir, String) {
    let dir = project();
    replace(dir.path(), file, from, to);
    let stderr = assert_fails(dir.path(), file, fragments);
    (dir, stderr)
}

/// Like `case`, also checking the reported line is the edited one.
fn case_at_edit(file: &str, from: &str, to: &str, path: &str, fragments: &[&str]) {
    let (dir, stderr) = case(file, from, to, fragments);
    assert_line(
        &stderr,
        file,
        line_of(dir.path(), file, to.lines().next().unwrap_or(to).trim()),
        path,
    );
}

#[test]
fn yaml_syntax_error() {
    case(MIYAZAKI, "payment: lump_sum", "payment: [lump_sum", &[]);
}

#[test]
fn unknown_key() {
    case(
        MIYAZAKI,
        "payment: lump_sum",
        "payment: lump_sum\ncolour: blue",
        &["colour"],
    );
}

#[test]
fn wrong_type() {
    case(MIYAZAKI, "group: 0.20", "group: twenty", &["twenty"]);
}

#[test]
fn negative_base_rate() {
    case_at_edit(
        CYBER_TARIFF,
        "H1: 48570",
        "H1: -48570",
        "base_rates.clinic.H1",
        &["greater than zero"],
    );
}

#[test]
fn zero_base_rate() {
    case_at_edit(
        CYBER_TARIFF,
        "H1: 140010",
        "H1: 0",
        "base_rates.hospital.H1",
        &["greater than zero, got 0"],
    );
}

#[test]
fn discount_of_100_percent_or_more() {
    case_at_edit(
        MIYAZAKI,
        "group: 0.20",
        "group: 1.2",
        "discounts.group",
        &["up to but not including 1"],
    );
}

#[test]
fn negative_discount() {
    case(
        MIYAZAKI,
        "group: 0.20",
        "group: -0.1",
        &["discounts.group", "got -0.1"],
    );
}

#[test]
fn missing_base_rate_for_an_offered_plan() {
    let dir = project();
    replace(dir.path(), CYBER_TARIFF, "    H7: 292110\n", "");
    assert_fails(
        dir.path(),
        MIYAZAKI,
        &[
            "tables[2].plans[6]",
            "no base rate for class `geriatric` and plan `H7`",
        ],
    );
}

#[test]
fn decreasing_size_points() {
    case_at_edit(
        CYBER_TARIFF,
        "hospital: [[30, 0.71026], [50, 1], [100, 1.32051]]",
        "hospital: [[30, 0.71026], [100, 1.32051], [50, 1]]",
        "size_factors.hospital[2]",
        &["sizes must increase: 50 follows 100", "must not decrease"],
    );
}

#[test]
fn duplicate_plan_id() {
    case(
        CYBER,
        "  - { id: H2,",
        "  - { id: H1,",
        &["plans[1].id", "duplicate id `H1`"],
    );
}

#[test]
fn unknown_product() {
    case_at_edit(
        MIYAZAKI,
        "product: cyber",
        "product: cyberx",
        "product",
        &["unknown product `cyberx`", "cyber, personal-info"],
    );
}

#[test]
fn unknown_class_in_a_program_table() {
    case_at_edit(
        MIYAZAKI,
        "class: geriatric",
        "class: hospice",
        "tables[2].class",
        &["unknown class `hospice`"],
    );
}

#[test]
fn unknown_class_in_a_tariff() {
    case(
        CYBER_TARIFF,
        "  dental_clinic:\n",
        "  dentist:\n",
        &["base_rates.dentist", "unknown class `dentist`"],
    );
}

#[test]
fn no_tariff_in_force_on_the_start_date() {
    case(
        MIYAZAKI,
        "period: { start: 2025-08-01, end: 2026-08-01,",
        "period: { start: 2023-08-01, end: 2024-08-01,",
        &[
            "period.start",
            "no tariff of product `cyber` is in force on 2023-08-01",
        ],
    );
}

#[test]
fn deadline_after_the_period_start() {
    case_at_edit(
        MIYAZAKI,
        "date: 2025-06-06",
        "date: 2025-08-06",
        "deadlines[0].date",
        &["falls after the period starts"],
    );
}

#[test]
fn impossible_date() {
    case_at_edit(
        MIYAZAKI,
        "date: 2025-06-06",
        "date: 2025-02-30",
        "",
        &["expected an existing date written YYYY-MM-DD, got `2025-02-30`"],
    );
}

#[test]
fn shown_size_outside_the_size_table() {
    case(
        MIYAZAKI,
        "    sizes: [30, 50, 100]\n    plans: [H1, H2, H3, H4, H5, H6, H7]\n  - class: geriatric",
        "    sizes: [30, 50, 200]\n    plans: [H1, H2, H3, H4, H5, H6, H7]\n  - class: geriatric",
        &[
            "tables[1].sizes[2]",
            "outside the tariff's size table (30 to 100)",
        ],
    );
}

#[test]
fn unknown_plan_in_a_program_table() {
    case(
        PERSONAL,
        "  - class: clinic\n    plans: [P1, P2, P3, P4, P5]",
        "  - class: clinic\n    plans: [P1, P2, P9, P4, P5]",
        &["tables[0].plans[2]", "unknown plan `P9`"],
    );
}

#[test]
fn period_ending_before_it_starts() {
    case(
        MIYAZAKI,
        "end: 2026-08-01",
        "end: 2025-07-01",
        &["period.end", "must end after it starts"],
    );
}

#[test]
fn discount_the_tariff_does_not_know() {
    case_at_edit(
        MIYAZAKI,
        "discounts: { group: 0.20, disclosure: 0.30 }",
        "discounts: { group: 0.20, loyalty: 0.30 }",
        "discounts.loyalty",
        &["unknown discount `loyalty`", "disclosure, group"],
    );
}

#[test]
fn routine_naming_an_undeclared_discount() {
    case(
        CYBER_TARIFF,
        "  - discount: disclosure\n",
        "  - discount: loyalty\n",
        &["routine[2]", "unknown discount `loyalty`"],
    );
}

#[test]
fn zero_rounding_unit() {
    case(
        PI_TARIFF,
        "  - minimum\n  - discount: group\n  - round: { unit: 10,",
        "  - minimum\n  - discount: group\n  - round: { unit: 0,",
        &["routine[7].unit", "rounding unit must be greater than zero"],
    );
}

#[test]
fn monthly_payment_without_an_installment_rule() {
    case_at_edit(
        PERSONAL,
        "payment: lump_sum",
        "payment: monthly",
        "payment",
        &["needs an `installments` rule"],
    );
}

#[test]
fn single_installment() {
    case_at_edit(
        CYBER_TARIFF,
        "count: 12",
        "count: 1",
        "installments.count",
        &["at least 2 installments"],
    );
}

#[test]
fn unknown_category() {
    case_at_edit(
        PERSONAL,
        "category: long_term",
        "category: psychiatric",
        "tables[2].category",
        &["unknown category `psychiatric`", "general, long_term"],
    );
}

#[test]
fn routine_not_starting_with_base() {
    case(
        PI_TARIFF,
        "routine:\n  - base\n  - size_factor\n",
        "routine:\n  - size_factor\n  - base\n",
        &["routine", "must start with `base`"],
    );
}

#[test]
fn sizes_on_a_flat_rated_class() {
    case(
        PERSONAL,
        "  - class: clinic\n    plans:",
        "  - class: clinic\n    sizes: [10]\n    plans:",
        &["tables[0].sizes", "flat-rated"],
    );
}

#[test]
fn no_sizes_on_a_size_rated_class() {
    case(
        MIYAZAKI,
        "  - class: geriatric\n    sizes: [30, 50, 100]\n",
        "  - class: geriatric\n",
        &["tables[2].sizes", "rated by 定員数"],
    );
}

#[test]
fn program_id_not_matching_its_file_name() {
    case_at_edit(
        MIYAZAKI,
        "id: miyazaki-2025",
        "id: miyazaki-2026",
        "id",
        &["must match its file name"],
    );
}

#[test]
fn negative_size_factor() {
    case(
        PI_TARIFF,
        "[50, 0.71182]",
        "[50, -0.71182]",
        &[
            "size_factors.hospital[0]",
            "size factor must be greater than zero",
        ],
    );
}

#[test]
fn minimum_premium_for_an_unknown_plan() {
    case(
        PI_TARIFF,
        "hospital: { P1: 50000,",
        "hospital: { P7: 50000,",
        &["minimum_premiums.hospital.P7", "unknown plan `P7`"],
    );
}

#[test]
fn duplicate_tariff_effective_date() {
    let dir = project();
    let from = dir.path().join(CYBER_TARIFF);
    std::fs::copy(&from, from.with_file_name("2024-04-01-copy.yaml")).expect("copy");
    assert_fails(
        dir.path(),
        CYBER_TARIFF,
        &["effective", "takes effect on the same date"],
    );
}

#[test]
fn non_utf8_file() {
    let dir = project();
    std::fs::write(
        dir.path().join("content/programs/bad.yaml"),
        b"id: \xff\xfe\n",
    )
    .expect("write");
    let out = run(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("bad.yaml") && stderr.contains("not UTF-8"),
        "{stderr}"
    );
}

#[test]
fn empty_file() {
    let dir = project();
    std::fs::write(dir.path().join("content/programs/empty.yaml"), "").expect("write");
    let out = run(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("empty.yaml") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let dir = project();
    replace(dir.path(), MIYAZAKI, "group: 0.20", "group: 1.5");
    replace(dir.path(), CYBER_TARIFF, "H1: 48570", "H1: -1");
    replace(
        dir.path(),
        PERSONAL,
        "category: long_term",
        "category: nope",
    );
    let stderr = assert_fails(
        dir.path(),
        MIYAZAKI,
        &[
            "discounts.group",
            "base_rates.clinic.H1",
            "unknown category `nope`",
        ],
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn the_shipped_content_is_valid() {
    // About the sample content: the real project, not the fixture.
    let out = run(&crate::support::repo_root(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
