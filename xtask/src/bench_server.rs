//! `cargo xtask bench-server [--requests N] [--stored N] [--only read|write|floor]`: builds the release
//! `cc-server` and its load generator (the `bench` example of cc-server), then
//! runs the generator against it on loopback. The figures go to standard
//! output; nothing is written to the tree. Not part of `cargo test`.

use anyhow::{Context, Result, ensure};
use std::path::Path;
use std::process::{Command, ExitCode};

/// Builds and runs the benchmark; `args` go to the load generator.
pub(crate) fn run(root: &Path, args: &[&str]) -> Result<ExitCode> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("building cc-server and its load generator (release)");
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "cc-server",
            "--bin",
            "cc-server",
            "--example",
            "bench",
        ])
        .status()
        .context("running cargo build")?;
    ensure!(status.success(), "cargo build failed");
    let release = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), std::path::PathBuf::from)
        .join("release");
    let status = Command::new(release.join("examples").join("bench"))
        .arg("--server")
        .arg(release.join("cc-server"))
        .args(args)
        .status()
        .context("running the load generator")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
