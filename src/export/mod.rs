//! Rate tables as CSV, JSON, Markdown and aligned text.
//!
//! CSV starts with a UTF-8 byte-order mark so that Excel opens Japanese
//! text correctly; JSON carries integers of yen; `xlsx` writes the
//! reviewers' workbook.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
//! formula, so a program, plan or class name like `=HYPERLINK(…)` would run
//! when a reviewer opens the file (CSV or formula injection). Every text
//! field of every CSV goes through [`csv_text`], which prefixes such a
//! field with a single quote as OWASP advises; numbers go through
//! [`csv_field`] unchanged, so `-300` stays a number. Workbooks write text
//! only as string cells (see [`xlsx`]).

pub mod labels;
pub mod xlsx;

use crate::content::model::Payment;
use crate::rates::Cell;
use rust_decimal::Decimal;
use serde_json::json;

/// Which of [`COLUMNS`] hold text (the rest are numbers).
const TEXT_COLUMNS: [usize; 5] = [0, 1, 2, 3, 5];

// The columns of `rates.csv`: the same list an expected-premium table
// reads, so a table can start as a copy of an export.
use crate::content::expected::COLUMNS;

fn fields(cell: &Cell) -> [String; 9] {
    let opt = |d: Option<Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
    [
        cell.program.clone(),
        cell.plan.clone(),
        cell.class.clone(),
        cell.category.clone().unwrap_or_default(),
        opt(cell.size),
        cell.payment.id().to_string(),
        cell.premium.normalize().to_string(),
        opt(cell.first_installment),
        cell.annual.normalize().to_string(),
    ]
}

/// How `rates` writes premiums.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// CSV with a byte-order mark, for Excel.
    Csv,
    /// JSON with integer yen, for the next tool.
    Json,
    /// A Markdown table.
    Md,
    /// An Excel workbook (needs `--output`): a summary sheet and one sheet
    /// per program.
    Xlsx,
}

/// `cells` written in a text `format`; `None` for [`Format::Xlsx`], which
/// is binary (see [`xlsx::rates_workbook`]).
pub fn write(cells: &[Cell], format: Format) -> Option<String> {
    Some(match format {
        Format::Table => text_table(cells),
        Format::Csv => csv(cells),
        Format::Json => json(cells),
        Format::Md => markdown(cells),
        Format::Xlsx => return None,
    })
}

/// CSV with a BOM and a header row. Ids and numbers contain no commas, but
/// fields are quoted defensively anyway, and text fields are guarded
/// against formula injection ([`csv_text`]).
pub fn csv(cells: &[Cell]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for cell in cells {
        out.push_str(&csv_row(&fields(cell), |i| TEXT_COLUMNS.contains(&i)));
    }
    out
}

/// One CSV line (CRLF-terminated, as Excel writes): the columns for which
/// `is_text` holds go through [`csv_text`], numbers through [`csv_field`].
pub fn csv_row(fields: &[String], is_text: impl Fn(usize) -> bool) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if is_text(i) {
                csv_text(f)
            } else {
                csv_field(f)
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

/// A text field of a CSV: [`csv_field`], after a single quote is put in
/// front of a field that a spreadsheet would take for a formula (one
/// starting with `=`, `+`, `-` or `@`, or with a tab or carriage return,
/// which some spreadsheets skip before looking). Excel and LibreOffice show
/// the quote, so the text reads as written with a visible mark; a number
/// must not go through here (`-300` would become text).
pub fn csv_text(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        csv_field(&format!("'{field}"))
    } else {
        csv_field(field)
    }
}

/// A CSV field, quoted when it holds a separator, quote or line break.
pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Integer yen as a JSON number (premiums are whole yen after rounding).
fn yen_json(amount: Decimal) -> serde_json::Value {
    match crate::format::whole_yen(amount) {
        Some(n) => json!(n),
        None => json!(amount.normalize().to_string()),
    }
}

/// One cell as an entry of `rates.json` (integer yen where whole).
pub fn cell_json(cell: &Cell) -> serde_json::Value {
    json!({
        "program": cell.program,
        "plan": cell.plan,
        "class": cell.class,
        "category": cell.category,
        "size": cell.size.map(yen_json),
        "payment": cell.payment.id(),
        "premium_yen": yen_json(cell.premium),
        "first_installment_yen": cell.first_installment.map(yen_json),
        "annual_yen": yen_json(cell.annual),
    })
}

