//! Finding the files of a run, shared by the reference passes of
//! `cargo xtask bench-corpus` (`parse-only`, `parse-validate`) so that they
//! walk directories exactly alike.

use std::path::{Path, PathBuf};

/// The `*.json` files under `dir`, recursively, in name order.
pub(crate) fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
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
