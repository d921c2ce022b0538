//! Typst draws a character that no font covers as an empty box (glyph 0,
//! `.notdef`) and says nothing. A brochure with a missing character is a
//! wrong brochure, so the build looks for such glyphs and fails, and
//! `check` finds the same characters earlier, without typesetting, by
//! testing the text of every document against the fonts' coverage.

use super::fonts::FontCoverage;
use crate::content::model::{Block, Catalog, Program, Prose};
use crate::content::{Diagnostic, Problem};
use std::collections::BTreeSet;
use std::path::Path;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// The characters drawn with `.notdef`, each with its page.
pub(crate) fn missing_glyphs(document: &PagedDocument) -> BTreeSet<(usize, char)> {
    let mut found = BTreeSet::new();
    for (index, page) in document.pages().iter().enumerate() {
        collect(&page.frame, index + 1, &mut found);
    }
    found
}

/// The message for missing glyphs: each character with its page, then
/// where it is written in the project's content and templates
/// (`file:line:column`), since the PDF alone does not say.
pub(crate) fn missing_glyphs_report(missing: &BTreeSet<(usize, char)>, root: &Path) -> String {
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

/// Every character of the documents' data (`/data.json`: all rendered
/// prose, table cells, names and figures a template prints) that no font
/// covers, located where it is written: in the prose that contains it, else
/// at its first occurrence in the program's or its product's file.
pub fn uncovered_characters(
    fonts: &FontCoverage,
    catalog: &Catalog,
    program: &Program,
    data: impl IntoIterator<Item = serde_json::Value>,
) -> Vec<Diagnostic> {
    let mut missing = BTreeSet::new();
    for value in data {
        strings(&value, &mut |text| {
            missing.extend(text.chars().filter(|c| !fonts.covers(*c)));
        });
    }
    let product = &catalog.products[program.product];
    let mut prose = Vec::new();
    for section in program.sections.iter().chain(&product.sections) {
        prose.push(&section.title);
        section
            .blocks
            .iter()
            .for_each(|b| block_prose(b, &mut prose));
    }
    for faq in program.faq.iter().chain(&product.faq) {
        prose.extend([&faq.q, &faq.a]);
    }
    let mut out = Vec::new();
    for character in missing {
        let needle = character.to_string();
        let problem = Problem::NoFontCovers { character };
        let before = out.len();
        for p in prose.iter().filter(|p| p.template.contains(character)) {
            out.push(p.source.diagnostic_at_text(&needle, 0, problem.clone()));
        }
        if out.len() == before {
            let written = [&program.file, &product.file]
                .into_iter()
                .find_map(|file| Some((file, first_in_file(file, character)?)));
            let mut diagnostic = Diagnostic::whole_file(&program.file, problem);
            if let Some((file, (line, column))) = written {
                diagnostic.file = file.clone();
                (diagnostic.line, diagnostic.column) = (line, column);
            }
            out.push(diagnostic);
        }
    }
    out
}

fn block_prose<'a>(block: &'a Block, out: &mut Vec<&'a Prose>) {
    match block {
        Block::Text(p) | Block::Heading(p) => out.push(p),
        Block::List(items) | Block::Notes(items) => out.extend(items),
        Block::Table { header, rows } => out.extend(header.iter().chain(rows.iter().flatten())),
        Block::PremiumTables | Block::Schedule | Block::Contacts | Block::Faq | Block::Form(_) => {}
    }
}

/// Calls `f` with every string value (not key) in `value`.
fn strings(value: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, f)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, f)),
        _ => {}
    }
}

/// The line and column (1-based, in characters) of the first `c` in `file`.
fn first_in_file(file: &Path, c: char) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().enumerate().find_map(|(i, line)| {
        let column = line.chars().position(|x| x == c)?;
        Some((i as u64 + 1, column as u64 + 1))
    })
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
