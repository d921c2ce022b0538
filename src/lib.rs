//! tariffpress: insurance tariffs and association programs in, verified
//! Japanese brochures out. See ARCHITECTURE.md for the map of modules.

pub mod render;
