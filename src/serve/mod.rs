//! `serve`: a local web app over the build. It builds and rebuilds through
//! the same incremental loop as `watch` (`publish::watch`), keeps each
//! document's pages as PNGs rendered from the very compiled document the
//! build writes (with where each premium sits), and shows them in the
//! browser: an index, a document view whose pages update by themselves
//! when a file is saved, errors as an overlay over the last good pages,
//! and a premium's worksheet (`explain`) on click. Read-only: it writes
//! nothing but the build's own output.
//!
//! Layers: beside `publish`, above it; nothing below points here.

mod assets;
mod events;
mod routes;
mod security;
mod state;

use crate::error::Error;
use crate::messages::{Lang, Note, note};
use crate::publish::{BuildOptions, WatchEvent, build, watch};
use state::State;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

/// The port `serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8807;

/// What to serve, and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Only this program.
    pub only: Option<String>,
    /// The address to listen on (loopback unless `--bind` says otherwise).
    pub bind: IpAddr,
    /// The port (0: any free port, said on the first line).
    pub port: u16,
    /// Open the default browser on the index.
    pub open: bool,
    /// The language of messages and overlays.
    pub lang: Lang,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            only: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            lang: Lang::En,
        }
    }
}

/// Serves until Ctrl-C; errors when the address cannot be listened on or
/// the files cannot be watched.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), Error> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(address).map_err(|e| Error::Listen {
        address: address.to_string(),
        in_use: e.kind() == std::io::ErrorKind::AddrInUse,
        detail: e.to_string(),
    })?;
    let local = listener.local_addr().map_err(|e| Error::io(&root, e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io(&root, e))?;
    let state = Arc::new(State::new(root.clone(), root.join("output"), options.lang));
    let (failed_tx, failed_rx) = mpsc::channel();
    spawn_builder(root.clone(), options.only.clone(), state.clone(), failed_tx);
    let url = format!("http://{}/", display_host(local));
    note(Note::Serving(url.clone()));
    if options.open {
        let _ = opener::open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(&root, e))?;
    runtime
        .block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let app = routes::router(state, local);
            axum::serve(listener, app)
                .with_graceful_shutdown(stopped(failed_rx))
                .await
        })
        .map_err(|e| Error::io(PathBuf::from(local.to_string()), e))?;
    note(Note::ServeStopped);
    Ok(())
}

/// Resolves on Ctrl-C (or when watching could not start, which the
/// builder thread reports).
async fn stopped(failed: mpsc::Receiver<Error>) {
    let watcher = tokio::task::spawn_blocking(move || failed.recv().ok());
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        Ok(Some(error)) = watcher => { crate::cmd::report(&error); }
    }
    events::shut_down();
}

/// The build and watch loop on a thread of its own (notify and the build
/// block); every event updates the state, and `check` runs after it.
fn spawn_builder(
    root: PathBuf,
    only: Option<String>,
    state: Arc<State>,
    failed: mpsc::Sender<Error>,
) {
    let checks = spawn_checker(root.clone(), state.clone());
    std::thread::spawn(move || {
        let options = BuildOptions {
            only: only.clone(),
            output: None,
            force: false,
            previews: true,
        };
        let result = watch(&root, &options, &*state, |event| {
            match event {
                WatchEvent::Built(_) => {
                    let catalog = crate::content::load(&root).ok();
                    if catalog
                        .as_ref()
                        .is_some_and(|c| state.missing(c, only.as_deref()))
                    {
                        // Pages the manifest thought current but this
                        // server has not seen: typeset them once.
                        let forced = BuildOptions {
                            force: true,
                            ..options.clone()
                        };
                        if let Err(error) = build(&root, &forced, &mut None, &*state) {
                            state.failed(&error);
                            return;
                        }
                    }
                    state.built(catalog.as_ref(), only.as_deref());
                }
                WatchEvent::Failed(error) => state.failed(&error),
                WatchEvent::Changed(files) => state.changed(files),
                WatchEvent::Watching => {}
            }
            let _ = checks.send(());
        });
        if let Err(error) = result {
            let _ = failed.send(error);
        }
    });
}

/// Runs `check` after each build, once for any number of builds that
/// finished while it ran.
fn spawn_checker(root: PathBuf, state: Arc<State>) -> mpsc::Sender<()> {
    let (tx, rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut fonts = crate::render::CoverageCache::default();
        while rx.recv().is_ok() {
            while rx.try_recv().is_ok() {}
            let result = crate::inspect::check_with(&root, &mut fonts).map(|n| {
                use crate::messages::Localized;
                n.localized(state.lang)
            });
            state.checked(result);
        }
    });
    tx
}

/// `127.0.0.1:8807`, or `localhost:8807`-style for the unspecified
/// address (`--bind 0.0.0.0` is reached through some address of the host).
fn display_host(local: SocketAddr) -> String {
    if local.ip().is_unspecified() {
        format!("localhost:{}", local.port())
    } else {
        local.to_string()
    }
}
