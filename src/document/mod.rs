//! Documents: the data each template reads, with prose rendered and checked.
//! `view.rs` holds the typed view models serialized to `/data.json`.

mod context;
mod links;
mod literals;
pub mod members;
pub mod prose;
pub mod qr;
pub mod view;

pub use context::{ProgramFacts, QuoteRequest, document_context, quote_context};
pub use literals::{KnownDate, Literal, Literals, check_prose};
pub use view::{DocumentData, QuoteData};

use crate::content::Diagnostic;
use crate::content::model::{Catalog, DocumentKind, Program};
use crate::rates::{Cell, CellError, PricedProgram};
use chrono::NaiveDate;
use minijinja::Environment;

/// A document ready for typesetting: its data and what it must print.
pub struct PreparedDocument {
    /// The program id.
    pub program: String,
    /// Which document (pamphlet, flyer, rate sheet, FAQ).
    pub kind: DocumentKind,
    /// The date the document is issued, which also dates its PDF.
    pub issued: NaiveDate,
    /// The `/data.json` the template reads.
    pub data: DocumentData,
    /// `data` serialized as that JSON, once, where programs are prepared in
    /// parallel: a build hashes it for the manifest, orders the work by its
    /// size and hands it to Typst, and serialized it for each on the way.
    pub data_json: Vec<u8>,
    /// The cells the printed document must show, empty if it shows none.
    pub expected_cells: Vec<Cell>,
    /// The pictures it prints, served to Typst at `/assets/<file>`.
    pub assets: Vec<crate::content::asset::Asset>,
}

/// A program that could not be priced, as a content problem of its file
/// (validation makes this rare: it is reported, never a panic).
pub fn pricing_problem(program: &Program, error: CellError) -> Diagnostic {
    let problem = crate::content::Problem::Pricing {
        class: error.class,
        plan: error.plan,
        reason: error.reason,
    };
    Diagnostic::whole_file(&program.file, problem)
}

/// Prepares every document of a priced program: renders its prose and
/// checks it for literal copies of data and for dates written literally,
/// collecting every problem.
pub fn prepare_program(
    catalog: &Catalog,
    priced: &PricedProgram,
    env: &Environment,
) -> Result<Vec<PreparedDocument>, Vec<Diagnostic>> {
    let program = priced.program;
    let facts = ProgramFacts::new(catalog, priced);
    let mut diags = Vec::new();
    for prose in facts.prose() {
        check_prose(prose, &facts.literals, &facts.dates, &mut diags);
    }
    let documents = program
        .documents
        .iter()
        .map(|document| {
            let data = document_context(&facts, document, env, &mut diags);
            PreparedDocument {
                program: program.id.clone(),
                kind: document.kind,
                issued: program.issue_date(),
                data_json: serde_json::to_vec(&data).expect("view models serialize to JSON"),
                data,
                expected_cells: if facts.prints_premiums(document) {
                    facts.cells.clone()
                } else {
                    Vec::new()
                },
                assets: facts.assets(document).into_iter().cloned().collect(),
            }
        })
        .collect();
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    diags.dedup();
    if diags.is_empty() {
        Ok(documents)
    } else {
        Err(diags)
    }
}
