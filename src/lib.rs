//! tariffpress: insurance tariffs and association programs in, verified
//! Japanese brochures out. See ARCHITECTURE.md for the map of modules.

#![warn(missing_docs, unreachable_pub)]

/// How the tool names itself in every PDF, document data and manifest.
pub const GENERATOR: &str = concat!("tariffpress ", env!("CARGO_PKG_VERSION"));

pub mod cli;
pub mod cmd;
pub mod content;
pub mod create;
pub mod diff;
pub mod document;
pub mod error;
pub mod expected;
pub mod explain;
pub mod export;
pub mod format;
pub mod inspect;
pub mod messages;
pub mod provenance;
pub mod publish;
pub mod rates;
pub mod rating;
pub mod render;
pub mod roster;
pub mod scaffold;
pub mod schema;
pub mod serve;
