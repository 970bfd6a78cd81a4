//! `cargo xtask schema [--check]`, second part: the world file schema of
//! cc-server, `schemas/server/world.json`, written or checked the same way as the
//! endpoint schemas (pretty JSON with a trailing newline; drift is a failure).

use crate::schema::{Mode, first_difference};
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;

/// The generated text of the world schema.
pub(crate) fn generate() -> Result<String> {
    let text = serde_json::to_string_pretty(&cc_server::world::schema())
        .context("serialising the world schema")?;
    Ok(format!("{text}\n"))
}

/// The problem with the committed file, if any.
pub(crate) fn problem(root: &Path, expected: &str) -> Option<String> {
    let file = cc_server::world::SCHEMA_FILE;
    match fs::read_to_string(root.join(file)) {
        Ok(found) if found.replace("\r\n", "\n") == expected => None,
        Ok(found) => Some(format!(
            "{file} is stale:\n{}",
            first_difference(&found, expected)
        )),
        Err(_) => Some(format!("{file} is missing")),
    }
}

/// Writes or checks the file; `Ok(false)` when the check found drift.
pub(crate) fn run(root: &Path, mode: Mode) -> Result<bool> {
    let expected = generate()?;
    let file = cc_server::world::SCHEMA_FILE;
    match (mode, problem(root, &expected)) {
        (_, None) => Ok(true),
        (Mode::Check, Some(problem)) => {
            eprintln!("{problem}");
            eprintln!("run `cargo xtask schema` to regenerate, then review `git diff {file}`");
            Ok(false)
        }
        (Mode::Write, Some(_)) => {
            let path = root.join(file);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            }
            fs::write(&path, expected).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {file}");
            Ok(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain `cargo test` catches drift of the committed world schema. Fix with
    /// `cargo xtask schema`.
    #[test]
    fn world_schema_up_to_date() {
        let root = crate::project_root().expect("project root");
        let expected = generate().expect("generate");
        assert_eq!(problem(&root, &expected), None, "run `cargo xtask schema`");
    }

    #[test]
    fn check_reports_a_changed_world_schema() {
        let dir = std::env::temp_dir().join(format!("cc-xtask-world-{}", std::process::id()));
        let expected = generate().expect("generate");
        assert!(problem(&dir, &expected).is_some_and(|p| p.ends_with("is missing")));
        run(&dir, Mode::Write).expect("write");
        assert_eq!(problem(&dir, &expected), None);
        let path = dir.join(cc_server::world::SCHEMA_FILE);
        fs::write(&path, expected.replace("\"apps\"", "\"appz\"")).expect("write");
        let found = problem(&dir, &expected);
        fs::remove_dir_all(&dir).expect("cleanup");
        assert!(found.is_some_and(|p| p.contains("is stale")));
    }
}
