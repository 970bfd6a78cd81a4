//! One configuration file, read and checked whole: `cc-lint.toml`, or the
//! `[tool.cc-lint]` table of a `pyproject.toml`.
//!
//! Every problem (bad TOML, an unknown key, a value of the wrong type, an
//! unknown rule or endpoint, a bad glob, a template or host that does not
//! exist or does not load) is collected, and all of them are reported at once,
//! in the order of the file, each as `FILE:LINE:COLUMN: KEY: what is wrong`.

use super::glob::Pattern;
use super::problems::{Problems, expected, line_offset, position, strings, unknown_key};
use super::section::{FileSection, file_section};
use crate::paths;
use cc_validate::{Level, Rule};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of the top-level table.
const KEYS: [&str; 6] = ["allow", "warn", "deny", "deny-warnings", "exclude", "files"];
/// A value and the line it is set on.
#[derive(Debug, Clone)]
pub(crate) struct Set<T> {
    /// The value.
    pub(crate) value: T,
    /// The 1-based line of the value.
    pub(crate) line: usize,
}

/// A configuration file's settings.
#[derive(Debug)]
pub(crate) struct ConfigFile {
    /// The file (absolute).
    pub(crate) path: PathBuf,
    /// `allow`, `warn` and `deny`: every rule named, with its level.
    pub(crate) levels: Vec<Set<(Rule, Level)>>,
    /// `deny-warnings`.
    pub(crate) deny_warnings: Option<Set<bool>>,
    /// `exclude`.
    pub(crate) exclude: Vec<Set<Pattern>>,
    /// `[[files]]`, in the order of the file.
    pub(crate) files: Vec<FileSection>,
}

impl ConfigFile {
    /// Reads `path`: a `pyproject.toml` when so named (`Ok(None)` without a
    /// `[tool.cc-lint]` table), else a whole `cc-lint.toml`. `cwd` is for
    /// showing paths.
    pub(crate) fn load(path: &Path, cwd: &Path) -> anyhow::Result<Option<Self>> {
        let shown = paths::shown(cwd, path);
        let text = std::fs::read_to_string(path)
            .map_err(|error| anyhow::anyhow!("cannot read {shown}: {error}"))?;
        let pyproject = path
            .file_name()
            .is_some_and(|name| name == "pyproject.toml");
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let mut problems = Problems {
            text: &text,
            prefix: if pyproject { "tool.cc-lint." } else { "" },
            found: Vec::new(),
        };
        let config = match DeTable::parse(&text) {
            Ok(document) => {
                let table = if pyproject {
                    match tool_table(document.get_ref()) {
                        Some(Ok(table)) => Some(table),
                        Some(Err(span)) => {
                            problems.prefix = "";
                            problems.add(&span, "tool.cc-lint", "expected a table");
                            None
                        }
                        None => return Ok(None),
                    }
                } else {
                    Some(document.get_ref())
                };
                table.map(|table| parse(table, path, &dir, cwd, &mut problems))
            }
            Err(error) => {
                let message = error.message().trim_end().replace('\n', "; ");
                let offset = error.span().map_or(0, |span| span.start);
                problems
                    .found
                    .push((offset, format!("invalid TOML: {message}")));
                None
            }
        };
        if problems.found.is_empty() {
            return Ok(config);
        }
        problems.found.sort_by_key(|(offset, _)| *offset);
        let lines: Vec<String> = problems
            .found
            .iter()
            .map(|(offset, message)| {
                let (line, column) = position(&text, *offset);
                format!("{shown}:{line}:{column}: {message}")
            })
            .collect();
        anyhow::bail!("{}", lines.join("\n"))
    }
}

/// `[tool.cc-lint]` of a `pyproject.toml`: `None` when absent, the span of
/// the value when it is not a table.
fn tool_table<'a, 'i>(document: &'a DeTable<'i>) -> Option<Result<&'a DeTable<'i>, Range<usize>>> {
    let tool = entry(document, "tool")?;
    let tool = tool.get_ref().as_table()?;
    let table = entry(tool, "cc-lint")?;
    Some(table.get_ref().as_table().ok_or_else(|| table.span()))
}

fn entry<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(name, _)| name.get_ref().as_ref() == key)
        .map(|(_, value)| value)
}

fn parse(
    table: &DeTable<'_>,
    path: &Path,
    dir: &Path,
    cwd: &Path,
    problems: &mut Problems<'_>,
) -> ConfigFile {
    let mut config = ConfigFile {
        path: path.to_path_buf(),
        levels: Vec::new(),
        deny_warnings: None,
        exclude: Vec::new(),
        files: Vec::new(),
    };
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        match name {
            "allow" | "warn" | "deny" => {
                let level = match name {
                    "allow" => Level::Allow,
                    "warn" => Level::Warn,
                    _ => Level::Deny,
                };
                for (item, span) in strings(value, name, "rule ids", problems) {
                    match item.parse::<Rule>() {
                        Ok(rule) => config.levels.push(Set {
                            value: (rule, level),
                            line: problems.line(&span),
                        }),
                        Err(_) => {
                            problems.add(&span, name, crate::cli::unknown_rule_message(&item));
                        }
                    }
                }
            }
            "deny-warnings" => match value.get_ref().as_bool() {
                Some(deny) => {
                    config.deny_warnings = Some(Set {
                        value: deny,
                        line: problems.line(&value.span()),
                    });
                }
                None => problems.add(&value.span(), name, expected("a boolean", value)),
            },
            "exclude" => {
                for (item, span) in strings(value, name, "globs", problems) {
                    match Pattern::new(&item, dir) {
                        Ok(pattern) => config.exclude.push(Set {
                            value: pattern,
                            line: problems.line(&span),
                        }),
                        Err(message) => problems.add(&span, name, message),
                    }
                }
            }
            "files" => match value.get_ref().as_array() {
                Some(entries) => {
                    for (index, entry) in entries.iter().enumerate() {
                        let key = format!("files[{index}]");
                        match entry.get_ref().as_table() {
                            Some(table) => {
                                if let Some(section) =
                                    file_section(table, &entry.span(), &key, dir, cwd, problems)
                                {
                                    config.files.push(section);
                                }
                            }
                            None => problems.add(&entry.span(), &key, expected("a table", entry)),
                        }
                    }
                }
                None => problems.add(
                    &value.span(),
                    name,
                    expected("an array of tables (`[[files]]`)", value),
                ),
            },
            other => unknown_key(problems, &key.span(), other, other, &KEYS),
        }
    }
    conflicting_levels(&config, problems);
    config
}

/// A rule given two different levels in one file.
fn conflicting_levels(config: &ConfigFile, problems: &mut Problems<'_>) {
    for (index, later) in config.levels.iter().enumerate() {
        let (rule, level) = later.value;
        if let Some(earlier) = config.levels[..index]
            .iter()
            .find(|earlier| earlier.value.0 == rule && earlier.value.1 != level)
        {
            let line_start = line_offset(problems.text, later.line);
            problems.found.push((
                line_start,
                format!(
                    "`{}{}`: rule `{rule}` is also in `{}` on line {}; give each rule one level",
                    problems.prefix,
                    level_key(level),
                    level_key(earlier.value.1),
                    earlier.line
                ),
            ));
        }
    }
}

const fn level_key(level: Level) -> &'static str {
    match level {
        Level::Allow => "allow",
        Level::Warn => "warn",
        Level::Deny => "deny",
    }
}
