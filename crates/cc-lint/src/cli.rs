//! The command line: flags, subcommands and their help.

use clap::{Args, Parser, Subcommand, ValueEnum};
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
pub(crate) struct LintArgs {
    /// Files, directories (searched recursively for *.json) or `-` for stdin.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// The endpoint every input is for; otherwise taken from the file or
    /// directory name, then from the content.
    #[arg(long, value_name = "NAME")]
    pub(crate) endpoint: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Compiler-style messages with the source line and a caret.
    Human,
    /// One JSON document (see the README for its shape).
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Explain what a rule checks.
    Explain {
        /// The rule id, e.g. `schema`.
        rule: String,
    },
    /// Print an endpoint's JSON Schema.
    Schema {
        /// The endpoint, e.g. `update_process_instance`.
        endpoint: String,
        /// The request body's schema (default) or the response body's.
        #[arg(long, value_enum, default_value_t = Kind::Request)]
        kind: Kind,
    },
}

/// Request or response, on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Kind {
    /// The request body.
    Request,
    /// The response body.
    Response,
}
