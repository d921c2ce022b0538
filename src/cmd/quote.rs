//! `tariffpress quote`: the premium of one facility with its worksheet and,
//! with `--pdf`, a お見積りシート typeset from `templates/quote.typ` — how a
//! program that prints no premium table (the foundation's) answers a member.

use super::explain::{self, resolve};
use super::rates::unknown_program;
use super::{Failure, load};
use crate::build::output::write_atomic;
use crate::build::{Job, render_checked, stamp_date};
use crate::cli::ExplainFormat;
use crate::document::{ProgramFacts, QuoteRequest, quote_context};
use crate::export;
use crate::rates::case_cell;
use crate::render::{MemoryFiles, Project};
use std::path::Path;

pub struct Request<'a> {
    pub case: explain::Request<'a>,
    /// The facility's name, printed on the sheet.
    pub facility: Option<&'a str>,
    /// Where to write the quote sheet, if wanted.
    pub pdf: Option<&'a Path>,
}

pub fn run(root: &Path, request: &Request) -> Result<(), Failure> {
    explain::run(root, &request.case, ExplainFormat::Text)?;
    if let Some(file) = request.pdf {
        let pdf = quote_sheet(root, request)?;
        write_atomic(file, &pdf)
            .map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
        eprintln!("wrote {}", file.display());
    }
    Ok(())
}

/// Typesets the quote sheet and checks the premium it prints.
fn quote_sheet(root: &Path, request: &Request) -> Result<Vec<u8>, Failure> {
    let catalog = load(root)?;
    let program = catalog
        .program(request.case.program)
        .ok_or_else(|| unknown_program(&catalog, request.case.program))?;
    let case = resolve(&catalog, program, &request.case)?;
    let cell = case_cell(&catalog, program, &case).map_err(|e| Failure::Usage(e.to_string()))?;
    let facts =
        ProgramFacts::new(&catalog, program).map_err(|e| Failure::Message(e.to_string()))?;
    let today = chrono::Local::now().date_naive();
    let data = quote_context(
        &facts,
        &QuoteRequest {
            cell: &cell,
            class: case.class,
            plan: case.plan,
            category: case.category,
            facility: request.facility,
            issued: today,
        },
    );
    let project = Project::open(root).map_err(Failure::Message)?;
    let files = MemoryFiles {
        data: serde_json::to_vec(&data).map_err(|e| Failure::Message(e.to_string()))?,
        rates: export::json(std::slice::from_ref(&cell)).into_bytes(),
    };
    let job = Job {
        template: "quote",
        files,
        date: stamp_date(today).map_err(Failure::Message)?,
        ident: format!("{}/quote/{}", program.id, cell.key()),
        expected: std::slice::from_ref(&cell),
        previews: false,
    };
    render_checked(&project, job)
        .map(|rendered| rendered.pdf)
        .map_err(|e| Failure::Message(format!("templates/quote.typ failed:\n{e}")))
}
