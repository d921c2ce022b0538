//! `rates --format xlsx` and `diff --format xlsx`: every workbook read back
//! with an independent reader (calamine) and compared figure by figure
//! with the CSV (and, for the diff summary, Markdown) the same command
//! writes for the same cells; the bytes are the same on every run; and a
//! workbook without `--output` is refused in both languages.

use crate::support::{arg, project, repo_root, run, run_in_locale, success, text};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";
const FIXTURE: &str = "tests/fixtures/tariffs/cyber-clinic-h1-50000.yaml";

/// The data rows of a CSV the tool wrote, split into fields (none of the
/// fixture's fields is quoted).
fn csv_rows(stdout: &[u8]) -> Vec<Vec<String>> {
    let csv = text(stdout);
    csv.split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Every sheet of a workbook by name, in order.
fn sheets(file: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook(file).expect("calamine opens the workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet");
            assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            let formulas = book.worksheet_formula(&name).expect("formulas");
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{name} holds no formula"
            );
            (name, rows)
        })
        .collect()
}

/// A number cell's value; an empty CSV field is an empty cell.
#[track_caller]
fn assert_figure(cell: &Data, csv: &str, what: &str) {
    match cell {
        Data::Empty => assert_eq!(csv, "", "{what}: empty cell, CSV {csv:?}"),
        Data::Float(v) => assert_eq!(*v, csv.parse::<f64>().unwrap(), "{what}"),
        Data::Int(v) => assert_eq!(*v as f64, csv.parse::<f64>().unwrap(), "{what}"),
        other => panic!("{what}: {other:?} is not a number (CSV {csv:?})"),
    }
}

/// A percent cell holds the fraction of a CSV or Markdown percentage
/// (2.94 → 0.0294), to the precision a double gives a decimal.
#[track_caller]
fn assert_percent(cell: &Data, percent: &str, what: &str) {
    let expected = percent.trim_end_matches('%').parse::<f64>().unwrap() / 100.0;
    match cell {
        Data::Float(v) => assert!((v - expected).abs() < 1e-12, "{what}: {v} ≠ {expected}"),
        other => panic!("{what}: {other:?} is not a percentage ({percent})"),
    }
}

#[track_caller]
fn assert_text(cell: &Data, expected: &str, what: &str) {
    assert_eq!(cell, &Data::String(expected.to_string()), "{what}");
}

fn payment_label(id: &str) -> &str {
    match id {
        "lump_sum" => "一括払",
        "monthly" => "月払",
        "monthly_first" => "月払（初回）",
        other => panic!("unknown payment {other}"),
    }
}

#[test]
fn the_rates_workbook_reads_back_equal_to_the_csv() {
    let project = project();
    let root = project.path();
    let csv = success(run(root, &["rates", "--format", "csv"]));
    let rows = csv_rows(&csv.stdout);
    let file = root.join("rates.xlsx");
    success(run(
        root,
        &["rates", "--format", "xlsx", "--output", arg(&file)],
    ));
    let sheets = sheets(&file);
    let mut programs: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    programs.dedup();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "概要");
    assert_eq!(&names[1..], &programs[..]);

    let summary = &sheets[0].1;
    assert_text(&summary[0][0], "プログラム", "summary header");
    assert_eq!(summary.len(), programs.len() + 1);
    let mut compared = 0;
    for ((program, (_, sheet)), line) in programs.iter().zip(&sheets[1..]).zip(&summary[1..]) {
        let own: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == *program).collect();
        assert_text(&line[0], program, "summary program");
        assert_figure(&line[1], &own.len().to_string(), "count");
        assert_text(&line[2], payment_label(&own[0][5]), "summary payment");
        let premiums = own.iter().map(|r| r[6].parse::<i64>().unwrap());
        assert_figure(
            &line[3],
            &premiums.clone().min().unwrap().to_string(),
            "min",
        );
        assert_figure(&line[4], &premiums.max().unwrap().to_string(), "max");

        let headers: Vec<String> = sheet[0].iter().map(ToString::to_string).collect();
        assert_eq!(
            headers,
            [
                "プログラム",
                "プラン",
                "施設区分",
                "病床区分",
                "規模",
                "払込方法",
                "保険料",
                "初回保険料",
                "年額保険料"
            ]
        );
        assert_eq!(sheet.len() - 1, own.len(), "{program}: one row per cell");
        for (cells, csv) in sheet[1..].iter().zip(&own) {
            let what = csv.join(",");
            assert_text(&cells[0], &csv[0], &what);
            assert_text(&cells[1], &csv[1], &what);
            assert!(
                matches!(&cells[2], Data::String(s) if !s.is_empty()),
                "{what}"
            );
            assert_eq!(cells[3] == Data::Empty, csv[3].is_empty(), "{what}");
            assert_figure(&cells[4], &csv[4], &format!("size of {what}"));
            assert_text(&cells[5], payment_label(&csv[5]), &what);
            assert_figure(&cells[6], &csv[6], &format!("premium of {what}"));
            assert_figure(&cells[7], &csv[7], &format!("first of {what}"));
            assert_figure(&cells[8], &csv[8], &format!("annual of {what}"));
            compared += 1;
        }
    }
    assert_eq!(compared, rows.len(), "every CSV row has its workbook row");
}

