//! The diff as an Excel workbook for reviewers: a summary sheet (the two
//! sides, the headline, per program the figures compared, changed, added,
//! removed and the Δ% range), then one sheet per program with every
//! changed, added and removed figure. Headers are those of the 新旧対照表
//! (`templates/diff.typ`); a changed figure's new value, Δ円 and Δ% are
//! filled yellow, an added figure's new value green, a removed figure's
//! old value red, as the PDF marks them.

use super::report::program_label;
use super::report::{Labels, Sides, headline_ja};
use super::{Change, RateDiff, Row};
use crate::export::labels::payment_label;
use crate::export::xlsx::{Formats, SUMMARY_SHEET, Table, sheet_name, to_f64, workbook};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, XlsxError};

/// Headers of a program's sheet.
pub const ROW_HEADERS: [&str; 11] = [
    "プログラム",
    "施設区分",
    "病床区分",
    "規模",
    "プラン",
    "払込方法",
    "変更",
    "旧保険料",
    "新保険料",
    "差額",
    "増減率",
];

/// Headers of the summary table.
pub const SUMMARY_HEADERS: [&str; 8] = [
    "プログラム",
    "比較数",
    "変更",
    "新設",
    "廃止",
    "最小増減率",
    "中央値",
    "最大増減率",
];

/// The row of the summary sheet that holds the headers (above it: 旧, 新
/// and the headline).
pub const SUMMARY_HEADER_ROW: u32 = 4;

/// How a change is named in the 変更 column.
pub fn change_label(change: &Change) -> &'static str {
    match change {
        Change::Changed { .. } => "変更",
        Change::Added { .. } => "新設",
        Change::Removed { .. } => "廃止",
    }
}

/// The workbook of `diff`, dated `created`.
pub fn workbook_bytes(
    diff: &RateDiff,
    sides: &Sides,
    labels: &Labels,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = workbook("保険料 新旧対照表", created)?;
    let plain = Formats::new(None);
    let changed = Formats::new(Some(Color::RGB(0xFF_F2_CC)));
    let added = Formats::new(Some(Color::RGB(0xE2_F0_D9)));
    let removed = Formats::new(Some(Color::RGB(0xF8_D7_DA)));
    let mut names = vec![SUMMARY_SHEET.to_string()];
    {
        let sheet = book.add_worksheet().set_name(SUMMARY_SHEET)?;
        let bold = Format::new().set_bold();
        sheet.write_string_with_format(0, 0, "旧", &bold)?;
        sheet.write_string(0, 1, &sides.base)?;
        sheet.write_string_with_format(1, 0, "新", &bold)?;
        sheet.write_string(1, 1, &sides.head)?;
        sheet.write_string_with_format(2, 0, headline_ja(diff), &bold)?;
        let mut table = Table::new(sheet, SUMMARY_HEADER_ROW, &SUMMARY_HEADERS, &plain.header)?;
        for s in &diff.summaries {
            table.text(
                0,
                &program_label(&s.program, s.previous.as_ref()),
                &plain.text,
            )?;
            for (col, n) in (1u16..).zip([s.compared, s.changed, s.added, s.removed]) {
                table.number(col, n as f64, &plain.number, &n.to_string())?;
            }
            let (min, median, max) = match s.pct_range {
                Some((min, median, max)) => (Some(min), Some(median), Some(max)),
                None => (None, None, None),
            };
            for (col, pct) in (5u16..).zip([min, median, max]) {
                percent(&mut table, col, pct, &plain.percent)?;
            }
            table.next_row();
        }
        table.finish()?;
    }
    for summary in &diff.summaries {
        let name = sheet_name(&summary.program, &names);
        names.push(name.clone());
        let sheet = book.add_worksheet().set_name(&name)?;
        let mut table = Table::new(sheet, 0, &ROW_HEADERS, &plain.header)?;
        for row in diff
            .rows
            .iter()
            .filter(|r| r.key.program == summary.program)
        {
            let marked = match row.change {
                Change::Changed { .. } => &changed,
                Change::Added { .. } => &added,
                Change::Removed { .. } => &removed,
            };
            figure_row(&mut table, row, labels, &plain, marked)?;
            table.next_row();
        }
        table.finish()?;
    }
    book.save_to_buffer()
}

