//! Live updates: each open page holds a WebSocket and is sent one small
//! JSON message per change (the new generation and the pages whose image
//! changed); it then fetches the state and only those pages. A WebSocket
//! rather than server-sent events, because browsers allow only six
//! HTTP/1.1 connections per host: a seventh tab's event stream would
//! stall, while WebSockets are not counted against that limit.

use super::state::State;
use axum::extract::ws::{Message, WebSocket};
use std::sync::Arc;
use tokio::sync::{Notify, broadcast::error::RecvError};

/// Woken once at Ctrl-C so every socket closes and the server can stop.
static SHUTDOWN: Notify = Notify::const_new();

/// Tells every open socket to close.
pub(super) fn shut_down() {
    SHUTDOWN.notify_waiters();
}

/// Forwards updates to one page until it goes away or the server stops.
/// A page that fell behind gets the latest generation: it refetches the
/// whole state anyway.
pub(super) async fn forward(mut socket: WebSocket, state: Arc<State>) {
    let mut updates = state.updates.subscribe();
    let hello = serde_json::json!({ "generation": state.read().generation, "pages": [] });
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        let message = tokio::select! {
            _ = SHUTDOWN.notified() => break,
            incoming = socket.recv() => match incoming {
                // The page says nothing; it closing ends the loop.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => continue,
            },
            update = updates.recv() => match update {
                Ok(update) => serde_json::to_string(&update).unwrap_or_default(),
                Err(RecvError::Lagged(_)) => {
                    serde_json::json!({ "generation": state.read().generation, "pages": "all" }).to_string()
                }
                Err(RecvError::Closed) => break,
            },
        };
        if socket.send(Message::Text(message.into())).await.is_err() {
            return;
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}
