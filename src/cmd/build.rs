//! `tariffpress build`: every program's documents as verified PDFs plus its
//! rate exports, in parallel, written only when everything succeeded.

use super::rates::unknown_program;
use super::{Failure, load};
use crate::build::output::write_atomic;
use crate::build::{Artifact, prepare, typeset_all};
use crate::content::model::{Catalog, Program};
use crate::export;
use crate::rates::program_cells;
use crate::render::Project;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub struct Request<'a> {
    pub only: Option<&'a str>,
    pub output: Option<&'a Path>,
}

pub fn run(root: &Path, request: &Request) -> Result<(), Failure> {
    let started = Instant::now();
    let catalog = load(root)?;
    let programs = selected(&catalog, request.only)?;
    let documents = prepare(&catalog, &programs).map_err(Failure::Content)?;
    let project = Project::open(root).map_err(Failure::Message)?;
    eprintln!(
        "typesetting {} documents of {} programs",
        documents.len(),
        programs.len()
    );
    let mut artifacts = typeset_all(&project, &documents, |name, artifact, took| {
        eprintln!(
            "  {name}.pdf: {} pages, {} KB, {} ms",
            artifact.pages.unwrap_or_default(),
            artifact.bytes.len() / 1024,
            took.as_millis()
        );
    })
    .map_err(|errors| {
        Failure::Message(format!(
            "{}\n{} of {} documents failed; nothing was written",
            errors.join("\n\n"),
            errors.len(),
            documents.len()
        ))
    })?;
    for program in &programs {
        artifacts.extend(rate_exports(&catalog, program)?);
    }
    let output = request
        .output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("output"));
    for artifact in &artifacts {
        write_atomic(&output.join(&artifact.path), &artifact.bytes)
            .map_err(|e| Failure::Message(format!("{}: {e}", artifact.path.display())))?;
    }
    let pdfs = artifacts.iter().filter(|a| a.pages.is_some()).count();
    eprintln!(
        "built {pdfs} PDFs and {} rate files in {:.2} s → {}",
        artifacts.len() - pdfs,
        started.elapsed().as_secs_f64(),
        output.display()
    );
    Ok(())
}

fn selected<'c>(catalog: &'c Catalog, only: Option<&str>) -> Result<Vec<&'c Program>, Failure> {
    match only {
        None => Ok(catalog.programs.iter().collect()),
        Some(id) => catalog
            .program(id)
            .map(|p| vec![p])
            .ok_or_else(|| unknown_program(catalog, id)),
    }
}

/// `rates.csv` and `rates.json`: the program's premiums for spreadsheets
/// and for the next tool in the chain.
fn rate_exports(catalog: &Catalog, program: &Program) -> Result<Vec<Artifact>, Failure> {
    let cells = program_cells(catalog, program).map_err(|e| Failure::Message(e.to_string()))?;
    let file = |name: &str, text: String| Artifact {
        path: PathBuf::from(&program.id).join(name),
        bytes: text.into_bytes(),
        pages: None,
    };
    Ok(vec![
        file("rates.csv", export::csv(&cells)),
        file("rates.json", export::json(&cells)),
    ])
}
