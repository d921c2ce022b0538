//! `tariffpress check`: validate everything, write nothing.

use super::{Failure, load};
use crate::document::{prepare_program, prose};
use std::path::Path;

pub fn run(root: &Path) -> Result<(), Failure> {
    let catalog = load(root)?;
    let env = prose::environment();
    let fonts = crate::render::FontCoverage::scan(&root.join("fonts")).map_err(Failure::Message)?;
    let (mut documents, mut cells, mut diags) = (0, 0, Vec::new());
    for program in &catalog.programs {
        match prepare_program(&catalog, program, &env) {
            Ok(prepared) => {
                documents += prepared.len();
                let data = prepared.iter().map(|d| &d.data);
                diags.extend(crate::render::uncovered_characters(
                    &fonts, &catalog, program, data,
                ));
                cells += crate::rates::program_cells(&catalog, program).map_or(0, |c| c.len());
            }
            Err(found) => diags.extend(found),
        }
    }
    if !diags.is_empty() {
        return Err(Failure::Content(diags));
    }
    eprintln!(
        "{}",
        crate::messages::check_ok(
            catalog.products.len(),
            catalog.programs.len(),
            documents,
            cells
        )
    );
    Ok(())
}
