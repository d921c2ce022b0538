//! Content: YAML files under `content/` loaded, located and validated.

mod diagnostic;
mod load;
mod locate;
pub mod model;
mod raw;
mod validate;

pub use diagnostic::Diagnostic;
pub use load::load;
