//! Publishing: every document of every program typeset, verified against
//! the rating core, and written atomically with the program's rate
//! exports; the one-off sheets (a member's quote, the 新旧対照表) made
//! through the same path; and the `rates` and `diff` reports written out
//! (text, PDF or Excel workbook).
//!
//! Nothing is written unless every document of the run succeeded, so a
//! failed build leaves `output/` exactly as it was.

pub mod manifest;
mod member_summary;
mod members;
pub mod output;
mod plan;
mod rates;
mod review;
mod sheets;
pub mod sources;
pub mod visual;
mod watch;

pub use members::{
    MERGED, MemberContext, MemberResult, MembersReport, MembersRequest, SheetKind, Status,
    member_contexts, members,
};
pub use plan::{BuildOptions, BuildReport, Observer, build};
pub use rates::{RatesOutput, RatesRequest, rates};
pub use review::{Review, ReviewRequest, review};
pub use sheets::{diff_report, quote_sheet};
pub use watch::{WatchEvent, watch};

use crate::content::Diagnostic;
use crate::content::model::{Catalog, Program};
use crate::document::{PreparedDocument, prepare_program, pricing_problem, prose};
use crate::error::Error;
use crate::rates::Cell;
use crate::rates::{PricedProgram, price};
use crate::render::{
    DocumentFailure, MemoryFiles, PdfIdentity, Project, RenderError, Rendered, TypesetError,
    render, verify,
};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use typst::foundations::Datetime;

/// A file the build will write, relative to the output folder.
pub struct Artifact {
    /// Where, relative to the output folder (`miyazaki-2025/pamphlet.pdf`).
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Pages, for PDFs.
    pub pages: Option<usize>,
}

/// A typeset document: its PDF and, when asked for, its page previews.
pub struct Typeset {
    /// The PDF.
    pub pdf: Artifact,
    /// `<document>-<page>.png` beside the PDF.
    pub previews: Vec<Artifact>,
    /// Where each premium sits on the previews (with previews only).
    pub spots: Vec<crate::render::PremiumSpot>,
}

impl PreparedDocument {
    /// The PDF's path relative to the output folder.
    pub fn pdf_path(&self) -> PathBuf {
        PathBuf::from(&self.program).join(format!("{}.pdf", self.kind.name()))
    }
}

/// Prices and prepares every document of `programs`, reporting the
/// problems of all programs at once.
pub fn prepare(
    catalog: &Catalog,
    programs: &[&Program],
) -> Result<Vec<PreparedDocument>, Vec<Diagnostic>> {
    prepare_priced(catalog, &price_all(catalog, programs)?)
}

/// Prices every program once (the stage `build`, `check`, `rates` and
/// `context` share); a program that cannot be priced is a content problem.
pub fn price_all<'c>(
    catalog: &Catalog,
    programs: &[&'c Program],
) -> Result<Vec<PricedProgram<'c>>, Vec<Diagnostic>> {
    all_or_failures(
        programs
            .iter()
            .map(|program| price(catalog, program).map_err(|e| vec![pricing_problem(program, e)])),
    )
}

/// Every item's value when all succeeded, else every failure (in order):
/// a run reports all its problems at once, never only the first.
fn all_or_failures<T, E>(
    results: impl IntoIterator<Item = Result<T, Vec<E>>>,
) -> Result<Vec<T>, Vec<E>> {
    let mut values = Vec::new();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(found) => failures.extend(found),
        }
    }
    if failures.is_empty() {
        Ok(values)
    } else {
        Err(failures)
    }
}

/// Prepares every document of priced programs, reporting the problems of
/// all programs at once.
pub fn prepare_priced(
    catalog: &Catalog,
    priced: &[PricedProgram],
) -> Result<Vec<PreparedDocument>, Vec<Diagnostic>> {
    let env = prose::environment();
    // Programs are independent; in parallel, a rebuild reaches typesetting
    // sooner. The results keep the programs' order.
    let results: Vec<_> = priced
        .par_iter()
        .map(|priced| prepare_program(catalog, priced, &env))
        .collect();
    all_or_failures(results).map(|per_program| per_program.into_iter().flatten().collect())
}

/// Compiles the documents in parallel, calling `done` as each succeeds;
/// fails with every failed document's report.
pub fn typeset_all(
    project: &Project,
    documents: &[&PreparedDocument],
    previews: bool,
    done: impl Fn(&str, &Artifact, Duration) + Sync,
) -> Result<Vec<Typeset>, Vec<DocumentFailure>> {
    // `par_bridge` hands the documents out one at a time in this order, as
    // each core comes free; an indexed parallel iterator would split the
    // list in halves and leave the second-longest document to the end.
    let mut results: Vec<(usize, Result<Typeset, DocumentFailure>)> = longest_first(documents)
        .into_iter()
        .par_bridge()
        .map(|index| {
            let document = documents[index];
            let name = format!("{}/{}", document.program, document.kind.name());
            let started = Instant::now();
            let result = document_date(document)
                .map_err(TypesetError::Render)
                .and_then(|date| typeset(project, document, date, previews))
                .map_err(|cause| DocumentFailure {
                    name: name.clone(),
                    cause: Box::new(cause),
                });
            if let Ok(typeset) = &result {
                done(&name, &typeset.pdf, started.elapsed());
            }
            (index, result)
        })
        .collect();
    results.sort_by_key(|(index, _)| *index);
    all_or_failures(
        results
            .into_iter()
            .map(|(_, r)| r.map_err(|failure| vec![failure])),
    )
}

