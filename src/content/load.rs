//! Reading `content/`: the only place content I/O happens.
//!
//! Layout: `content/products/<product>/product.yaml`,
//! `content/products/<product>/tariffs/*.yaml` and `content/programs/*.yaml`.

use super::diagnostic::{Diagnostic, FileReport};
use super::locate::Locations;
use super::model::{Catalog, Product, Tariff};
use super::parse::{Parsed, parse, whole_file};
use super::problem::Problem;
use super::validate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Loads and validates all content under `root/content`, or returns every
/// problem found.
pub fn load(root: &Path) -> Result<Catalog, Vec<Diagnostic>> {
    let content = root.join("content");
    let mut diags = Vec::new();
    let mut catalog = Catalog {
        products: Vec::new(),
        programs: Vec::new(),
    };
    let product_dirs = sorted_entries(&content.join("products"), &mut diags, |p| p.is_dir());
    let program_files = sorted_entries(&content.join("programs"), &mut diags, is_yaml);
    let mut failed = Vec::new();
    // Programs are validated against the products, but can be parsed while
    // the products load: parsing is most of the time a rebuild spends here.
    let (_, parsed_programs) = rayon::join(
        || {
            for dir in &product_dirs {
                if let Err(failure) = load_product(dir, &mut catalog, &mut diags) {
                    failed.push(failure);
                }
            }
        },
        || {
            program_files
                .par_iter()
                .map(|file| parse::<super::raw::Program>(file))
                .collect::<Vec<_>>()
        },
    );
    // Every id a `previous:` may name, whether or not its program loads.
    let program_ids: Vec<String> = parsed_programs
        .iter()
        .filter_map(|parsed| Some(parsed.as_ref().ok()?.value.id.clone()))
        .collect();
    for (file, parsed) in program_files.iter().zip(parsed_programs) {
        if let Ok(parsed) = &parsed {
            check_previous(file, parsed, &program_ids, &mut diags);
        }
        match parsed {
            Ok(parsed) => match failed.iter_mut().find(|f| f.id == parsed.value.product) {
                // Every reference to a product that did not load would be an
                // error of its own; its own errors already say what is wrong.
                Some(failure) => failure.programs.push(parsed.value.id),
                None => load_program(file, parsed, &mut catalog, &mut diags),
            },
            Err(problem) => diags.push(problem),
        }
    }
    for failure in failed.into_iter().filter(|f| !f.programs.is_empty()) {
        diags.push(whole_file(
            &failure.file,
            Problem::ProductDidNotLoad {
                product: failure.id,
                programs: failure.programs,
            },
        ));
    }
    if diags.is_empty() {
        Ok(catalog)
    } else {
        Err(diags)
    }
}

/// Loads and validates one tariff file of `product`, wherever it lies (the
/// tariff comparison of `diff` reads files outside `content/`).
pub fn tariff_file(file: &Path, product: &Product) -> Result<Tariff, Vec<Diagnostic>> {
    let parsed = parse::<super::raw::Tariff>(file).map_err(|problem| vec![problem])?;
    let mut diags = Vec::new();
    let mut report = FileReport::new(file, &parsed.locations, &mut diags);
    let tariff = validate::tariff(parsed.value, file.to_path_buf(), product, &mut report);
    if diags.is_empty() {
        Ok(tariff)
    } else {
        Err(diags)
    }
}

fn is_yaml(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
}

/// Entries of `dir` that pass `keep`, in name order so output is stable.
pub(super) fn sorted_entries(
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
    keep: fn(&Path) -> bool,
) -> Vec<PathBuf> {
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    let mut out = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if keep(e.path()) => out.push(e.into_path()),
            Ok(_) => {}
            Err(e) => diags.push(whole_file(
                dir,
                Problem::CannotReadFolder {
                    error: e.to_string(),
                },
            )),
        }
    }
    out
}

/// A product whose file or tariffs could not be read, and the programs
/// that use it (checked only once it loads).
struct FailedProduct {
    id: String,
    file: PathBuf,
    programs: Vec<String>,
}

