//! Documents: the data each template reads, with prose rendered and checked.

mod context;
mod literals;
pub mod prose;

pub use context::{ProgramFacts, document_context};
pub use literals::{Literal, check as check_literals};
