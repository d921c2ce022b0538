//! The routes, all GET: the app's page (index and document view are one
//! page that reads the path), its state as JSON, page images from memory,
//! a premium's worksheet, the live-update socket, and the build's own
//! output files by name. Anything else is 404; no route lists a folder.

use super::state::State;
use super::{assets, events, security};
use crate::explain::{CaseRequest, worksheet};
use crate::messages::Localized;
use axum::Router;
use axum::extract::{Path, Query, State as Shared, WebSocketUpgrade};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::Arc;

type App = Arc<State>;

/// Every route, behind the Host check.
pub(super) fn router(state: App, local: SocketAddr) -> Router {
    let port = local.port();
    Router::new()
        .route("/", get(app_page))
        .route("/doc/{program}/{document}", get(app_page))
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript", assets::APP_JS) }),
        )
        .route(
            "/assets/app.css",
            get(|| async { asset("text/css", assets::APP_CSS) }),
        )
        .route("/api/state", get(state_json))
        .route("/api/explain", get(explain))
        .route("/api/live", get(live))
        .route("/pages/{program}/{document}/{page}", get(page_image))
        .route("/files/{program}/{file}", get(output_file))
        .fallback(not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(
            port,
            security::check_host,
        ))
}

fn asset(mime: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, mime)], body).into_response()
}

async fn app_page() -> Response {
    asset("text/html; charset=utf-8", assets::APP_HTML)
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found / 見つかりません\n").into_response()
}

async fn state_json(Shared(state): Shared<App>) -> Response {
    no_store(axum::Json(state.json()).into_response())
}

async fn live(ws: WebSocketUpgrade, Shared(state): Shared<App>) -> Response {
    ws.on_upgrade(move |socket| events::forward(socket, state))
}

/// A page image from memory: `page` is `N.png`, from 1. The browser asks
/// with `?v=<hash>`, so an image may be cached as long as it likes.
async fn page_image(
    Shared(state): Shared<App>,
    Path((program, document, page)): Path<(String, String, String)>,
) -> Response {
    let name = format!("{program}/{document}");
    let number: Option<usize> = page.strip_suffix(".png").and_then(|n| n.parse().ok());
    let png = number.and_then(|n| {
        let snapshot = state.read();
        let doc = snapshot.documents.get(&name)?;
        doc.pages.get(n.checked_sub(1)?).map(|p| p.png.clone())
    });
    match png {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        None => not_found().await,
    }
}

/// A file of the build's output: a document's PDF, `rates.csv` or
/// `rates.json` of a program this server builds. The name is matched
/// against that list, never joined as given, so `..`, encoded dots and
/// absolute paths find nothing.
async fn output_file(
    Shared(state): Shared<App>,
    Path((program, file)): Path<(String, String)>,
) -> Response {
    let known = {
        let snapshot = state.read();
        snapshot.programs.iter().any(|p| {
            p.id == program
                && (file == "rates.csv"
                    || file == "rates.json"
                    || p.documents.iter().any(|d| file == format!("{d}.pdf")))
        })
    };
    if !known {
        return not_found().await;
    }
    let mime = match file.rsplit('.').next() {
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv; charset=utf-8",
        _ => "application/json",
    };
    let path = state.output.join(&program).join(&file);
    match tokio::task::spawn_blocking(move || std::fs::read(path)).await {
        Ok(Ok(bytes)) => no_store(([(header::CONTENT_TYPE, mime)], bytes).into_response()),
        _ => not_found().await,
    }
}

/// The worksheet of the cell `key` (`program/class/category/size/plan/payment`
/// as the drift guard records it): the same steps as `explain`, as text in
/// the user's language and as `explain --format json`.
async fn explain(
    Shared(state): Shared<App>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let Some(request) = query.get("key").and_then(|k| case_of_key(k)) else {
        return (
            StatusCode::BAD_REQUEST,
            "bad key / キーが正しくありません\n",
        )
            .into_response();
    };
    let root = state.root.clone();
    let lang = state.lang;
    let result = tokio::task::spawn_blocking(move || {
        let catalog = crate::content::load(&root)?;
        worksheet(&catalog, &request)
    })
    .await;
    match result {
        Ok(Ok(sheet)) => {
            let json: serde_json::Value = serde_json::from_str(&sheet.json()).unwrap_or_default();
            no_store(
                axum::Json(serde_json::json!({
                    "text": sheet.localized(lang),
                    "worksheet": json,
                }))
                .into_response(),
            )
        }
        Ok(Err(error)) => (StatusCode::UNPROCESSABLE_ENTITY, error.localized(lang)).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "explain failed").into_response(),
    }
}

/// A cell key back to the case it prices.
fn case_of_key(key: &str) -> Option<CaseRequest> {
    let parts: Vec<&str> = key.split('/').collect();
    let [program, class, category, size, plan, _payment] = parts.as_slice() else {
        return None;
    };
    let dash = |s: &str| (s != "-").then(|| s.to_string());
    Some(CaseRequest {
        program: program.to_string(),
        class: class.to_string(),
        plan: plan.to_string(),
        size: match dash(size) {
            Some(s) => Some(s.parse().ok()?),
            None => None,
        },
        category: dash(category),
    })
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::case_of_key;

    #[test]
    fn a_cell_key_names_its_case() {
        let case = case_of_key("miyazaki-2025/hospital/general/75/H1/lump_sum").unwrap();
        assert_eq!(case.program, "miyazaki-2025");
        assert_eq!(case.class, "hospital");
        assert_eq!(case.category.as_deref(), Some("general"));
        assert_eq!(case.size.map(|s| s.to_string()).as_deref(), Some("75"));
        assert_eq!(case.plan, "H1");
        let flat = case_of_key("x/clinic/-/-/P1/monthly").unwrap();
        assert_eq!((flat.size, flat.category), (None, None));
        assert!(case_of_key("../../etc/passwd").is_none());
    }
}
