//! `tariffpress watch`: build, then rebuild the affected documents whenever
//! content, templates or fonts change. One Typst project (fonts, parsed
//! templates, memoized layout) lives across rebuilds; old cache entries are
//! evicted after each so memory stays flat; errors are printed and watching
//! goes on.

use super::build::{Request, run_with};
use super::{Failure, report};
use crate::render::Project;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Edits arriving within this time are handled by one rebuild (editors
/// write a file in several steps).
const SETTLE: Duration = Duration::from_millis(150);
/// Cache entries unused for this many rebuilds are dropped.
const CACHE_AGE: usize = 10;

pub fn run(root: &Path, request: &Request) -> Result<(), Failure> {
    let root = root
        .canonicalize()
        .map_err(|e| Failure::Message(format!("{}: {e}", root.display())))?;
    let (events, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(event);
    })
    .map_err(|e| Failure::Message(format!("cannot watch files: {e}")))?;
    for folder in ["content", "templates", "fonts"] {
        watcher
            .watch(&root.join(folder), RecursiveMode::Recursive)
            .map_err(|e| Failure::Message(format!("cannot watch {folder}/: {e}")))?;
    }
    let mut project = None;
    rebuild(&root, request, &mut project);
    eprintln!("{}", crate::messages::watching());
    while let Some(changed) = next_changes(&changes) {
        if changed.iter().any(|p| p.starts_with(root.join("fonts"))) {
            project = None;
        } else if let Some(project) = &mut project {
            project.reset();
        }
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        eprintln!("changed: {}", names.join(", "));
        rebuild(&root, request, &mut project);
    }
    Ok(())
}

fn rebuild(root: &Path, request: &Request, project: &mut Option<Project>) {
    if let Err(failure) = run_with(root, request, project) {
        report(&failure);
        eprintln!("{}", crate::messages::still_watching());
    }
    typst::comemo::evict(CACHE_AGE);
}

/// Waits for the next change and gathers those that follow within
/// [`SETTLE`]; `None` when the watcher is gone.
fn next_changes(changes: &Receiver<notify::Result<notify::Event>>) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    let first = changes.recv().ok()?;
    collect(first, &mut paths);
    loop {
        match changes.recv_timeout(SETTLE) {
            Ok(event) => collect(event, &mut paths),
            Err(RecvTimeoutError::Timeout) if paths.is_empty() => {
                collect(changes.recv().ok()?, &mut paths)
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    paths.sort();
    paths.dedup();
    Some(paths)
}

/// Keeps the paths of events that change files, leaving out hidden,
/// backup and swap files and the extension-less temporaries some editors
/// and tools write before renaming.
fn collect(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    let Ok(event) = event else { return };
    if event.kind.is_access() {
        return;
    }
    paths.extend(event.paths.into_iter().filter(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let temporary = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp");
        !temporary && p.extension().is_some()
    }));
}
