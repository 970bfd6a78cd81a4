//! Paths as the configuration sees them: absolute and normalised without
//! touching the file system (so globs match the path as written, symbolic
//! links included), and shown relative to the working directory.

use std::path::{Component, Path, PathBuf};

/// The working directory, or `/` if it cannot be told.
pub(crate) fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
}

/// `path` made absolute against `base`, with `.` dropped and `..` applied
/// lexically.
pub(crate) fn absolute(base: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` as shown in messages: relative to `cwd` when it is below it (`.`
/// for `cwd` itself), else as it is.
pub(crate) fn shown(cwd: &Path, path: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
        Ok(relative) => relative.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_absolute_lexically() {
        let base = Path::new("/work/repo");
        assert_eq!(
            absolute(base, Path::new("./a/../b/c.json")),
            Path::new("/work/repo/b/c.json")
        );
        assert_eq!(absolute(base, Path::new("/x/./y")), Path::new("/x/y"));
        assert_eq!(shown(base, Path::new("/work/repo/b/c.json")), "b/c.json");
        assert_eq!(shown(base, base), ".");
        assert_eq!(
            shown(base, Path::new("/elsewhere/c.json")),
            "/elsewhere/c.json"
        );
    }
}