/// Loads one product and its tariffs into `catalog`; a product whose
/// file does not parse, or that has no tariff that parses, is a failure
/// (its problems are in `diags`).
fn load_product(
    dir: &Path,
    catalog: &mut Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), FailedProduct> {
    let file = dir.join("product.yaml");
    let dir_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let parsed = match parse::<super::raw::Product>(&file) {
        Ok(parsed) => parsed,
        Err(problem) => {
            diags.push(problem);
            return Err(FailedProduct {
                id: dir_name.to_string(),
                file,
                programs: Vec::new(),
            });
        }
    };
    let assets = super::asset::folder(dir.parent().and_then(Path::parent).unwrap_or(dir));
    let mut report = FileReport::new(&file, &parsed.locations, diags).with_assets(&assets);
    if parsed.value.id != dir_name {
        report.error(
            "id",
            Problem::ProductIdNotFolder {
                id: parsed.value.id.clone(),
                folder: dir_name.to_string(),
            },
        );
    }
    if catalog.products.iter().any(|p| p.id == parsed.value.id) {
        report.error(
            "id",
            Problem::DuplicateProductId {
                id: parsed.value.id.clone(),
            },
        );
    }
    let mut product = validate::product(parsed.value, file.clone(), &mut report);
    let mut located = Vec::new();
    let mut unreadable = false;
    // A product without a `tariffs/` folder has no tariff: the insurer
    // quotes each member, and its programs print no premium table.
    let tariff_dir = dir.join("tariffs");
    let tariff_files = if tariff_dir.exists() {
        sorted_entries(&tariff_dir, diags, is_yaml)
    } else {
        Vec::new()
    };
    for tariff_file in tariff_files {
        let parsed = match parse::<super::raw::Tariff>(&tariff_file) {
            Ok(parsed) => parsed,
            Err(problem) => {
                diags.push(problem);
                unreadable = true;
                continue;
            }
        };
        let mut report = FileReport::new(&tariff_file, &parsed.locations, diags);
        let tariff = validate::tariff(parsed.value, tariff_file.clone(), &product, &mut report);
        located.push((tariff, parsed.locations));
    }
    if located.is_empty() && !unreadable && tariff_dir.exists() {
        diags.push(whole_file(
            &tariff_dir,
            Problem::NoTariff {
                product: product.id.clone(),
            },
        ));
    }
    located.sort_by_key(|(t, _)| t.effective);
    check_tariff_coverage(&located, diags);
    if located.is_empty() && (unreadable || tariff_dir.exists()) {
        // Programs would each say no tariff is in force; one line says why.
        return Err(FailedProduct {
            id: product.id,
            file,
            programs: Vec::new(),
        });
    }
    product.tariffs = located.into_iter().map(|(t, _)| t).collect();
    catalog.products.push(product);
    Ok(())
}

/// Reports tariffs of one product (sorted by effective date) whose dates
/// overlap, or that leave days between them in force under no tariff.
fn check_tariff_coverage(tariffs: &[(Tariff, Arc<Locations>)], diags: &mut Vec<Diagnostic>) {
    for pair in tariffs.windows(2) {
        let ((earlier, _), (later, at)) = (&pair[0], &pair[1]);
        let mut report = FileReport::new(&later.file, at, diags);
        let other = earlier.file.clone();
        if later.effective == earlier.effective {
            report.error("effective", Problem::SameEffectiveDate { other });
            continue;
        }
        let Some(expires) = earlier.expires else {
            continue;
        };
        if expires >= later.effective {
            report.error(
                "effective",
                Problem::TariffsOverlap {
                    other,
                    expires,
                    earliest: expires + chrono::Days::new(1),
                },
            );
        } else if expires + chrono::Days::new(1) < later.effective {
            report.error(
                "effective",
                Problem::TariffGap {
                    other,
                    expires,
                    from: expires + chrono::Days::new(1),
                    to: later.effective - chrono::Days::new(1),
                },
            );
        }
    }
}

/// Reports a `previous:` that names no program of the content.
fn check_previous(
    file: &Path,
    parsed: &Parsed<super::raw::Program>,
    program_ids: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    let Some(previous) = &parsed.value.previous else {
        return;
    };
    if !program_ids.contains(previous) {
        let mut report = FileReport::new(file, &parsed.locations, diags);
        let problem = validate::unknown(super::problem::IdKind::Program, previous, program_ids);
        report.error("previous", problem);
    }
}

fn load_program(
    file: &Path,
    parsed: Parsed<super::raw::Program>,
    catalog: &mut Catalog,
    diags: &mut Vec<Diagnostic>,
) {
    let content = file.parent().and_then(Path::parent).unwrap_or(file);
    let assets = super::asset::folder(content);
    let mut report = FileReport::new(file, &parsed.locations, diags).with_assets(&assets);
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if parsed.value.id != stem {
        report.error(
            "id",
            Problem::ProgramIdNotFileName {
                id: parsed.value.id.clone(),
                stem: stem.to_string(),
            },
        );
    }
    if catalog.programs.iter().any(|p| p.id == parsed.value.id) {
        report.error(
            "id",
            Problem::DuplicateProgramId {
                id: parsed.value.id.clone(),
            },
        );
    }
    if let Some(program) = validate::program(parsed.value, file.to_path_buf(), catalog, &mut report)
    {
        catalog.programs.push(program);
    }
}
