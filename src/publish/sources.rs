//! Where the two rate tables of a diff come from: a project folder, a git
//! revision of the project, a PDF tariffpress built, or a tariff file.

use crate::content::model::{Catalog, Product};
use crate::content::{self};
use crate::error::{DiffSides, Error, Usage};
use crate::provenance;
use crate::rates::{Cell, program_cells, program_cells_under};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One side of a comparison, as named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// A project folder (holding `content/`).
    Tree(PathBuf),
    /// A git revision of the project the command runs in.
    Revision(String),
    /// A PDF built by tariffpress, read through its attached rates.
    Pdf(PathBuf),
    /// A tariff file: every program of its product priced under it.
    Tariff(PathBuf),
}

impl Side {
    /// Reads a command-line argument: an existing folder, a `.pdf` or
    /// `.yaml` file, else a git revision.
    pub fn parse(arg: &str) -> Side {
        let path = PathBuf::from(arg);
        let extension = path.extension().and_then(|e| e.to_str());
        match extension {
            _ if path.is_dir() => Side::Tree(path),
            Some(e) if e.eq_ignore_ascii_case("pdf") => Side::Pdf(path),
            Some("yaml" | "yml") => Side::Tariff(path),
            _ => Side::Revision(arg.to_string()),
        }
    }

    /// How headings name the side.
    pub fn label(&self) -> String {
        match self {
            Side::Tree(p) | Side::Pdf(p) | Side::Tariff(p) => p.display().to_string(),
            Side::Revision(r) => r.clone(),
        }
    }
}

/// The cells of one state, and the lineage its content records.
#[derive(Debug, Default)]
pub struct State {
    /// Every cell of every program (or of the PDF).
    pub cells: Vec<Cell>,
    /// `(program, previous)` for each program that names the program it
    /// continues; empty for a PDF.
    pub previous: Vec<(String, String)>,
}

/// The states of `base` and `head`; `root` is the project the command runs
/// in (git revisions are read from it; tariffs are priced with its
/// programs).
pub fn both_sides(
    root: &Path,
    base: &Side,
    head: &Side,
    product: Option<&str>,
) -> Result<(State, State), Error> {
    match (base, head) {
        (Side::Tariff(old), Side::Tariff(new)) => {
            let (old, new) = tariff_pair(root, old, new, product)?;
            let state = |cells| State {
                cells,
                previous: Vec::new(),
            };
            Ok((state(old), state(new)))
        }
        (Side::Tariff(_), _) | (_, Side::Tariff(_)) => {
            Err(Usage::DiffSides(DiffSides::TariffWithOther).into())
        }
        (Side::Revision(_), Side::Revision(_)) => {
            Err(Usage::DiffSides(DiffSides::HeadRevision).into())
        }
        _ => Ok((state_of(root, base)?, state_of(root, head)?)),
    }
}

/// The state of one side that is not a tariff file (`--programs` reads
/// one such state).
pub fn state_of(root: &Path, side: &Side) -> Result<State, Error> {
    match side {
        Side::Tree(dir) => tree_state(dir),
        Side::Revision(rev) => {
            let checkout = checkout(root, rev, &["content"])?;
            tree_state(checkout.path())
        }
        Side::Pdf(file) => Ok(State {
            cells: provenance::rates_from_pdf(file)?,
            previous: Vec::new(),
        }),
        Side::Tariff(_) => Err(Usage::DiffSides(DiffSides::TariffWithOther).into()),
    }
}

/// Every cell of every program under `dir/content`, and its lineage.
fn tree_state(dir: &Path) -> Result<State, Error> {
    let catalog = content::load(dir)?;
    let previous = catalog
        .programs
        .iter()
        .filter_map(|p| Some((p.id.clone(), p.previous.clone()?)))
        .collect();
    Ok(State {
        cells: all_cells(&catalog)?,
        previous,
    })
}

fn all_cells(catalog: &Catalog) -> Result<Vec<Cell>, Error> {
    let mut cells = Vec::new();
    for program in &catalog.programs {
        cells.extend(program_cells(catalog, program)?);
    }
    Ok(cells)
}