/// The documents' indices, the longest to typeset first. The cores take
/// documents as they finish the last, so a long document (the Miyazaki
/// pamphlet is about 40% of a build) started at the end would leave the
/// other cores idle while it finishes. The size of a document's data is a
/// fair measure of its typesetting time and costs microseconds to compute.
fn longest_first(documents: &[&PreparedDocument]) -> Vec<usize> {
    let sizes: Vec<usize> = documents
        .iter()
        .map(|document| document.data_json.len())
        .collect();
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(sizes[index]));
    order
}

/// Typesets one prepared document and checks every premium it printed
/// against the rating core.
pub fn typeset(
    project: &Project,
    document: &PreparedDocument,
    date: Datetime,
    previews: bool,
) -> Result<Typeset, TypesetError> {
    let name = document.kind.name();
    let job = Job {
        template: name,
        files: memory_files(document),
        date,
        ident: format!("{}/{name}", document.program),
        expected: &document.expected_cells,
        previews,
    };
    let rendered = render_checked(project, job)?;
    let previews = rendered
        .previews
        .into_iter()
        .enumerate()
        .map(|(i, png)| Artifact {
            path: PathBuf::from(&document.program).join(format!("{name}-{}.png", i + 1)),
            bytes: png,
            pages: None,
        })
        .collect();
    Ok(Typeset {
        pdf: Artifact {
            path: document.pdf_path(),
            bytes: rendered.pdf,
            pages: Some(rendered.pages),
        },
        previews,
        spots: rendered.spots,
    })
}

/// One template to typeset: its in-memory files, its date and PDF
/// identifier, and the cells it must print (none for the 新旧対照表).
pub struct Job<'a> {
    /// The template, `templates/<template>.typ`.
    pub template: &'a str,
    /// The data and rates it reads from memory.
    pub files: MemoryFiles,
    /// The date it is stamped with (and Typst's `today`).
    pub date: Datetime,
    /// The PDF identifier's seed, e.g. `miyazaki-2025/pamphlet`.
    pub ident: String,
    /// The cells it must print; the drift guard compares.
    pub expected: &'a [Cell],
    /// Also render PNG previews of the pages.
    pub previews: bool,
}

/// Typesets a job and checks every premium it printed against the rating
/// core: the one path by which brochures, quote sheets and diff reports
/// become PDFs.
pub fn render_checked(project: &Project, job: Job) -> Result<Rendered, TypesetError> {
    let world = project.document(job.template, job.files, job.date);
    let identity = PdfIdentity {
        ident: job.ident,
        creator: crate::GENERATOR.to_string(),
        timestamp: job.date,
    };
    let rendered = render(&world, &identity, job.previews).map_err(TypesetError::Render)?;
    let problems = verify::drift(job.expected, &rendered.printed);
    if !problems.is_empty() {
        return Err(TypesetError::Drift(problems));
    }
    Ok(rendered)
}

/// The hash of everything `document`'s PDF is made from (see
/// [`manifest`]): the project fingerprint, template name, date, data,
/// rates and the pictures it prints.
pub fn inputs_hash(fingerprint: &str, document: &PreparedDocument) -> Result<String, Error> {
    let rates = crate::export::json(&document.expected_cells);
    let date = format!("{:?}", document_date(document)?);
    let mut parts: Vec<&[u8]> = vec![
        document.kind.name().as_bytes(),
        date.as_bytes(),
        &document.data_json,
        rates.as_bytes(),
    ];
    // The data names each asset; its bytes are what an edit changes.
    for asset in &document.assets {
        parts.extend([asset.file.as_bytes(), &asset.bytes[..]]);
    }
    Ok(manifest::document_inputs(fingerprint, &parts))
}

/// What the document's template reads from memory: its data, and the
/// rates it prints (attached to the PDF so that `rates --from-pdf` and
/// `diff` can read them back).
pub fn memory_files(document: &PreparedDocument) -> MemoryFiles {
    MemoryFiles {
        data: document.data_json.clone(),
        rates: crate::export::json(&document.expected_cells).into_bytes(),
        theme: json_bytes(&document.data.common.theme),
        assets: document.assets.clone(),
    }
}

/// The pictures a sheet made outside the brochures (quote, renewal,
/// request) may print: the program's logo, if its theme has one.
pub(crate) fn logo_assets(
    program: &crate::content::model::Program,
) -> Vec<crate::content::asset::Asset> {
    program
        .theme
        .iter()
        .filter_map(|t| t.logo.clone())
        .collect()
}

/// A view model as the JSON a template reads. Serializing our own
/// derive-`Serialize` structs with string keys cannot fail.
pub(crate) fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("view models serialize to JSON")
}

/// The date a document is stamped with: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), else the program's issue date, so the
/// same content always gives the same bytes.
pub fn document_date(document: &PreparedDocument) -> Result<Datetime, RenderError> {
    stamp_date(document.issued)
}

/// `SOURCE_DATE_EPOCH` when set, else midnight of `fallback`.
pub fn stamp_date(fallback: chrono::NaiveDate) -> Result<Datetime, RenderError> {
    let time = source_date(fallback)?;
    datetime(time).ok_or_else(|| match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => RenderError::SourceDate(epoch),
        Err(_) => RenderError::SourceDate(fallback.to_string()),
    })
}

/// The time an output is dated with: `SOURCE_DATE_EPOCH` (UTC) when set,
/// else midnight of `fallback`; the PDFs' and the workbooks' one rule.
pub fn source_date(fallback: chrono::NaiveDate) -> Result<chrono::NaiveDateTime, RenderError> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let bad = || RenderError::SourceDate(epoch.clone());
        let seconds: i64 = epoch.trim().parse().map_err(|_| bad())?;
        let time = chrono::DateTime::from_timestamp(seconds, 0).ok_or_else(bad)?;
        return Ok(time.naive_utc());
    }
    Ok(fallback.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn datetime(time: chrono::NaiveDateTime) -> Option<Datetime> {
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
}
