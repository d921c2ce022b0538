//! Fuzzes the content loader and document preparation: arbitrary bytes in
//! place of a program, tariff or product file of the shipped content must
//! give `Ok` or located diagnostics, never a panic.
//!
//! The first byte picks the file to replace; the rest is its text. Seeds in
//! `corpus/content_loader/` are the shipped files with their selector byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The files an input may replace, relative to the project.
const TARGETS: [&str; 4] = [
    "content/programs/miyazaki-2025.yaml",
    "content/programs/kagoshima-2025.yaml",
    "content/products/cyber/tariffs/2024-04-01.yaml",
    "content/products/cyber/product.yaml",
];

/// A private copy of the shipped content, made once per fuzzing process.
fn project() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::temp_dir().join(format!("tariffpress-fuzz-{}", std::process::id()));
        for entry in walkdir::WalkDir::new(repo.join("content")) {
            let entry = entry.expect("walk");
            let target = dir.join(entry.path().strip_prefix(&repo).expect("prefix"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let root = project();
    let file = root.join(TARGETS[usize::from(selector) % TARGETS.len()]);
    let original = std::fs::read(&file).expect("shipped file");
    std::fs::write(&file, text).expect("write");
    if let Ok(catalog) = tariffpress::content::load(root) {
        let programs: Vec<_> = catalog.programs.iter().collect();
        let _ = tariffpress::build::prepare(&catalog, &programs);
        for program in &catalog.programs {
            let _ = tariffpress::rates::program_cells(&catalog, program);
        }
    }
    std::fs::write(&file, original).expect("restore");
});