/// Copies the project's `folders` (e.g. `content`) as they were at `rev`
/// into a temporary folder with `git archive`; the working tree and the
/// index are never touched.
pub fn checkout(root: &Path, rev: &str, folders: &[&str]) -> Result<tempfile::TempDir, Error> {
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_string();
    let dir = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    for folder in folders {
        let tar = git(
            root,
            &[
                "archive",
                "--format=tar",
                &format!("{rev}:{prefix}{folder}"),
            ],
        )?;
        let into = dir.path().join(folder);
        std::fs::create_dir_all(&into).map_err(|e| Error::io(&into, e))?;
        untar(&tar, &into)?;
    }
    Ok(dir)
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| Error::Tool {
            tool: "git",
            detail: e.to_string(),
        })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Usage::Git {
            args: args.join(" "),
            detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        }
        .into())
    }
}

fn untar(archive: &[u8], into: &Path) -> Result<(), Error> {
    use std::io::Write;
    let mut child = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Tool {
            tool: "tar",
            detail: e.to_string(),
        })?;
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(archive));
    let out = child.wait_with_output().map_err(|e| Error::Tool {
        tool: "tar",
        detail: e.to_string(),
    })?;
    match written {
        Some(Ok(())) if out.status.success() => Ok(()),
        _ => Err(Error::Tool {
            tool: "tar",
            detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        }),
    }
}

/// Every program of the tariffs' product priced under `old` and `new`.
fn tariff_pair(
    root: &Path,
    old: &Path,
    new: &Path,
    product: Option<&str>,
) -> Result<(Vec<Cell>, Vec<Cell>), Error> {
    let catalog = content::load(root)?;
    let id = match product {
        Some(id) => id.to_string(),
        None => product_of_tariff(old)
            .or_else(|| product_of_tariff(new))
            .ok_or(Usage::DiffSides(DiffSides::ProductUnknown))?,
    };
    let (index, product) = catalog
        .products
        .iter()
        .enumerate()
        .find(|(_, p)| p.id == id)
        .ok_or_else(|| Usage::UnknownProduct {
            id: id.clone(),
            known: catalog.products.iter().map(|p| p.id.clone()).collect(),
        })?;
    let old = load_tariff(old, product)?;
    let new = load_tariff(new, product)?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    for program in catalog.programs.iter().filter(|p| p.product == index) {
        let priced = |t| program_cells_under(&catalog, program, t);
        before.extend(priced(&old)?);
        after.extend(priced(&new)?);
    }
    Ok((before, after))
}

fn load_tariff(file: &Path, product: &Product) -> Result<content::model::Tariff, Error> {
    if !file.is_file() {
        return Err(Usage::NotAFile(file.to_path_buf()).into());
    }
    Ok(content::tariff_file(file, product)?)
}

/// `…/products/<product>/tariffs/<file>` → `<product>`.
fn product_of_tariff(file: &Path) -> Option<String> {
    let tariffs = file.parent()?;
    let product = tariffs.parent()?;
    let products = product.parent()?;
    (tariffs.file_name()? == "tariffs" && products.file_name()? == "products")
        .then(|| product.file_name()?.to_str().map(str::to_string))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_are_told_apart_by_what_the_argument_names() {
        let dir = tempfile::tempdir().unwrap();
        let dir_arg = dir.path().to_str().unwrap();
        assert_eq!(Side::parse(dir_arg), Side::Tree(dir.path().into()));
        assert_eq!(
            Side::parse("old/miyazaki.PDF"),
            Side::Pdf("old/miyazaki.PDF".into())
        );
        assert_eq!(
            Side::parse("t/2025.yaml"),
            Side::Tariff("t/2025.yaml".into())
        );
        assert_eq!(
            Side::parse("origin/main"),
            Side::Revision("origin/main".into())
        );
        assert_eq!(Side::parse("HEAD~1"), Side::Revision("HEAD~1".into()));
    }

    #[test]
    fn the_product_of_a_tariff_comes_from_its_folder() {
        let file = Path::new("content/products/cyber/tariffs/2025-04-01.yaml");
        assert_eq!(product_of_tariff(file), Some("cyber".to_string()));
        assert_eq!(product_of_tariff(Path::new("/tmp/new.yaml")), None);
        let fixture = Path::new("tests/fixtures/tariffs/new.yaml");
        assert_eq!(product_of_tariff(fixture), None);
    }
}
