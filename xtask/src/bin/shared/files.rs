//! What the reference passes of `cargo xtask bench-corpus` (`parse-only`,
//! `parse-validate`) share, so that they find, read and parse files exactly
//! alike: the command line, the file list, the worker pool and the parse.
// Included in each binary (`#[path]`); each uses part of it.
#![allow(dead_code)]

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The command line: `[--jobs N] [OPTION VALUE]... PATH...`.
pub(crate) struct Args {
    /// Worker threads (`--jobs`, default: the number of cores).
    pub(crate) jobs: usize,
    /// The paths given.
    pub(crate) paths: Vec<PathBuf>,
    /// The value of each option in `options`, when given.
    pub(crate) values: Vec<Option<String>>,
}

impl Args {
    /// Reads the process's arguments; `options` are the valued flags the
    /// binary takes besides `--jobs`, `usage` its usage line.
    pub(crate) fn read(options: &[&str], usage: &str) -> Result<Self> {
        let mut jobs = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let mut paths = Vec::new();
        let mut values = vec![None; options.len()];
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            if arg == "--jobs" {
                let value = args.next().context("--jobs needs a number")?;
                jobs = value
                    .parse()
                    .ok()
                    .filter(|jobs| *jobs > 0)
                    .with_context(|| format!("invalid --jobs `{value}`"))?;
            } else if let Some(index) = options.iter().position(|option| *option == arg) {
                values[index] = Some(
                    args.next()
                        .with_context(|| format!("{arg} needs a value"))?,
                );
            } else {
                paths.push(PathBuf::from(arg));
            }
        }
        if paths.is_empty() {
            bail!("{usage}");
        }
        Ok(Self {
            jobs,
            paths,
            values,
        })
    }

    /// The `*.json` files under the paths, as `cc-lint` lists them.
    pub(crate) fn files(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for path in &self.paths {
            if path.is_dir() {
                walk(path, &mut files).with_context(|| format!("listing {}", path.display()))?;
            } else {
                files.push(path.clone());
            }
        }
        Ok(files)
    }

    /// A pool of `jobs` worker threads.
    pub(crate) fn pool(&self) -> Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs)
            .build()
            .context("starting worker threads")
    }
}

/// Parses `bytes` as `cc-lint` does: checked for UTF-8 once, then
/// `serde_json::from_str` (which then need not check each string).
pub(crate) fn parse(bytes: &[u8]) -> Option<serde_json::Value> {
    let text = std::str::from_utf8(bytes).ok()?;
    serde_json::from_str(text).ok()
}

/// The `*.json` files under `dir`, recursively, in name order.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut children: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| Some((entry.path(), entry.file_type().ok()?)))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in children {
        if file_type.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    Ok(())
}
