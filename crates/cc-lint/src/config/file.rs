//! One configuration file, read and checked whole: `cc-lint.toml`, or the
//! `[tool.cc-lint]` table of a `pyproject.toml`.
//!
//! Every problem (bad TOML, an unknown key, a value of the wrong type, an
//! unknown rule or endpoint, a bad glob, a template or host that does not
//! exist or does not load) is collected, and all of them are reported at once,
//! in the order of the file, each as `FILE:LINE:COLUMN: KEY: what is wrong`.

use super::glob::Pattern;
use crate::paths;
use cc_model::{Host, ProcessTemplateSpec};
use cc_validate::{Endpoint, Level, Rule};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of the top-level table.
const KEYS: [&str; 6] = ["allow", "warn", "deny", "deny-warnings", "exclude", "files"];
/// The keys of a `[[files]]` entry.
const FILE_KEYS: [&str; 4] = ["glob", "endpoint", "template", "host"];

/// A value and the line it is set on.
#[derive(Debug, Clone)]
pub(crate) struct Set<T> {
    /// The value.
    pub(crate) value: T,
    /// The 1-based line of the value.
    pub(crate) line: usize,
}

/// A file named by `template` or `host`, loaded.
#[derive(Debug, Clone)]
pub(crate) struct Loaded<T> {
    /// The path as written (relative to the configuration's directory).
    pub(crate) written: String,
    /// The contents.
    pub(crate) value: Arc<T>,
}

/// One `[[files]]` entry.
#[derive(Debug)]
pub(crate) struct FileSection {
    /// Which files it is for.
    pub(crate) glob: Set<Pattern>,
    /// The endpoint of those files.
    pub(crate) endpoint: Option<Set<Endpoint>>,
    /// The template their `update_process_instance` edits are checked against.
    pub(crate) template: Option<Set<Loaded<ProcessTemplateSpec>>>,
    /// The host that resolves the template's bind types.
    pub(crate) host: Option<Set<Loaded<Host>>>,
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

/// Problems found in one file: (byte offset, message).
struct Problems<'a> {
    text: &'a str,
    /// Prepended to every key in messages (`tool.cc-lint.` in `pyproject.toml`).
    prefix: &'static str,
    found: Vec<(usize, String)>,
}

impl Problems<'_> {
    fn add(&mut self, span: &Range<usize>, key: &str, message: impl std::fmt::Display) {
        self.found
            .push((span.start, format!("`{}{key}`: {message}", self.prefix)));
    }

    fn line(&self, span: &Range<usize>) -> usize {
        position(self.text, span.start).0
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[start..].chars().count() + 1)
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

