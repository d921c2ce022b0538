//! A roster file as rows of text: CSV (UTF-8 with or without BOM, or
//! Shift_JIS as Excel saves it in Japan) or the first sheet of an XLSX
//! workbook. Every row keeps the line (or sheet row) it came from, so a
//! bad value can be named `FILE:LINE`.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

/// A row of cells and the 1-based line (CSV) or row (XLSX) it is on.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Why a roster file could not be read as a table at all.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The file could not be opened.
    Io(std::io::Error),
    /// The CSV or workbook structure is broken (the reader's words).
    Format(String),
}

/// The rows of `path`, the header first; `.xlsx` by extension, else CSV.
pub(crate) fn rows(path: &Path) -> Result<Vec<Row>, ReadError> {
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if xlsx {
        return xlsx_rows(path);
    }
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    csv_rows(&decode(&bytes))
}

/// CSV bytes as text: a UTF-8 BOM or valid UTF-8 is read as UTF-8; anything
/// else is what Excel writes on a Japanese system, Shift_JIS (Windows-31J).
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    }
}

fn csv_rows(text: &str) -> Result<Vec<Row>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Format(e.to_string()))?;
        // The line from the byte offset: the reader reports a record where
        // it began reading it, before the line ends it skipped (and counts
        // lines differently after CRLF).
        let bytes = text.as_bytes();
        let mut byte = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
            byte += 1;
        }
        let line = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(Row { line, cells });
    }
    Ok(rows)
}

fn xlsx_rows(path: &Path) -> Result<Vec<Row>, ReadError> {
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| match e {
        calamine::XlsxError::Io(io) => ReadError::Io(io),
        other => ReadError::Format(other.to_string()),
    })?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| ReadError::Format("the workbook has no sheet".to_string()))?
        .map_err(|e| ReadError::Format(e.to_string()))?;
    let first = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(Row {
            line: first + i + 1,
            cells,
        });
    }
    Ok(rows)
}

/// A workbook cell as the text a person sees: numbers without a spurious
/// `.0` (a bed count typed as 120 is stored as the float 120).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Int(i) => i.to_string(),
        other => other.to_string().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_is_decoded_and_a_bom_dropped() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("会員番号,施設名\r\n");
        assert_eq!(decode(&sjis), "会員番号,施設名\r\n");
        assert_eq!(decode("\u{feff}a,b".as_bytes()), "a,b");
        assert_eq!(decode("施設".as_bytes()), "施設");
    }

    #[test]
    fn csv_rows_keep_their_lines_and_skip_blank_ones() {
        for text in ["a,b\n\n c ,d\n", "a,b\r\n\r\n c ,d\r\n"] {
            let rows = csv_rows(text).unwrap();
            assert_eq!(rows.len(), 2);
            assert_eq!((rows[1].line, rows[1].cells[0].as_str()), (3, "c"));
        }
    }
}
