//! Fonts come from the project's `fonts/` folder only, never from the
//! system, so that a build on any machine typesets with the same glyphs.
//! Each font file is scanned once for its metadata and loaded lazily on
//! first use; the store is shared by every document of a build.

use super::RenderError;
use std::path::Path;
use typst_kit::fonts::{FontPath, FontStore, scan};

/// Scans `dir` for fonts, in a stable order (by path, then face index) so
/// that font indices, and thus the output, do not depend on the order in
/// which the file system lists the folder.
pub fn project_fonts(dir: &Path) -> Result<FontStore, RenderError> {
    if !dir.is_dir() {
        return Err(RenderError::NoFontFolder(dir.to_path_buf()));
    }
    let mut found: Vec<_> = scan(dir).collect();
    found.sort_by(|(a, _), (b, _): &(FontPath, _)| (&a.path, a.index).cmp(&(&b.path, b.index)));
    if found.is_empty() {
        return Err(RenderError::NoFonts(dir.to_path_buf()));
    }
    let mut store = FontStore::new();
    store.extend(found);
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_fonts_are_found_in_order() {
        let store =
            project_fonts(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"))).unwrap();
        let families: Vec<_> = store
            .book()
            .families()
            .map(|(name, _)| name.to_string())
            .collect();
        assert!(families.iter().any(|f| f == "Noto Sans JP"), "{families:?}");
    }

    #[test]
    fn an_empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = project_fonts(dir.path()).err().unwrap().to_string();
        assert!(err.contains("no fonts found"), "{err}");
    }
}
