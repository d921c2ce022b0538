//! Typst draws a character that no font covers as an empty box (glyph 0,
//! `.notdef`) and says nothing. A brochure with a missing character is a
//! wrong brochure, so the build looks for such glyphs and fails.

use std::collections::BTreeSet;
use std::path::Path;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// The characters drawn with `.notdef`, each with its page.
pub fn missing_glyphs(document: &PagedDocument) -> BTreeSet<(usize, char)> {
    let mut found = BTreeSet::new();
    for (index, page) in document.pages().iter().enumerate() {
        collect(&page.frame, index + 1, &mut found);
    }
    found
}

/// The message for missing glyphs: each character with its page, then
/// where it is written in the project's content and templates
/// (`file:line:column`), since the PDF alone does not say.
pub fn missing_glyphs_report(missing: &BTreeSet<(usize, char)>, root: &Path) -> String {
    let chars: BTreeSet<char> = missing.iter().map(|&(_, c)| c).collect();
    let mut out = String::from("no shipped font has a glyph for ");
    let listed: Vec<String> = missing
        .iter()
        .map(|(page, c)| format!("'{c}' (U+{:04X}) on page {page}", *c as u32))
        .collect();
    out.push_str(&listed.join(", "));
    out.push_str(": add a font covering it to fonts/ or change the text");
    for place in written_at(root, &chars) {
        out.push_str(&format!("\n  {place}"));
    }
    out
}

/// Where the characters occur under `content/` and `templates/`, as
/// `file:line:column: 'c'` (at most 20 places).
fn written_at(root: &Path, chars: &BTreeSet<char>) -> Vec<String> {
    let files = ["content", "templates"].into_iter().flat_map(|folder| {
        walkdir::WalkDir::new(root.join(folder))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
    });
    let mut places = Vec::new();
    for entry in files {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        for (line, content) in text.lines().enumerate() {
            for (column, c) in content
                .chars()
                .enumerate()
                .filter(|(_, c)| chars.contains(c))
            {
                places.push(format!(
                    "{}:{}:{}: '{c}'",
                    shown.display(),
                    line + 1,
                    column + 1
                ));
            }
        }
    }
    places.truncate(20);
    places
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_says_where_the_character_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/programs")).unwrap();
        std::fs::write(
            dir.path().join("content/programs/p.yaml"),
            "a: 1\nb: ご案内🦀です\n",
        )
        .unwrap();
        let missing = BTreeSet::from([(1, '🦀')]);
        let report = missing_glyphs_report(&missing, dir.path());
        assert!(report.contains("'🦀' (U+1F980) on page 1"), "{report}");
        assert!(
            report.contains("content/programs/p.yaml:2:7: '🦀'"),
            "{report}"
        );
    }
}
