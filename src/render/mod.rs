//! Typesetting through the embedded Typst compiler: a sandboxed world that
//! reads only the project's templates and fonts, and deterministic PDF/A
//! export that reports what the document printed.

mod compile;
mod error;
mod fonts;
mod glyphs;
mod preview;
mod spots;
pub mod verify;
mod world;

pub use compile::{PdfIdentity, PrintedCell, Rendered, export_pdf, render};
pub use error::{DocumentFailure, RenderError, TypesetError};
pub use fonts::{CoverageCache, FontCoverage};
pub use glyphs::uncovered_characters;
pub use spots::PremiumSpot;
pub use world::{DATA_PATH, DocumentWorld, MemoryFiles, Project, RATES_PATH, THEME_PATH};
