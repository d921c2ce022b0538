//! `build`: every document of every program typeset, verified against the
//! rating core, and written atomically with the program's rate exports.

pub mod output;
pub mod verify;
