//! `summary.csv` and `summary.xlsx` of a roster run: one row per roster
//! row with its status (quoted, referred, requested or invalid), premium
//! and installments. Member ids only, never names: the summary goes to the
//! association's staff, a member's name only to that member's own sheet.
//! Text goes through the formula guards every export shares.

use super::members::{MembersReport, Status};
use crate::export::csv_row;
use crate::export::xlsx::{Formats, Table, workbook};
use crate::messages::{Lang, Localized};
use rust_xlsxwriter::XlsxError;

/// The summary's columns.
const COLUMNS: [&str; 11] = [
    "line",
    "member_id",
    "status",
    "class",
    "category",
    "size",
    "plan",
    "premium",
    "first_installment",
    "annual",
    "note",
];

/// Which columns hold text (guarded against formulas in CSV).
const TEXT: [usize; 6] = [1, 2, 3, 4, 6, 10];

/// One summary row as text fields, in roster order.
fn rows(report: &MembersReport) -> Vec<(usize, [String; 11])> {
    let mut rows: Vec<(usize, [String; 11])> = report
        .results
        .iter()
        .map(|r| {
            let mut f: [String; 11] = Default::default();
            f[0] = r.line.to_string();
            f[1] = r.id.clone();
            match &r.status {
                Status::Quoted { cell, installments } => {
                    f[2] = "quoted".into();
                    f[3] = cell.class.clone();
                    f[4] = cell.category.clone().unwrap_or_default();
                    f[5] = cell
                        .size
                        .map(|s| s.normalize().to_string())
                        .unwrap_or_default();
                    f[6] = cell.plan.clone();
                    f[7] = cell.premium.to_string();
                    f[8] = cell
                        .first_installment
                        .map(|d| d.to_string())
                        .unwrap_or_default();
                    f[9] = cell.annual.to_string();
                    f[10] = installments
                        .map(|n| format!("{n} installments"))
                        .unwrap_or_else(|| "lump sum".into());
                }
                Status::Referred { size, min, max } => {
                    f[2] = "referred".into();
                    f[5] = size.normalize().to_string();
                    f[10] = format!(
                        "size {} outside the tariff's {}–{}: no sheet, the underwriter quotes",
                        size.normalize(),
                        min.normalize(),
                        max.normalize()
                    );
                }
                Status::Requested => f[2] = "requested".into(),
            }
            (r.line, f)
        })
        .collect();
    for problem in &report.invalid {
        let mut f: [String; 11] = Default::default();
        f[0] = problem.line.to_string();
        f[2] = "invalid".into();
        f[10] = problem.localized(Lang::En);
        rows.push((problem.line, f));
    }
    rows.sort_by_key(|(line, _)| *line);
    rows
}

/// The summary as CSV with a BOM (for Excel), CRLF lines.
pub(super) fn csv(report: &MembersReport) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for (_, fields) in rows(report) {
        out.push_str(&csv_row(&fields, |i| TEXT.contains(&i)));
    }
    out
}

/// The summary as a workbook: numbers as numbers, text as string cells.
pub(super) fn xlsx(
    report: &MembersReport,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = workbook("会員別お見積り一覧", created)?;
    let formats = Formats::new(None);
    {
        let sheet = book.add_worksheet().set_name("summary")?;
        let mut table = Table::new(sheet, 0, &COLUMNS, &formats.header)?;
        for (_, fields) in rows(report) {
            for (col, value) in (0u16..).zip(&fields) {
                let i = usize::from(col);
                if value.is_empty() {
                    table.blank(col, &formats.text)?;
                } else if TEXT.contains(&i) {
                    table.text(col, value, &formats.text)?;
                } else if (7..=9).contains(&i) {
                    let amount = value.parse().ok();
                    table.yen(col, amount, &formats.yen)?;
                } else {
                    let number = value.parse::<f64>().unwrap_or(f64::NAN);
                    table.number(col, number, &formats.number, value)?;
                }
            }
            table.next_row();
        }
        table.finish()?;
    }
    book.save_to_buffer()
}
