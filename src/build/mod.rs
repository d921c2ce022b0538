//! `build`: every document of every program typeset, verified against the
//! rating core, and written atomically with the program's rate exports.
//!
//! Nothing is written unless every document of the run succeeded, so a
//! failed build leaves `output/` exactly as it was.

pub mod output;
pub mod verify;

use crate::content::Diagnostic;
use crate::content::model::{Catalog, Program};
use crate::document::{PreparedDocument, prepare_program, prose};
use crate::render::{PdfIdentity, Project, render};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use typst::foundations::Datetime;

/// A file the build will write, relative to the output folder.
pub struct Artifact {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// Pages, for PDFs.
    pub pages: Option<usize>,
}

/// Prepares every document, reporting the problems of all programs at once.
pub fn prepare(
    catalog: &Catalog,
    programs: &[&Program],
) -> Result<Vec<PreparedDocument>, Vec<Diagnostic>> {
    let env = prose::environment();
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for program in programs {
        match prepare_program(catalog, program, &env) {
            Ok(prepared) => documents.extend(prepared),
            Err(diags) => problems.extend(diags),
        }
    }
    if problems.is_empty() {
        Ok(documents)
    } else {
        Err(problems)
    }
}

/// Compiles the documents in parallel, calling `done` as each succeeds;
/// fails with every failed document's report.
pub fn typeset_all(
    project: &Project,
    documents: &[PreparedDocument],
    done: impl Fn(&str, &Artifact, Duration) + Sync,
) -> Result<Vec<Artifact>, Vec<String>> {
    let results: Vec<Result<Artifact, String>> = documents
        .par_iter()
        .map(|document| {
            let name = format!("{}/{}", document.program, document.kind.name());
            let started = Instant::now();
            let result = document_date(document)
                .and_then(|date| typeset(project, document, date))
                .map_err(|e| format!("{name}.pdf failed:\n{e}"));
            if let Ok(artifact) = &result {
                done(&name, artifact, started.elapsed());
            }
            result
        })
        .collect();
    let (built, failed): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if failed.is_empty() {
        Ok(built.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(failed.into_iter().filter_map(Result::err).collect())
    }
}

/// Typesets one prepared document and checks every premium it printed
/// against the rating core.
pub fn typeset(
    project: &Project,
    document: &PreparedDocument,
    date: Datetime,
) -> Result<Artifact, String> {
    let name = document.kind.name();
    let data = serde_json::to_vec(&document.data).map_err(|e| e.to_string())?;
    let world = project.document(name, data, date);
    let identity = PdfIdentity {
        ident: format!("{}/{name}", document.program),
        creator: concat!("tariffpress ", env!("CARGO_PKG_VERSION")).to_string(),
        timestamp: date,
    };
    let rendered = render(&world, &identity)?;
    let problems = verify::drift(&document.expected_cells, &rendered.printed);
    if !problems.is_empty() {
        return Err(format!(
            "the printed premiums disagree with the rating core:\n  {}",
            problems.join("\n  ")
        ));
    }
    Ok(Artifact {
        path: PathBuf::from(&document.program).join(format!("{name}.pdf")),
        bytes: rendered.pdf,
        pages: Some(rendered.pages),
    })
}

/// The date a document is stamped with: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), else the program's issue date, so the
/// same content always gives the same bytes.
pub fn document_date(document: &PreparedDocument) -> Result<Datetime, String> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH={epoch} is not a number of seconds"))?;
        let time = chrono::DateTime::from_timestamp(seconds, 0)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={epoch} is out of range"))?;
        return datetime(time.naive_utc());
    }
    datetime(document.issued.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn datetime(time: chrono::NaiveDateTime) -> Result<Datetime, String> {
    use chrono::{Datelike, Timelike};
    let narrow = |n: u32| u8::try_from(n).ok();
    (|| {
        Datetime::from_ymd_hms(
            time.year(),
            narrow(time.month())?,
            narrow(time.day())?,
            narrow(time.hour())?,
            narrow(time.minute())?,
            narrow(time.second())?,
        )
    })()
    .ok_or_else(|| format!("{time} cannot be written as a PDF date"))
}
