//! Stage timings, printed to stderr when `EVIDOC_TIMINGS` is set: where a build's time goes,
//! without a profiler (see BENCHMARKS.md).

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("EVIDOC_TIMINGS").is_some())
}

/// Runs `f`, reporting how long it took under `name`.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let value = f();
    eprintln!(
        "timing: {name:<24} {:>8.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    value
}
