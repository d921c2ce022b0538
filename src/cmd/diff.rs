//! `tariffpress diff`: every premium that differs between two states of
//! the content, as Markdown, CSV or a 新旧対照表 PDF.

use super::Failure;
use crate::build::manifest::project_fingerprint;
use crate::build::output::write_atomic;
use crate::build::{Job, inputs_hash, prepare, render_checked, typeset_all};
use crate::cli::DiffFormat;
use crate::content;
use crate::diff::report::{self, Labels, Sides};
use crate::diff::sources::{Side, SourceError, both_sides, checkout};
use crate::diff::visual::side_by_side;
use crate::diff::{RateDiff, compare};
use crate::document::PreparedDocument;
use crate::render::{MemoryFiles, Project};
use std::collections::BTreeMap;
use std::path::Path;

pub struct Request<'a> {
    pub base: &'a str,
    /// `None`: the project's working tree.
    pub head: Option<&'a str>,
    pub product: Option<&'a str>,
    pub format: DiffFormat,
    pub output: Option<&'a Path>,
    pub fail_on_change: bool,
    /// Where to write side-by-side page comparisons, if asked for.
    pub visual: Option<&'a Path>,
}

pub fn run(root: &Path, request: &Request) -> Result<(), Failure> {
    let base = Side::parse(request.base);
    let head = request
        .head
        .map_or_else(|| Side::Tree(root.to_path_buf()), Side::parse);
    let (old, new) = both_sides(root, &base, &head, request.product).map_err(failure)?;
    let diff = compare(&old, &new);
    let sides = Sides {
        base: base.label(),
        head: match request.head {
            Some(_) => head.label(),
            None => "working tree".to_string(),
        },
    };
    // Names for the PDF and Markdown come from the project when it loads.
    let labels =
        content::load(root).map_or_else(|_| Labels::default(), |c| Labels::from_catalog(&c));
    write(root, &diff, &sides, &labels, request)?;
    eprintln!(
        "{}",
        match crate::messages::lang() {
            crate::messages::Lang::En => report::headline(&diff),
            crate::messages::Lang::Ja => report::headline_ja(&diff),
        }
    );
    if let Some(dir) = request.visual {
        let head_root = match &head {
            Side::Tree(dir) => dir.clone(),
            _ => return Err(visual_usage()),
        };
        let pages = visual(root, &base, &head_root, dir)?;
        eprintln!(
            "{pages} changed page(s) drawn side by side in {}",
            dir.display()
        );
    }
    if request.fail_on_change && !diff.is_empty() {
        return Err(Failure::Changed(
            "premiums changed and --fail-on-change was given".to_string(),
        ));
    }
    Ok(())
}

fn visual_usage() -> Failure {
    Failure::Usage(
        "--visual compares two states of a project: give --base a git revision or a folder, \
         and --head a folder (or nothing, for the working tree)"
            .to_string(),
    )
}

/// Typesets the documents whose inputs differ on the two sides and writes
/// each changed page as `<program>-<document>-p<N>.png` into `dir`.
fn visual(root: &Path, base: &Side, head_root: &Path, dir: &Path) -> Result<usize, Failure> {
    let checkout;
    let base_root = match base {
        Side::Tree(folder) => folder.as_path(),
        Side::Revision(rev) => {
            checkout = checkout_project(root, rev)?;
            checkout.path()
        }
        _ => return Err(visual_usage()),
    };
    let old = ProjectState::read(base_root)?;
    let new = ProjectState::read(head_root)?;
    let changed: Vec<&String> = old
        .inputs
        .keys()
        .chain(new.inputs.keys())
        .filter(|name| old.inputs.get(*name) != new.inputs.get(*name))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let before = old.previews(&changed)?;
    let after = new.previews(&changed)?;
    let mut written = 0;
    for name in changed {
        let (before, after) = (before.get(name), after.get(name));
        let pages = before.map_or(0, Vec::len).max(after.map_or(0, Vec::len));
        for page in 0..pages {
            let old_page = before.and_then(|p| p.get(page)).map(Vec::as_slice);
            let new_page = after.and_then(|p| p.get(page)).map(Vec::as_slice);
            let compared = side_by_side(old_page, new_page).map_err(Failure::Message)?;
            if let Some(image) = compared {
                let file = dir.join(format!("{}-p{}.png", name.replace('/', "-"), page + 1));
                save(&file, &image)?;
                written += 1;
            }
        }
    }
    Ok(written)
}

