//! Excel workbooks for reviewers: the rates workbook written here, and the
//! building blocks the diff workbook (`diff::xlsx`) shares with it.
//!
//! What every workbook does the same way:
//!
//! - yen are numbers shown `#,##0"円"` (so they sum and sort), percentages
//!   are fractions shown as percent (0.0294 shows 2.94%);
//! - each table's header row is frozen and carries an autofilter; columns
//!   are as wide as their longest text, a full-width character counting
//!   as two;
//! - text goes in only through [`Table::text`], which writes a string
//!   cell: a name like `=HYPERLINK(…)` stays text and never becomes a
//!   formula;
//! - the bytes depend on the input alone: the creation date is the one the
//!   caller passes (a program's issue date or `SOURCE_DATE_EPOCH`) and the
//!   zip entries carry a fixed time, so the same input gives the same file.

use super::labels::{Labels, payment_label};
use crate::rates::Cell;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Number format of a yen amount.
pub const YEN: &str = "#,##0\"円\"";
/// Number format of a signed yen difference.
pub const SIGNED_YEN: &str = "+#,##0\"円\";-#,##0\"円\";0\"円\"";
/// Number format of a signed percentage (the cell holds a fraction).
pub const SIGNED_PERCENT: &str = "+0.00%;-0.00%;0.00%";

/// The name of every workbook's first sheet.
pub const SUMMARY_SHEET: &str = "概要";

/// Headers of a program's sheet of the rates workbook.
pub const RATE_HEADERS: [&str; 9] = [
    "プログラム",
    "プラン",
    "施設区分",
    "病床区分",
    "規模",
    "払込方法",
    "保険料",
    "初回保険料",
    "年額保険料",
];

/// Headers of the rates workbook's summary sheet.
pub const RATE_SUMMARY_HEADERS: [&str; 5] = [
    "プログラム",
    "保険料の数",
    "払込方法",
    "最低保険料",
    "最高保険料",
];

/// A new workbook whose properties (title, author, creation date) are
/// fixed by the caller, so that its bytes depend on the input alone.
pub fn workbook(title: &str, created: chrono::NaiveDateTime) -> Result<Workbook, XlsxError> {
    let created = ExcelDateTime::from_timestamp(created.and_utc().timestamp())?;
    let properties = DocProperties::new()
        .set_title(title)
        .set_author(crate::GENERATOR)
        .set_comment(crate::GENERATOR)
        .set_creation_datetime(&created);
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// How wide `text` runs on screen: a full-width (East Asian wide)
/// character counts as two, as Excel's column width unit is the width of
/// one narrow digit.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

/// Whether `c` is drawn full-width: CJK ideographs, kana, Hangul and the
/// full-width forms (the East Asian Wide and Fullwidth ranges, rounded to
/// whole blocks).
fn wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// A sheet name for `id` that Excel accepts and no other sheet of the
/// workbook has: at most 31 characters, none of `[]:*?/\`, no apostrophe
/// at either end.
pub fn sheet_name(id: &str, taken: &[String]) -> String {
    let clean: String = id
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'');
    let clean = if clean.is_empty() { "_" } else { clean };
    let fits = |suffix: &str| -> String {
        let room = 31 - suffix.chars().count();
        clean.chars().take(room).collect::<String>() + suffix
    };
    let mut name = fits("");
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
        || name.eq_ignore_ascii_case("history")
    {
        name = fits(&format!("~{n}"));
        n += 1;
    }
    name
}

/// The formats a workbook's cells use.
pub struct Formats {
    /// A header cell: bold, shaded, bordered.
    pub header: Format,
    /// Plain text.
    pub text: Format,
    /// A plain number (sizes, counts).
    pub number: Format,
    /// Yen.
    pub yen: Format,
    /// A signed difference in yen.
    pub signed_yen: Format,
    /// A signed percentage.
    pub percent: Format,
}

impl Formats {
    /// The formats, each with `fill` as background when given (a
    /// highlighted cell of the diff).
    pub fn new(fill: Option<Color>) -> Self {
        let base = || {
            let format = Format::new();
            match fill {
                Some(color) => format.set_background_color(color),
                None => format,
            }
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDD_E6_F0))
                .set_border_bottom(FormatBorder::Thin),
            text: base(),
            number: base(),
            yen: base().set_num_format(YEN),
            signed_yen: base().set_num_format(SIGNED_YEN),
            percent: base().set_num_format(SIGNED_PERCENT),
        }
    }
}

