//! The settings in force for one file: the command-line flags over the
//! `[[files]]` entries that match it (a later entry over an earlier one) over
//! the top level of its configuration file over the defaults, each with where
//! it came from.

use super::discover::Configs;
use super::file::ConfigFile;
use super::glob::Pattern;
use cc_model::{Host, ProcessTemplateSpec};
use cc_validate::{Endpoint, Level, Overrides, Rule};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Nothing set it.
    Default,
    /// A command-line flag.
    Flag(&'static str),
    /// A configuration file (as shown) and line.
    File(String, usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Default => f.write_str("default"),
            Self::Flag(flag) => write!(f, "flag {flag}"),
            Self::File(path, line) => write!(f, "{path}:{line}"),
        }
    }
}

/// A file given by `--template`/`--host` or a configuration: as shown, and
/// loaded.
#[derive(Debug, Clone)]
pub(crate) struct Named<T> {
    /// The path as written where it was given.
    pub(crate) shown: String,
    /// The contents.
    pub(crate) value: Arc<T>,
    /// Where it was given.
    pub(crate) origin: Origin,
}

/// The command-line flags that settings can come from.
#[derive(Debug)]
pub(crate) struct Flags<'a> {
    /// `--endpoint`.
    pub(crate) endpoint: Option<Endpoint>,
    /// `--template`.
    pub(crate) template: Option<Named<ProcessTemplateSpec>>,
    /// `--host`.
    pub(crate) host: Option<Named<Host>>,
    /// `--raw`.
    pub(crate) raw: bool,
    /// `--deny-warnings`.
    pub(crate) deny_warnings: bool,
    /// `--allow`, `--warn`, `--deny`.
    pub(crate) overrides: &'a Overrides,
    /// `--exclude`, relative to the working directory.
    pub(crate) exclude: Arc<[Pattern]>,
}

/// The settings in force for a file.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    /// The configuration file in force, as shown.
    pub(crate) config: Option<String>,
    /// The endpoint every file here is for, if set.
    pub(crate) endpoint: (Option<Endpoint>, Origin),
    /// The template edits are checked against.
    pub(crate) template: Option<Named<ProcessTemplateSpec>>,
    /// The host that resolves the template's bind types.
    pub(crate) host: Option<Named<Host>>,
    /// `--raw`.
    pub(crate) raw: (bool, Origin),
    /// Whether warnings fail the run.
    pub(crate) deny_warnings: (bool, Origin),
    /// Every rule whose level is set, with the level and where it was set.
    pub(crate) levels: Vec<(Rule, Level, Origin)>,
    /// The same levels, to apply.
    pub(crate) overrides: Overrides,
}

/// The `[[files]]` entries of `config` that match `path` (absolute,
/// normalised), in order.
pub(crate) fn sections(config: &ConfigFile, path: &Path) -> Vec<usize> {
    config
        .files
        .iter()
        .enumerate()
        .filter(|(_, section)| section.glob.value.matches(path))
        .map(|(index, _)| index)
        .collect()
}

/// Why `path` is excluded, if it is: the first `--exclude` or `exclude`
/// pattern that matches it.
pub(crate) fn excluded(
    configs: &Configs,
    config: Option<usize>,
    path: &Path,
    exclude: &[Pattern],
) -> Option<String> {
    if let Some(pattern) = exclude.iter().find(|pattern| pattern.matches(path)) {
        return Some(format!("excluded by --exclude `{}`", pattern.text));
    }
    let config = configs.get(config?);
    let pattern = config
        .exclude
        .iter()
        .find(|pattern| pattern.value.matches(path))?;
    Some(format!(
        "excluded by `{}` ({})",
        pattern.value.text,
        file_origin(configs, config, pattern.line)
    ))
}

fn file_origin(configs: &Configs, config: &ConfigFile, line: usize) -> Origin {
    Origin::File(crate::paths::shown(configs.cwd(), &config.path), line)
}

/// The settings for a file under configuration `config` matched by its
/// `[[files]]` entries `sections`.
pub(crate) fn profile(
    configs: &Configs,
    config: Option<usize>,
    sections: &[usize],
    flags: &Flags<'_>,
) -> Profile {
    let mut profile = Profile {
        config: None,
        endpoint: (None, Origin::Default),
        template: None,
        host: None,
        raw: (false, Origin::Default),
        deny_warnings: (false, Origin::Default),
        levels: Vec::new(),
        overrides: Overrides::new(),
    };
    let mut levels: Vec<(Rule, Level, Origin)> = Vec::new();
    if let Some(index) = config {
        let file = configs.get(index);
        profile.config = Some(crate::paths::shown(configs.cwd(), &file.path));
        let origin = |line| file_origin(configs, file, line);
        for set in &file.levels {
            levels.push((set.value.0, set.value.1, origin(set.line)));
        }
        if let Some(deny) = &file.deny_warnings {
            profile.deny_warnings = (deny.value, origin(deny.line));
        }
        for section in sections.iter().filter_map(|index| file.files.get(*index)) {
            if let Some(endpoint) = &section.endpoint {
                profile.endpoint = (Some(endpoint.value), origin(endpoint.line));
            }
            if let Some(template) = &section.template {
                profile.template = Some(Named {
                    shown: template.value.written.clone(),
                    value: Arc::clone(&template.value.value),
                    origin: origin(template.line),
                });
                // A host belongs with its entry's template.
                profile.host = section.host.as_ref().map(|host| Named {
                    shown: host.value.written.clone(),
                    value: Arc::clone(&host.value.value),
                    origin: origin(host.line),
                });
            }
        }
    }
    if let Some(endpoint) = flags.endpoint {
        profile.endpoint = (Some(endpoint), Origin::Flag("--endpoint"));
    }
    if let Some(template) = &flags.template {
        // `--host` comes only with `--template`, and goes with it.
        profile.template = Some(template.clone());
        profile.host.clone_from(&flags.host);
    }
    if flags.raw {
        // `--raw` says the edits are not of template-made processes.
        profile.raw = (true, Origin::Flag("--raw"));
        profile.template = None;
        profile.host = None;
    }
    if flags.deny_warnings {
        profile.deny_warnings = (true, Origin::Flag("--deny-warnings"));
    }
    for &rule in Rule::ALL {
        if let Some(level) = flags.overrides.level(rule) {
            let flag = match level {
                Level::Allow => "--allow",
                Level::Warn => "--warn",
                Level::Deny => "--deny",
            };
            levels.push((rule, level, Origin::Flag(flag)));
        }
    }
    for (rule, level, origin) in levels {
        profile.overrides.set(rule, level);
        profile.levels.retain(|(set, _, _)| *set != rule);
        profile.levels.push((rule, level, origin));
    }
    profile
        .levels
        .sort_by_key(|(rule, _, _)| Rule::ALL.iter().position(|known| known == rule));
    profile
}
