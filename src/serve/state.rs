//! What the browser is shown: the last good pages of every document (PNG
//! bytes from the build's own compiled documents, with the premiums'
//! positions), the error of the last build if it failed, the state of
//! `check`, and the index. Updated by the watch loop, read by the routes.

use crate::content::model::Catalog;
use crate::error::Error;
use crate::messages::{Lang, Localized};
use crate::publish::{Observer, Typeset};
use crate::render::PremiumSpot;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};
use tokio::sync::broadcast;

/// One page image.
#[derive(Clone)]
pub(crate) struct Page {
    /// The PNG.
    pub(crate) png: axum::body::Bytes,
    /// A short hash of the PNG: the browser refetches a page when it moves.
    pub(crate) hash: String,
}

/// One document's last good pages.
#[derive(Clone)]
pub(crate) struct Doc {
    pub(crate) pages: Vec<Page>,
    pub(crate) spots: Vec<PremiumSpot>,
}

/// A program as the index lists it.
#[derive(Clone, Serialize)]
pub(crate) struct ProgramInfo {
    pub(crate) id: String,
    title: String,
    product: String,
    /// The tariff in force; `None` for a product the insurer quotes per
    /// member (no tariff).
    tariff: Option<String>,
    pub(crate) documents: Vec<String>,
}

/// One problem of the overlay: where, and what.
#[derive(Clone, Serialize)]
pub(crate) struct Problem {
    /// `file:line:column` (relative to the project), when known.
    location: Option<String>,
    /// The field path inside the file.
    path: Option<String>,
    /// The message in the user's language (a Typst report keeps its own
    /// snippet inside).
    message: String,
    /// The source lines around the problem, numbered.
    snippet: Option<String>,
}

/// Why the last build failed.
#[derive(Clone, Serialize)]
pub(crate) struct Overlay {
    summary: String,
    problems: Vec<Problem>,
}

/// The result of `check` on the current files.
#[derive(Clone, Serialize)]
pub(crate) struct CheckState {
    ok: bool,
    summary: String,
    problems: Vec<Problem>,
}

/// What the browser reads at `/api/state`.
#[derive(Default)]
pub(crate) struct Snapshot {
    pub(crate) generation: u64,
    pub(crate) documents: BTreeMap<String, Doc>,
    pub(crate) programs: Vec<ProgramInfo>,
    pub(crate) error: Option<Overlay>,
    pub(crate) check: Option<CheckState>,
    pub(crate) changed_files: Vec<String>,
}

/// Sent to every open page when something changed: it then fetches the
/// state and the pages whose hash moved.
#[derive(Clone, Serialize)]
pub(crate) struct Update {
    pub(crate) generation: u64,
    /// `program/document/page` of every page that changed.
    pub(crate) pages: Vec<String>,
}

/// The server's shared state.
pub(crate) struct State {
    pub(crate) root: PathBuf,
    pub(crate) output: PathBuf,
    pub(crate) lang: Lang,
    pub(crate) snapshot: RwLock<Snapshot>,
    /// Documents typeset by the build in progress, taken when it succeeds.
    pending: Mutex<Vec<(String, Doc)>>,
    pub(crate) updates: broadcast::Sender<Update>,
}

impl State {
    pub(crate) fn new(root: PathBuf, output: PathBuf, lang: Lang) -> Self {
        State {
            root,
            output,
            lang,
            snapshot: RwLock::new(Snapshot::default()),
            pending: Mutex::new(Vec::new()),
            updates: broadcast::channel(64).0,
        }
    }

    pub(crate) fn read(&self) -> std::sync::RwLockReadGuard<'_, Snapshot> {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Snapshot> {
        self.snapshot.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The documents `catalog` builds that have no pages yet (the server
    /// started on a broken project, or on an output the manifest calls
    /// current): a forced build fills them in.
    pub(crate) fn missing(&self, catalog: &Catalog, only: Option<&str>) -> bool {
        let snapshot = self.read();
        catalog
            .programs
            .iter()
            .filter(|p| only.is_none_or(|id| id == p.id))
            .flat_map(|p| {
                p.documents
                    .iter()
                    .map(move |d| format!("{}/{}", p.id, d.kind.name()))
            })
            .any(|name| !snapshot.documents.contains_key(&name))
    }

    /// A build succeeded: its documents replace their last pages, the
    /// overlay goes, and open pages are told which pages changed.
    pub(crate) fn built(&self, catalog: Option<&Catalog>, only: Option<&str>) {
        let fresh = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        let mut snapshot = self.write();
        let mut changed = Vec::new();
        for (name, doc) in fresh {
            let old = snapshot.documents.get(&name);
            for (i, page) in doc.pages.iter().enumerate() {
                let before = old.and_then(|o| o.pages.get(i)).map(|p| p.hash.as_str());
                if before != Some(page.hash.as_str()) {
                    changed.push(format!("{name}/{}", i + 1));
                }
            }
            snapshot.documents.insert(name, doc);
        }
        if let Some(catalog) = catalog {
            snapshot.programs = programs(catalog, only);
            // Documents of a program or kind no longer built (a file
            // deleted while serving) are no longer shown.
            let live: BTreeSet<String> = snapshot
                .programs
                .iter()
                .flat_map(|p| p.documents.iter().map(move |d| format!("{}/{d}", p.id)))
                .collect();
            snapshot.documents.retain(|name, _| live.contains(name));
        }
        snapshot.error = None;
        self.publish(snapshot, changed);
    }

    /// A build failed: the last good pages stay, the overlay says why.
    pub(crate) fn failed(&self, error: &Error) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let overlay = overlay(error, &self.root, self.lang);
        let mut snapshot = self.write();
        snapshot.error = Some(overlay);
        self.publish(snapshot, Vec::new());
    }

