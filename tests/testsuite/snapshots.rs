//! What the CLI prints, pinned whole: tables, CSV, Markdown, JSON, help and
//! error text, run on the fixture project. A snapshot shows a reviewer the
//! exact change in output a code change makes; the fragment assertions of
//! the other modules say what must stay true whatever the wording.
//!
//! Temporary folders are written `[ROOT]`. See `main.rs` for how to accept
//! an intended change.

use crate::support::{project, redact, replace, run, run_in_locale, success, text};
use insta::assert_snapshot;

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";

/// The stdout of a successful `tariffpress ARGS…` on the fixture project.
fn stdout_of(args: &[&str]) -> String {
    let project = project();
    let out = success(run(project.path(), args));
    redact(&text(&out.stdout), project.path())
}

/// CSV with its line ends shown: the CRLF Excel expects is part of the
/// format (insta would otherwise compare line ends loosely).
fn csv(text: String) -> String {
    text.replace("\r\n", "\\r\n")
}

#[test]
fn rates_as_a_table() {
    assert_snapshot!(stdout_of(&["rates", "miyazaki-2025"]));
}

#[test]
fn rates_as_csv() {
    assert_snapshot!(csv(stdout_of(&[
        "rates",
        "kagoshima-2025",
        "--format",
        "csv"
    ])));
}

#[test]
fn rates_as_markdown() {
    assert_snapshot!(stdout_of(&["rates", "miyazaki-2025", "--format", "md"]));
}

#[test]
fn rates_as_json() {
    assert_snapshot!(stdout_of(&["rates", "kagoshima-2025", "--format", "json"]));
}

const EXPLAIN: [&str; 8] = [
    "explain",
    "miyazaki-2025",
    "--class",
    "hospital",
    "--plan",
    "H1",
    "--size",
    "75",
];

#[test]
fn explain_as_text() {
    assert_snapshot!(stdout_of(&EXPLAIN));
}

#[test]
fn explain_as_json() {
    let mut args = EXPLAIN.to_vec();
    args.extend(["--format", "json"]);
    assert_snapshot!(stdout_of(&args));
}

#[test]
fn check_success_line() {
    let project = project();
    let out = success(run(project.path(), &["check"]));
    assert_snapshot!(redact(&text(&out.stderr), project.path()));
}

/// `diff` of the fixture project against a copy with the cyber clinic H1
/// base rate raised from 48,570 to 50,000 yen (the figures are worked by
/// hand in `diff.rs`).
fn tariff_change_diff(format: &str) -> String {
    let base = project();
    let head = project();
    replace(head.path(), TARIFF, "    H1: 48570\n", "    H1: 50000\n");
    let base_arg = base.path().to_str().expect("utf-8");
    let out = success(run(
        head.path(),
        &["diff", "--base", base_arg, "--format", format],
    ));
    redact(&redact(&text(&out.stdout), base.path()), head.path())
}

#[test]
fn diff_as_markdown() {
    assert_snapshot!(tariff_change_diff("md"));
}

#[test]
fn diff_as_csv() {
    assert_snapshot!(csv(tariff_change_diff("csv")));
}

#[test]
fn main_help() {
    assert_snapshot!(stdout_of(&["--help"]));
}

/// The stderr of a failed `check` after one edit of the fixture project.
fn check_error(locale: &str, file: &str, from: &str, to: &str) -> String {
    let project = project();
    replace(project.path(), file, from, to);
    let out = run_in_locale(project.path(), locale, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    redact(&text(&out.stderr), project.path())
}

#[test]
fn error_unknown_plan() {
    assert_snapshot!(check_error(
        "C.UTF-8",
        "content/programs/kagoshima-2025.yaml",
        "plans: [H1, H2, H3, H4, H5, H6, H7]",
        "plans: [H1, H2, H3, H4, H5, H6, H8]",
    ));
}

#[test]
fn error_unknown_plan_in_japanese() {
    assert_snapshot!(check_error(
        "ja_JP.UTF-8",
        "content/programs/kagoshima-2025.yaml",
        "plans: [H1, H2, H3, H4, H5, H6, H7]",
        "plans: [H1, H2, H3, H4, H5, H6, H8]",
    ));
}

#[test]
fn error_yaml_syntax() {
    assert_snapshot!(check_error(
        "C.UTF-8",
        "content/programs/miyazaki-2025.yaml",
        "payment: lump_sum",
        "payment: [lump_sum",
    ));
}

#[test]
fn error_unknown_key_in_japanese() {
    assert_snapshot!(check_error(
        "ja_JP.UTF-8",
        "content/programs/miyazaki-2025.yaml",
        "payment: lump_sum",
        "payment: lump_sum\ncolour: blue",
    ));
}

#[test]
fn error_negative_base_rate() {
    assert_snapshot!(check_error(
        "C.UTF-8",
        TARIFF,
        "    H1: 48570\n",
        "    H1: -48570\n",
    ));
}