/// The known key closest to `key`, if any is close.
fn suggestion(key: &str, known: &[&'static str]) -> Option<&'static str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `shown` is the key as messages name it; `key` as written.
fn unknown_key(
    problems: &mut Problems<'_>,
    span: &Range<usize>,
    shown: &str,
    key: &str,
    known: &[&'static str],
) {
    let message = match suggestion(key, known) {
        Some(close) => format!("unknown key (did you mean `{close}`?)"),
        None => format!(
            "unknown key; expected one of {}",
            known
                .iter()
                .map(|known| format!("`{known}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    problems.add(span, shown, message);
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

/// The byte offset where 1-based `line` starts.
fn line_offset(text: &str, line: usize) -> usize {
    text.match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(at, _)| if line <= 1 { 0 } else { at + 1 })
}

const fn level_key(level: Level) -> &'static str {
    match level {
        Level::Allow => "allow",
        Level::Warn => "warn",
        Level::Deny => "deny",
    }
}

/// `expected WHAT, got a TYPE`.
fn expected(what: &str, value: &Spanned<DeValue<'_>>) -> String {
    format!("expected {what}, got {}", type_name(value.get_ref()))
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The strings of an array of strings, with their spans; anything else is a
/// problem.
fn strings(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    what: &str,
    problems: &mut Problems<'_>,
) -> Vec<(String, Range<usize>)> {
    let Some(items) = value.get_ref().as_array() else {
        problems.add(
            &value.span(),
            key,
            expected(&format!("an array of {what}"), value),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref().as_str() {
            Some(text) => out.push((text.to_owned(), item.span())),
            None => problems.add(&item.span(), key, expected("a string", item)),
        }
    }
    out
}

/// One `[[files]]` entry; `None` when it has no usable `glob`.
fn file_section(
    table: &DeTable<'_>,
    span: &Range<usize>,
    prefix: &str,
    dir: &Path,
    cwd: &Path,
    problems: &mut Problems<'_>,
) -> Option<FileSection> {
    let mut glob = None;
    let mut endpoint = None;
    let mut template = None;
    let mut host = None;
    let mut host_span = None;
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let full = format!("{prefix}.{name}");
        if !FILE_KEYS.contains(&name) {
            unknown_key(problems, &key.span(), &full, name, &FILE_KEYS);
            continue;
        }
        let Some(text) = value.get_ref().as_str() else {
            problems.add(&value.span(), &full, expected("a string", value));
            continue;
        };
        let line = problems.line(&value.span());
        match name {
            "glob" => match Pattern::new(text, dir) {
                Ok(pattern) => {
                    glob = Some(Set {
                        value: pattern,
                        line,
                    });
                }
                Err(message) => problems.add(&value.span(), &full, message),
            },
            "endpoint" => match text.parse::<Endpoint>() {
                Ok(parsed) => {
                    endpoint = Some(Set {
                        value: parsed,
                        line,
                    });
                }
                Err(error) => problems.add(&value.span(), &full, error),
            },
            "template" => match load(text, dir, cwd, crate::template_cmd::read_template) {
                Ok(loaded) => {
                    template = Some(Set {
                        value: loaded,
                        line,
                    });
                }
                Err(message) => problems.add(&value.span(), &full, message),
            },
            _ => {
                host_span = Some(value.span());
                match load(text, dir, cwd, crate::template_cmd::read_host) {
                    Ok(loaded) => {
                        host = Some(Set {
                            value: loaded,
                            line,
                        });
                    }
                    Err(message) => problems.add(&value.span(), &full, message),
                }
            }
        }
    }
    if let (Some(span), false) = (
        &host_span,
        table.iter().any(|(key, _)| key.get_ref() == "template"),
    ) {
        problems.add(
            span,
            &format!("{prefix}.host"),
            "a host resolves a template's bind types: give `template` in the same entry",
        );
    }
    if !table.iter().any(|(key, _)| key.get_ref() == "glob") {
        problems.add(
            span,
            prefix,
            "missing key `glob` (which files the entry is for)",
        );
    }
    Some(FileSection {
        glob: glob?,
        endpoint,
        template,
        host,
    })
}

/// Loads the file `written`, relative to `dir`, with `read`.
fn load<T>(
    written: &str,
    dir: &Path,
    cwd: &Path,
    read: impl Fn(&Path) -> anyhow::Result<T>,
) -> Result<Loaded<T>, String> {
    let path = paths::absolute(dir, Path::new(written));
    if !path.exists() {
        return Err(format!(
            "`{written}` does not exist (looked for {})",
            paths::shown(cwd, &path)
        ));
    }
    let value = read(&path).map_err(|error| format!("{error:#}"))?;
    Ok(Loaded {
        written: written.to_owned(),
        value: Arc::new(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 6), (2, 1));
        assert_eq!(position(text, 10), (2, 4));
        assert_eq!(line_offset(text, 1), 0);
        assert_eq!(line_offset(text, 2), 6);
    }

    #[test]
    fn misspelt_keys_get_a_suggestion() {
        assert_eq!(suggestion("exlude", &KEYS), Some("exclude"));
        assert_eq!(suggestion("deny_warnings", &KEYS), Some("deny-warnings"));
        assert_eq!(suggestion("tempalte", &FILE_KEYS), Some("template"));
        assert_eq!(suggestion("zzz", &KEYS), None);
    }
}
