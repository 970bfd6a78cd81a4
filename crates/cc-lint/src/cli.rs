//! The command line: flags, subcommands and their help.

use cc_validate::{Level, Overrides, Rule};
use clap::{ArgGroup, ArgMatches, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Lints BlueKing CMDB process payloads: what the server will reject, ignore or
/// alter, before you call it.
#[derive(Debug, Parser)]
#[command(
    name = "cc-lint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    #[command(flatten)]
    pub(crate) lint: LintArgs,
}

/// Flags of the default action: linting files.
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // Command-line switches.
pub(crate) struct LintArgs {
    /// Files, directories (searched recursively for *.json) or `-` for stdin.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// The endpoint every input is for; otherwise taken from the
    /// configuration's `[[files]]`, the file or directory name, then the content.
    #[arg(long, value_name = "NAME")]
    pub(crate) endpoint: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Drop a rule's findings (repeatable; `cc-lint explain --list` lists the rules).
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    pub(crate) allow: Vec<Rule>,
    /// Report a rule's findings as warnings (repeatable).
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    pub(crate) warn: Vec<Rule>,
    /// Report a rule's findings as errors (repeatable).
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    pub(crate) deny: Vec<Rule>,
    /// Make warnings fail the run (exit 1) too; they are still printed as warnings.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Write the report to FILE instead of stdout, atomically: it appears
    /// complete or not at all. FILE may not be one of the inputs.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Report inputs larger than SIZE as `file-too-large` without reading them
    /// (bytes, or with a K, M or G suffix: powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = crate::limits::DEFAULT_MAX_FILE_SIZE,
          value_parser = crate::limits::parse_size)]
    pub(crate) max_file_size: u64,
    /// Print only the findings: no summary line, no progress bar.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// How many files to lint at once [default: `CC_LINT_JOBS`, else the number
    /// of cores]. The output is the same, in the same order, whatever the number.
    #[arg(long, short, value_name = "N", value_parser = parse_jobs)]
    pub(crate) jobs: Option<usize>,
    /// A process template (a template spec, a `batch_create_proc_template` request
    /// with one process, or a `get_proc_template` response) to check
    /// `update_process_instance` payloads against.
    #[arg(long, value_name = "FILE")]
    pub(crate) template: Option<PathBuf>,
    /// The host the processes run on (`bk_host_innerip` and friends), to resolve
    /// bind types 3, 4, 7 and 8 of the template.
    #[arg(long, value_name = "FILE", requires = "template")]
    pub(crate) host: Option<PathBuf>,
    /// The `update_process_instance` payloads edit processes not created from a
    /// template: the server writes each entry whole, clearing every field it
    /// omits. Without `--raw` or `--template` the linter warns that the result
    /// depends on which it is.
    #[arg(long, conflicts_with = "template")]
    pub(crate) raw: bool,
    /// Apply the safe fixes: rewrite each file that has one (atomically; a
    /// file with nothing to fix is not written), then report what is left.
    /// Standard input: print the fixed document, and the report on stderr.
    #[arg(long)]
    pub(crate) fix: bool,
    /// With `--fix` or `--diff`: the unsafe fixes too (they change what the
    /// server stores; `cc-lint explain RULE` says which are).
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change and write nothing;
    /// exit 1 when there is something to fix, 0 when there is not.
    #[arg(long, conflicts_with_all = ["fix", "output"])]
    pub(crate) diff: bool,
    /// Configuration files and directory walks.
    #[command(flatten)]
    pub(crate) discovery: DiscoveryArgs,
}