    /// Files changed; a rebuild follows.
    pub(crate) fn changed(&self, files: Vec<String>) {
        self.write().changed_files = files;
    }

    /// `check` ran on the current files.
    pub(crate) fn checked(&self, result: Result<String, Error>) {
        let check = match result {
            Ok(summary) => CheckState {
                ok: true,
                summary,
                problems: Vec::new(),
            },
            Err(error) => {
                let Overlay { summary, problems } = overlay(&error, &self.root, self.lang);
                CheckState {
                    ok: false,
                    summary,
                    problems,
                }
            }
        };
        let mut snapshot = self.write();
        snapshot.check = Some(check);
        self.publish(snapshot, Vec::new());
    }

    fn publish(&self, mut snapshot: std::sync::RwLockWriteGuard<'_, Snapshot>, pages: Vec<String>) {
        snapshot.generation += 1;
        let update = Update {
            generation: snapshot.generation,
            pages,
        };
        drop(snapshot);
        // No open page is not an error.
        let _ = self.updates.send(update);
    }

    /// The state as the browser reads it.
    pub(crate) fn json(&self) -> serde_json::Value {
        let snapshot = self.read();
        let documents: BTreeMap<&String, serde_json::Value> = snapshot
            .documents
            .iter()
            .map(|(name, doc)| {
                let pages: Vec<&str> = doc.pages.iter().map(|p| p.hash.as_str()).collect();
                (
                    name,
                    serde_json::json!({ "pages": pages, "spots": doc.spots }),
                )
            })
            .collect();
        serde_json::json!({
            "generation": snapshot.generation,
            "lang": match self.lang { Lang::En => "en", Lang::Ja => "ja" },
            "programs": snapshot.programs,
            "documents": documents,
            "error": snapshot.error,
            "check": snapshot.check,
            "changed": snapshot.changed_files,
        })
    }
}

impl Observer for State {
    fn started(&self, _total: usize) {}
    fn done(&self, _name: &str, _pdf: &crate::publish::Artifact, _took: std::time::Duration) {}
    fn finished(&self) {}

    fn typeset(&self, typeset: &[Typeset]) {
        let docs = typeset.iter().map(|t| {
            let name = t
                .pdf
                .path
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/");
            let pages = t
                .previews
                .iter()
                .map(|png| Page {
                    hash: short_hash(&png.bytes),
                    png: axum::body::Bytes::from(png.bytes.clone()),
                })
                .collect();
            let spots = t.spots.clone();
            (name, Doc { pages, spots })
        });
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(docs);
    }
}

/// The first 16 hex digits of the bytes' SHA-256, the page's version in
/// its URL.
fn short_hash(bytes: &[u8]) -> String {
    let mut hash = crate::publish::manifest::hash_bytes(bytes);
    hash.truncate(16);
    hash
}

/// The programs a build covers, for the index.
fn programs(catalog: &Catalog, only: Option<&str>) -> Vec<ProgramInfo> {
    catalog
        .programs
        .iter()
        .filter(|p| only.is_none_or(|id| id == p.id))
        .map(|p| {
            let tariff = catalog.tariff_of(p);
            ProgramInfo {
                id: p.id.clone(),
                title: p.title.clone(),
                product: catalog.product_of(p).name.clone(),
                tariff: tariff.map(|tariff| match &tariff.version {
                    Some(v) => format!("{v} ({})", tariff.effective),
                    None => tariff.effective.to_string(),
                }),
                documents: p
                    .documents
                    .iter()
                    .map(|d| d.kind.name().to_string())
                    .collect(),
            }
        })
        .collect()
}

/// An error as the overlay shows it: each content problem located, with
/// its source lines; each failed document with Typst's own report.
fn overlay(error: &Error, root: &Path, lang: Lang) -> Overlay {
    let problems = match error {
        Error::Content(diags) => diags
            .iter()
            .map(|d| {
                let file = d.file.strip_prefix(root).unwrap_or(&d.file);
                let location = if d.line > 0 {
                    format!("{}:{}:{}", file.display(), d.line, d.column)
                } else {
                    file.display().to_string()
                };
                Problem {
                    location: Some(location),
                    path: (!d.path.is_empty()).then(|| d.path.clone()),
                    message: d.problem.localized(lang),
                    snippet: snippet(&d.file, d.line),
                }
            })
            .collect(),
        Error::Typeset { failures, .. } => failures
            .iter()
            .map(|f| Problem {
                location: Some(f.name.clone()),
                path: None,
                message: f.localized(lang),
                snippet: None,
            })
            .collect(),
        other => vec![Problem {
            location: None,
            path: None,
            message: other.localized(lang),
            snippet: None,
        }],
    };
    Overlay {
        summary: error
            .localized(lang)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string(),
        problems,
    }
}

/// Lines `line - 2 ..= line + 2` of `file`, numbered, the line itself
/// marked; `None` for a whole-file problem or an unreadable file.
fn snippet(file: &Path, line: u64) -> Option<String> {
    if line == 0 {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let line = usize::try_from(line).ok()?;
    let first = line.saturating_sub(2).max(1);
    let out: Vec<String> = text
        .lines()
        .enumerate()
        .skip(first - 1)
        .take(line + 3 - first)
        .map(|(i, l)| {
            let mark = if i + 1 == line { '>' } else { ' ' };
            format!("{mark}{:>4} | {l}", i + 1)
        })
        .collect();
    Some(out.join("\n"))
}
