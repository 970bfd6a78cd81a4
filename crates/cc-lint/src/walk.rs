//! Expanding the command-line paths into inputs: files as given, directories
//! walked for `*.json` with the `ignore` crate (ripgrep's walker).
//!
//! A walk skips what `.gitignore`, `.ignore` and `.git/info/exclude` (and the
//! global git excludes file) ignore, hidden files and directories, and what an
//! `exclude` glob (of the configuration or `--exclude`) matches; `--no-ignore`
//! turns the first two off, never the globs. `.gitignore` files are honoured
//! outside git repositories too (`require_git(false)`): payloads are often
//! linted from an export or an archive of a repository, and a file a project
//! ignores should not start failing there. Symbolic links to files are
//! followed; symbolic links to directories are not, so a link loop cannot trap
//! the walk. A `*.json` entry that cannot be linted (a broken link, a FIFO) is
//! reported, never skipped in silence.

use crate::input::{Input, ListError, not_regular};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Whether the walk leaves out a file or directory (the `exclude` globs).
pub(crate) type Prune = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// An input, and whether a directory walk found it (rather than the command
/// line naming it).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// The input.
    pub(crate) input: Input,
    /// True when a directory walk found it.
    pub(crate) walked: bool,
}

/// Expands the command-line paths: directories become their `*.json` files,
/// recursively and in name order; files are taken as given, whatever their
/// name. `no_ignore` is `--no-ignore`.
pub(crate) fn collect(
    paths: &[PathBuf],
    no_ignore: bool,
    prune: &Prune,
) -> (Vec<Found>, Vec<ListError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push(Found {
                input: Input::Stdin,
                walked: false,
            });
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, no_ignore, prune, &mut found, &mut errors),
            Ok(meta) if meta.is_file() => found.push(Found {
                input: Input::File(path.clone()),
                walked: false,
            }),
            Ok(meta) => errors.push(ListError {
                path: path.clone(),
                error: not_regular(meta.file_type()),
            }),
            Err(error) => errors.push(ListError {
                path: path.clone(),
                error,
            }),
        }
    }
    (found, errors)
}

fn walk(
    dir: &Path,
    no_ignore: bool,
    prune: &Prune,
    found: &mut Vec<Found>,
    errors: &mut Vec<ListError>,
) {
    let prune = Arc::clone(prune);
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(!no_ignore)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(std::cmp::Ord::cmp)
        .filter_entry(move |entry| {
            // Only what the walk would take is looked up: directories and
            // `*.json` (others are dropped below anyway).
            let candidate = entry.file_type().is_some_and(|kind| kind.is_dir())
                || entry.path().extension().is_some_and(|ext| ext == "json");
            entry.depth() == 0 || !candidate || !prune(entry.path())
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                errors.push(list_error(error, dir));
                continue;
            }
        };
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if entry.depth() == 0 || file_type.is_dir() {
            continue;
        }
        let path = entry.into_path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        if file_type.is_file() {
            found.push(Found {
                input: Input::File(path),
                walked: true,
            });
        } else if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => found.push(Found {
                    input: Input::File(path),
                    walked: true,
                }),
                // A linked directory named `*.json`: not followed, like any other.
                Ok(meta) if meta.is_dir() => {}
                Ok(meta) => errors.push(ListError {
                    path,
                    error: not_regular(meta.file_type()),
                }),
                Err(error) => errors.push(ListError { path, error }),
            }
        } else {
            errors.push(ListError {
                path,
                error: not_regular(file_type),
            });
        }
    }
}

/// A walk error as the path it is about (else the walked directory) and an
/// I/O error.
fn list_error(error: ignore::Error, dir: &Path) -> ListError {
    let path = error_path(&error).unwrap_or(dir).to_path_buf();
    let text = error.to_string();
    let error = error
        .into_io_error()
        .unwrap_or_else(|| io::Error::other(text));
    ListError { path, error }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}
