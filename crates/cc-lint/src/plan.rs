//! What a lint run is made of before anything is linted: the flags and the
//! configuration files (`Setup`), then the inputs, each with the index of its
//! settings (`plan`): one set of settings per distinct configuration file and
//! `[[files]]` match, so that files alike share one.

use crate::config::{self, Configs};
use crate::input::{Input, ListError, Target};
use crate::{cli, parse_endpoint, paths, template_cmd, walk};
use anyhow::Result;
use cc_validate::Overrides;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// What linting and `cc-lint config` share: the working directory, the
/// configuration files and the flags that override them.
pub(crate) struct Setup<'a> {
    /// The working directory, absolute.
    pub(crate) cwd: PathBuf,
    /// The configuration files, loaded as they are found.
    pub(crate) configs: Configs,
    /// The flags that override them.
    pub(crate) flags: config::Flags<'a>,
}

impl<'a> Setup<'a> {
    /// Reads the flags' files (`--template`, `--host`, `--config`).
    pub(crate) fn new(args: &cli::LintArgs, overrides: &'a Overrides) -> Result<Self> {
        let cwd = paths::current_dir();
        let endpoint = args.endpoint.as_deref().map(parse_endpoint).transpose()?;
        let template = match &args.template {
            Some(path) => Some(named(
                path,
                template_cmd::read_template(path)?,
                "--template",
            )),
            None => None,
        };
        let host = match &args.host {
            Some(path) => Some(named(path, template_cmd::read_host(path)?, "--host")),
            None => None,
        };
        let exclude = args
            .discovery
            .exclude
            .iter()
            .map(|text| {
                config::Pattern::new(text, &cwd)
                    .map_err(|message| anyhow::anyhow!("--exclude: {message}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let configs = Configs::new(
            args.discovery.config.as_deref(),
            args.discovery.isolated,
            &cwd,
        )?;
        Ok(Self {
            configs,
            flags: config::Flags {
                endpoint,
                template,
                host,
                raw: args.raw,
                deny_warnings: args.deny_warnings,
                overrides,
                exclude: exclude.into(),
            },
            cwd,
        })
    }
}

/// A `--template` or `--host` file, loaded.
fn named<T>(path: &Path, value: T, flag: &'static str) -> config::Named<T> {
    config::Named {
        shown: path.display().to_string(),
        value: Arc::new(value),
        origin: config::Origin::Flag(flag),
    }
}

/// The inputs of a run, each with the index of its settings, and the
/// settings (one per distinct configuration and `[[files]]` match).
pub(crate) fn plan(
    setup: Setup<'_>,
    args: &cli::LintArgs,
) -> Result<(Vec<Target>, Vec<config::Profile>, Vec<ListError>)> {
    let Setup {
        cwd,
        configs,
        flags,
    } = setup;
    let configs = Arc::new(Mutex::new(configs));
    // The first configuration file that failed to load during the walk.
    let failed: Arc<Mutex<Option<anyhow::Error>>> = Arc::default();
    let prune: walk::Prune = {
        let (configs, failed, cwd, exclude) = (
            Arc::clone(&configs),
            Arc::clone(&failed),
            cwd.clone(),
            Arc::clone(&flags.exclude),
        );
        Arc::new(move |path: &Path| {
            let path = paths::absolute(&cwd, path);
            let mut configs = configs.lock().unwrap_or_else(PoisonError::into_inner);
            match configs.for_dir(path.parent().unwrap_or(&path)) {
                Ok(config) => config::excluded(&configs, config, &path, &exclude).is_some(),
                Err(error) => {
                    failed
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .get_or_insert(error);
                    true
                }
            }
        })
    };
    let (found, list_errors) = walk::collect(&args.paths, args.discovery.no_ignore, &prune);
    drop(prune);
    if let Some(error) = failed.lock().unwrap_or_else(PoisonError::into_inner).take() {
        return Err(error);
    }
    let mut configs = configs.lock().unwrap_or_else(PoisonError::into_inner);
    let mut profiles: Vec<config::Profile> = Vec::new();
    let mut keys: HashMap<(Option<usize>, Vec<usize>), usize> = HashMap::new();
    let mut targets = Vec::with_capacity(found.len());
    for walk::Found { input, walked } in found {
        let (config, sections, excluded) = match &input {
            Input::Stdin => (configs.for_dir(&cwd)?, Vec::new(), None),
            Input::File(path) => {
                let path = paths::absolute(&cwd, path);
                let config = configs.for_dir(path.parent().unwrap_or(&path))?;
                let sections = config.map_or_else(Vec::new, |index| {
                    config::sections(configs.get(index), &path)
                });
                // A walk never yields what is excluded; a named file is noted.
                let excluded = (!walked)
                    .then(|| config::excluded(&configs, config, &path, &flags.exclude))
                    .flatten();
                (config, sections, excluded)
            }
        };
        let next = profiles.len();
        let profile = *keys.entry((config, sections.clone())).or_insert(next);
        if profile == next {
            profiles.push(config::profile(&configs, config, &sections, &flags));
        }
        targets.push(Target {
            input,
            walked,
            profile,
            excluded,
        });
    }
    Ok((targets, profiles, list_errors))
}
