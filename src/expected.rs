//! Expected-premium tables checked against the rating core: each row of
//! `content/products/<product>/expected/*.csv` (read and resolved by
//! `content::expected`) priced as `rates` and `explain` price it, and each
//! figure that comes out different reported at its CSV line with the
//! expected and computed amounts and the case's worksheet.

use crate::content::Diagnostic;
use crate::content::expected::ExpectedRow;
use crate::content::model::Catalog;
use crate::content::problem::{Figure, Problem};
use crate::explain::{CaseRequest, worksheet};
use crate::format::whole_yen;
use crate::messages::Lang;
use crate::rates::case_cell;

/// Prices every row; one diagnostic per figure that differs (none when
/// all match).
pub fn verify(catalog: &Catalog, rows: &[ExpectedRow]) -> Vec<Diagnostic> {
    rows.iter()
        .flat_map(|row| verify_row(catalog, row))
        .collect()
}

fn verify_row(catalog: &Catalog, row: &ExpectedRow) -> Vec<Diagnostic> {
    let program = &catalog.programs[row.program];
    // The figures as `rates` prints them; none when the case is referred
    // (a size outside the tariff's table) or cannot be priced.
    let cell = case_cell(catalog, program, &row.case).ok();
    let mut found = Vec::new();
    for stated in &row.figures {
        let got = cell.as_ref().and_then(|cell| match stated.figure {
            Figure::Premium => whole_yen(cell.premium),
            Figure::FirstInstallment => whole_yen(cell.first_installment.unwrap_or(cell.premium)),
            Figure::Annual => whole_yen(cell.annual),
        });
        if got == Some(stated.yen) {
            continue;
        }
        let problem = match worksheet(catalog, &request(row)) {
            Ok(sheet) => Problem::PremiumDiffers {
                case: Box::new(row.ids.clone()),
                figure: stated.figure,
                expected: stated.yen,
                got,
                worksheet: Box::new([sheet.steps_text(Lang::En), sheet.steps_text(Lang::Ja)]),
            },
            // The core refused the case (the reason is the core's own).
            Err(e) => Problem::Pricing {
                class: row.ids.class.clone(),
                plan: row.ids.plan.clone(),
                reason: e.to_string(),
            },
        };
        found.push(Diagnostic {
            file: row.file.clone(),
            line: row.line,
            column: stated.column,
            path: stated.figure.column().to_string(),
            problem: Box::new(problem),
        });
    }
    found
}

/// The row as `explain` would be asked for it.
fn request(row: &ExpectedRow) -> CaseRequest {
    CaseRequest {
        program: row.ids.program.clone(),
        class: row.ids.class.clone(),
        plan: row.ids.plan.clone(),
        size: row.ids.size,
        category: row.ids.category.clone(),
    }
}
