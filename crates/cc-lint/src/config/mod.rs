//! Configuration files: `cc-lint.toml`, or a `[tool.cc-lint]` table in
//! `pyproject.toml`.
//!
//! - `file`: reading and checking one file (every problem with its line);
//!   `problems` collects those and reads typed values, `section` reads a
//!   `[[files]]` entry.
//! - `glob`: the globs of `exclude`, `[[files]]` and `--exclude`.
//! - `discover`: which file applies in a directory (the nearest, `--config`,
//!   or none under `--isolated`).
//! - `resolve`: the settings in force for one file, flags over the file.
//! - `show`: `cc-lint config [PATH]`.

mod discover;
mod file;
mod glob;
mod problems;
mod resolve;
mod section;
mod show;

pub(crate) use discover::Configs;
pub(crate) use glob::Pattern;
pub(crate) use resolve::{Flags, Named, Origin, Profile, excluded, profile, sections};
pub(crate) use show::render as show;