/// The diff of the clinic H1 base rate 48,570 → 50,000 (see `diff.rs` for
/// the figures worked by hand) in `format`, written to `output` if given.
fn tariff_diff(root: &Path, format: &str, output: Option<&Path>) -> std::process::Output {
    let fixture = repo_root().join(FIXTURE);
    let base = root.join(TARIFF);
    let mut args = vec![
        "diff",
        "--base",
        arg(&base),
        "--head",
        arg(&fixture),
        "--product",
        "cyber",
        "--format",
        format,
    ];
    if let Some(file) = output {
        args.extend(["--output", arg(file)]);
    }
    success(run(root, &args))
}

#[test]
fn the_diff_workbook_reads_back_equal_to_the_csv_and_markdown() {
    let project = project();
    let root = project.path();
    let rows = csv_rows(&tariff_diff(root, "csv", None).stdout);
    assert_eq!(rows.len(), 3, "the change under test moves three figures");
    let markdown = text(&tariff_diff(root, "md", None).stdout);
    let file = root.join("diff.xlsx");
    tariff_diff(root, "xlsx", Some(&file));
    let sheets = sheets(&file);

    // Summary: the sides, then per program the same counts and Δ% range
    // as the Markdown summary table.
    let summary = &sheets[0].1;
    assert_eq!(sheets[0].0, "概要");
    assert_text(&summary[0][0], "旧", "base label");
    assert_text(
        &summary[0][1],
        &root.join(TARIFF).display().to_string(),
        "base",
    );
    assert_text(&summary[1][0], "新", "head label");
    assert_text(&summary[2][0], "変更 3件・新設 0件・廃止 0件", "headline");
    assert_text(&summary[4][0], "プログラム", "summary header");
    let md_summary: Vec<Vec<&str>> = markdown
        .lines()
        .skip_while(|l| !l.starts_with("| program | compared"))
        .skip(2)
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(summary.len() - 5, md_summary.len());
    for (line, md) in summary[5..].iter().zip(&md_summary) {
        assert_text(&line[0], md[0], "program");
        for col in 1..=4 {
            assert_figure(&line[col], md[col], &format!("{} column {col}", md[0]));
        }
        for col in 5..=7 {
            let pct = md[col];
            if pct == "—" {
                assert_eq!(line[col], Data::Empty, "{} Δ% {col}", md[0]);
            } else {
                assert_percent(&line[col], pct, &format!("{} Δ%", md[0]));
            }
        }
    }
    let programs: Vec<&str> = md_summary.iter().map(|r| r[0]).collect();
    let names: Vec<&str> = sheets[1..].iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, programs, "one sheet per program of the summary");

    // Every figure row: the same key and figures as the CSV row.
    let mut seen = 0;
    for (program, sheet) in &sheets[1..] {
        assert_text(&sheet[0][7], "旧保険料", "header");
        let own: Vec<&Vec<String>> = rows.iter().filter(|r| &r[0] == program).collect();
        assert_eq!(sheet.len() - 1, own.len(), "{program}");
        for (cells, csv) in sheet[1..].iter().zip(&own) {
            let what = csv.join(",");
            assert_text(&cells[0], &csv[0], &what);
            assert_eq!(cells[2] == Data::Empty, csv[2].is_empty(), "{what}");
            assert_figure(&cells[3], &csv[3], &format!("size of {what}"));
            assert_text(&cells[4], &csv[4], &what);
            assert_text(&cells[5], payment_label(&csv[5]), &what);
            assert_eq!(csv[6], "changed");
            assert_text(&cells[6], "変更", &what);
            assert_figure(&cells[7], &csv[7], &format!("old of {what}"));
            assert_figure(&cells[8], &csv[8], &format!("new of {what}"));
            assert_figure(&cells[9], &csv[9], &format!("Δ円 of {what}"));
            assert_percent(&cells[10], &csv[10], &format!("Δ% of {what}"));
            seen += 1;
        }
    }
    assert_eq!(seen, rows.len(), "every CSV row has its workbook row");
}

#[test]
fn the_same_input_gives_the_same_workbook_bytes() {
    let project = project();
    let root = project.path();
    let write = |name: &str| {
        let file = root.join(name);
        success(run(
            root,
            &["rates", "--format", "xlsx", "--output", arg(&file)],
        ));
        std::fs::read(file).unwrap()
    };
    let (first, second) = (write("a.xlsx"), write("b.xlsx"));
    assert!(first.starts_with(b"PK"), "a zip file");
    assert!(first == second, "two writes of the rates workbook differ");

    let diff = |name: &str| {
        let file = root.join(name);
        tariff_diff(root, "xlsx", Some(&file));
        std::fs::read(file).unwrap()
    };
    assert!(
        diff("a-diff.xlsx") == diff("b-diff.xlsx"),
        "two diff workbooks differ"
    );
}

#[test]
fn a_workbook_without_output_is_a_usage_error_in_both_languages() {
    let project = project();
    let root = project.path();
    for args in [
        &["rates", "--format", "xlsx"][..],
        &["diff", "--base", "HEAD", "--format", "xlsx"][..],
    ] {
        let out = run(root, args);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr)
                .contains("--format xlsx writes a binary workbook: give --output FILE"),
            "{}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "nothing binary on the terminal");
        let ja = run_in_locale(root, "ja_JP.UTF-8", args);
        assert_eq!(ja.status.code(), Some(2));
        assert!(
            text(&ja.stderr).contains("--output ファイル名 を指定してください"),
            "{}",
            text(&ja.stderr)
        );
    }
}
