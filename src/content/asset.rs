//! Pictures the content prints (`image` blocks, a theme's logo), read from
//! `content/assets/` and checked the way templates are sandboxed: a path
//! that leaves the folder, lexically or through a symlink, is refused, and
//! an SVG may not refer to anything outside itself (a URL, a file), since
//! a brochure must print the same wherever it is built and never fetch.
//!
//! PNG and JPEG are decoded with Typst's own decoders and an SVG is parsed
//! by Typst's SVG reader, so `check` accepts exactly what the build can
//! print. The bytes travel with the model and are served to Typst from
//! memory (`/assets/<file>`), so they also count in a document's inputs
//! hash: editing a picture rebuilds the documents that print it.

use super::problem::AssetIssue;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

/// The largest asset read: a brochure picture is far smaller, and the
/// pamphlet must stay under 1 MB.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// A picture read from `content/assets/` and checked.
#[derive(Clone, Debug)]
pub struct Asset {
    /// The file relative to `content/assets/`, with `/` separators.
    pub file: String,
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
}

impl Asset {
    /// Where templates find the asset: `/assets/<file>`, served from memory.
    pub fn virtual_path(&self) -> String {
        format!("/assets/{}", self.file)
    }

    /// A stand-in for an asset that failed its check (the content then
    /// does not load, so it is never printed).
    pub(super) fn failed(file: &str) -> Self {
        Self {
            file: file.to_string(),
            bytes: Arc::from(Vec::new()),
        }
    }
}

/// Reads and checks `file` (as written in the content) under `assets`
/// (the project's `content/assets/`).
pub(super) fn load(assets: &Path, file: &str) -> Result<Asset, AssetIssue> {
    let relative = Path::new(file);
    let lexical_ok = !file.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !lexical_ok {
        return Err(AssetIssue::Outside);
    }
    let Ok(root) = assets.canonicalize() else {
        return Err(AssetIssue::Missing);
    };
    let real = match root.join(relative).canonicalize() {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AssetIssue::Missing),
        Err(e) => {
            return Err(AssetIssue::Undecodable {
                error: e.to_string(),
            });
        }
    };
    if !real.starts_with(&root) {
        return Err(AssetIssue::Outside);
    }
    let meta = std::fs::metadata(&real).map_err(|e| AssetIssue::Undecodable {
        error: e.to_string(),
    })?;
    if !meta.is_file() {
        return Err(AssetIssue::NotAFile);
    }
    if meta.len() > MAX_BYTES {
        return Err(AssetIssue::Undecodable {
            error: format!(
                "{} bytes, more than the {MAX_BYTES} an asset may have",
                meta.len()
            ),
        });
    }
    let bytes = std::fs::read(&real).map_err(|e| AssetIssue::Undecodable {
        error: e.to_string(),
    })?;
    check_picture(&bytes, &real)?;
    Ok(Asset {
        file: normalized(relative),
        bytes: Arc::from(bytes),
    })
}

/// The relative path with `/` separators and without `.` components, so
/// `./logo.svg` and `logo.svg` name one file.
fn normalized(relative: &Path) -> String {
    relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Checks that `bytes` are a PNG, JPEG or self-contained SVG that decodes.
fn check_picture(bytes: &[u8], path: &Path) -> Result<(), AssetIssue> {
    let undecodable = |error: String| AssetIssue::Undecodable { error };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        RasterImage::plain(Bytes::new(bytes.to_vec()), ExchangeFormat::Png)
            .map_err(|e| undecodable(e.to_string()))?;
        return Ok(());
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        RasterImage::plain(Bytes::new(bytes.to_vec()), ExchangeFormat::Jpg)
            .map_err(|e| undecodable(e.to_string()))?;
        return Ok(());
    }
    let svg_named = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if !svg_named {
        return Err(AssetIssue::UnknownFormat);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| undecodable(e.to_string()))?;
    if let Some(href) = external_reference(text).map_err(undecodable)? {
        return Err(AssetIssue::ExternalReference { href });
    }
    SvgImage::new(Bytes::new(bytes.to_vec())).map_err(|e| undecodable(format!("{e:?}")))?;
    Ok(())
}

