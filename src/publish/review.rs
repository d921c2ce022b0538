//! `diff`: the premiums of two states compared cell by cell, written as
//! Markdown, CSV, a 新旧対照表 PDF or an Excel workbook, and on request
//! every changed page drawn old beside new.

use super::output::write_atomic;
use super::sources::{Side, State, both_sides, checkout, state_of};
use super::visual::changed_pages;
use crate::diff::report::{self, Labels, Sides};
use crate::diff::{Format, Pair, RateDiff, compare_paired, lineage_pairs};
use crate::error::{DiffSides, Error, Usage};
use crate::rates::Cell;
use std::path::{Path, PathBuf};

/// What to compare and how to write it.
#[derive(Clone, Debug)]
pub struct ReviewRequest {
    /// Git revision, folder, PDF or tariff file; with `programs`, the one
    /// state to read (`None`: the working tree).
    pub base: Option<String>,
    /// Two programs of one state to compare with each other
    /// (`--programs old..new`), instead of two states.
    pub programs: Option<Pair>,
    /// Every program that names its predecessor (`previous:`) compared
    /// with it, in one state (`--previous`): this year against last year.
    pub previous: bool,
    /// Folder, PDF or tariff file; `None` is the project's working tree.
    pub head: Option<String>,
    /// The product of two tariff files outside the content folders.
    pub product: Option<String>,
    /// How to write the diff.
    pub format: Format,
    /// Where to write it (`None`: standard output, or
    /// `output/rate-diff.pdf` for a PDF).
    pub output: Option<PathBuf>,
    /// Where to write changed pages side by side, if anywhere.
    pub visual: Option<PathBuf>,
    /// The date a PDF report or workbook carries (unless
    /// `SOURCE_DATE_EPOCH` is set).
    pub today: chrono::NaiveDate,
}

/// What a review found and wrote.
pub struct Review {
    /// Every changed, added and removed figure.
    pub diff: RateDiff,
    /// Markdown or CSV for standard output, when no file was asked for.
    pub printed: Option<String>,
    /// Files written (the report, then changed pages).
    pub written: Vec<PathBuf>,
    /// How many changed pages were drawn (with `visual`).
    pub visual_pages: Option<usize>,
}

/// Compares the two sides `request` names in the project at `root`: two
/// states, each program of the head side paired with its predecessor where
/// it is new and its `previous` exists on the base side; or, with
/// `programs`, two programs of one state.
pub fn review(root: &Path, request: &ReviewRequest) -> Result<Review, Error> {
    if request.format == Format::Xlsx && request.output.is_none() {
        return Err(Usage::XlsxNeedsOutput.into());
    }
    let tree = || Side::Tree(root.to_path_buf());
    let base = request.base.as_deref().map_or_else(tree, Side::parse);
    let head = request.head.as_deref().map_or_else(tree, Side::parse);
    let head_label = match request.head {
        Some(_) => head.label(),
        None => "working tree".to_string(),
    };
    let (diff, sides) = match &request.programs {
        None if request.previous => {
            let state = state_of(root, &base)?;
            let label = match request.base {
                Some(_) => base.label(),
                None => head_label.clone(),
            };
            let sides = Sides {
                base: format!("previous programs ({label})"),
                head: format!("their successors ({label})"),
            };
            (year_over_year(&state), sides)
        }
        Some(pair) => {
            if matches!(base, Side::Tariff(_)) {
                return Err(Usage::DiffSides(DiffSides::ProgramsOfTariff).into());
            }
            let state = state_of(root, &base)?;
            let (old, new) = (
                of_program(&state, &pair.base)?,
                of_program(&state, &pair.head)?,
            );
            let label = match request.base {
                Some(_) => base.label(),
                None => head_label,
            };
            let sides = Sides {
                base: format!("{} ({label})", pair.base),
                head: format!("{} ({label})", pair.head),
            };
            (
                compare_paired(&old, &new, std::slice::from_ref(pair)),
                sides,
            )
        }
        None => {
            let (old, new) = both_sides(root, &base, &head, request.product.as_deref())?;
            let pairs = lineage_pairs(&old.cells, &new.cells, &new.previous);
            let sides = Sides {
                base: base.label(),
                head: head_label,
            };
            (compare_paired(&old.cells, &new.cells, &pairs), sides)
        }
    };
    // Names for the PDF and Markdown come from the project when it loads.
    let labels =
        crate::content::load(root).map_or_else(|_| Labels::default(), |c| Labels::from_catalog(&c));
    let bytes = match request.format {
        Format::Md => report::markdown(&diff, &sides, &labels).into_bytes(),
        Format::Csv => report::csv(&diff).into_bytes(),
        Format::Pdf => super::diff_report(root, &diff, &sides, &labels, request.today)?,
        Format::Xlsx => {
            let created = super::source_date(request.today)?;
            crate::diff::xlsx::workbook_bytes(&diff, &sides, &labels, created)?
        }
    };
    let mut written = Vec::new();
    let mut printed = None;
    match (&request.output, request.format) {
        (Some(file), _) => written.push(save(file, &bytes)?),
        (None, Format::Pdf) => {
            written.push(save(&root.join("output").join("rate-diff.pdf"), &bytes)?);
        }
        (None, _) => printed = Some(String::from_utf8_lossy(&bytes).into_owned()),
    }
    let mut visual_pages = None;
    if let Some(dir) = &request.visual {
        if request.programs.is_some() || request.previous {
            return Err(Usage::DiffSides(DiffSides::VisualNeedsProjects).into());
        }
        let pages = visual(root, &base, &head)?;
        visual_pages = Some(pages.len());
        for page in pages {
            written.push(save(&dir.join(&page.file), &page.png)?);
        }
    }
    Ok(Review {
        diff,
        printed,
        written,
        visual_pages,
    })
}

