//! Where each printed premium sits on its page, so that a page image can
//! be made clickable (`serve` shows a premium's worksheet on click). Read
//! from the same laid-out document the PDF is exported from: the position
//! of each `<tp-premium>` record (which the templates' `premium-rows`
//! places right before the figures it lists), narrowed to the text run
//! that prints each figure.

use super::compile::{PrintedCell, premium_records};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// A printed premium's box on its page, in fractions of the page's width
/// and height (0 to 1, from the top left), so it scales with any image.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PremiumSpot {
    /// The cell's key (`program/class/category/size/plan/payment`).
    pub key: String,
    /// The yen printed.
    pub yen: i64,
    /// The page, from 1.
    pub page: usize,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A run of text on a page: its box in points and its text.
struct Run {
    text: String,
    origin: Point,
    width: Abs,
    size: Abs,
    /// Already located as some cell's figure.
    taken: bool,
}

/// Every premium the document printed, located on its page.
///
/// A record lists the cells a template printed together (one premium on a
/// member's sheet, every premium of a table) and sits right before them:
/// inline before the figure, or above the table. Its cells print in its
/// order, row by row and left to right, so each cell takes the first text
/// run in reading order, from the record's line on, that prints its figure
/// and that no earlier cell took: equal figures in one table each get
/// their own run.
pub(super) fn premium_spots(document: &PagedDocument) -> Vec<PremiumSpot> {
    let introspector = document.introspector();
    let mut pages: Vec<Vec<Run>> = document
        .pages()
        .iter()
        .map(|page| {
            let mut runs = Vec::new();
            collect_runs(&page.frame, Transform::identity(), &mut runs);
            runs.sort_by(|a, b| reading_order(a.origin, b.origin));
            runs
        })
        .collect();
    let mut spots = Vec::new();
    for (location, json) in premium_records(document) {
        let (Some(cells), Some(location)) = (PrintedCell::from_record(&json), location) else {
            continue;
        };
        let Some(position) = introspector.position(location) else {
            continue;
        };
        let number = position.page.get();
        let (Some(page), Some(runs)) =
            (document.pages().get(number - 1), pages.get_mut(number - 1))
        else {
            continue;
        };
        let size = page.frame.size();
        for cell in cells {
            let figure = format!("{}円", thousands(cell.yen));
            let run = runs.iter_mut().find(|r| {
                !r.taken && r.origin.y >= position.point.y - r.size && r.text.starts_with(&figure)
            });
            let (left, top, width, height) = match run {
                Some(r) => {
                    r.taken = true;
                    (r.origin.x, r.origin.y - r.size * 0.9, r.width, r.size * 1.2)
                }
                // No run found (a template drew the figure otherwise): a box
                // where the record sits.
                None => (
                    position.point.x,
                    position.point.y - Abs::pt(8.0),
                    Abs::pt(48.0),
                    Abs::pt(10.0),
                ),
            };
            spots.push(PremiumSpot {
                key: cell.key,
                yen: cell.yen,
                page: number,
                x: left / size.x,
                y: top / size.y,
                w: width / size.x,
                h: height / size.y,
            });
        }
    }
    spots
}

/// Every text run of `frame` with its origin on the page.
fn collect_runs(frame: &Frame, ts: Transform, runs: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                collect_runs(&group.frame, inner, runs);
            }
            FrameItem::Text(text) => runs.push(Run {
                text: text.text.to_string(),
                origin: pos.transform(ts),
                width: text.width(),
                size: text.size,
                taken: false,
            }),
            _ => {}
        }
    }
}

/// Top to bottom, then left to right, by the runs' baselines.
fn reading_order(a: Point, b: Point) -> std::cmp::Ordering {
    a.y.cmp(&b.y).then(a.x.cmp(&b.x))
}

/// Yen with thousands separators, as `thousands` in `templates/style.typ`
/// prints them.
fn thousands(yen: i64) -> String {
    let digits = yen.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if yen < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_as_the_template_prints_them() {
        assert_eq!(thousands(78410), "78,410");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