/// Where settings come from and which files a directory walk takes.
#[derive(Debug, Args)]
pub(crate) struct DiscoveryArgs {
    /// Use this configuration file (a `cc-lint.toml`, or a `pyproject.toml`
    /// with a `[tool.cc-lint]` table) for every input, instead of the nearest
    /// one above each file.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub(crate) config: Option<PathBuf>,
    /// Read no configuration file: only flags and defaults.
    #[arg(long)]
    pub(crate) isolated: bool,
    /// Leave out files and directories matching GLOB (repeatable; relative to
    /// the working directory; added to the configuration's `exclude`).
    #[arg(long, value_name = "GLOB")]
    pub(crate) exclude: Vec<String>,
    /// Walk directories whole: do not read `.gitignore` and `.ignore` files,
    /// and enter hidden directories (`exclude` globs still apply).
    #[arg(long)]
    pub(crate) no_ignore: bool,
    /// A JSON file found in a directory walk that fits no endpoint is an
    /// error (exit 2) instead of being skipped.
    #[arg(long)]
    pub(crate) strict_detection: bool,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Compiler-style messages with the source line and a caret.
    Human,
    /// One JSON document (see the README for its shape).
    Json,
    /// GitHub Actions workflow commands (`::error file=..,line=..::message`).
    Github,
    /// A SARIF 2.1.0 log, for code-scanning tools.
    Sarif,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Explain what a rule checks, why, and show a failing and a passing example.
    #[command(group(ArgGroup::new("what").required(true).args(["rule", "list"])))]
    Explain {
        /// The rule id, e.g. `schema`.
        #[arg(value_name = "RULE")]
        rule: Option<String>,
        /// List every rule with its default severity and summary.
        #[arg(long)]
        list: bool,
    },
    /// Show what the server stores and what it ignores for each process of an
    /// `update_process_instance` payload, given the template it was created from.
    Preview {
        /// The process template.
        #[arg(long, value_name = "FILE")]
        template: PathBuf,
        /// The host, to resolve bind types 3, 4, 7 and 8.
        #[arg(long, value_name = "FILE")]
        host: Option<PathBuf>,
        /// The `update_process_instance` payload.
        #[arg(value_name = "UPDATE.json")]
        edit: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Show what applying a template to process instances changes.
    Sync {
        /// The process template.
        #[arg(long, value_name = "FILE")]
        template: PathBuf,
        /// The host, to resolve bind types 3, 4, 7 and 8.
        #[arg(long, value_name = "FILE")]
        host: Option<PathBuf>,
        /// A process instance, a list of them, or a response listing them.
        #[arg(value_name = "INSTANCE.json")]
        instance: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Show the process instance the server creates from a template on a host.
    Instantiate {
        /// The process template.
        #[arg(long, value_name = "FILE")]
        template: PathBuf,
        /// The host, to resolve bind types 3, 4, 7 and 8.
        #[arg(long, value_name = "FILE")]
        host: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Print the settings in force for PATH (default: the working directory)
    /// and where each came from: a configuration file and line, a flag, or
    /// the default. Takes the same flags as linting.
    Config(Box<LintArgs>),
    /// Run the language server: the Language Server Protocol on standard
    /// input and output, for editors (see docs/editors.md).
    Lsp,
    /// Print an endpoint's JSON Schema.
    #[command(group(ArgGroup::new("which").required(true).args(["endpoint", "list"])))]
    Schema {
        /// The endpoint, e.g. `update_process_instance`.
        endpoint: Option<String>,
        /// The request body's schema (default) or the response body's.
        #[arg(long, value_enum, default_value_t = Kind::Request, conflicts_with = "list")]
        kind: Kind,
        /// List every endpoint with the `$id` of its request and response schemas.
        #[arg(long)]
        list: bool,
    },
}

/// How `preview`, `sync` and `instantiate` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Readable lines.
    Human,
    /// One JSON document (see the README for its shape).
    Json,
}

/// Request or response, on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Kind {
    /// The request body.
    Request,
    /// The response body.
    Response,
}

/// A rule id, or an error naming it, suggesting the closest id and where the
/// list is.
pub(crate) fn parse_rule(id: &str) -> Result<Rule, String> {
    id.parse::<Rule>().map_err(|_| unknown_rule_message(id))
}

/// `unknown rule `x` (did you mean `y`?); `cc-lint explain --list` lists them`.
pub(crate) fn unknown_rule_message(id: &str) -> String {
    let closest = Rule::ALL
        .iter()
        .map(|rule| (strsim::jaro_winkler(id, rule.id()), rule.id()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, suggestion)) => format!(
            "unknown rule `{id}` (did you mean `{suggestion}`?); \
             `cc-lint explain --list` lists them"
        ),
        None => format!("unknown rule `{id}`; `cc-lint explain --list` lists them"),
    }
}

