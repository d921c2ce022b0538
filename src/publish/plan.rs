//! The build plan: which documents are stale (by the manifest), typeset
//! them, write what changed, and record the manifest last. `build` and
//! `watch` share it; `watch` passes the same Typst project every time.

use super::manifest::{self, Entry, Manifest, hash_bytes};
use super::output::{remove_previews_beyond, remove_stale_temporaries, write_atomic};
use super::{Artifact, Typeset, inputs_hash, prepare_priced, price_all, typeset_all};
use crate::content::model::{Catalog, Program};
use crate::document::PreparedDocument;
use crate::error::Error;
use crate::export;
use crate::inspect::find_program;
use crate::rates::PricedProgram;
use crate::render::Project;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Only this program.
    pub only: Option<String>,
    /// The output folder (default `<root>/output`).
    pub output: Option<PathBuf>,
    /// Rebuild every document, whatever the manifest says.
    pub force: bool,
    /// Also write a PNG of every page beside each PDF.
    pub previews: bool,
}

/// Told about the progress of a build, for a bar or a log.
pub trait Observer: Sync {
    /// `total` documents are about to be typeset.
    fn started(&self, total: usize);
    /// One document is typeset (`name` is `program/document`).
    fn done(&self, name: &str, pdf: &Artifact, took: Duration);
    /// Typesetting is over, successful or not.
    fn finished(&self);
    /// Every stale document was typeset and verified; each is handed over
    /// (PDF, page previews, premium positions) before anything is written,
    /// so a viewer (`serve`) can show pages from the very document the
    /// build writes. Not called for a build that failed.
    fn typeset(&self, _typeset: &[Typeset]) {}
}

/// What a build did.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// Documents typeset.
    pub built: usize,
    /// Documents whose inputs were unchanged.
    pub current: usize,
    /// Files written (unchanged files are not rewritten).
    pub written: usize,
    /// Temporary files an interrupted build had left, now removed.
    pub removed_temporaries: usize,
    /// PDFs an earlier build wrote of documents no program lists any more
    /// (paths relative to the output folder), now removed.
    pub removed_documents: Vec<String>,
    /// Rate exports an earlier build wrote of programs the content no
    /// longer has (paths relative to the output folder), now removed.
    pub removed_exports: Vec<String>,
    /// Wall time.
    pub took: Duration,
    /// The output folder.
    pub output: PathBuf,
}

/// A document with the hash of its inputs.
struct Planned<'a> {
    document: &'a PreparedDocument,
    path: String,
    inputs: String,
}

/// One build of the project at `root`; `project` holds the Typst project
/// (fonts, parsed templates, caches) across the builds of a watch session
/// and is opened on first use.
pub fn build(
    root: &Path,
    options: &BuildOptions,
    project: &mut Option<Project>,
    observer: &dyn Observer,
) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("output"));
    let mut manifest = Manifest::read(&output);
    // Scanning the fonts for Typst and hashing what changed among the
    // shared files do not depend on the content: done on another core
    // while the content loads, they stay off the critical path of a build.
    let (catalog, (fingerprint, opened)) = rayon::join(
        || crate::content::load(root),
        || {
            let opened = match project {
                Some(_) => None,
                None => Some(Project::open(root)),
            };
            (
                manifest::project_fingerprint(root, manifest.stamps()),
                opened,
            )
        },
    );
    let catalog = catalog?;
    let programs = selected(&catalog, options.only.as_deref())?;
    let priced = price_all(&catalog, &programs)?;
    let documents = prepare_priced(&catalog, &priced)?;
    if let Some(opened) = opened {
        *project = Some(opened?);
    }
    let (fingerprint, stamps) = fingerprint?;
    manifest.set_stamps(stamps);
    let removed_temporaries = remove_stale_temporaries(&output);
    let planned = plan(&fingerprint, &documents)?;
    let (stale, current): (Vec<&Planned>, Vec<&Planned>) = planned.iter().partition(|p| {
        options.force || !manifest.is_current(&output, &p.path, &p.inputs, options.previews)
    });
    let artifacts = typeset(root, &stale, options.previews, project, observer)?;
    let exports = rate_exports(&priced);
    let mut written = 0;
    for artifact in artifacts.iter().chain(&exports) {
        written += usize::from(write_if_changed(&output, artifact)?);
    }
    if options.previews {
        for pdf in &artifacts {
            if let Some(pages) = pdf.pages {
                remove_previews_beyond(&output, &pdf.path, pages);
            }
        }
    }
    for p in &stale {
        if let Some(pdf) = artifacts.iter().find(|a| a.path == Path::new(&p.path)) {
            let entry = Entry {
                inputs: p.inputs.clone(),
                output: hash_bytes(&pdf.bytes),
                previews: options.previews,
            };
            manifest.record(p.path.clone(), entry);
        }
    }
    let planned_paths: Vec<&str> = planned.iter().map(|p| p.path.as_str()).collect();
    let removed_documents = manifest
        .retire(&planned_paths, options.only.as_deref())
        .into_iter()
        .filter(|(path, entry)| remove_retired(&output, path, entry))
        .map(|(path, _)| path)
        .collect();
    let export_paths: Vec<String> = exports.iter().map(|e| relative(&e.path)).collect();
    for (path, export) in export_paths.iter().zip(&exports) {
        manifest.record_export(path.clone(), &export.bytes);
    }
    let removed_exports = manifest
        .retire_exports(&export_paths, options.only.as_deref())
        .into_iter()
        .filter(|(path, hash)| remove_unaltered(&output, path, hash))
        .map(|(path, _)| path)
        .collect();
    // Written last: if the build is killed before this, the next build
    // finds the manifest out of date and rebuilds what it must.
    let record = Artifact {
        path: PathBuf::from(manifest::FILE_NAME),
        bytes: manifest.to_json(),
        pages: None,
    };
    write_if_changed(&output, &record)?;
    Ok(BuildReport {
        built: stale.len(),
        current: current.len(),
        written,
        removed_temporaries,
        removed_documents,
        removed_exports,
        took: started.elapsed(),
        output,
    })
}

