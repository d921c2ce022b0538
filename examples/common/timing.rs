//! Wall-clock helpers the profiling examples share.

use std::time::{Duration, Instant};

/// Runs `work` and returns its result with the time it took.
pub fn timed<R>(work: impl FnOnce() -> R) -> (R, Duration) {
    let started = Instant::now();
    let out = work();
    (out, started.elapsed())
}

/// A duration in milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