fn checkout_project(root: &Path, rev: &str) -> Result<tempfile::TempDir, Failure> {
    checkout(root, rev, &["content", "templates", "fonts"]).map_err(failure)
}

/// One side of a visual diff: its prepared documents and the hash of each
/// one's inputs, by `program/document`.
struct ProjectState<'a> {
    root: &'a Path,
    documents: Vec<PreparedDocument>,
    inputs: BTreeMap<String, String>,
}

impl<'a> ProjectState<'a> {
    fn read(root: &'a Path) -> Result<Self, Failure> {
        let catalog = content::load(root).map_err(Failure::Content)?;
        let programs: Vec<_> = catalog.programs.iter().collect();
        let documents = prepare(&catalog, &programs).map_err(Failure::Content)?;
        let fingerprint = project_fingerprint(root).map_err(Failure::Message)?;
        let inputs = documents
            .iter()
            .map(|d| {
                Ok((
                    name_of(d),
                    inputs_hash(&fingerprint, d).map_err(Failure::Message)?,
                ))
            })
            .collect::<Result<_, Failure>>()?;
        Ok(ProjectState {
            root,
            documents,
            inputs,
        })
    }

    /// Page previews of the named documents this side has.
    fn previews(&self, names: &[&String]) -> Result<BTreeMap<String, Vec<Vec<u8>>>, Failure> {
        let wanted: Vec<&PreparedDocument> = self
            .documents
            .iter()
            .filter(|d| names.contains(&&name_of(d)))
            .collect();
        if wanted.is_empty() {
            return Ok(BTreeMap::new());
        }
        let project = Project::open(self.root).map_err(Failure::Message)?;
        let typeset = typeset_all(&project, &wanted, true, |_, _, _| {}).map_err(|errors| {
            Failure::Message(format!("{}: {}", self.root.display(), errors.join("\n\n")))
        })?;
        Ok(wanted
            .iter()
            .zip(typeset)
            .map(|(d, t)| {
                (
                    name_of(d),
                    t.previews.into_iter().map(|a| a.bytes).collect(),
                )
            })
            .collect())
    }
}

fn name_of(document: &PreparedDocument) -> String {
    format!("{}/{}", document.program, document.kind.name())
}

fn failure(e: SourceError) -> Failure {
    match e {
        SourceError::Content(diags) => Failure::Content(diags),
        SourceError::Message(m) => Failure::Message(m),
        SourceError::Usage(m) => Failure::Usage(m),
    }
}

/// Prints Markdown or CSV (or writes it to `--output`); typesets the PDF.
fn write(
    root: &Path,
    diff: &RateDiff,
    sides: &Sides,
    labels: &Labels,
    request: &Request,
) -> Result<(), Failure> {
    let bytes = match request.format {
        DiffFormat::Md => report::markdown(diff, sides, labels).into_bytes(),
        DiffFormat::Csv => report::csv(diff).into_bytes(),
        DiffFormat::Pdf => typeset(root, diff, sides, labels)?,
    };
    match (request.output, request.format) {
        (Some(file), _) => save(file, &bytes),
        (None, DiffFormat::Pdf) => save(&root.join("output").join("rate-diff.pdf"), &bytes),
        (None, _) => {
            print!("{}", String::from_utf8_lossy(&bytes));
            Ok(())
        }
    }
}

fn save(file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomic(file, bytes).map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
    eprintln!("wrote {}", file.display());
    Ok(())
}

/// The 新旧対照表 through `templates/diff.typ`, with the project's fonts.
fn typeset(
    root: &Path,
    diff: &RateDiff,
    sides: &Sides,
    labels: &Labels,
) -> Result<Vec<u8>, Failure> {
    let project = Project::open(root).map_err(Failure::Message)?;
    let data = report::document_data(diff, sides, labels);
    let files = MemoryFiles {
        data: serde_json::to_vec(&data).map_err(|e| Failure::Message(e.to_string()))?,
        rates: b"[]".to_vec(),
    };
    let job = Job {
        template: "diff",
        files,
        date: report_date()?,
        ident: format!("diff/{}/{}", sides.base, sides.head),
        expected: &[],
        previews: false,
    };
    render_checked(&project, job)
        .map(|rendered| rendered.pdf)
        .map_err(|e| Failure::Message(format!("templates/diff.typ failed:\n{e}")))
}

/// `SOURCE_DATE_EPOCH` when set, else today: a review artefact is dated the
/// day it was made.
fn report_date() -> Result<typst::foundations::Datetime, Failure> {
    let today = chrono::Local::now().date_naive();
    crate::build::stamp_date(today).map_err(Failure::Message)
}