/// A table on a sheet: a header row, then rows written cell by cell;
/// [`Table::finish`] freezes the header, puts an autofilter on it and
/// sets each column as wide as its widest entry.
pub struct Table<'a> {
    sheet: &'a mut Worksheet,
    header_row: u32,
    row: u32,
    widths: Vec<usize>,
}

impl<'a> Table<'a> {
    /// Writes `headers` at `header_row` of `sheet`; rows follow below.
    pub fn new(
        sheet: &'a mut Worksheet,
        header_row: u32,
        headers: &[&str],
        format: &Format,
    ) -> Result<Self, XlsxError> {
        let mut widths = Vec::with_capacity(headers.len());
        for (col, header) in (0u16..).zip(headers) {
            sheet.write_string_with_format(header_row, col, *header, format)?;
            // Room for the filter button beside the header text.
            widths.push(display_width(header) + 3);
        }
        Ok(Table {
            sheet,
            header_row,
            row: header_row + 1,
            widths,
        })
    }

    fn widen(&mut self, col: u16, shown: &str) {
        let width = display_width(shown);
        if let Some(w) = self.widths.get_mut(usize::from(col)) {
            *w = (*w).max(width);
        }
    }

    /// Text in column `col` of the current row, always as a string cell
    /// (never a formula, whatever it starts with).
    pub fn text(&mut self, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(self.row, col, text, format)?;
        self.widen(col, text);
        Ok(())
    }

    /// A number in column `col`, shown as `shown` (for the width).
    pub fn number(
        &mut self,
        col: u16,
        value: f64,
        format: &Format,
        shown: &str,
    ) -> Result<(), XlsxError> {
        self.sheet
            .write_number_with_format(self.row, col, value, format)?;
        self.widen(col, shown);
        Ok(())
    }

    /// Yen in column `col`, or an empty (but formatted) cell.
    pub fn yen(
        &mut self,
        col: u16,
        amount: Option<Decimal>,
        format: &Format,
    ) -> Result<(), XlsxError> {
        match amount {
            Some(amount) => {
                let shown = crate::format::thousands(amount) + "円";
                self.number(col, to_f64(amount), format, &shown)
            }
            None => self.blank(col, format),
        }
    }

    /// An empty cell (kept formatted, so a highlight stays visible).
    pub fn blank(&mut self, col: u16, format: &Format) -> Result<(), XlsxError> {
        self.sheet.write_blank(self.row, col, format)?;
        Ok(())
    }

    /// Moves to the next row.
    pub fn next_row(&mut self) {
        self.row += 1;
    }

    /// Freezes the header row, filters it, sets the column widths, and
    /// prints the sheet on A4 landscape, every column on one page width.
    pub fn finish(self) -> Result<(), XlsxError> {
        const A4: u8 = 9;
        self.sheet
            .set_paper_size(A4)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        let last_col = u16::try_from(self.widths.len().saturating_sub(1)).unwrap_or(0);
        let last_row = (self.row - 1).max(self.header_row);
        self.sheet.set_freeze_panes(self.header_row + 1, 0)?;
        self.sheet
            .autofilter(self.header_row, 0, last_row, last_col)?;
        for (col, width) in (0u16..).zip(&self.widths) {
            self.sheet
                .set_column_width(col, (*width + 2).min(60) as f64)?;
        }
        Ok(())
    }
}

