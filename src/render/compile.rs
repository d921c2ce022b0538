//! One document from template to PDF bytes: compile, refuse warnings and
//! missing glyphs, read the premiums the document printed, export a tagged
//! PDF/A-3b (PDF/A-2 allows no attachments; the PDFs carry their
//! `rates.json`) with fixed metadata so that the bytes depend on the input only.

use super::RenderError;
use super::glyphs::{missing_glyphs, missing_glyphs_report};
use super::world::DocumentWorld;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Label, Selector, Smart};
use typst::introspection::{Introspector, Location, MetadataElem};
use typst::utils::PicoStr;
use typst_kit::diagnostics::{DiagnosticFormat, emit, termcolor::NoColor};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The label the templates' `premium-rows` helper puts on its records.
const PREMIUM_LABEL: &str = "tp-premium";

/// What the PDF metadata says about the document.
pub struct PdfIdentity {
    /// Stable identifier, e.g. `miyazaki-2025/pamphlet`: the PDF's document
    /// id is derived from it, not from the time of the build.
    pub ident: String,
    /// The `/Creator` entry.
    pub creator: String,
    /// The creation date written to the PDF.
    pub timestamp: Datetime,
}

/// A premium as the compiled document printed it: one cell of what the
/// templates' `premium-rows` helper recorded with `metadata(...) <tp-premium>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintedCell {
    /// The cell's key (`program/class/category/size/plan/payment`).
    pub key: String,
    /// The whole yen printed.
    pub yen: i64,
    /// The first installment printed beside it, if any.
    pub first_yen: Option<i64>,
}

impl PrintedCell {
    /// Reads one `<tp-premium>` record: the list of cells a template
    /// printed together (`premium-rows` in `templates/style.typ`).
    pub fn from_record(value: &serde_json::Value) -> Option<Vec<Self>> {
        value.as_array()?.iter().map(Self::from_json).collect()
    }

    /// Reads one cell of a record.
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        Some(Self {
            key: value.get("key")?.as_str()?.to_string(),
            yen: value.get("yen")?.as_i64()?,
            first_yen: value.get("first_yen").and_then(|v| v.as_i64()),
        })
    }
}

/// A compiled document.
pub struct Rendered {
    /// The tagged PDF/A-3b bytes.
    pub pdf: Vec<u8>,
    /// How many pages.
    pub pages: usize,
    /// Every premium the document printed, in print order.
    pub printed: Vec<PrintedCell>,
    /// One PNG per page, when previews were asked for.
    pub previews: Vec<Vec<u8>>,
    /// Where each premium sits on its page, when previews were asked for
    /// (`serve` makes them clickable).
    pub spots: Vec<super::PremiumSpot>,
}

/// Compiles the world's main template and exports it. An error is the full
/// report to show the user: each Typst diagnostic with file:line:col and a
/// source snippet.
pub fn render(
    world: &DocumentWorld,
    identity: &PdfIdentity,
    previews: bool,
) -> Result<Rendered, RenderError> {
    let warned = typst::compile::<PagedDocument>(world);
    let document = match warned.output {
        Ok(document) if warned.warnings.is_empty() => document,
        Ok(_) => {
            return Err(RenderError::Typst {
                report: report(world, &warned.warnings),
                warnings_only: true,
            });
        }
        Err(errors) => {
            let all: Vec<_> = errors.iter().chain(&warned.warnings).cloned().collect();
            return Err(RenderError::Typst {
                report: report(world, &all),
                warnings_only: false,
            });
        }
    };
    let missing = missing_glyphs(&document);
    if !missing.is_empty() {
        return Err(RenderError::MissingGlyphs(missing_glyphs_report(
            &missing,
            world.project_root(),
        )));
    }
    let printed = printed_premiums(&document)?;
    let pdf = export_pdf(&document, identity)
        .map_err(|errors| RenderError::Export(report(world, &errors)))?;
    let (previews, spots) = if previews {
        (
            page_previews(world, &document)?,
            super::spots::premium_spots(&document),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Rendered {
        pdf,
        pages: document.pages().len(),
        printed,
        previews,
        spots,
    })
}

/// Every page as a PNG, from the project's cache where an identical page
/// was rendered before (see `preview.rs`).
fn page_previews(
    world: &DocumentWorld,
    document: &PagedDocument,
) -> Result<Vec<Vec<u8>>, RenderError> {
    let cache = world.previews();
    document
        .pages()
        .iter()
        .map(|page| cache.png(page))
        .collect()
}

/// Exports a compiled document as the tagged PDF/A-3b the build writes,
/// with metadata fixed by `identity` so the bytes depend on the input only.
pub fn export_pdf(
    document: &PagedDocument,
    identity: &PdfIdentity,
) -> typst::diag::SourceResult<Vec<u8>> {
    typst_pdf::pdf(document, &pdf_options(identity))
}

fn pdf_options(identity: &PdfIdentity) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(identity.ident.clone()),
        creator: Smart::Custom(Some(identity.creator.clone())),
        timestamp: Some(Timestamp::new_utc(identity.timestamp)),
        standards: PdfStandards::new(&[PdfStandard::A_3b])
            .expect("PDF/A-3b alone is a valid standard set"),
        tagged: true,
        ..PdfOptions::default()
    }
}

/// Every `<tp-premium>` record of the document in print order: where it
/// sits, and the value it holds as JSON (a list of cells when well formed).
pub(super) fn premium_records(
    document: &PagedDocument,
) -> Vec<(Option<Location>, serde_json::Value)> {
    let label = Label::new(PicoStr::intern(PREMIUM_LABEL)).expect("the label is not empty");
    document
        .introspector()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            Some((
                content.location(),
                serde_json::to_value(&meta.value).unwrap_or_default(),
            ))
        })
        .collect()
}

/// The premiums recorded by the templates' `premium-rows` helper, in print
/// order.
fn printed_premiums(document: &PagedDocument) -> Result<Vec<PrintedCell>, RenderError> {
    premium_records(document)
        .into_iter()
        .map(|(_, json)| {
            PrintedCell::from_record(&json).ok_or_else(|| RenderError::BadRecord(json.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|records| records.into_iter().flatten().collect())
}

/// Typst suggests the typst CLI's `--root` flag when a path escapes the
/// project; our `--root` means something else, so the hint would mislead.
fn without_cli_hints(diagnostics: &[SourceDiagnostic]) -> Vec<SourceDiagnostic> {
    let mut out = diagnostics.to_vec();
    for d in &mut out {
        d.hints.retain(|h| !h.v.contains("--root"));
    }
    out
}

/// Renders diagnostics the way the typst CLI does, without colour.
fn report(world: &DocumentWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let diagnostics = without_cli_hints(diagnostics);
    let diagnostics = diagnostics.as_slice();
    let mut out = NoColor::new(Vec::new());
    if emit(&mut out, world, diagnostics, DiagnosticFormat::Human).is_err() {
        return diagnostics
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("\n");
    }
    String::from_utf8_lossy(&out.into_inner())
        .trim_end()
        .to_string()
}
