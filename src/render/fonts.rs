//! Fonts come from the project's `fonts/` folder only, never from the
//! system, so that a build on any machine typesets with the same glyphs.
//! Each font file is read once, when the project opens (beside the content
//! loading); the store is shared by every document of a build.

use super::RenderError;
use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::text::{Coverage, Font};
use typst_kit::fonts::FontStore;

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

/// The coverage of a fonts folder, scanned again only when a file in it
/// changed (by name, size or modification time). `serve` runs `check`
/// after every save, and scanning reads and parses all 11 MB of fonts,
/// which competed with the next rebuild for the cores.
#[derive(Default)]
pub struct CoverageCache {
    scanned: Option<(Vec<FileStamp>, FontCoverage)>,
}

/// A font file as the folder listing shows it.
type FileStamp = (std::ffi::OsString, u64, Option<std::time::SystemTime>);

impl CoverageCache {
    /// The coverage of `dir` now.
    pub fn coverage(&mut self, dir: &Path) -> Result<&FontCoverage, RenderError> {
        let now = listing(dir);
        let fresh = matches!((&now, &self.scanned), (Some(now), Some((then, _))) if now == then);
        let (_, coverage) = match self.scanned.take() {
            Some(scanned) if fresh => self.scanned.insert(scanned),
            _ => self
                .scanned
                .insert((now.unwrap_or_default(), FontCoverage::scan(dir)?)),
        };
        Ok(coverage)
    }
}

/// Every file in `dir` with its size and modification time, sorted; `None`
/// when the folder cannot be listed.
fn listing(dir: &Path) -> Option<Vec<FileStamp>> {
    let mut files: Vec<FileStamp> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            Some((entry.file_name(), meta.len(), meta.modified().ok()))
        })
        .collect();
    files.sort();
    Some(files)
}

/// Reads the fonts in `dir`, in a stable order (by path, then face index)
/// so that font indices, and thus the output, do not depend on the order in
/// which the file system lists the folder.
///
/// Each file is read once and kept. Scanning with `typst_kit::fonts::scan`
/// (fontdb) mapped every file twice for its metadata, and the first
/// document then read it a third time to typeset: 33 MB for 11 MB of fonts
/// on every build, the last read on the way of the first two documents.
/// Symbolic links are not followed: nothing is read outside the project.
pub(crate) fn project_fonts(dir: &Path) -> Result<FontStore, RenderError> {
    if !dir.is_dir() {
        return Err(RenderError::NoFontFolder(dir.to_path_buf()));
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() && is_font_file(entry.path()))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    let mut store = FontStore::new();
    for file in files {
        // A file that cannot be read or parsed is no font, as when scanning.
        let Ok(data) = std::fs::read(&file) else {
            continue;
        };
        for font in Font::iter(Bytes::new(data)) {
            let info = font.info().clone();
            store.push((font, info));
        }
    }
    if store.book().families().next().is_none() {
        return Err(RenderError::NoFonts(dir.to_path_buf()));
    }
    Ok(store)
}

/// Whether `path` names a font file by its extension (the kinds Typst reads:
/// TrueType and OpenType fonts and collections).
fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["ttf", "otf", "ttc", "otc"]
            .iter()
            .any(|k| e.eq_ignore_ascii_case(k))
    })
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

    /// A copy of the shipped regular font in `dir`; returns its path.
    fn copy_shipped_font(dir: &Path) -> PathBuf {
        let font = dir.join("NotoSansJP-Regular.ttf");
        let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSansJP-Regular.ttf");
        std::fs::copy(shipped, &font).unwrap();
        font
    }

    #[test]
    fn the_coverage_is_scanned_again_only_when_a_font_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let font = copy_shipped_font(dir.path());
        let mut cache = CoverageCache::default();
        assert!(cache.coverage(dir.path()).unwrap().covers('保'));
        // Not a font any more, but with the same name, size and time: the
        // listing is the same, so the last scan stands.
        let modified = std::fs::metadata(&font).unwrap().modified().unwrap();
        let len = std::fs::metadata(&font).unwrap().len() as usize;
        std::fs::write(&font, vec![0u8; len]).unwrap();
        let file = std::fs::File::options().write(true).open(&font).unwrap();
        file.set_modified(modified).unwrap();
        assert!(cache.coverage(dir.path()).unwrap().covers('保'));
        // A file added: scanned again, and the folder now has no font.
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let err = cache.coverage(dir.path()).err().unwrap().to_string();
        assert!(err.contains("no fonts found"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_font_outside_the_folder_is_not_read() {
        let outside = tempfile::tempdir().unwrap();
        let font = copy_shipped_font(outside.path());
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&font, dir.path().join("linked.ttf")).unwrap();
        let err = project_fonts(dir.path()).err().unwrap().to_string();
        assert!(err.contains("no fonts found"), "{err}");
        // The same file, copied in: read.
        std::fs::copy(&font, dir.path().join("copied.TTF")).unwrap();
        assert_eq!(
            project_fonts(dir.path()).unwrap().book().families().count(),
            1
        );
    }

    #[test]
    fn an_empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = project_fonts(dir.path()).err().unwrap().to_string();
        assert!(err.contains("no fonts found"), "{err}");
    }
}
