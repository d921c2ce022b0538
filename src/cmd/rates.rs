//! `tariffpress rates`: every premium of one program or of all.

use super::{Failure, load};
use crate::cli::RatesFormat;
use crate::export;
use crate::rates::program_cells;
use std::path::Path;

pub fn run(root: &Path, program: Option<&str>, format: RatesFormat) -> Result<(), Failure> {
    let catalog = load(root)?;
    let programs: Vec<_> = match program {
        Some(id) => vec![
            catalog
                .program(id)
                .ok_or_else(|| unknown_program(&catalog, id))?,
        ],
        None => catalog.programs.iter().collect(),
    };
    let mut cells = Vec::new();
    for program in programs {
        cells
            .extend(program_cells(&catalog, program).map_err(|e| Failure::Message(e.to_string()))?);
    }
    print_cells(&cells, format);
    Ok(())
}

/// `rates --from-pdf`: the rates a built PDF carries, in any format.
pub fn from_pdf(file: &Path, format: RatesFormat) -> Result<(), Failure> {
    let cells = crate::provenance::rates_from_pdf(file).map_err(Failure::Message)?;
    print_cells(&cells, format);
    Ok(())
}

fn print_cells(cells: &[crate::rates::Cell], format: RatesFormat) {
    let text = match format {
        RatesFormat::Table => export::text_table(cells),
        RatesFormat::Csv => export::csv(cells),
        RatesFormat::Json => export::json(cells),
        RatesFormat::Md => export::markdown(cells),
    };
    print!("{text}");
}

pub fn unknown_program(catalog: &crate::content::model::Catalog, id: &str) -> Failure {
    let ids: Vec<&str> = catalog.programs.iter().map(|p| p.id.as_str()).collect();
    Failure::Usage(format!(
        "unknown program `{id}`; the content defines: {}",
        ids.join(", ")
    ))
}
