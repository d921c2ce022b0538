//! Provenance read back from a PDF tariffpress built: the `rates.json`
//! attached to every document that prints premiums, and the keywords that
//! name its program, product and tariff.

use crate::export::cells_from_json;
use crate::rates::Cell;
use lopdf::{Dictionary, Document, Object, decode_text_string};
use std::path::Path;

/// The name under which documents attach their rates.
pub const RATES_ATTACHMENT: &str = "rates.json";

/// The cells printed in `file`, read from its attached `rates.json`.
pub fn rates_from_pdf(file: &Path) -> Result<Vec<Cell>, String> {
    let shown = file.display();
    let bytes = std::fs::read(file).map_err(|e| format!("{shown}: {e}"))?;
    let document =
        Document::load_mem(&bytes).map_err(|e| format!("{shown} is not a readable PDF: {e}"))?;
    let json = attachment(&document, RATES_ATTACHMENT)?.ok_or_else(|| {
        format!(
            "{shown} has no attached {RATES_ATTACHMENT}: it was not built by tariffpress, or it \
             prints no premium (FAQ sheets carry none)"
        )
    })?;
    let text = String::from_utf8(json).map_err(|_| format!("{shown}: the rates are not UTF-8"))?;
    cells_from_json(&text).map_err(|e| format!("{shown}: {e}"))
}

/// The provenance keywords of `file` (`program=…`, `tariff-version=…`).
pub fn keywords(file: &Path) -> Result<Vec<String>, String> {
    let shown = file.display();
    let bytes = std::fs::read(file).map_err(|e| format!("{shown}: {e}"))?;
    let document =
        Document::load_mem(&bytes).map_err(|e| format!("{shown} is not a readable PDF: {e}"))?;
    let info = document
        .trailer
        .get_deref(b"Info", &document)
        .and_then(Object::as_dict);
    let Ok(info) = info else {
        return Ok(Vec::new());
    };
    let keywords = info
        .get_deref(b"Keywords", &document)
        .ok()
        .and_then(|k| decode_text_string(k).ok())
        .unwrap_or_default();
    Ok(keywords
        .split(',')
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect())
}

/// The bytes of the embedded file called `name`, searching the catalog's
/// `/Names /EmbeddedFiles` name tree.
fn attachment(document: &Document, name: &str) -> Result<Option<Vec<u8>>, String> {
    let tree = document
        .catalog()
        .and_then(|c| c.get_deref(b"Names", document))
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", document))
        .and_then(Object::as_dict);
    match tree {
        Ok(tree) => find_in_tree(document, tree, name, 0),
        Err(_) => Ok(None),
    }
}

/// Walks a name tree (`/Names` pairs and `/Kids`), at most a few levels
/// deep so a malformed file cannot recurse forever.
fn find_in_tree(
    document: &Document,
    node: &Dictionary,
    name: &str,
    depth: usize,
) -> Result<Option<Vec<u8>>, String> {
    if depth > 16 {
        return Ok(None);
    }
    if let Ok(pairs) = node
        .get_deref(b"Names", document)
        .and_then(Object::as_array)
    {
        for pair in pairs.chunks(2) {
            let [key, spec] = pair else { continue };
            if decode_text_string(key).is_ok_and(|k| k == name) {
                return embedded_file(document, spec).map(Some);
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", document).and_then(Object::as_array) {
        for kid in kids {
            let Ok(kid) = document.dereference(kid).and_then(|(_, o)| o.as_dict()) else {
                continue;
            };
            if let Some(found) = find_in_tree(document, kid, name, depth + 1)? {
                return Ok(Some(found));
            }
        }
    }
    Ok(None)
}

/// The decompressed stream of a file specification's `/EF /F`.
fn embedded_file(document: &Document, spec: &Object) -> Result<Vec<u8>, String> {
    let stream = document
        .dereference(spec)
        .and_then(|(_, o)| o.as_dict())
        .and_then(|spec| spec.get_deref(b"EF", document))
        .and_then(Object::as_dict)
        .and_then(|ef| ef.get_deref(b"F", document))
        .and_then(Object::as_stream)
        .map_err(|e| format!("the attachment is malformed: {e}"))?;
    stream
        .decompressed_content()
        .or_else(|_| Ok::<_, lopdf::Error>(stream.content.clone()))
        .map_err(|e| format!("the attachment cannot be read: {e}"))
}
