//! `watch`: build, then rebuild the affected documents whenever content,
//! templates or fonts change. One Typst project (fonts, parsed templates,
//! memoized layout) lives across rebuilds; old cache entries are evicted
//! after each so memory stays flat. What happens is handed to the caller
//! as [`WatchEvent`]s, so a terminal and a browser can show it alike.

use super::{BuildOptions, BuildReport, Observer, build};
use crate::error::Error;
use crate::render::Project;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Edits arriving within this time are handled by one rebuild (editors
/// write a file in several steps, within a few milliseconds). It is time a
/// reader waits after every save, so it is kept short: at 150 ms it was
/// as long as the whole save-to-page target of `serve` (see BENCHMARKS.md).
const SETTLE: Duration = Duration::from_millis(20);
/// Cache entries unused for this many rebuilds are dropped.
const CACHE_AGE: usize = 10;

/// Something that happened while watching.
pub enum WatchEvent {
    /// A build succeeded.
    Built(BuildReport),
    /// A build failed; watching goes on.
    Failed(Error),
    /// The first build is done and changes are awaited.
    Watching,
    /// These files (relative to the project) changed.
    Changed(Vec<String>),
}

/// Builds, then rebuilds on every change until the watcher stops; errors
/// only when watching cannot start.
pub fn watch(
    root: &Path,
    options: &BuildOptions,
    observer: &dyn Observer,
    mut on_event: impl FnMut(WatchEvent),
) -> Result<(), Error> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let (events, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events.send(event);
    })
    .map_err(|e| Error::Watch(e.to_string()))?;
    for folder in ["content", "templates", "fonts"] {
        watcher
            .watch(&root.join(folder), RecursiveMode::Recursive)
            .map_err(|e| Error::Watch(format!("{folder}/: {e}")))?;
    }
    let mut project = None;
    rebuild(&root, options, &mut project, observer, &mut on_event);
    on_event(WatchEvent::Watching);
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
        on_event(WatchEvent::Changed(names));
        rebuild(&root, options, &mut project, observer, &mut on_event);
    }
    Ok(())
}

/// One build, reported as an event; then old cache entries are evicted.
fn rebuild(
    root: &Path,
    options: &BuildOptions,
    project: &mut Option<Project>,
    observer: &dyn Observer,
    on_event: &mut impl FnMut(WatchEvent),
) {
    on_event(match build(root, options, project, observer) {
        Ok(report) => WatchEvent::Built(report),
        Err(error) => WatchEvent::Failed(error),
    });
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
