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
//! testsuite a_folder_of_cases` runs them (or any other folder of cases).
//! Each case of the corpus itself is a test of its own (`cases!` below).
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
    /// Makes `file` a symbolic link to `target` (creating folders).
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

/// One `#[test]` per case file, so that every case is counted, named in
/// the report and runnable alone (`cargo test --test testsuite
/// invalid_corpus::case::dup_program_id`).
macro_rules! cases {
    ($($name:ident => $stem:literal,)*) => {
        /// The corpus, case by case.
        mod case {
            $(
                #[test]
                fn $name() {
                    super::check_case($stem);
                }
            )*
        }

        /// The stems listed above, to compare with the folder.
        const CASES: &[&str] = &[$($stem),*];
    };
}

cases! {
    badge_discount_not_granted => "badge-discount-not-granted",
    block_image_missing_asset => "block-image-missing-asset",
    block_image_outside_project => "block-image-outside-project",
    block_image_svg_external_reference => "block-image-svg-external-reference",
    block_image_symlink_escape => "block-image-symlink-escape",
    block_image_undecodable => "block-image-undecodable",
    block_image_unknown_format => "block-image-unknown-format",
    block_image_width_out_of_range => "block-image-width-out-of-range",
    block_qr_bad_url => "block-qr-bad-url",
    block_qr_file_url => "block-qr-file-url",
    block_steps_empty => "block-steps-empty",
    build_with_content_error => "build-with-content-error",
    build_with_prose_error => "build-with-prose-error",
    date_deadline_after_start => "date-deadline-after-start",
    date_feb_29_in_common_year => "date-feb-29-in-common-year",
    date_no_tariff_in_force => "date-no-tariff-in-force",
    date_no_tariff_in_force_lump_sum => "date-no-tariff-in-force-lump-sum",
    date_not_zero_padded => "date-not-zero-padded",
    date_period_ends_before_start => "date-period-ends-before-start",
    date_period_ends_before_start_lump_sum => "date-period-ends-before-start-lump-sum",
    date_period_of_zero_length => "date-period-of-zero-length",
    date_year_out_of_range => "date-year-out-of-range",
    dup_class_id => "dup-class-id",
    dup_coverage_id => "dup-coverage-id",
    dup_deadline_id => "dup-deadline-id",
    dup_plan_id => "dup-plan-id",
    dup_plan_in_table => "dup-plan-in-table",
    dup_program_id => "dup-program-id",
    dup_section_id => "dup-section-id",
    dup_table => "dup-table",
    dup_tariff_effective_date => "dup-tariff-effective-date",
    dup_tariff_effective_date_of_a_copy => "dup-tariff-effective-date-of-a-copy",
    expected_bom_and_crlf_keep_lines => "expected-bom-and-crlf-keep-lines",
    expected_first_installment_mismatch => "expected-first-installment-mismatch",
    expected_premium_mismatch => "expected-premium-mismatch",
    expected_premium_mismatch_in_japanese => "expected-premium-mismatch-in-japanese",
    expected_program_of_other_product => "expected-program-of-other-product",
    expected_referred_size => "expected-referred-size",
    expected_row_wrong_width => "expected-row-wrong-width",
    expected_size_not_a_number => "expected-size-not-a-number",
    expected_size_on_flat_class => "expected-size-on-flat-class",
    expected_unknown_class => "expected-unknown-class",
    expected_unknown_column => "expected-unknown-column",
    expected_unknown_plan => "expected-unknown-plan",
    expected_unknown_program => "expected-unknown-program",
    glyph_not_in_any_font => "glyph-not-in-any-font",
    glyph_not_in_any_font_at_check => "glyph-not-in-any-font-at-check",
    glyph_not_in_any_font_in_a_title => "glyph-not-in-any-font-in-a-title",
    hostile_alias_bomb => "hostile-alias-bomb",
    hostile_big_file => "hostile-big-file",
    hostile_bom_keeps_lines => "hostile-bom-keeps-lines",
    hostile_bom_mid_file => "hostile-bom-mid-file",
    hostile_comment_only_file => "hostile-comment-only-file",
    hostile_content_symlink => "hostile-content-symlink",
    hostile_deep_nesting => "hostile-deep-nesting",
    hostile_empty_file => "hostile-empty-file",
    hostile_non_utf8 => "hostile-non-utf8",
    hostile_non_utf8_in_value => "hostile-non-utf8-in-value",
    hostile_nul_byte => "hostile-nul-byte",
    hostile_null_document => "hostile-null-document",
    hostile_scalar_document => "hostile-scalar-document",
    hostile_utf16 => "hostile-utf16",
    lineage_previous_names_no_program => "lineage-previous-names-no-program",
    mismatch_product_id => "mismatch-product-id",
    mismatch_program_id => "mismatch-program-id",
    mismatch_program_id_lump_sum => "mismatch-program-id-lump-sum",
    missing_period_start => "missing-period-start",
    missing_required_field => "missing-required-field",
    missing_required_field_in_product => "missing-required-field-in-product",
    missing_tariff => "missing-tariff",
    quote_untariffed_product => "quote-untariffed-product",
    rates_untariffed_product => "rates-untariffed-product",
    table_join_without_previous => "table-join-without-previous",
    untariffed_product_with_tables => "untariffed-product-with-tables",
    multi_three_problems_reported_together => "multi-three-problems-reported-together",
    num_base_rate_missing => "num-base-rate-missing",
    num_base_rate_missing_for_offered_plan => "num-base-rate-missing-for-offered-plan",
    num_decreasing_size_points => "num-decreasing-size-points",
    num_decreasing_size_points_cyber => "num-decreasing-size-points-cyber",
    num_discount_above_100_percent => "num-discount-above-100-percent",
    num_discount_of_100_percent => "num-discount-of-100-percent",
    num_discount_of_120_percent => "num-discount-of-120-percent",
    num_fractional_installment_count => "num-fractional-installment-count",
    num_negative_base_rate => "num-negative-base-rate",
    num_negative_discount => "num-negative-discount",
    num_negative_discount_lump_sum => "num-negative-discount-lump-sum",
    num_negative_installment_factor => "num-negative-installment-factor",
    num_negative_limit => "num-negative-limit",
    num_negative_minimum_premium => "num-negative-minimum-premium",
    num_negative_size => "num-negative-size",
    num_negative_size_factor => "num-negative-size-factor",
    num_shown_size_outside_size_table => "num-shown-size-outside-size-table",
    num_single_installment => "num-single-installment",
    num_size_outside_table => "num-size-outside-table",
    num_zero_base_rate => "num-zero-base-rate",
    num_zero_category_factor => "num-zero-category-factor",
    num_zero_rounding_unit => "num-zero-rounding-unit",
    num_zero_size => "num-zero-size",
    product_fails_to_load => "product-fails-to-load",
    program_section_not_printed => "program-section-not-printed",
    program_without_documents => "program-without-documents",
    prose_filter_on_wrong_type => "prose-filter-on-wrong-type",
    prose_folded_placeholder_line => "prose-folded-placeholder-line",
    prose_literal_date => "prose-literal-date",
    prose_literal_date_not_in_data => "prose-literal-date-not-in-data",
    prose_literal_debit_month => "prose-literal-debit-month",
    prose_literal_discount => "prose-literal-discount",
    prose_literal_in_a_note => "prose-literal-in-a-note",
    prose_literal_in_block_line => "prose-literal-in-block-line",
    prose_literal_limit => "prose-literal-limit",
    prose_literal_premium => "prose-literal-premium",
    prose_table_row_too_short => "prose-table-row-too-short",
    prose_unclosed_placeholder => "prose-unclosed-placeholder",
    prose_unknown_deadline => "prose-unknown-deadline",
    prose_unknown_filter => "prose-unknown-filter",
    prose_unknown_placeholder => "prose-unknown-placeholder",
    prose_unknown_placeholder_in_literal_block => "prose-unknown-placeholder-in-literal-block",
    ref_category_on_product_without_categories => "ref-category-on-product-without-categories",
    ref_monthly_without_installment_rule => "ref-monthly-without-installment-rule",
    ref_no_sizes_on_size_rated_class => "ref-no-sizes-on-size-rated-class",
    ref_size_factors_for_flat_class => "ref-size-factors-for-flat-class",
    ref_sizes_on_flat_rated_class => "ref-sizes-on-flat-rated-class",
    ref_unknown_category => "ref-unknown-category",
    ref_unknown_class => "ref-unknown-class",
    ref_unknown_class_in_class_limits => "ref-unknown-class-in-class-limits",
    ref_unknown_class_in_discount => "ref-unknown-class-in-discount",
    ref_unknown_class_in_size_rated_table => "ref-unknown-class-in-size-rated-table",
    ref_unknown_class_in_tariff => "ref-unknown-class-in-tariff",
    ref_unknown_coverage => "ref-unknown-coverage",
    ref_unknown_discount_in_cyber_routine => "ref-unknown-discount-in-cyber-routine",
    ref_unknown_discount_in_program => "ref-unknown-discount-in-program",
    ref_unknown_discount_in_routine => "ref-unknown-discount-in-routine",
    ref_unknown_discount_listing_known => "ref-unknown-discount-listing-known",
    ref_unknown_document_kind => "ref-unknown-document-kind",
    ref_unknown_plan => "ref-unknown-plan",
    ref_unknown_plan_in_minimum => "ref-unknown-plan-in-minimum",
    ref_unknown_plan_of_flat_class => "ref-unknown-plan-of-flat-class",
    ref_unknown_product => "ref-unknown-product",
    ref_unknown_product_listing_known => "ref-unknown-product-listing-known",
    ref_unknown_section => "ref-unknown-section",
    syntax_bad_indentation => "syntax-bad-indentation",
    syntax_colon_in_plain_scalar => "syntax-colon-in-plain-scalar",
    syntax_duplicate_key => "syntax-duplicate-key",
    syntax_duplicate_key_in_tariff => "syntax-duplicate-key-in-tariff",
    syntax_missing_colon => "syntax-missing-colon",
    syntax_missing_colon_ja => "syntax-missing-colon-ja",
    syntax_tab_indent_ja => "syntax-tab-indent-ja",
    syntax_tab_indentation => "syntax-tab-indentation",
    syntax_two_documents => "syntax-two-documents",
    syntax_unclosed_flow_mapping => "syntax-unclosed-flow-mapping",
    syntax_unclosed_flow_sequence => "syntax-unclosed-flow-sequence",
    syntax_unclosed_flow_sequence_in_value => "syntax-unclosed-flow-sequence-in-value",
    syntax_undefined_alias => "syntax-undefined-alias",
    syntax_unterminated_quote => "syntax-unterminated-quote",
    template_drops_premium_tables => "template-drops-premium-tables",
    template_missing => "template-missing",
    template_package_import => "template-package-import",
    template_reads_absolute => "template-reads-absolute",
    template_reads_parent => "template-reads-parent",
    template_runtime_error => "template-runtime-error",
    template_symlink_out_of_root => "template-symlink-out-of-root",
    template_syntax_error => "template-syntax-error",
    template_warning => "template-warning",
    theme_bad_colour => "theme-bad-colour",
    theme_logo_missing => "theme-logo-missing",
    type_bad_block_kind => "type-bad-block-kind",
    form_unknown_id => "form-unknown-id",
    form_unknown_contact => "form-unknown-contact",
    form_unknown_deadline => "form-unknown-deadline",
    type_bad_date_format => "type-bad-date-format",
    type_bad_decimal => "type-bad-decimal",
    type_bad_issued_date => "type-bad-issued-date",
    type_bad_payment => "type-bad-payment",
    type_bad_rounding_mode => "type-bad-rounding-mode",
    type_bool_for_count => "type-bool-for-count",
    type_impossible_date => "type-impossible-date",
    type_list_for_map => "type-list-for-map",
    type_map_for_list => "type-map-for-list",
    type_routine_not_starting_with_base => "type-routine-not-starting-with-base",
    type_string_for_number => "type-string-for-number",
    type_word_for_discount => "type-word-for-discount",
    unknown_key_contact => "unknown-key-contact",
    unknown_key_document => "unknown-key-document",
    unknown_key_faq => "unknown-key-faq",
    unknown_key_installments => "unknown-key-installments",
    unknown_key_period => "unknown-key-period",
    unknown_key_plan => "unknown-key-plan",
    unknown_key_product => "unknown-key-product",
    unknown_key_program => "unknown-key-program",
    unknown_key_section => "unknown-key-section",
    unknown_key_table => "unknown-key-table",
    unknown_key_tariff => "unknown-key-tariff",
    unknown_plan_did_you_mean => "unknown-plan-did-you-mean",
    unknown_plan_did_you_mean_ja => "unknown-plan-did-you-mean-ja",
    usage_bad_format => "usage-bad-format",
    usage_build_only_unknown_program => "usage-build-only-unknown-program",
    usage_context_unknown_document => "usage-context-unknown-document",
    usage_explain_bad_size => "usage-explain-bad-size",
    usage_explain_missing_class => "usage-explain-missing-class",
    usage_explain_unknown_class => "usage-explain-unknown-class",
    usage_explain_unknown_plan => "usage-explain-unknown-plan",
    usage_rates_unknown_program => "usage-rates-unknown-program",
    usage_unknown_subcommand => "usage-unknown-subcommand",
    usage_xlsx_without_output => "usage-xlsx-without-output",
}

/// Runs the case `stem` of tests/fixtures/invalid/ and fails with what
/// went wrong.
fn check_case(stem: &str) {
    let file = crate::support::repo_root()
        .join("tests/fixtures/invalid")
        .join(format!("{stem}.yaml"));
    let problems = run_case_file(&file);
    assert!(
        problems.is_empty(),
        "{stem}.yaml:\n  - {}",
        problems.join("\n  - ")
    );
}

/// A case file added to the folder must be listed in `cases!`, or it would
/// never run.
#[test]
fn every_case_file_is_listed() {
    let mut stems: Vec<String> =
        std::fs::read_dir(crate::support::repo_root().join("tests/fixtures/invalid"))
            .expect("the corpus folder")
            .map(|e| e.expect("read dir").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
    stems.sort();
    let mut listed: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        stems, listed,
        "list every case file in `cases!` (and remove deleted ones)"
    );
}

/// Runs every case of another folder (`INVALID_CORPUS=DIR`), e.g. the
/// pending cases of bugs not fixed yet; does nothing without it.
#[test]
fn a_folder_of_cases_named_by_invalid_corpus() {
    if std::env::var_os("INVALID_CORPUS").is_none() {
        return;
    }
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
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create the link's folder");
            }
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
