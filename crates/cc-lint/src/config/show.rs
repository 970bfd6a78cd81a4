//! `cc-lint config [PATH]`: the settings in force for a path, one a line, each
//! with where it came from (`FILE:LINE`, `flag --NAME`, or `default`).

use super::discover::Configs;
use super::resolve::{self, Flags, Origin};
use cc_validate::{Level, Rule, Severity};
use std::path::Path;

/// The report for `path` (absolute, normalised): a file, or a directory for
/// the files directly in it.
pub(crate) fn render(
    configs: &mut Configs,
    path: &Path,
    flags: &Flags<'_>,
) -> anyhow::Result<String> {
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(path)
    };
    let config = configs.for_dir(dir)?;
    let sections = config.map_or_else(Vec::new, |index| {
        resolve::sections(configs.get(index), path)
    });
    let profile = resolve::profile(configs, config, &sections, flags);
    let excluded = resolve::excluded(configs, config, path, &flags.exclude);

    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut row =
        |name: &str, value: String, origin: String| rows.push([name.to_owned(), value, origin]);
    let shown = crate::paths::shown(configs.cwd(), path);
    row(
        "config",
        profile.config.clone().unwrap_or_else(|| "none".to_owned()),
        configs.how_found().to_owned(),
    );
    row(
        "endpoint",
        profile.endpoint.0.map_or_else(
            || "told from the name or content".to_owned(),
            |endpoint| endpoint.name().to_owned(),
        ),
        profile.endpoint.1.to_string(),
    );
    let (template, origin) = named(profile.template.as_ref());
    row("template", template, origin);
    let (host, origin) = named(profile.host.as_ref());
    row("host", host, origin);
    row("raw", profile.raw.0.to_string(), profile.raw.1.to_string());
    row(
        "deny-warnings",
        profile.deny_warnings.0.to_string(),
        profile.deny_warnings.1.to_string(),
    );
    for pattern in flags.exclude.iter() {
        row("exclude", pattern.text.clone(), "flag --exclude".to_owned());
    }
    if let Some(index) = config {
        let file = configs.get(index);
        for pattern in &file.exclude {
            row(
                "exclude",
                pattern.value.text.clone(),
                Origin::File(crate::paths::shown(configs.cwd(), &file.path), pattern.line)
                    .to_string(),
            );
        }
    }
    row(
        "excluded",
        excluded.map_or_else(|| "no".to_owned(), |reason| format!("yes, {reason}")),
        String::new(),
    );
    for &rule in Rule::ALL {
        let (level, origin) = profile
            .levels
            .iter()
            .find(|(set, _, _)| *set == rule)
            .map_or_else(
                || {
                    (
                        severity(rule.default_severity()),
                        Origin::Default.to_string(),
                    )
                },
                |(_, level, origin)| (level_name(*level), origin.to_string()),
            );
        row(&format!("rule {rule}"), level.to_owned(), origin);
    }
    let cells: Vec<[&str; 3]> = rows
        .iter()
        .map(|[a, b, c]| [a.as_str(), b.as_str(), c.as_str()])
        .collect();
    let mut out = format!("settings for {shown}:\n");
    for line in crate::columns::aligned(&cells).lines() {
        out.push_str("  ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// A template or host setting: the path and where it was given, or none.
fn named<T>(named: Option<&resolve::Named<T>>) -> (String, String) {
    named.map_or_else(
        || ("none".to_owned(), Origin::Default.to_string()),
        |named| (named.shown.clone(), named.origin.to_string()),
    )
}

const fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

const fn level_name(level: Level) -> &'static str {
    match level {
        Level::Allow => "allow",
        Level::Warn => "warning",
        Level::Deny => "error",
    }
}
