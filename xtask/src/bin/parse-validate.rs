//! `parse-validate`: the schema reference pass of `cargo xtask bench-corpus`.
//! It does what `parse-only` does (finds the `*.json` files under the given
//! paths, reads each one and parses it into a `serde_json::Value` the same
//! way, `--jobs N` files at a time), then validates each parsed file with the
//! raw `jsonschema` crate (the runtime validator, each schema compiled once, on first use, and
//! shared by the threads) against the schema `DIR` holds for the endpoint and
//! kind its name says (`NAME.ENDPOINT.KIND.json`); a file whose name says
//! neither is only parsed. It prints one line of totals.
//!
//! A binary of its own, so that `parse-only` stays exactly a parse.
//!
//! Usage: `parse-validate --schemas DIR [--jobs N] PATH...`

#[path = "shared/files.rs"]
mod files;

use anyhow::{Context, Result, bail};
use files::{Args, parse};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("parse-validate: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<()> {
    const USAGE: &str = "usage: parse-validate --schemas DIR [--jobs N] PATH...";
    let args = Args::read(&["--schemas"], USAGE)?;
    let Some(dir) = &args.values[0] else {
        bail!("{USAGE}");
    };
    let schemas = Schemas::read(Path::new(dir))?;
    let files = args.files()?;
    let (bytes, invalid, rejected) = args.pool()?.install(|| {
        files
            .par_iter()
            .map(|path| -> Result<(usize, usize, usize)> {
                let bytes =
                    std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                let Some(value) = parse(&bytes) else {
                    return Ok((bytes.len(), 1, 0));
                };
                let rejected = match schemas.for_file(path)? {
                    Some(validator) => usize::from(!validator.is_valid(&value)),
                    None => 0,
                };
                Ok((bytes.len(), 0, rejected))
            })
            .try_reduce(|| (0, 0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1, a.2 + b.2)))
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} files, {bytes} bytes, {invalid} not valid JSON, {rejected} rejected by their schema",
        files.len()
    )?;
    Ok(())
}

/// The schemas of a directory of `ENDPOINT.KIND.json` files, each compiled on
/// first use.
struct Schemas {
    /// `ENDPOINT.KIND` with the schema's text and its validator, once built.
    slots: HashMap<String, (String, OnceLock<Result<jsonschema::Validator, String>>)>,
}

impl Schemas {
    fn read(dir: &Path) -> Result<Self> {
        let mut slots = HashMap::new();
        for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            if let Some(stem) = name.strip_suffix(".json") {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                slots.insert(stem.to_owned(), (text, OnceLock::new()));
            }
        }
        Ok(Self { slots })
    }

    /// The validator for `path` (`NAME.ENDPOINT.KIND.json`), if its name says
    /// an endpoint and kind the directory has a schema for.
    fn for_file(&self, path: &Path) -> Result<Option<&jsonschema::Validator>> {
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            return Ok(None);
        };
        let parts: Vec<&str> = name.split('.').collect();
        let [.., endpoint, kind, "json"] = parts.as_slice() else {
            return Ok(None);
        };
        let Some((text, slot)) = self.slots.get(&format!("{endpoint}.{kind}")) else {
            return Ok(None);
        };
        let compiled = slot.get_or_init(|| {
            let schema: serde_json::Value =
                serde_json::from_str(text).map_err(|error| error.to_string())?;
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&schema)
                .map_err(|error| error.to_string())
        });
        match compiled {
            Ok(validator) => Ok(Some(validator)),
            Err(message) => bail!("the schema {endpoint}.{kind} does not compile: {message}"),
        }
    }
}
