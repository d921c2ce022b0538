//! `diff --visual`: both states of a project typeset, and every page that
//! differs drawn old and new side by side, with every region that differs
//! framed in red on both.

use super::manifest::project_fingerprint;
use super::{inputs_hash, prepare, typeset_all};
use crate::document::PreparedDocument;
use crate::error::Error;
use crate::render::{Project, RenderError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tiny_skia::{Color, Paint, PathBuilder, Pixmap, PixmapPaint, Rect, Stroke, Transform};

/// A page that changed: where to write it and the composed PNG.
pub struct ChangedPage {
    /// `<program>-<document>-p<N>.png`.
    pub file: PathBuf,
    /// Old left, new right, changed regions framed.
    pub png: Vec<u8>,
}

/// Typesets the documents whose inputs differ between the projects at
/// `base` and `head` and returns each changed page side by side.
pub fn changed_pages(base: &Path, head: &Path) -> Result<Vec<ChangedPage>, Error> {
    let old = ProjectState::read(base)?;
    let new = ProjectState::read(head)?;
    let changed: Vec<&String> = old
        .inputs
        .keys()
        .chain(new.inputs.keys())
        .filter(|name| old.inputs.get(*name) != new.inputs.get(*name))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let before = old.previews(&changed)?;
    let after = new.previews(&changed)?;
    let mut pages = Vec::new();
    for name in changed {
        let (before, after) = (before.get(name), after.get(name));
        let count = before.map_or(0, Vec::len).max(after.map_or(0, Vec::len));
        for page in 0..count {
            let old_page = before.and_then(|p| p.get(page)).map(Vec::as_slice);
            let new_page = after.and_then(|p| p.get(page)).map(Vec::as_slice);
            if let Some(png) = side_by_side(old_page, new_page)? {
                let file = format!("{}-p{}.png", name.replace('/', "-"), page + 1);
                pages.push(ChangedPage {
                    file: PathBuf::from(file),
                    png,
                });
            }
        }
    }
    Ok(pages)
}

/// One side of a visual diff: its prepared documents and the hash of each
/// one's inputs, by `program/document`.
struct ProjectState<'a> {
    root: &'a Path,
    documents: Vec<PreparedDocument>,
    inputs: BTreeMap<String, String>,
}

impl<'a> ProjectState<'a> {
    fn read(root: &'a Path) -> Result<Self, Error> {
        let catalog = crate::content::load(root)?;
        let programs: Vec<_> = catalog.programs.iter().collect();
        let documents = prepare(&catalog, &programs)?;
        let (fingerprint, _) = project_fingerprint(root, &Default::default())?;
        let inputs = documents
            .iter()
            .map(|d| Ok((name_of(d), inputs_hash(&fingerprint, d)?)))
            .collect::<Result<_, Error>>()?;
        Ok(ProjectState {
            root,
            documents,
            inputs,
        })
    }