/// Cells as `rates.json`: the file beside each program's PDFs and the
/// attachment of every PDF that prints premiums.
pub fn json(cells: &[Cell]) -> String {
    let rows: Vec<serde_json::Value> = cells.iter().map(cell_json).collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// One entry of `rates.json`, as [`cell_json`] writes it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CellRecord {
    program: String,
    plan: String,
    class: String,
    category: Option<String>,
    size: Option<Decimal>,
    payment: Payment,
    premium_yen: Decimal,
    first_installment_yen: Option<Decimal>,
    annual_yen: Decimal,
}

/// Reads cells back from `rates.json` (as embedded in every PDF that prints
/// premiums).
pub fn cells_from_json(text: &str) -> Result<Vec<Cell>, serde_json::Error> {
    let records: Vec<CellRecord> = serde_json::from_str(text)?;
    Ok(records
        .into_iter()
        .map(|r| Cell {
            program: r.program,
            plan: r.plan,
            class: r.class,
            category: r.category,
            size: r.size,
            payment: r.payment,
            premium: r.premium_yen,
            first_installment: r.first_installment_yen,
            annual: r.annual_yen,
        })
        .collect())
}

/// Cells as a Markdown table, for pull requests and notes.
pub fn markdown(cells: &[Cell]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        COLUMNS.join(" | "),
        "---|".repeat(COLUMNS.len())
    );
    for cell in cells {
        out.push_str(&format!("| {} |\n", fields(cell).join(" | ")));
    }
    out
}

/// Columns padded to their widest entry, numbers right-aligned.
pub fn text_table(cells: &[Cell]) -> String {
    let rows: Vec<[String; 9]> = cells.iter().map(fields).collect();
    let widths: Vec<usize> = (0..COLUMNS.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].len())
                .chain([COLUMNS[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: &[String]| {
        let padded: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, f)| {
                if c >= 4 && c != 5 {
                    format!("{f:>w$}", w = widths[c])
                } else {
                    format!("{f:<w$}", w = widths[c])
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut out = line(&header);
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cell() -> Cell {
        Cell {
            program: "kagoshima-2025".into(),
            plan: "H2".into(),
            class: "clinic".into(),
            category: None,
            size: None,
            payment: Payment::Monthly,
            premium: dec!(2780),
            first_installment: Some(dec!(2850)),
            annual: dec!(31840),
        }
    }

    #[test]
    fn csv_has_bom_header_and_empty_optional_fields() {
        let csv = csv(&[cell()]);
        assert!(csv.starts_with("\u{feff}program,plan,class,category,size,payment,premium_yen"));
        assert!(csv.contains("\r\nkagoshima-2025,H2,clinic,,,monthly,2780,2850,31840\r\n"));
    }

    #[test]
    fn json_uses_integers_of_yen() {
        let v = cell_json(&cell());
        assert_eq!(v["premium_yen"], json!(2780));
        assert_eq!(v["first_installment_yen"], json!(2850));
        assert_eq!(v["size"], serde_json::Value::Null);
    }

    #[test]
    fn json_reads_back_into_the_same_cells() {
        let mut sized = cell();
        sized.size = Some(dec!(50));
        sized.category = Some("general".into());
        let cells = vec![cell(), sized];
        assert_eq!(cells_from_json(&json(&cells)).unwrap(), cells);
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_quoted_in_csv() {
        for name in ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"] {
            let mut evil = cell();
            evil.program = name.into();
            evil.plan = name.into();
            evil.class = name.into();
            evil.category = Some(name.into());
            let csv = csv(&[evil]);
            let row = csv.split("\r\n").nth(1).unwrap();
            let guarded = csv_field(&format!("'{name}"));
            assert_eq!(
                row,
                format!("{guarded},{guarded},{guarded},{guarded},,monthly,2780,2850,31840"),
                "{name}"
            );
        }
    }

    #[test]
    fn numbers_and_plain_text_are_not_guarded() {
        assert_eq!(csv_text("H1"), "H1");
        assert_eq!(csv_text("プラン1"), "プラン1");
        assert_eq!(csv_field("-300"), "-300");
        assert_eq!(csv_text("-300"), "'-300");
        assert_eq!(csv_text("=1,2"), "\"'=1,2\"");
    }

    #[test]
    fn foreign_json_is_refused() {
        let err = cells_from_json(r#"[{"premium": 1}]"#).unwrap_err();
        assert!(err.is_data(), "{err}");
    }
}
