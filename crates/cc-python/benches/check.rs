//! The Rust side of `crates/cc-python/bench/compare.py`: how long
//! `cc_validate::check` takes on each payload file of a directory, the same
//! bytes the script times `cc_lint.check` on. Prints one line per file:
//! `NAME MEDIAN_NS ITERATIONS`.
//!
//! Run through the script; by hand: `cargo bench -p cc-python --bench check -- DIR`.
//! With `CC_BENCH_CALLS=N` it makes exactly N calls per file instead of timing them,
//! for instruction counts under `valgrind --tool=callgrind` (repeatable on a busy
//! machine, where times are not).

use cc_validate::{Endpoint, PayloadKind};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|arg| !arg.starts_with('-')) else {
        eprintln!("usage: cargo bench -p cc-python --bench check -- DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {dir}: {error}"))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let calls: Option<u32> = std::env::var("CC_BENCH_CALLS")
        .ok()
        .and_then(|calls| calls.parse().ok());
    for path in files {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let endpoint = Endpoint::ALL
            .iter()
            .copied()
            .find(|endpoint| name.starts_with(endpoint.name()))
            .unwrap_or_else(|| panic!("{name}: the file name starts with no endpoint"));
        let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{name}: {error}"));
        let check = || {
            black_box(cc_validate::check(
                endpoint,
                PayloadKind::Request,
                black_box(&bytes),
            ))
            .map(|found| found.len())
            .unwrap_or_default()
        };
        if let Some(calls) = calls {
            for _ in 0..calls {
                black_box(check());
            }
            continue;
        }
        let (median, iterations) = median_of(check);
        #[allow(clippy::print_stdout)] // The report is the output.
        {
            println!("{name} {} {iterations}", median.as_nanos());
        }
    }
}

/// The median time of one call of `body`, over 31 samples of about 40 ms each.
fn median_of(mut body: impl FnMut() -> usize) -> (Duration, u32) {
    let start = Instant::now();
    let mut calibration = 0;
    while start.elapsed() < Duration::from_millis(40) {
        black_box(body());
        calibration += 1;
    }
    let iterations = calibration.max(1);
    let mut samples: Vec<Duration> = (0..31)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                black_box(body());
            }
            start.elapsed() / iterations
        })
        .collect();
    samples.sort();
    (samples[samples.len() / 2], iterations)
}
