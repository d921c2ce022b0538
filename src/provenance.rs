//! Provenance read back from a PDF tariffpress built: the `rates.json`
//! attached to every document that prints premiums, and the keywords that
//! name its program, product and tariff.

use crate::export::cells_from_json;
use crate::messages::{Lang, Localized};
use crate::rates::Cell;
use lopdf::{Dictionary, Document, Object, decode_text_string};
use std::path::{Path, PathBuf};

/// Why a PDF's provenance could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProvenanceError {
    /// The file cannot be read.
    #[error("{}: {source}", file.display())]
    Read {
        /// The PDF.
        file: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is no PDF lopdf can read.
    #[error("{} is not a readable PDF: {detail}", file.display())]
    NotPdf {
        /// The file.
        file: PathBuf,
        /// What lopdf said.
        detail: String,
    },
    /// The PDF carries no `rates.json`.
    #[error("{} has no attached {RATES_ATTACHMENT}: it was not built by tariffpress, or it prints no premium (FAQ sheets carry none)", file.display())]
    NoRates {
        /// The PDF.
        file: PathBuf,
    },
    /// The attachment is there but unreadable.
    #[error("{}: the attached {RATES_ATTACHMENT} cannot be read: {detail}", file.display())]
    BadRates {
        /// The PDF.
        file: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
}

impl Localized for ProvenanceError {
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (ProvenanceError::Read { file, source }, Lang::Ja) => {
                format!("{} を読めません: {source}", file.display())
            }
            (ProvenanceError::NotPdf { file, detail }, Lang::Ja) => {
                format!("{} は読めるPDFではありません: {detail}", file.display())
            }
            (ProvenanceError::NoRates { file }, Lang::Ja) => format!(
                "{} には {RATES_ATTACHMENT} が添付されていません。tariffpress で作ったPDFではないか、保険料を印刷しない文書です（FAQには添付されません）",
                file.display()
            ),
            (ProvenanceError::BadRates { file, detail }, Lang::Ja) => format!(
                "{} に添付された {RATES_ATTACHMENT} を読めません: {detail}",
                file.display()
            ),
        }
    }
}

/// The name under which documents attach their rates.
pub const RATES_ATTACHMENT: &str = "rates.json";

/// The cells printed in `file`, read from its attached `rates.json`.
pub fn rates_from_pdf(file: &Path) -> Result<Vec<Cell>, ProvenanceError> {
    let document = load(file)?;
    let bad = |detail: String| ProvenanceError::BadRates {
        file: file.to_path_buf(),
        detail,
    };
    let json = attachment(&document, RATES_ATTACHMENT)
        .map_err(|e| bad(e.to_string()))?
        .ok_or_else(|| ProvenanceError::NoRates {
            file: file.to_path_buf(),
        })?;
    let text = String::from_utf8(json).map_err(|_| bad("not UTF-8".to_string()))?;
    cells_from_json(&text).map_err(|e| bad(e.to_string()))
}

fn load(file: &Path) -> Result<Document, ProvenanceError> {
    let bytes = std::fs::read(file).map_err(|source| ProvenanceError::Read {
        file: file.to_path_buf(),
        source,
    })?;
    Document::load_mem(&bytes).map_err(|e| ProvenanceError::NotPdf {
        file: file.to_path_buf(),
        detail: e.to_string(),
    })
}

/// The provenance keywords of `file` (`program=…`, `tariff-version=…`).
pub fn keywords(file: &Path) -> Result<Vec<String>, ProvenanceError> {
    let document = load(file)?;
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
fn attachment(document: &Document, name: &str) -> Result<Option<Vec<u8>>, lopdf::Error> {
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
) -> Result<Option<Vec<u8>>, lopdf::Error> {
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
fn embedded_file(document: &Document, spec: &Object) -> Result<Vec<u8>, lopdf::Error> {
    let stream = document
        .dereference(spec)
        .and_then(|(_, o)| o.as_dict())
        .and_then(|spec| spec.get_deref(b"EF", document))
        .and_then(Object::as_dict)
        .and_then(|ef| ef.get_deref(b"F", document))
        .and_then(Object::as_stream)?;
    Ok(stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone()))
}
