//! The web app's files, embedded in the binary: no CDN, no internet, the
//! same app offline.

/// The one HTML page (index and document view).
pub(super) const APP_HTML: &str = include_str!("assets/app.html");
/// Its script.
pub(super) const APP_JS: &str = include_str!("assets/app.js");
/// Its style.
pub(super) const APP_CSS: &str = include_str!("assets/app.css");
