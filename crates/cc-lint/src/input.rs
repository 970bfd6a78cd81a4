//! Finding the inputs: files, directories walked for `*.json`, and stdin.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The name shown in output.
    pub(crate) fn display(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Stdin => "<stdin>".to_owned(),
        }
    }

    /// The path used to detect the endpoint from names.
    pub(crate) fn path(&self) -> Option<&Path> {
        match self {
            Self::File(path) => Some(path),
            Self::Stdin => None,
        }
    }

    /// Reads the whole input.
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Self::File(path) => fs::read(path),
            Self::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
        }
    }
}

/// An input that could not be listed (a missing path, an unreadable directory).
#[derive(Debug)]
pub(crate) struct ListError {
    pub(crate) path: PathBuf,
    pub(crate) error: std::io::Error,
}

/// Expands the command-line paths: directories become their `*.json` files,
/// recursively and in name order; files are taken as given, whatever their name.
pub(crate) fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<ListError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(error) => errors.push(ListError {
                path: path.clone(),
                error,
            }),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<ListError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(ListError {
                path: dir.to_path_buf(),
                error,
            });
            return;
        }
    };
    let mut children: Vec<(PathBuf, fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| Some((entry.path(), entry.file_type().ok()?)))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in children {
        if file_type.is_dir() {
            walk(&path, inputs, errors);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            // Symlinked files are followed; symlinked directories are not.
            if file_type.is_file() || fs::metadata(&path).is_ok_and(|meta| meta.is_file()) {
                inputs.push(Input::File(path));
            }
        }
    }
}
