//! The globs of `exclude`, `[[files]]` and `--exclude`, as ruff reads them: a
//! pattern without a `/` matches a file or directory of that name at any depth
//! (`package.json`, `node_modules`); one with a `/` is anchored at its base
//! directory, the configuration file's (or, for `--exclude`, the working
//! directory). `*` and `?` never match a `/`; `**` matches any number of
//! directories. A pattern also matches everything below a directory it
//! matches.

use globset::{GlobBuilder, GlobMatcher};
use std::path::{Path, PathBuf};

/// One compiled glob with its base directory.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// The pattern as written.
    pub(crate) text: String,
    matcher: GlobMatcher,
    /// True when the pattern has a `/`: it matches paths below `base` only.
    anchored: bool,
    base: PathBuf,
}

impl Pattern {
    /// Compiles `text` relative to `base` (an absolute, normalised directory).
    pub(crate) fn new(text: &str, base: &Path) -> Result<Self, String> {
        // `./x` and `/x` are anchored; a trailing `/` (a directory, as in
        // .gitignore) does not anchor.
        let trimmed = text.strip_prefix("./").unwrap_or(text);
        let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
        let anchored = text.starts_with("./") || trimmed.contains('/');
        let trimmed = trimmed.trim_start_matches('/');
        if trimmed.is_empty() {
            return Err(format!("expected a glob, got `{text}`"));
        }
        let pattern = if anchored {
            trimmed.to_owned()
        } else {
            format!("**/{trimmed}")
        };
        let glob = GlobBuilder::new(&pattern)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|error| format!("invalid glob `{text}`: {}", error.kind()))?;
        Ok(Self {
            text: text.to_owned(),
            matcher: glob.compile_matcher(),
            anchored,
            base: base.to_path_buf(),
        })
    }

    /// Whether `path` (absolute, normalised) or a directory it is in matches.
    pub(crate) fn matches(&self, path: &Path) -> bool {
        match path.strip_prefix(&self.base) {
            Ok(relative) => relative
                .ancestors()
                .filter(|prefix| !prefix.as_os_str().is_empty())
                .any(|prefix| self.matcher.is_match(prefix)),
            // Outside the base, only a name pattern can match, by name.
            Err(_) if !self.anchored => path
                .components()
                .any(|component| self.matcher.is_match(component.as_os_str())),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        Pattern::new(pattern, Path::new("/repo"))
            .unwrap_or_else(|error| panic!("{error}"))
            .matches(Path::new(path))
    }

    #[test]
    fn names_match_at_any_depth_and_paths_are_anchored() {
        assert!(matches("package.json", "/repo/package.json"));
        assert!(matches("package.json", "/repo/a/b/package.json"));
        assert!(matches("package.json", "/elsewhere/package.json"));
        assert!(matches("node_modules", "/repo/web/node_modules/x/y.json"));
        assert!(matches("templates/*.json", "/repo/templates/web.json"));
        assert!(!matches("templates/*.json", "/repo/templates/old/web.json"));
        assert!(!matches("templates/*.json", "/repo/x/templates/web.json"));
        assert!(!matches(
            "templates/*.json",
            "/elsewhere/templates/web.json"
        ));
        assert!(matches("instances/**/*.json", "/repo/instances/a/b/c.json"));
        assert!(matches("instances/**/*.json", "/repo/instances/c.json"));
        assert!(matches("vendor/", "/repo/vendor/a.json"));
        assert!(matches("./vendor", "/repo/vendor/a.json"));
        assert!(matches("/vendor", "/repo/vendor/a.json"));
        assert!(!matches("vendor/x", "/repo/a/vendor/x/a.json"));
        assert!(matches("vendor/", "/repo/a/vendor/b.json"));
        assert!(!matches("./vendor", "/repo/a/vendor/b.json"));
        assert!(!matches("/vendor", "/repo/a/vendor/b.json"));
    }

    #[test]
    fn bad_globs_are_refused() {
        let error = Pattern::new("a/[b", Path::new("/repo")).err();
        assert!(
            error
                .as_deref()
                .is_some_and(|error| error.starts_with("invalid glob `a/[b`: ")),
            "{error:?}"
        );
        assert!(Pattern::new("", Path::new("/repo")).is_err());
    }
}
