//! `tariffpress build`: every program's documents as verified PDFs plus its
//! rate exports, in parallel, written only when everything succeeded.
//! Documents whose inputs are unchanged since the last build (see
//! `build::manifest`) are left as they are.

use super::progress::Progress;
use super::rates::unknown_program;
use super::{Failure, load};
use crate::build::manifest::{self, Entry, Manifest, hash_bytes};
use crate::build::output::{remove_previews_beyond, remove_stale_temporaries, write_atomic};
use crate::build::{Artifact, inputs_hash, prepare, typeset_all};
use crate::content::model::{Catalog, Program};
use crate::document::PreparedDocument;
use crate::export;
use crate::rates::program_cells;
use crate::render::Project;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub struct Request<'a> {
    pub only: Option<&'a str>,
    pub output: Option<&'a Path>,
    /// Rebuild every document, whatever the manifest says.
    pub force: bool,
    /// Also write a PNG of every page beside each PDF.
    pub previews: bool,
    /// One line per document typeset.
    pub verbose: bool,
}

/// A document with the hash of its inputs.
struct Planned<'a> {
    document: &'a PreparedDocument,
    path: String,
    inputs: String,
}

pub fn run(root: &Path, request: &Request) -> Result<(), Failure> {
    run_with(root, request, &mut None)
}

/// One build; `project` holds the Typst project (fonts, parsed templates,
/// caches) across the builds of a watch session and is opened on first use.
pub fn run_with(
    root: &Path,
    request: &Request,
    project: &mut Option<Project>,
) -> Result<(), Failure> {
    let started = Instant::now();
    let catalog = load(root)?;
    let programs = selected(&catalog, request.only)?;
    let documents = prepare(&catalog, &programs).map_err(Failure::Content)?;
    let output = request
        .output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("output"));
    let mut manifest = Manifest::read(&output);
    let removed = remove_stale_temporaries(&output);
    if removed > 0 {
        eprintln!("removed {removed} temporary files an interrupted build left behind");
    }
    let planned = plan(root, &documents)?;
    let (stale, current): (Vec<&Planned>, Vec<&Planned>) = planned.iter().partition(|p| {
        request.force || !manifest.is_current(&output, &p.path, &p.inputs, request.previews)
    });
    let artifacts = typeset(root, &stale, request, project)?;
    let mut written = 0;
    for artifact in artifacts.iter().chain(&rate_exports(&catalog, &programs)?) {
        written += usize::from(write_if_changed(&output, artifact)?);
    }
    if request.previews {
        for pdf in &artifacts {
            if let Some(pages) = pdf.pages {
                remove_previews_beyond(&output, &pdf.path, pages);
            }
        }
    }
    for p in &stale {
        let pdf = artifacts.iter().find(|a| a.path == Path::new(&p.path));
        if let Some(pdf) = pdf {
            manifest.record(
                p.path.clone(),
                Entry {
                    inputs: p.inputs.clone(),
                    output: hash_bytes(&pdf.bytes),
                    previews: request.previews,
                },
            );
        }
    }
    // Written last: if the build is killed before this, the next build
    // finds the manifest out of date and rebuilds what it must.
    write_if_changed(
        &output,
        &Artifact {
            path: PathBuf::from(manifest::FILE_NAME),
            bytes: manifest.to_json(),
            pages: None,
        },
    )?;
    eprintln!(
        "{}",
        crate::messages::build_summary(
            stale.len(),
            current.len(),
            written,
            started.elapsed().as_secs_f64(),
            &output.display().to_string()
        )
    );
    Ok(())
}

/// Every document with the hash of its inputs.
fn plan<'a>(root: &Path, documents: &'a [PreparedDocument]) -> Result<Vec<Planned<'a>>, Failure> {
    let fingerprint = manifest::project_fingerprint(root).map_err(Failure::Message)?;
    documents
        .iter()
        .map(|document| {
            Ok(Planned {
                document,
                path: document.pdf_path().to_string_lossy().into_owned(),
                inputs: inputs_hash(&fingerprint, document).map_err(Failure::Message)?,
            })
        })
        .collect()
}

/// Typesets the stale documents (PDFs first, then previews), or fails with
/// every failed document's report and nothing written.
fn typeset(
    root: &Path,
    stale: &[&Planned],
    request: &Request,
    project: &mut Option<Project>,
) -> Result<Vec<Artifact>, Failure> {
    if stale.is_empty() {
        return Ok(Vec::new());
    }
    let project = match project {
        Some(project) => project,
        None => project.insert(Project::open(root).map_err(Failure::Message)?),
    };
    let progress = Progress::new(stale.len(), request.verbose);
    let documents: Vec<&PreparedDocument> = stale.iter().map(|p| p.document).collect();
    let typeset = typeset_all(project, &documents, request.previews, |name, pdf, took| {
        progress.done(name, pdf, took);
    });
    progress.finish();
    let typeset = typeset.map_err(|errors| {
        Failure::Message(format!(
            "{}\n{} of {} documents failed; nothing was written",
            errors.join("\n\n"),
            errors.len(),
            stale.len()
        ))
    })?;
    let (pdfs, pngs): (Vec<Artifact>, Vec<Vec<Artifact>>) =
        typeset.into_iter().map(|t| (t.pdf, t.previews)).unzip();
    Ok(pdfs.into_iter().chain(pngs.into_iter().flatten()).collect())
}

/// Writes `artifact` atomically unless the file already holds these bytes;
/// returns whether it wrote.
fn write_if_changed(output: &Path, artifact: &Artifact) -> Result<bool, Failure> {
    let file = output.join(&artifact.path);
    if std::fs::read(&file).is_ok_and(|bytes| bytes == artifact.bytes) {
        return Ok(false);
    }
    write_atomic(&file, &artifact.bytes)
        .map_err(|e| Failure::Message(format!("{}: {e}", artifact.path.display())))?;
    Ok(true)
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

/// `rates.csv` and `rates.json` of every program: its premiums for
/// spreadsheets and for the next tool in the chain.
fn rate_exports(catalog: &Catalog, programs: &[&Program]) -> Result<Vec<Artifact>, Failure> {
    let mut files = Vec::new();
    for program in programs {
        let cells = program_cells(catalog, program).map_err(|e| Failure::Message(e.to_string()))?;
        let file = |name: &str, text: String| Artifact {
            path: PathBuf::from(&program.id).join(name),
            bytes: text.into_bytes(),
            pages: None,
        };
        files.push(file("rates.csv", export::csv(&cells)));
        files.push(file("rates.json", export::json(&cells)));
    }
    Ok(files)
}
