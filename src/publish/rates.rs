//! `rates`: every premium of one program or of all (or those a PDF
//! carries), as text for standard output or written to a file, the Excel
//! workbook included.

use super::output::write_atomic;
use super::source_date;
use crate::error::{Error, Usage};
use crate::export::labels::Labels;
use crate::export::{Format, write, xlsx};
use crate::inspect::{RateListing, rate_listing};
use std::path::{Path, PathBuf};

/// Which premiums to list and how.
#[derive(Clone, Debug)]
pub struct RatesRequest {
    /// One program's id, or `None` for every program.
    pub program: Option<String>,
    /// Read the premiums a tariffpress PDF carries instead of the content.
    pub from_pdf: Option<PathBuf>,
    /// How to write them.
    pub format: Format,
    /// Where to write them (`None`: standard output; required for xlsx).
    pub output: Option<PathBuf>,
}

/// What `rates` produced.
pub enum RatesOutput {
    /// Text for standard output.
    Printed(String),
    /// The file written.
    Written(PathBuf),
}

/// The premiums `request` asks for, printed or written atomically.
///
/// A workbook is dated by `SOURCE_DATE_EPOCH` when set, else by the latest
/// issue date of the programs it lists, so the same content gives the same
/// bytes; premiums read from a PDF carry no program, and their workbook is
/// dated 1980-01-01 (the zip format's first day) unless
/// `SOURCE_DATE_EPOCH` says otherwise.
pub fn rates(root: &Path, request: &RatesRequest) -> Result<RatesOutput, Error> {
    if request.format == Format::Xlsx && request.output.is_none() {
        return Err(Usage::XlsxNeedsOutput.into());
    }
    let listing = match &request.from_pdf {
        Some(file) => RateListing {
            cells: crate::provenance::rates_from_pdf(file)?,
            labels: Labels::default(),
            issued: None,
        },
        None => rate_listing(root, request.program.as_deref())?,
    };
    let text = write(&listing.cells, request.format);
    let Some(file) = &request.output else {
        return text
            .map(RatesOutput::Printed)
            .ok_or_else(|| Usage::XlsxNeedsOutput.into());
    };
    let bytes = match text {
        Some(text) => text.into_bytes(),
        None => {
            let undated = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default();
            let created = source_date(listing.issued.unwrap_or(undated))?;
            xlsx::rates_workbook(&listing.cells, &listing.labels, created)?
        }
    };
    write_atomic(file, &bytes).map_err(|e| Error::io(file, e))?;
    Ok(RatesOutput::Written(file.clone()))
}
