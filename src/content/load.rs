//! Reading `content/`: the only place content I/O happens.
//!
//! Layout: `content/products/<product>/product.yaml`,
//! `content/products/<product>/tariffs/*.yaml` and `content/programs/*.yaml`.

use super::diagnostic::{Diagnostic, FileReport};
use super::locate::Locations;
use super::model::{Catalog, Product, Tariff};
use super::validate;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The largest content file accepted; real ones are a few kilobytes.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Loads and validates all content under `root/content`, or returns every
/// problem found.
pub fn load(root: &Path) -> Result<Catalog, Vec<Diagnostic>> {
    let content = root.join("content");
    let mut diags = Vec::new();
    let mut catalog = Catalog {
        products: Vec::new(),
        programs: Vec::new(),
    };
    for dir in sorted_entries(&content.join("products"), &mut diags, |p| p.is_dir()) {
        load_product(&dir, &mut catalog, &mut diags);
    }
    for file in sorted_entries(&content.join("programs"), &mut diags, is_yaml) {
        load_program(&file, &mut catalog, &mut diags);
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
    let mut diags = Vec::new();
    let tariff = parse::<super::raw::Tariff>(file, &mut diags).map(|parsed| {
        let mut report = FileReport::new(file, &parsed.locations, &mut diags);
        validate::tariff(parsed.value, file.to_path_buf(), product, &mut report)
    });
    match tariff {
        Some(tariff) if diags.is_empty() => Ok(tariff),
        _ => Err(diags),
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
fn sorted_entries(
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
            Err(e) => diags.push(whole_file(dir, format!("cannot read the folder: {e}"))),
        }
    }
    out
}

fn whole_file(file: &Path, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_path_buf(),
        line: 0,
        column: 0,
        path: String::new(),
        message,
    }
}

/// A parsed file with its location index.
struct Parsed<T> {
    value: T,
    locations: Locations,
}

/// Reads and deserializes one YAML file, reporting I/O, encoding and
/// syntax problems with their position.
fn parse<T: DeserializeOwned>(file: &Path, diags: &mut Vec<Diagnostic>) -> Option<Parsed<T>> {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            diags.push(whole_file(file, message));
            return None;
        }
    };
    match serde_saphyr::from_str::<T>(&text) {
        Ok(value) => Some(Parsed {
            value,
            locations: Locations::index(&text),
        }),
        Err(e) => {
            diags.push(yaml_error(file, &e));
            None
        }
    }
}

fn read_text(file: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes; content files may be at most {MAX_FILE_BYTES} bytes",
            meta.len()
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read the file: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn yaml_error(file: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let message = e.without_snippet().to_string();
    let message = message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    Diagnostic {
        file: file.to_path_buf(),
        line,
        column,
        path: String::new(),
        message,
    }
}

fn load_product(dir: &Path, catalog: &mut Catalog, diags: &mut Vec<Diagnostic>) {
    let file = dir.join("product.yaml");
    let Some(parsed) = parse::<super::raw::Product>(&file, diags) else {
        return;
    };
    let mut report = FileReport::new(&file, &parsed.locations, diags);
    let dir_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if parsed.value.id != dir_name {
        report.error(
            "id",
            format!(
                "the product id `{}` must match its folder name `{dir_name}`",
                parsed.value.id
            ),
        );
    }
    if catalog.products.iter().any(|p| p.id == parsed.value.id) {
        report.error("id", format!("duplicate product id `{}`", parsed.value.id));
    }
    let mut product = validate::product(parsed.value, file.clone(), &mut report);
    let mut located = Vec::new();
    for tariff_file in sorted_entries(&dir.join("tariffs"), diags, is_yaml) {
        let Some(parsed) = parse::<super::raw::Tariff>(&tariff_file, diags) else {
            continue;
        };
        let mut report = FileReport::new(&tariff_file, &parsed.locations, diags);
        let tariff = validate::tariff(parsed.value, tariff_file.clone(), &product, &mut report);
        located.push((tariff, parsed.locations));
    }
    if located.is_empty() {
        diags.push(whole_file(
            &dir.join("tariffs"),
            format!(
                "product `{}` has no tariff: add one under this folder",
                product.id
            ),
        ));
    }
    located.sort_by_key(|(t, _)| t.effective);
    check_tariff_coverage(&located, diags);
    product.tariffs = located.into_iter().map(|(t, _)| t).collect();
    catalog.products.push(product);
}

/// Reports tariffs of one product (sorted by effective date) whose dates
/// overlap, or that leave days between them in force under no tariff.
fn check_tariff_coverage(tariffs: &[(Tariff, Locations)], diags: &mut Vec<Diagnostic>) {
    for pair in tariffs.windows(2) {
        let ((earlier, _), (later, at)) = (&pair[0], &pair[1]);
        let mut report = FileReport::new(&later.file, at, diags);
        let earlier_name = earlier.file.display();
        if later.effective == earlier.effective {
            report.error(
                "effective",
                format!("another tariff, {earlier_name}, takes effect on the same date"),
            );
            continue;
        }
        let Some(expires) = earlier.expires else {
            continue;
        };
        if expires >= later.effective {
            report.error(
                "effective",
                format!(
                    "the dates overlap: {earlier_name} is in force until {expires}, \
                     so this tariff may take effect on {} at the earliest",
                    expires + chrono::Days::new(1)
                ),
            );
        } else if expires + chrono::Days::new(1) < later.effective {
            report.error(
                "effective",
                format!(
                    "no tariff is in force from {} to {}: {earlier_name} expires on \
                     {expires}; move this tariff's `effective` to the day after",
                    expires + chrono::Days::new(1),
                    later.effective - chrono::Days::new(1)
                ),
            );
        }
    }
}

fn load_program(file: &Path, catalog: &mut Catalog, diags: &mut Vec<Diagnostic>) {
    let Some(parsed) = parse::<super::raw::Program>(file, diags) else {
        return;
    };
    let mut report = FileReport::new(file, &parsed.locations, diags);
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if parsed.value.id != stem {
        report.error(
            "id",
            format!(
                "the program id `{}` must match its file name `{stem}.yaml`",
                parsed.value.id
            ),
        );
    }
    if catalog.programs.iter().any(|p| p.id == parsed.value.id) {
        report.error("id", format!("duplicate program id `{}`", parsed.value.id));
    }
    if let Some(program) = validate::program(parsed.value, file.to_path_buf(), catalog, &mut report)
    {
        catalog.programs.push(program);
    }
}