    /// Page previews of the named documents this side has.
    fn previews(&self, names: &[&String]) -> Result<BTreeMap<String, Vec<Vec<u8>>>, Error> {
        let wanted: Vec<&PreparedDocument> = self
            .documents
            .iter()
            .filter(|d| names.contains(&&name_of(d)))
            .collect();
        if wanted.is_empty() {
            return Ok(BTreeMap::new());
        }
        let project = Project::open(self.root)?;
        let typeset = typeset_all(&project, &wanted, true, |_, _, _| {}).map_err(|failures| {
            Error::Typeset {
                total: wanted.len(),
                failures,
            }
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

/// Side of the square tiles pages are compared in, in pixels: small enough
/// to frame a changed figure closely, large enough to merge a line of text.
const TILE: u32 = 12;
/// Gap between the two pages.
const GAP: u32 = 24;
/// Space between a changed region and its frame, so the frame does not
/// cross the figures it points at.
const PADDING: f32 = 4.0;

/// The two pages side by side with changed regions framed, or `None` when
/// they are identical. Either page may be absent (a page added or removed).
pub fn side_by_side(
    old: Option<&[u8]>,
    new: Option<&[u8]>,
) -> Result<Option<Vec<u8>>, RenderError> {
    let decode = |png: Option<&[u8]>| {
        png.map(|bytes| Pixmap::decode_png(bytes).map_err(|e| RenderError::Preview(e.to_string())))
            .transpose()
    };
    let (old, new) = (decode(old)?, decode(new)?);
    let (old, new) = match (old, new) {
        (None, None) => return Ok(None),
        (Some(o), Some(n))
            if o.width() == n.width() && o.height() == n.height() && o.data() == n.data() =>
        {
            return Ok(None);
        }
        (o, n) => (o, n),
    };
    let blank = |like: &Pixmap| blank_page(like.width(), like.height());
    let old = match old {
        Some(p) => p,
        None => blank(new.as_ref().expect("one side is present"))?,
    };
    let new = match new {
        Some(p) => p,
        None => blank(&old)?,
    };
    let regions = changed_regions(&old, &new);
    compose(&old, &new, &regions)
        .encode_png()
        .map(Some)
        .map_err(|e| RenderError::Preview(e.to_string()))
}

fn blank_page(width: u32, height: u32) -> Result<Pixmap, RenderError> {
    let mut page = Pixmap::new(width, height)
        .ok_or_else(|| RenderError::Preview(format!("an empty {width}×{height} page")))?;
    page.fill(Color::from_rgba8(235, 235, 235, 255));
    Ok(page)
}

/// A rectangle in pixels: x, y, width, height.
type Region = (u32, u32, u32, u32);

/// Changed tiles merged into connected regions (8-neighbourhood), each
/// given by its bounding box.
fn changed_regions(old: &Pixmap, new: &Pixmap) -> Vec<Region> {
    let width = old.width().max(new.width());
    let height = old.height().max(new.height());
    let (cols, rows) = (width.div_ceil(TILE), height.div_ceil(TILE));
    let changed: Vec<bool> = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (c, r)))
        .map(|(c, r)| tile_differs(old, new, c * TILE, r * TILE))
        .collect();
    let mut seen = vec![false; changed.len()];
    let mut regions = Vec::new();
    for start in 0..changed.len() {
        if !changed[start] || seen[start] {
            continue;
        }
        let (mut min_c, mut min_r, mut max_c, mut max_r) = (u32::MAX, u32::MAX, 0, 0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            let (c, r) = (i as u32 % cols, i as u32 / cols);
            (min_c, min_r, max_c, max_r) = (min_c.min(c), min_r.min(r), max_c.max(c), max_r.max(r));
            for (dc, dr) in NEIGHBOURS {
                let (nc, nr) = (c as i64 + dc, r as i64 + dr);
                if nc < 0 || nr < 0 || nc >= cols as i64 || nr >= rows as i64 {
                    continue;
                }
                let j = (nr as u32 * cols + nc as u32) as usize;
                if changed[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let (x, y) = (min_c * TILE, min_r * TILE);
        let w = ((max_c + 1) * TILE).min(width) - x;
        let h = ((max_r + 1) * TILE).min(height) - y;
        regions.push((x, y, w, h));
    }
    regions
}

const NEIGHBOURS: [(i64, i64); 8] = [
    (-1, -1),
    (0, -1),
    (1, -1),
    (-1, 0),
    (1, 0),
    (-1, 1),
    (0, 1),
    (1, 1),
];

/// Whether any pixel of the tile at `(x, y)` differs; pixels outside one
/// page count as different.
fn tile_differs(old: &Pixmap, new: &Pixmap, x: u32, y: u32) -> bool {
    let pixel = |p: &Pixmap, px: u32, py: u32| {
        (px < p.width() && py < p.height()).then(|| {
            p.pixel(px, py)
                .map(|c| (c.red(), c.green(), c.blue(), c.alpha()))
        })
    };
    (y..y + TILE).any(|py| (x..x + TILE).any(|px| pixel(old, px, py) != pixel(new, px, py)))
}

/// Old left, new right, regions framed on both.
fn compose(old: &Pixmap, new: &Pixmap, regions: &[Region]) -> Pixmap {
    let width = old.width() + GAP + new.width();
    let height = old.height().max(new.height());
    let mut canvas = Pixmap::new(width, height).expect("pages have a size");
    canvas.fill(Color::from_rgba8(128, 128, 128, 255));
    let paint = PixmapPaint::default();
    canvas.draw_pixmap(0, 0, old.as_ref(), &paint, Transform::identity(), None);
    let offset = old.width() + GAP;
    canvas.draw_pixmap(
        offset as i32,
        0,
        new.as_ref(),
        &paint,
        Transform::identity(),
        None,
    );
    let mut red = Paint::default();
    red.set_color_rgba8(220, 30, 30, 255);
    let stroke = Stroke {
        width: 3.0,
        ..Stroke::default()
    };
    for &(x, y, w, h) in regions {
        for left in [0, offset] {
            let rect = Rect::from_xywh(
                (x + left) as f32 - PADDING,
                y as f32 - PADDING,
                w as f32 + 2.0 * PADDING,
                h as f32 + 2.0 * PADDING,
            );
            if let Some(path) = rect.map(PathBuilder::from_rect) {
                canvas.stroke_path(&path, &red, &stroke, Transform::identity(), None);
            }
        }
    }
    canvas
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(mark: Option<(u32, u32)>) -> Vec<u8> {
        let mut p = Pixmap::new(100, 60).unwrap();
        p.fill(Color::WHITE);
        if let Some((x, y)) = mark {
            let rect = Rect::from_xywh(x as f32, y as f32, 5.0, 5.0).unwrap();
            let mut black = Paint::default();
            black.set_color_rgba8(0, 0, 0, 255);
            p.fill_rect(rect, &black, Transform::identity(), None);
        }
        p.encode_png().unwrap()
    }

    #[test]
    fn identical_pages_give_nothing() {
        let a = page(Some((10, 10)));
        assert_eq!(side_by_side(Some(&a), Some(&a)).unwrap(), None);
    }

    #[test]
    fn a_changed_spot_is_framed_on_both_pages() {
        let old = Pixmap::decode_png(&page(Some((10, 10)))).unwrap();
        let new = Pixmap::decode_png(&page(Some((70, 40)))).unwrap();
        let regions = changed_regions(&old, &new);
        assert_eq!(regions, vec![(0, 0, 24, 24), (60, 36, 24, 12)]);
        let png = side_by_side(Some(&page(Some((10, 10)))), Some(&page(Some((70, 40)))))
            .unwrap()
            .expect("the pages differ");
        let composed = Pixmap::decode_png(&png).unwrap();
        assert_eq!((composed.width(), composed.height()), (100 + GAP + 100, 60));
    }

    #[test]
    fn an_added_page_is_compared_with_a_blank_one() {
        let new = page(None);
        assert!(side_by_side(None, Some(&new)).unwrap().is_some());
    }
}