/// A number of jobs: a whole number, at least 1.
pub(crate) fn parse_jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) | Err(_) => Err("expected a whole number of at least 1".to_owned()),
        Ok(jobs) => Ok(jobs),
    }
}

/// The `--allow`, `--warn` and `--deny` flags, in command-line order so that a
/// later flag for the same rule wins.
pub(crate) fn overrides(matches: &ArgMatches) -> Overrides {
    let mut flags: Vec<(usize, Rule, Level)> = Vec::new();
    for (id, level) in [
        ("allow", Level::Allow),
        ("warn", Level::Warn),
        ("deny", Level::Deny),
    ] {
        if let (Some(indices), Some(rules)) = (matches.indices_of(id), matches.get_many::<Rule>(id))
        {
            flags.extend(
                indices
                    .zip(rules)
                    .map(|(index, rule)| (index, *rule, level)),
            );
        }
    }
    flags.sort_by_key(|(index, _, _)| *index);
    let mut overrides = Overrides::new();
    for (_, rule, level) in flags {
        overrides.set(rule, level);
    }
    overrides
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    fn parse(args: &[&str]) -> (Cli, ArgMatches) {
        let matches = Cli::command()
            .try_get_matches_from(args)
            .expect("valid arguments");
        let cli = Cli::from_arg_matches(&matches).expect("valid arguments");
        (cli, matches)
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_later_flag_for_the_same_rule_wins() {
        let (_, matches) = parse(&[
            "cc-lint",
            "--deny",
            "unknown-field",
            "--allow",
            "schema",
            "--allow",
            "unknown-field",
            "--warn",
            "schema",
            "x.json",
        ]);
        let overrides = overrides(&matches);
        assert_eq!(overrides.level(Rule::UnknownField), Some(Level::Allow));
        assert_eq!(overrides.level(Rule::Schema), Some(Level::Warn));
        assert_eq!(overrides.level(Rule::KeyCase), None);
    }

    #[test]
    fn schema_takes_an_endpoint_or_list() {
        let (cli, _) = parse(&["cc-lint", "schema", "--list"]);
        assert!(matches!(
            cli.command,
            Some(Command::Schema {
                endpoint: None,
                list: true,
                ..
            })
        ));
        let (cli, _) = parse(&[
            "cc-lint",
            "schema",
            "get_proc_template",
            "--kind",
            "response",
        ]);
        assert!(matches!(
            cli.command,
            Some(Command::Schema {
                endpoint: Some(_),
                kind: Kind::Response,
                list: false,
            })
        ));
        for args in [
            &["cc-lint", "schema"][..],
            &["cc-lint", "schema", "get_proc_template", "--list"],
            &["cc-lint", "schema", "--list", "--kind", "response"],
        ] {
            assert!(
                Cli::command().try_get_matches_from(args).is_err(),
                "{args:?}"
            );
        }
    }

    #[test]
    fn unknown_rules_suggest_the_closest_id() {
        assert_eq!(
            parse_rule("unknown-feild"),
            Err(
                "unknown rule `unknown-feild` (did you mean `unknown-field`?); \
                 `cc-lint explain --list` lists them"
                    .to_owned()
            )
        );
        assert_eq!(
            parse_rule("zzz"),
            Err("unknown rule `zzz`; `cc-lint explain --list` lists them".to_owned())
        );
        assert_eq!(parse_rule("schema"), Ok(Rule::Schema));
    }
}