/// The first reference of an SVG to anything outside itself: an `href`
/// (any namespace, so `xlink:href` too) that is neither a fragment (`#id`)
/// nor inline data (`data:`), or a CSS `url(…)`/`@import` that is not a
/// fragment. `Err` when the text is not XML.
fn external_reference(text: &str) -> Result<Option<String>, String> {
    // roxmltree expands internal entities and never fetches external
    // ones, so a DTD cannot hide a reference from the scan below.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    for node in doc.descendants() {
        for attr in node.attributes() {
            let value = attr.value().trim();
            if attr.name() == "href" && !is_internal(value) {
                return Ok(Some(value.to_string()));
            }
            if let Some(found) = css_reference(value) {
                return Ok(Some(found));
            }
        }
        if node.is_text()
            && let Some(found) = node.text().and_then(css_reference)
        {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

fn is_internal(reference: &str) -> bool {
    reference.starts_with('#')
        || reference
            .get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:"))
}

/// A CSS `url(…)` that is not internal, or any `@import`.
fn css_reference(css: &str) -> Option<String> {
    if css.contains("@import") {
        return Some("@import".to_string());
    }
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        let after = &rest[at + 4..];
        let end = after.find(')').unwrap_or(after.len());
        let target = after[..end].trim().trim_matches(['"', '\'']).trim();
        if !is_internal(target) {
            return Some(target.to_string());
        }
        rest = &after[end..];
    }
    None
}

/// `content/assets/` of the project whose `content/` folder is `content`.
pub(super) fn folder(content: &Path) -> PathBuf {
    content.join("assets")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#123456"/></svg>"##;

    fn assets() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/assets/sub")).unwrap();
        std::fs::write(dir.path().join("content/assets/sub/ok.svg"), SVG).unwrap();
        std::fs::write(dir.path().join("content/secret.svg"), SVG).unwrap();
        dir
    }

    #[test]
    fn reads_a_self_contained_svg() {
        let dir = assets();
        let asset = load(&dir.path().join("content/assets"), "./sub/ok.svg").unwrap();
        assert_eq!(asset.file, "sub/ok.svg");
        assert_eq!(asset.virtual_path(), "/assets/sub/ok.svg");
        assert_eq!(&*asset.bytes, SVG.as_bytes());
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = assets();
        let root = dir.path().join("content/assets");
        for file in ["../secret.svg", "/etc/passwd", "sub/../../secret.svg", ""] {
            assert_eq!(
                load(&root, file).unwrap_err(),
                AssetIssue::Outside,
                "{file}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlink_that_leaves_the_folder() {
        let dir = assets();
        let root = dir.path().join("content/assets");
        std::os::unix::fs::symlink(dir.path().join("content/secret.svg"), root.join("link.svg"))
            .unwrap();
        assert_eq!(load(&root, "link.svg").unwrap_err(), AssetIssue::Outside);
    }

    #[test]
    fn names_missing_unknown_and_broken_files() {
        let dir = assets();
        let root = dir.path().join("content/assets");
        std::fs::write(root.join("notes.txt"), "hello").unwrap();
        std::fs::write(root.join("broken.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
        assert_eq!(load(&root, "gone.png").unwrap_err(), AssetIssue::Missing);
        assert_eq!(load(&root, "sub").unwrap_err(), AssetIssue::NotAFile);
        assert_eq!(
            load(&root, "notes.txt").unwrap_err(),
            AssetIssue::UnknownFormat
        );
        assert!(matches!(
            load(&root, "broken.png").unwrap_err(),
            AssetIssue::Undecodable { .. }
        ));
    }

    #[test]
    fn refuses_svg_references_outside_the_file() {
        for (svg, href) in [
            (
                r#"<image href="https://example.com/a.png"/>"#,
                "https://example.com/a.png",
            ),
            (
                r#"<image xlink:href="file:///etc/passwd"/>"#,
                "file:///etc/passwd",
            ),
            (r#"<image href="/abs/a.png"/>"#, "/abs/a.png"),
            (r#"<rect style="fill: url(http://x/y)"/>"#, "http://x/y"),
            (r#"<style>@import "http://x/y.css";</style>"#, "@import"),
        ] {
            let text = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{svg}</svg>"#
            );
            assert_eq!(
                external_reference(&text).unwrap().as_deref(),
                Some(href),
                "{svg}"
            );
        }
        let internal = r##"<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><rect style="fill: url(#g)"/><image href="data:image/png;base64,AA"/></svg>"##;
        assert_eq!(external_reference(internal).unwrap(), None);
    }
}
