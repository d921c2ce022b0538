//! Typst draws a character that no font covers as an empty box (glyph 0,
//! `.notdef`) and says nothing. A brochure with a missing character is a
//! wrong brochure, so the build looks for such glyphs and fails.

use std::collections::BTreeSet;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// The characters drawn with `.notdef`, each with its page, e.g. `'𠮷' (U+20BB7) on page 2`.
pub fn missing_glyphs(document: &PagedDocument) -> Vec<String> {
    let mut found = BTreeSet::new();
    for (index, page) in document.pages().iter().enumerate() {
        collect(&page.frame, index + 1, &mut found);
    }
    found
        .into_iter()
        .map(|(page, c)| format!("'{c}' (U+{:04X}) on page {page}", c as u32))
        .collect()
}

fn collect(frame: &Frame, page: usize, found: &mut BTreeSet<(usize, char)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect(&group.frame, page, found),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let chars = text.text[glyph.range()].chars();
                    found.extend(chars.filter(|c| !c.is_whitespace()).map(|c| (page, c)));
                }
            }
            _ => {}
        }
    }
}
