//! Content: YAML files under `content/` loaded, located and validated.

pub mod asset;
mod diagnostic;
pub mod expected;
mod load;
mod locate;
pub mod model;
mod parse;
pub mod problem;
pub(crate) mod raw;
mod raw_text;
pub mod roll;
mod text;
mod validate;

pub use diagnostic::{Diagnostic, Source};
pub use load::{load, tariff_file};
pub use problem::{AssetIssue, IdKind, Problem};
