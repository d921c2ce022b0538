//! Read-only questions about a project: is everything valid, every
//! character covered by a font, every expected premium reproduced (`check`),
//! what data does a document's template read (`context`), which premiums
//! does a program offer (`rates`).

use crate::content::model::Catalog;
use crate::document::{PreparedDocument, prepare_program, pricing_problem, prose};
use crate::error::{Error, Usage};
use crate::export::labels::Labels;
use crate::messages::Note;
use crate::rates::{Cell, price};
use crate::render::{CoverageCache, uncovered_characters};
use std::path::Path;

pub use crate::explain::find_program;

/// Loads and validates everything, prepares every document, rates every
/// table and every row of the expected-premium tables; the counts for the
/// summary, or every problem found.
pub fn check(root: &Path) -> Result<Note, Error> {
    check_with(root, &mut CoverageCache::default())
}

/// `check` with the fonts' coverage kept in `fonts` from one check to the
/// next (`serve` checks after every save).
pub fn check_with(root: &Path, fonts: &mut CoverageCache) -> Result<Note, Error> {
    let catalog = crate::content::load(root)?;
    let env = prose::environment();
    let fonts = fonts.coverage(&root.join("fonts"))?;
    let (mut documents, mut cells, mut diags) = (0, 0, Vec::new());
    for program in &catalog.programs {
        let priced = match price(&catalog, program) {
            Ok(priced) => priced,
            Err(e) => {
                diags.push(pricing_problem(program, e));
                continue;
            }
        };
        cells += priced.cells.len();
        match prepare_program(&catalog, &priced, &env) {
            Ok(prepared) => {
                documents += prepared.len();
                // Every string a template can print, as the JSON it reads.
                let data = prepared
                    .iter()
                    .map(|d| serde_json::to_value(&d.data).unwrap_or_default());
                diags.extend(uncovered_characters(fonts, &catalog, program, data));
            }
            Err(found) => diags.extend(found),
        }
    }
    let (rows, malformed) = crate::content::expected::load(root, &catalog);
    diags.extend(malformed);
    diags.extend(crate::expected::verify(&catalog, &rows));
    if !diags.is_empty() {
        return Err(Error::Content(diags));
    }
    Ok(Note::CheckOk {
        products: catalog.products.len(),
        programs: catalog.programs.len(),
        documents,
        cells,
        expected: rows.len(),
    })
}

/// The prepared document `document` of `program`: its data is what the
/// template reads at `/data.json`.
pub fn document(root: &Path, program: &str, document: &str) -> Result<PreparedDocument, Error> {
    let catalog = crate::content::load(root)?;
    let program = find_program(&catalog, program)?;
    let priced = price(&catalog, program).map_err(|e| vec![pricing_problem(program, e)])?;
    let prepared = prepare_program(&catalog, &priced, &prose::environment())?;
    let known: Vec<String> = prepared.iter().map(|d| d.kind.name().to_string()).collect();
    prepared
        .into_iter()
        .find(|d| d.kind.name() == document)
        .ok_or_else(|| {
            Error::Usage(Usage::NoSuchDocument {
                program: program.id.clone(),
                document: document.to_string(),
                known,
            })
        })
}

/// Every premium of `program`, or of every program without one.
pub fn rates(root: &Path, program: Option<&str>) -> Result<Vec<Cell>, Error> {
    Ok(rate_listing(root, program)?.cells)
}

/// The premiums of one program or of all, with what a workbook of them
/// prints besides: the names of classes and categories, and a date.
pub struct RateListing {
    /// Every premium, programs in content order.
    pub cells: Vec<Cell>,
    /// The printed names of class and category ids.
    pub labels: Labels,
    /// The latest issue date (作成日) of the programs listed.
    pub issued: Option<chrono::NaiveDate>,
}

/// [`rates`] with the names and issue date a workbook needs.
pub fn rate_listing(root: &Path, program: Option<&str>) -> Result<RateListing, Error> {
    let catalog: Catalog = crate::content::load(root)?;
    let programs = match program {
        Some(id) => vec![find_program(&catalog, id)?],
        None => catalog.programs.iter().collect(),
    };
    // One program asked for whose product has no tariff: nothing to price,
    // said as such rather than as an empty listing.
    if let (Some(_), [only]) = (program, programs.as_slice())
        && only.tariff.is_none()
    {
        return Err(Usage::NoTariff {
            program: only.id.clone(),
            product: catalog.product_of(only).id.clone(),
        }
        .into());
    }
    let mut cells = Vec::new();
    for program in &programs {
        cells.extend(price(&catalog, program)?.cells);
    }
    Ok(RateListing {
        cells,
        labels: Labels::from_catalog(&catalog),
        issued: programs.iter().map(|p| p.issue_date()).max(),
    })
}
