//! `parse-only`: the reference pass of `cargo xtask bench-corpus`. It does the
//! part of linting nothing can skip, and nothing more: finds the `*.json` files
//! under the given paths as `cc-lint` does (recursively, in name order), reads
//! each one and parses it into a `serde_json::Value`, `--jobs N` files at a
//! time. It prints one line of totals.
//!
//! It parses as `cc-lint` does, the fastest way `serde_json` offers for bytes
//! in memory: the text checked for UTF-8 once, then `serde_json::from_str`
//! (which then need not check each string). `serde_json::from_slice` checks
//! each string as it goes and was 5-10% slower on the corpus: a floor built
//! on it would flatter the ratio.
//!
//! Usage: `parse-only [--jobs N] PATH...`

#[path = "shared/files.rs"]
mod files;

use anyhow::{Context, Result, bail};
use files::walk;
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("parse-only: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<()> {
    let mut jobs = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--jobs" {
            let value = args.next().context("--jobs needs a number")?;
            jobs = value
                .parse()
                .ok()
                .filter(|jobs| *jobs > 0)
                .with_context(|| format!("invalid --jobs `{value}`"))?;
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        bail!("usage: parse-only [--jobs N] PATH...");
    }
    let mut files = Vec::new();
    for path in &paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("starting worker threads")?;
    let (bytes, invalid) = pool
        .install(|| {
            files
                .par_iter()
                .map(|path| -> std::io::Result<(usize, usize)> {
                    let bytes = std::fs::read(path)?;
                    let parsed = std::str::from_utf8(&bytes)
                        .ok()
                        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok());
                    Ok((bytes.len(), usize::from(parsed.is_none())))
                })
                .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))
        })
        .context("reading the files")?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} files, {bytes} bytes, {invalid} not valid JSON",
        files.len()
    )?;
    Ok(())
}
