//! One-off sheets typeset through the same path as the brochures (the
//! drift guard included): a member's お見積りシート and the 新旧対照表 of a
//! rate diff.

use super::{Job, json_bytes, render_checked, stamp_date};
use crate::content::model::{Catalog, Program};
use crate::diff::RateDiff;
use crate::diff::report::{self, Labels, Sides};
use crate::document::{ProgramFacts, QuoteRequest, quote_context};
use crate::error::{Error, Usage};
use crate::rates::{case_cell, price};
use crate::rating::Case;
use crate::render::{DocumentFailure, MemoryFiles, Project, TypesetError};
use std::path::Path;

/// The お見積りシート of one facility of `program` (`templates/quote.typ`),
/// issued on `issued`: the premium it prints is checked against the
/// rating core, and the PDF carries its one-cell `rates.json`.
pub fn quote_sheet(
    root: &Path,
    catalog: &Catalog,
    program: &Program,
    case: &Case,
    facility: Option<&str>,
    issued: chrono::NaiveDate,
) -> Result<Vec<u8>, Error> {
    let cell = case_cell(catalog, program, case).map_err(Usage::NotPriced)?;
    let facts = ProgramFacts::new(catalog, &price(catalog, program)?);
    let data = quote_context(
        &facts,
        &QuoteRequest {
            cell: &cell,
            class: case.class,
            plan: case.plan,
            category: case.category,
            facility,
            issued,
        },
    );
    let files = MemoryFiles {
        data: json_bytes(&data),
        rates: crate::export::json(std::slice::from_ref(&cell)).into_bytes(),
        theme: json_bytes(&data.common.theme),
        assets: super::logo_assets(program),
    };
    let job = Job {
        template: "quote",
        files,
        date: stamp_date(issued)?,
        ident: format!("{}/quote/{}", program.id, cell.key()),
        expected: std::slice::from_ref(&cell),
        previews: false,
    };
    typeset_one(root, job)
}

/// The 新旧対照表 of `diff` through `templates/diff.typ`, dated `today`
/// unless `SOURCE_DATE_EPOCH` says otherwise.
pub fn diff_report(
    root: &Path,
    diff: &RateDiff,
    sides: &Sides,
    labels: &Labels,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, Error> {
    let data = report::document_data(diff, sides, labels);
    let job = Job {
        template: "diff",
        files: MemoryFiles {
            data: json_bytes(&data),
            rates: b"[]".to_vec(),
            theme: b"null".to_vec(),
            assets: Vec::new(),
        },
        date: stamp_date(today)?,
        ident: format!("diff/{}/{}", sides.base, sides.head),
        expected: &[],
        previews: false,
    };
    typeset_one(root, job)
}

/// Typesets a single job with the project's templates and fonts.
fn typeset_one(root: &Path, job: Job) -> Result<Vec<u8>, Error> {
    let project = Project::open(root)?;
    let name = job.template.to_string();
    render_checked(&project, job)
        .map(|rendered| rendered.pdf)
        .map_err(|cause: TypesetError| Error::Typeset {
            failures: vec![DocumentFailure {
                name,
                cause: Box::new(cause),
            }],
            total: 1,
        })
}
