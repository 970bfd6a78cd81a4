//! `cargo xtask test`: the tests, all of them, set up from scratch: `cargo test
//! --workspace`, then the Python package's wheel built with maturin and
//! installed into a fresh virtual environment, where each pytest suite of
//! [`SUITES`] runs against it. Fails at the first step that fails, naming it.
//!
//! The suites get the binaries cargo built: `CC_LINT_RUST_BIN` (the cc-lint
//! binary the installed command is compared with) and `CC_SERVER_BIN` (the
//! cc-server binary the scenario suite starts), both under `<target>/debug/`.
//! `cargo test --workspace` builds them (cargo builds a package's binaries for
//! its integration tests); with `--python-only` they are built on their own.
//!
//! Everything lives under `<target>/python/` (`CARGO_TARGET_DIR` or `target/`):
//! `tools/` (a virtual environment with maturin, kept while
//! `requirements-build.txt` is unchanged), `wheelhouse/` (the pinned test
//! requirements as wheels, kept while `requirements-test.txt` is unchanged),
//! `dist/` (the wheel) and `test-env/` (made anew on every run).

use anyhow::{Context, Result, bail};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A pytest suite run against the installed wheel.
struct Suite {
    /// What the step is called in the output.
    name: &'static str,
    /// Its directory, from the workspace root.
    path: &'static str,
}

/// Every pytest suite: add a suite here (its requirements go in
/// `crates/cc-python/requirements-test.txt`, pinned exactly).
const SUITES: &[Suite] = &[
    Suite {
        name: "cc_lint (crates/cc-python)",
        path: "crates/cc-python/tests",
    },
    Suite {
        name: "cc-server through the official client (crates/cc-server/tests/python)",
        path: "crates/cc-server/tests/python",
    },
];

/// The binaries the suites run, by package: each suite gets their paths.
const BINARIES: &[&str] = &["cc-lint", "cc-server"];

/// The Python package.
const PACKAGE: &str = "crates/cc-python";
const BUILD_REQUIREMENTS: &str = "crates/cc-python/requirements-build.txt";
const TEST_REQUIREMENTS: &str = "crates/cc-python/requirements-test.txt";

/// Runs every step; `flags` may hold `--python-only` (instead of `cargo test`,
/// only the binaries the suites run are built).
pub(crate) fn run(root: &Path, flags: &[&str]) -> Result<ExitCode> {
    let python_only = match flags {
        [] => false,
        ["--python-only"] => true,
        other => bail!("unknown arguments {other:?}; usage: cargo xtask test [--python-only]"),
    };
    let target = target_dir(root);
    let work = target.join("python");
    let python = std::env::var_os("PYTHON").unwrap_or_else(|| OsString::from("python3"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    if python_only {
        // The binaries the suites run, which `cargo test` builds otherwise.
        step("the cc-lint and cc-server binaries (cargo build)", || {
            let mut build = Command::new(&cargo);
            build.arg("build");
            for binary in BINARIES {
                build.args(["--package", binary, "--bin", binary]);
            }
            run_command(build.current_dir(root))
        })?;
    } else {
        step("cargo test --workspace", || {
            run_command(
                Command::new(&cargo)
                    .args(["test", "--workspace"])
                    .current_dir(root),
            )
        })?;
    }
    let tools = work.join("tools");
    step("the build environment (maturin)", || {
        reuse_or_make(&python, &tools, &root.join(BUILD_REQUIREMENTS), |env| {
            pip(env, &["install", "-r"], &root.join(BUILD_REQUIREMENTS))
        })
    })?;
    let wheelhouse = work.join("wheelhouse");
    step("the test requirements", || {
        let requirements = root.join(TEST_REQUIREMENTS);
        if stamp_matches(&wheelhouse, &requirements)? {
            return Ok(());
        }
        remove(&wheelhouse)?;
        let mut wheel = pip_command(&tools);
        wheel.args(["wheel", "--quiet", "-w"]).arg(&wheelhouse);
        wheel.arg("-r").arg(&requirements);
        run_command(&mut wheel)?;
        write_stamp(&wheelhouse, &requirements)
    })?;
    let dist = work.join("dist");
    step("the wheel (pip wheel crates/cc-python, maturin)", || {
        remove(&dist)?;
        let mut build = pip_command(&tools);
        build
            .args(["wheel", "--no-deps", "--no-build-isolation", "-w"])
            .arg(&dist)
            .arg(root.join(PACKAGE))
            .env("PATH", with_path(&bin_dir(&tools))?);
        run_command(&mut build)
    })?;
    let wheel = only_wheel(&dist)?;
    let env = work.join("test-env");
    step("a fresh environment with the wheel", || {
        remove(&env)?;
        run_command(Command::new(&python).arg("-m").arg("venv").arg(&env))?;
        let mut install = pip_command(&env);
        install
            .args(["install", "--quiet", "--no-index", "--find-links"])
            .arg(&wheelhouse)
            .arg("-r")
            .arg(root.join(TEST_REQUIREMENTS))
            .arg(&wheel);
        run_command(&mut install)
    })?;
    let binary = |name: &str| {
        target
            .join("debug")
            .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
    };
    step("the binaries the suites run", || {
        for name in BINARIES {
            let path = binary(name);
            if !path.is_file() {
                bail!("{} was not built", path.display());
            }
        }
        Ok(())
    })?;
    for suite in SUITES {
        step(&format!("pytest: {}", suite.name), || {
            let mut pytest = Command::new(bin_dir(&env).join("python"));
            pytest
                .args(["-m", "pytest", "-p", "no:cacheprovider", "-q"])
                .arg(root.join(suite.path))
                // The installed package, never the source tree; the venv's
                // scripts (the cc-lint command) first on PATH.
                .env_remove("PYTHONPATH")
                .env("PATH", with_path(&bin_dir(&env))?)
                .env("CC_LINT_RUST_BIN", binary("cc-lint"))
                .env("CC_SERVER_BIN", binary("cc-server"))
                .current_dir(&work);
            run_command(&mut pytest)
        })?;
    }
    eprintln!("cargo xtask test: every step passed");
    Ok(ExitCode::SUCCESS)
}

/// Runs one step, announcing it, and names it if it fails.
fn step(name: &str, body: impl FnOnce() -> Result<()>) -> Result<()> {
    eprintln!("== cargo xtask test: {name}");
    body().with_context(|| format!("step failed: {name}"))
}

fn run_command(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} exited with {status}");
    }
    Ok(())
}