/// Every document with the hash of its inputs.
fn plan<'a>(
    fingerprint: &str,
    documents: &'a [PreparedDocument],
) -> Result<Vec<Planned<'a>>, Error> {
    documents
        .iter()
        .map(|document| {
            Ok(Planned {
                document,
                path: relative(&document.pdf_path()),
                inputs: inputs_hash(fingerprint, document)?,
            })
        })
        .collect()
}

/// Typesets the stale documents (PDFs first, then previews), or fails with
/// every failed document's report and nothing written.
fn typeset(
    root: &Path,
    stale: &[&Planned],
    previews: bool,
    project: &mut Option<Project>,
    observer: &dyn Observer,
) -> Result<Vec<Artifact>, Error> {
    if stale.is_empty() {
        return Ok(Vec::new());
    }
    let project = match project {
        Some(project) => project,
        None => project.insert(Project::open(root)?),
    };
    observer.started(stale.len());
    let documents: Vec<&PreparedDocument> = stale.iter().map(|p| p.document).collect();
    let typeset = typeset_all(project, &documents, previews, |name, pdf, took| {
        observer.done(name, pdf, took);
    });
    observer.finished();
    let typeset = typeset.map_err(|failures| Error::Typeset {
        failures,
        total: stale.len(),
    })?;
    observer.typeset(&typeset);
    let (pdfs, pngs): (Vec<Artifact>, Vec<Vec<Artifact>>) =
        typeset.into_iter().map(|t| (t.pdf, t.previews)).unzip();
    Ok(pdfs.into_iter().chain(pngs.into_iter().flatten()).collect())
}

/// Writes `artifact` atomically unless the file already holds these bytes;
/// returns whether it wrote.
fn write_if_changed(output: &Path, artifact: &Artifact) -> Result<bool, Error> {
    let file = output.join(&artifact.path);
    if std::fs::read(&file).is_ok_and(|bytes| bytes == artifact.bytes) {
        return Ok(false);
    }
    write_atomic(&file, &artifact.bytes).map_err(|e| Error::io(&file, e))?;
    Ok(true)
}

/// Removes the PDF (and its page previews) of a document no program lists
/// any more, if it is still the file the build recorded: a PDF someone
/// changed since is left where it is. Returns whether it was removed.
fn remove_retired(output: &Path, path: &str, entry: &Entry) -> bool {
    let pdf = output.join(path);
    if !entry.wrote(&pdf) || std::fs::remove_file(&pdf).is_err() {
        return false;
    }
    remove_previews_beyond(output, Path::new(path), 0);
    remove_folder_if_empty(&pdf);
    true
}

/// Removes the rate export at `path` if it still holds what the build
/// recorded writing (`hash`); returns whether it was removed.
fn remove_unaltered(output: &Path, path: &str, hash: &str) -> bool {
    let file = output.join(path);
    let removed = manifest::holds(&file, hash) && std::fs::remove_file(&file).is_ok();
    if removed {
        remove_folder_if_empty(&file);
    }
    removed
}

/// Removes the program folder `file` was in once nothing is left in it
/// (a folder with anything in it stays).
fn remove_folder_if_empty(file: &Path) {
    if let Some(folder) = file.parent() {
        let _ = std::fs::remove_dir(folder);
    }
}

/// A path relative to the output folder as the manifest keys it.
fn relative(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The programs a build covers: all, or the one `only` names.
pub(crate) fn selected<'c>(
    catalog: &'c Catalog,
    only: Option<&str>,
) -> Result<Vec<&'c Program>, Error> {
    match only {
        None => Ok(catalog.programs.iter().collect()),
        Some(id) => Ok(vec![find_program(catalog, id)?]),
    }
}

/// `rates.csv` and `rates.json` of every program: its premiums for
/// spreadsheets and for the next tool in the chain.
fn rate_exports(priced: &[PricedProgram]) -> Vec<Artifact> {
    let mut files = Vec::new();
    for PricedProgram { program, cells } in priced {
        let file = |name: &str, text: String| Artifact {
            path: PathBuf::from(&program.id).join(name),
            bytes: text.into_bytes(),
            pages: None,
        };
        files.push(file("rates.csv", export::csv(cells)));
        files.push(file("rates.json", export::json(cells)));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retired_pdf_is_removed_only_while_it_is_the_one_recorded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("p")).unwrap();
        let entry = |bytes: &[u8]| Entry {
            inputs: "i".into(),
            output: hash_bytes(bytes),
            previews: true,
        };
        std::fs::write(dir.path().join("p/faq.pdf"), b"as built").unwrap();
        std::fs::write(dir.path().join("p/faq-1.png"), b"page 1").unwrap();
        assert!(remove_retired(dir.path(), "p/faq.pdf", &entry(b"as built")));
        assert!(!dir.path().join("p/faq.pdf").exists());
        assert!(!dir.path().join("p/faq-1.png").exists());
        assert!(!dir.path().join("p").exists(), "the emptied folder too");

        std::fs::create_dir_all(dir.path().join("p")).unwrap();
        std::fs::write(dir.path().join("p/flyer.pdf"), b"edited by hand").unwrap();
        assert!(!remove_retired(
            dir.path(),
            "p/flyer.pdf",
            &entry(b"as built")
        ));
        assert!(dir.path().join("p/flyer.pdf").exists());
        assert!(!remove_retired(
            dir.path(),
            "p/gone.pdf",
            &entry(b"as built")
        ));
    }
}
