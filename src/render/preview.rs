//! Page previews (PNG) kept by the hash of the laid-out page, so that a
//! rebuild renders only the pages whose layout changed. `serve` asks for
//! previews of every document it rebuilds; after a one-rate edit the
//! Miyazaki pamphlet is typeset again, but only the page printing that
//! premium looks different, and rendering and encoding the other eleven
//! at 144 dpi was most of the time between a save and the page updating.

use super::RenderError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use typst_layout::Page;

/// How many pages are kept: a project's pages several times over (the
/// sample has 30); when full, the cache starts again rather than track age.
const CAPACITY: usize = 256;

/// PNGs of pages by the 128-bit hash of the page (its frame, fill and
/// number): equal hashes are equal pages, so equal pixels.
#[derive(Default)]
pub(crate) struct PreviewCache {
    pages: Mutex<HashMap<u128, Arc<Vec<u8>>>>,
}

impl PreviewCache {
    /// The page as a PNG, rendered by `typst-render` at its default two
    /// pixels per point (144 dpi, sharp enough to read 7 pt notes), or the
    /// one rendered before for an identical page.
    pub(crate) fn png(&self, page: &Page) -> Result<Vec<u8>, RenderError> {
        let key = typst::utils::hash128(page);
        if let Some(png) = self.lock().get(&key) {
            return Ok(png.to_vec());
        }
        let png = typst_render::render(page, &typst_render::RenderOptions::default())
            .encode_png()
            .map_err(|e| RenderError::Preview(e.to_string()))?;
        let mut pages = self.lock();
        if pages.len() >= CAPACITY {
            pages.clear();
        }
        pages.insert(key, Arc::new(png.clone()));
        Ok(png)
    }

    /// The map, even if a thread panicked while holding it (the entries
    /// are whole PNGs either way).
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u128, Arc<Vec<u8>>>> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }
}