/// `CARGO_TARGET_DIR`, else the workspace's `target/`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |dir| root.join(dir))
}

fn bin_dir(env: &Path) -> PathBuf {
    env.join("bin")
}

fn pip_command(env: &Path) -> Command {
    let mut command = Command::new(bin_dir(env).join("python"));
    command.args(["-m", "pip", "--disable-pip-version-check"]);
    command
}

fn pip(env: &Path, args: &[&str], requirements: &Path) -> Result<()> {
    run_command(
        pip_command(env)
            .args(["--quiet"])
            .args(args)
            .arg(requirements),
    )
}

/// `PATH` with `dir` first.
fn with_path(dir: &Path) -> Result<OsString> {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&rest)))
        .context("PATH cannot hold the environment's directory")
}

/// Keeps the virtual environment `env` when it was made for these
/// `requirements`; otherwise makes it anew and runs `install` in it.
fn reuse_or_make(
    python: &OsString,
    env: &Path,
    requirements: &Path,
    install: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    if stamp_matches(env, requirements)? && bin_dir(env).join("python").exists() {
        return Ok(());
    }
    remove(env)?;
    run_command(Command::new(python).arg("-m").arg("venv").arg(env))?;
    install(env)?;
    write_stamp(env, requirements)
}

/// The stamp of `dir`: a copy of the requirements it was made from.
fn stamp(dir: &Path) -> PathBuf {
    dir.join("cc-requirements.txt")
}

fn stamp_matches(dir: &Path, requirements: &Path) -> Result<bool> {
    let wanted = fs::read(requirements)
        .with_context(|| format!("cannot read {}", requirements.display()))?;
    Ok(fs::read(stamp(dir)).is_ok_and(|made| made == wanted))
}

fn write_stamp(dir: &Path, requirements: &Path) -> Result<()> {
    fs::copy(requirements, stamp(dir))
        .map(|_| ())
        .with_context(|| format!("cannot write {}", stamp(dir).display()))
}

fn remove(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("cannot remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// The one wheel `dist` holds.
fn only_wheel(dist: &Path) -> Result<PathBuf> {
    let wheels: Vec<PathBuf> = fs::read_dir(dist)
        .with_context(|| format!("cannot read {}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "whl"))
        .collect();
    match wheels.as_slice() {
        [wheel] => Ok(wheel.clone()),
        _ => bail!("expected one wheel in {}, found {wheels:?}", dist.display()),
    }
}