/// One figure: its key as text, old and new as yen, Δ円 and Δ% as
/// numbers; the cells that changed in `marked`'s fill.
fn figure_row(
    table: &mut Table,
    row: &Row,
    labels: &Labels,
    plain: &Formats,
    marked: &Formats,
) -> Result<(), XlsxError> {
    let k = &row.key;
    table.text(
        0,
        &program_label(&k.program, k.previous.as_ref()),
        &plain.text,
    )?;
    table.text(1, labels.name(&k.program, &k.class), &plain.text)?;
    match &k.category {
        Some(c) => table.text(2, labels.name(&k.program, c), &plain.text)?,
        None => table.blank(2, &plain.text)?,
    }
    match k.size {
        Some(size) => table.number(3, to_f64(size), &plain.number, &size.to_string())?,
        None => table.blank(3, &plain.number)?,
    }
    table.text(4, &k.plan, &plain.text)?;
    table.text(5, payment_label(&k.payment), &plain.text)?;
    table.text(6, change_label(&row.change), &marked.text)?;
    let removed = matches!(row.change, Change::Removed { .. });
    let old_format = if removed { &marked.yen } else { &plain.yen };
    table.yen(7, row.old(), old_format)?;
    let new_format = if removed { &plain.yen } else { &marked.yen };
    table.yen(8, row.new_value(), new_format)?;
    match row.delta_yen() {
        Some(delta) => {
            let shown = format!("+{}円", crate::format::thousands(delta.abs()));
            table.number(9, to_f64(delta), &marked.signed_yen, &shown)?;
        }
        None => table.blank(9, &plain.signed_yen)?,
    }
    let pct_format = if row.delta_pct().is_some() {
        &marked.percent
    } else {
        &plain.percent
    };
    percent(table, 10, row.delta_pct(), pct_format)
}

/// A percentage (as the diff computes it, e.g. 2.94) written as the
/// fraction a percent cell holds (0.0294), or an empty cell.
fn percent(
    table: &mut Table,
    col: u16,
    pct: Option<Decimal>,
    format: &Format,
) -> Result<(), XlsxError> {
    match pct {
        Some(pct) => {
            let shown = format!("+{:.2}%", pct.abs());
            table.number(col, to_f64(pct / Decimal::ONE_HUNDRED), format, &shown)
        }
        None => table.blank(col, format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Payment;
    use crate::diff::compare;
    use crate::export::xlsx::tests::{EVIL, read_back};
    use crate::rates::Cell;
    use calamine::Data;
    use rust_decimal_macros::dec;

    fn cell(name: &str, premium: Decimal) -> Cell {
        Cell {
            program: name.into(),
            plan: name.into(),
            class: name.into(),
            category: Some(name.into()),
            size: Some(dec!(50)),
            payment: Payment::LumpSum,
            premium,
            first_installment: None,
            annual: premium,
        }
    }

    fn created() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    #[test]
    fn text_that_looks_like_a_formula_is_written_as_text() {
        let base: Vec<Cell> = EVIL.iter().map(|n| cell(n, dec!(27200))).collect();
        let head: Vec<Cell> = EVIL.iter().map(|n| cell(n, dec!(28000))).collect();
        let sides = Sides {
            base: "=1+1".into(),
            head: "@SUM(A1)".into(),
        };
        let diff = compare(&base, &head);
        let bytes = workbook_bytes(&diff, &sides, &Labels::default(), created()).unwrap();
        let sheets = read_back(bytes);
        let summary = &sheets[0].1;
        assert_eq!(
            summary.get_value((0, 1)),
            Some(&Data::String("=1+1".into()))
        );
        assert_eq!(
            summary.get_value((1, 1)),
            Some(&Data::String("@SUM(A1)".into()))
        );
        // Programs are sorted in the summary; each sheet's row names its own.
        for (_, sheet) in &sheets[1..] {
            let Some(Data::String(name)) = sheet.get_value((1, 0)) else {
                panic!("a program name as text");
            };
            assert!(EVIL.contains(&name.as_str()), "{name}");
            for col in [1, 2, 4] {
                assert_eq!(sheet.get_value((1, col)), Some(&Data::String(name.clone())));
            }
            // 800 / 27,200 = 2.94 %, held as the fraction.
            assert_eq!(sheet.get_value((1, 9)), Some(&Data::Float(800.0)));
            assert_eq!(sheet.get_value((1, 10)), Some(&Data::Float(0.0294)));
        }
    }

    #[test]
    fn the_same_diff_gives_the_same_bytes() {
        let diff = compare(&[cell("a", dec!(100))], &[cell("a", dec!(90))]);
        let sides = Sides {
            base: "main".into(),
            head: "working tree".into(),
        };
        let write = || workbook_bytes(&diff, &sides, &Labels::default(), created()).unwrap();
        assert_eq!(write(), write());
    }
}
