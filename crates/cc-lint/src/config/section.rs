//! One `[[files]]` entry of a configuration file: the files a glob matches,
//! and their endpoint, template and host (loaded here, relative to the
//! configuration file's directory, so that a missing or bad one is a problem
//! of the configuration, on its line).

use super::file::Set;
use super::glob::Pattern;
use super::problems::{Problems, expected, unknown_key};
use crate::paths;
use cc_model::{Host, ProcessTemplateSpec};
use cc_validate::Endpoint;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use toml::de::DeTable;

/// The keys of a `[[files]]` entry.
const FILE_KEYS: [&str; 4] = ["glob", "endpoint", "template", "host"];

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

/// One `[[files]]` entry; `None` when it has no usable `glob`.
pub(crate) fn file_section(
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