/// A decimal as the f64 a cell holds (whole yen and two-decimal
/// percentages are exact or as near as a spreadsheet can hold them).
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// The rates workbook: a summary sheet (per program: how many premiums,
/// how paid, the lowest and highest), then one sheet per program with
/// every premium as the CSV has it, class and category by their printed
/// names, payment as 一括払 / 月払, yen as numbers.
pub fn rates_workbook(
    cells: &[Cell],
    labels: &Labels,
    created: chrono::NaiveDateTime,
) -> Result<Vec<u8>, XlsxError> {
    let mut programs: Vec<&str> = Vec::new();
    for cell in cells {
        if !programs.contains(&cell.program.as_str()) {
            programs.push(&cell.program);
        }
    }
    let mut workbook = workbook("保険料一覧", created)?;
    let formats = Formats::new(None);
    let mut names = vec![SUMMARY_SHEET.to_string()];
    {
        let sheet = workbook.add_worksheet().set_name(SUMMARY_SHEET)?;
        let mut table = Table::new(sheet, 0, &RATE_SUMMARY_HEADERS, &formats.header)?;
        for program in &programs {
            let own: Vec<&Cell> = cells.iter().filter(|c| c.program == *program).collect();
            let count = own.len();
            table.text(0, program, &formats.text)?;
            table.number(1, count as f64, &formats.number, &count.to_string())?;
            let payment = own.first().map_or("", |c| payment_label(c.payment.id()));
            table.text(2, payment, &formats.text)?;
            table.yen(3, own.iter().map(|c| c.premium).min(), &formats.yen)?;
            table.yen(4, own.iter().map(|c| c.premium).max(), &formats.yen)?;
            table.next_row();
        }
        table.finish()?;
    }
    for program in &programs {
        let name = sheet_name(program, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet().set_name(&name)?;
        let mut table = Table::new(sheet, 0, &RATE_HEADERS, &formats.header)?;
        for cell in cells.iter().filter(|c| c.program == *program) {
            rate_row(&mut table, cell, labels, &formats)?;
            table.next_row();
        }
        table.finish()?;
    }
    workbook.save_to_buffer()
}

fn rate_row(
    table: &mut Table,
    cell: &Cell,
    labels: &Labels,
    formats: &Formats,
) -> Result<(), XlsxError> {
    table.text(0, &cell.program, &formats.text)?;
    table.text(1, &cell.plan, &formats.text)?;
    table.text(2, labels.name(&cell.program, &cell.class), &formats.text)?;
    match &cell.category {
        Some(category) => table.text(3, labels.name(&cell.program, category), &formats.text)?,
        None => table.blank(3, &formats.text)?,
    }
    match cell.size {
        Some(size) => {
            let size = size.normalize();
            table.number(4, to_f64(size), &formats.number, &size.to_string())?;
        }
        None => table.blank(4, &formats.number)?,
    }
    table.text(5, payment_label(cell.payment.id()), &formats.text)?;
    table.yen(6, Some(cell.premium), &formats.yen)?;
    table.yen(7, cell.first_installment, &formats.yen)?;
    table.yen(8, Some(cell.annual), &formats.yen)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn full_width_characters_count_twice() {
        assert_eq!(display_width("H1"), 2);
        assert_eq!(display_width("プラン1"), 7);
        assert_eq!(display_width("27,200円"), 8);
        assert_eq!(display_width("（初回）"), 8);
    }

    /// Names a spreadsheet would run as formulas if written carelessly.
    pub(crate) const EVIL: [&str; 4] = ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)"];

    /// Every sheet of `bytes` as calamine reads it, after asserting it
    /// holds no formula.
    pub(crate) fn read_back(bytes: Vec<u8>) -> Vec<(String, calamine::Range<calamine::Data>)> {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        names
            .into_iter()
            .map(|name| {
                let formulas = book.worksheet_formula(&name).unwrap();
                assert!(
                    formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                    "{name}"
                );
                let range = book.worksheet_range(&name).unwrap();
                (name, range)
            })
            .collect()
    }

    #[test]
    fn text_that_looks_like_a_formula_is_written_as_text() {
        use rust_decimal_macros::dec;
        let cells: Vec<Cell> = EVIL
            .iter()
            .map(|name| Cell {
                program: name.to_string(),
                plan: name.to_string(),
                class: name.to_string(),
                category: Some(name.to_string()),
                size: None,
                payment: crate::content::model::Payment::LumpSum,
                premium: dec!(27200),
                first_installment: None,
                annual: dec!(27200),
            })
            .collect();
        let created = chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let bytes = rates_workbook(&cells, &Labels::default(), created).unwrap();
        let sheets = read_back(bytes);
        assert_eq!(sheets.len(), 1 + EVIL.len());
        for ((_, sheet), name) in sheets[1..].iter().zip(EVIL) {
            let text = calamine::Data::String(name.to_string());
            for col in 0..4 {
                assert_eq!(
                    sheet.get_value((1, col)),
                    Some(&text),
                    "{name} column {col}"
                );
            }
        }
        let summary = &sheets[0].1;
        for (row, name) in (1u32..).zip(EVIL) {
            let text = calamine::Data::String(name.to_string());
            assert_eq!(summary.get_value((row, 0)), Some(&text));
        }
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let taken = vec!["概要".to_string(), "a".to_string()];
        assert_eq!(sheet_name("miyazaki-2025", &taken), "miyazaki-2025");
        assert_eq!(sheet_name("A", &taken), "A~2");
        assert_eq!(sheet_name("x/y:z", &taken), "x_y_z");
        let long = "a-very-long-program-id-that-goes-on-2025";
        assert_eq!(sheet_name(long, &taken).chars().count(), 31);
        assert_eq!(sheet_name("history", &taken), "history~2");
    }
}
