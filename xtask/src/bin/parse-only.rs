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

use anyhow::{Context, Result};
use files::{Args, parse};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use std::io::Write;
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
    let args = Args::read(&[], "usage: parse-only [--jobs N] PATH...")?;
    let files = args.files()?;
    let (bytes, invalid) = args.pool()?.install(|| {
        files
            .par_iter()
            .map(|path| -> Result<(usize, usize)> {
                let bytes =
                    std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                let parsed = parse(&bytes);
                Ok((bytes.len(), usize::from(parsed.is_none())))
            })
            .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} files, {bytes} bytes, {invalid} not valid JSON",
        files.len()
    )?;
    Ok(())
}
