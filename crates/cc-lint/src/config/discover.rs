//! Which configuration file applies where: the nearest `cc-lint.toml`, or
//! `pyproject.toml` with a `[tool.cc-lint]` table, walking up from a file's
//! directory (as ruff does; `cc-lint.toml` first when a directory has both),
//! or the one `--config` names, or none under `--isolated`.
//!
//! Each directory is looked at once per run, and each file read once.

use super::file::ConfigFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How configuration files are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Walk up from each file.
    Discover,
    /// `--config FILE`: the one file for every input.
    Fixed,
    /// `--isolated`: none.
    Isolated,
}

/// The configuration files of a run, loaded as they are found.
#[derive(Debug)]
pub(crate) struct Configs {
    mode: Mode,
    cwd: PathBuf,
    files: Vec<ConfigFile>,
    /// Directory → the configuration that applies in it (an index of `files`).
    by_dir: HashMap<PathBuf, Option<usize>>,
}

impl Configs {
    /// The configuration for a run: `config` is `--config`, `isolated`
    /// `--isolated`; `cwd` the absolute working directory.
    pub(crate) fn new(config: Option<&Path>, isolated: bool, cwd: &Path) -> anyhow::Result<Self> {
        let mut configs = Self {
            mode: Mode::Discover,
            cwd: cwd.to_path_buf(),
            files: Vec::new(),
            by_dir: HashMap::new(),
        };
        if isolated {
            configs.mode = Mode::Isolated;
        } else if let Some(path) = config {
            let path = crate::paths::absolute(cwd, path);
            let shown = crate::paths::shown(cwd, &path);
            if !path.is_file() {
                anyhow::bail!("--config {shown}: no such file (or not a file)");
            }
            let file = ConfigFile::load(&path, cwd)?.ok_or_else(|| {
                anyhow::anyhow!("--config {shown}: it has no [tool.cc-lint] table")
            })?;
            configs.files.push(file);
            configs.mode = Mode::Fixed;
        }
        Ok(configs)
    }

    /// The configuration file with index `index`.
    pub(crate) fn get(&self, index: usize) -> &ConfigFile {
        &self.files[index]
    }

    /// How the configuration file of a path is chosen, for `cc-lint config`.
    pub(crate) const fn how_found(&self) -> &'static str {
        match self.mode {
            Mode::Discover => "the nearest above the path",
            Mode::Fixed => "flag --config",
            Mode::Isolated => "flag --isolated",
        }
    }

    /// The working directory the run started in.
    pub(crate) fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The index of the configuration that applies in `dir` (absolute,
    /// normalised), loading it on first use.
    pub(crate) fn for_dir(&mut self, dir: &Path) -> anyhow::Result<Option<usize>> {
        match self.mode {
            Mode::Isolated => return Ok(None),
            Mode::Fixed => return Ok(Some(0)),
            Mode::Discover => {}
        }
        let mut visited = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = self.by_dir.get(ancestor) {
                found = *known;
                break;
            }
            visited.push(ancestor.to_path_buf());
            if let Some(index) = self.load_in(ancestor)? {
                found = Some(index);
                break;
            }
        }
        for visited in visited {
            self.by_dir.insert(visited, found);
        }
        Ok(found)
    }

    /// The configuration file of `dir` itself, if it has one.
    fn load_in(&mut self, dir: &Path) -> anyhow::Result<Option<usize>> {
        for name in ["cc-lint.toml", "pyproject.toml"] {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            if name == "pyproject.toml" && !mentions_cc_lint(&path) {
                // Another tool's file: never parsed, so its problems are not ours.
                continue;
            }
            if let Some(file) = ConfigFile::load(&path, &self.cwd)? {
                self.files.push(file);
                return Ok(Some(self.files.len() - 1));
            }
        }
        Ok(None)
    }
}

/// Whether a `pyproject.toml` mentions `cc-lint` at all.
fn mentions_cc_lint(path: &PathBuf) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.windows(7).any(|window| window == b"cc-lint"))
}