/// Each program of `state` that names a predecessor the state also has,
/// compared with it cell by cell.
fn year_over_year(state: &State) -> RateDiff {
    let has = |id: &str| state.cells.iter().any(|c| c.program == id);
    let pairs: Vec<Pair> = state
        .previous
        .iter()
        .filter(|(program, previous)| program != previous && has(program) && has(previous))
        .map(|(program, previous)| Pair {
            base: previous.clone(),
            head: program.clone(),
        })
        .collect();
    let of = |side: fn(&Pair) -> &String| -> Vec<Cell> {
        let ids: Vec<&String> = pairs.iter().map(side).collect();
        state
            .cells
            .iter()
            .filter(|c| ids.contains(&&c.program))
            .cloned()
            .collect()
    };
    compare_paired(&of(|p| &p.base), &of(|p| &p.head), &pairs)
}

/// The cells of program `id` in `state`; an id with no cell there is an
/// unknown program.
fn of_program(state: &State, id: &str) -> Result<Vec<Cell>, Error> {
    let cells: Vec<Cell> = state
        .cells
        .iter()
        .filter(|c| c.program == id)
        .cloned()
        .collect();
    if cells.is_empty() {
        let mut known: Vec<String> = state.cells.iter().map(|c| c.program.clone()).collect();
        known.dedup();
        return Err(Usage::UnknownProgram {
            id: id.to_string(),
            known,
        }
        .into());
    }
    Ok(cells)
}

/// The changed pages of two project states: a folder or git revision
/// against a folder.
fn visual(root: &Path, base: &Side, head: &Side) -> Result<Vec<super::visual::ChangedPage>, Error> {
    let not_projects = || Error::Usage(Usage::DiffSides(DiffSides::VisualNeedsProjects));
    let Side::Tree(head_root) = head else {
        return Err(not_projects());
    };
    let checkout_dir;
    let base_root = match base {
        Side::Tree(folder) => folder.as_path(),
        Side::Revision(rev) => {
            checkout_dir = checkout(root, rev, &["content", "templates", "fonts"])?;
            checkout_dir.path()
        }
        _ => return Err(not_projects()),
    };
    changed_pages(base_root, head_root)
}

fn save(file: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    write_atomic(file, bytes).map_err(|e| Error::io(file, e))?;
    Ok(file.to_path_buf())
}
