//! Project automation. `cargo xtask schema` writes `schemas/`; `cargo xtask schema
//! --check` fails, naming the stale file, when `schemas/` differs from what the
//! code generates. CI runs the check; only this task writes the files.

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::ExitCode;

mod bench;
mod bench_server;
#[cfg(feature = "docs")]
mod docs;
mod schema;
mod test;
mod world_schema;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["schema"] => schemas(schema::Mode::Write),
        ["schema", "--check"] => schemas(schema::Mode::Check),
        #[cfg(feature = "docs")]
        ["docs", flags @ ..] => docs::run(&project_root()?, docs::mode(flags)?),
        ["bench-corpus", flags @ ..] => bench::run(&project_root()?, flags),
        ["bench-server", flags @ ..] => bench_server::run(&project_root()?, flags),
        ["test", flags @ ..] => test::run(&project_root()?, flags),
        ["--help" | "-h"] | [] => {
            eprintln!("usage: cargo xtask schema [--check]");
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown arguments {other:?}; usage: cargo xtask schema [--check]"),
    }
}

/// The endpoint schemas, then cc-server's world schema.
fn schemas(mode: schema::Mode) -> Result<ExitCode> {
    let root = project_root()?;
    let endpoints = schema::run(&root, mode)?;
    if world_schema::run(&root, mode)? {
        Ok(endpoints)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

/// The workspace root, from this crate's manifest directory.
fn project_root() -> Result<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(PathBuf::from)
        .context("xtask manifest directory has no parent")
}
