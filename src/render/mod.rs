//! Typesetting through the embedded Typst compiler.
