//! Fonts come from the project's `fonts/` folder only, never from the
//! system, so that a build on any machine typesets with the same glyphs.
//! Each font file is scanned once for its metadata and loaded lazily on
//! first use; the store is shared by every document of a build.

use super::RenderError;
use std::path::Path;
use typst::text::Coverage;
use typst_kit::fonts::{FontPath, FontStore, scan};

/// The characters the project's fonts cover together: Typst falls back
/// from font to font, so a character prints if any font has it. Read from
/// each font's character map when the folder is scanned, without loading
/// the fonts, so `check` can find a missing glyph without typesetting.
pub struct FontCoverage {
    fonts: Vec<Coverage>,
}

impl FontCoverage {
    /// Scans `dir` (the project's `fonts/`).
    pub fn scan(dir: &Path) -> Result<Self, RenderError> {
        let store = project_fonts(dir)?;
        let book = store.book();
        let fonts = (0..)
            .map_while(|i| book.info(i))
            .map(|info| info.coverage.clone())
            .collect();
        Ok(Self { fonts })
    }

    /// Whether some font has a glyph for `c`. White space and control
    /// characters are laid out, never drawn, so they always pass.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() || c.is_control() || self.fonts.iter().any(|f| f.contains(c as u32))
    }
}

/// Scans `dir` for fonts, in a stable order (by path, then face index) so
/// that font indices, and thus the output, do not depend on the order in
/// which the file system lists the folder.
pub(crate) fn project_fonts(dir: &Path) -> Result<FontStore, RenderError> {
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
    fn the_shipped_fonts_cover_japanese_but_not_a_crab() {
        let fonts =
            FontCoverage::scan(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"))).unwrap();
        assert!(
            "保険料 ABC 123,000円（税込）"
                .chars()
                .all(|c| fonts.covers(c))
        );
        assert!(!fonts.covers('🦀'));
    }

    #[test]
    fn an_empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = project_fonts(dir.path()).err().unwrap().to_string();
        assert!(err.contains("no fonts found"), "{err}");
    }
}
