//! The rating core: pure computation of premiums from a tariff.
//!
//! No I/O and no serde here: the content layer turns YAML into these types,
//! identifies plans, classes and categories by index, and this module only
//! computes. Every premium comes with a worksheet of the steps that made it.

mod installments;
mod rounding;
mod routine;
mod size;

#[cfg(test)]
mod properties;

pub use installments::{InstallmentRule, Installments};
pub use rounding::{Rounding, RoundingMode};
pub use routine::{
    Case, Outcome, Quote, RateTables, RatingError, Step, StepKind, WorksheetLine, rate,
};
pub use size::{SizeLookup, SizeTable};
