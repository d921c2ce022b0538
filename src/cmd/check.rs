//! `tariffpress check`: validate everything, write nothing.

use super::{Failure, load};
use crate::rates::program_cells;
use std::path::Path;

pub fn run(root: &Path) -> Result<(), Failure> {
    let catalog = load(root)?;
    let mut cells = 0;
    for program in &catalog.programs {
        cells += program_cells(&catalog, program)
            .map_err(|e| Failure::Message(e.to_string()))?
            .len();
    }
    eprintln!(
        "ok: {} products, {} programs, {cells} premiums checked",
        catalog.products.len(),
        catalog.programs.len()
    );
    Ok(())
}
