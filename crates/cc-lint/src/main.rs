//! `cc-lint`: lints BlueKing CMDB process payloads before they reach the server.
//!
//! Exit status: 0 no errors, 1 errors found, 2 usage or I/O problem. A bad input
//! never stops the others from being linted.

mod cli;
mod input;
mod lint;
mod output;

use anyhow::{Context, Result};
use cc_validate::{Endpoint, PayloadKind, Rule};
use clap::Parser;
use cli::{Cli, Command, Format, Kind};
use output::Summary;
use output::human::Style;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cc-lint: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Schema { endpoint, kind }) => schema(&endpoint, kind),
        None => lint_paths(&cli.lint),
    }
}

/// A reader that stopped reading (`cc-lint ... | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn parse_endpoint(name: &str) -> Result<Endpoint> {
    name.parse::<Endpoint>().map_err(anyhow::Error::from)
}

fn lint_paths(args: &cli::LintArgs) -> Result<u8> {
    if args.paths.is_empty() {
        anyhow::bail!("no input: give files, directories, or - for stdin (see --help)");
    }
    let forced = args.endpoint.as_deref().map(parse_endpoint).transpose()?;
    let (inputs, list_errors) = input::collect(&args.paths);
    let mut reports: Vec<lint::FileReport> = list_errors
        .into_iter()
        .map(|failure| lint::FileReport {
            path: failure.path.display().to_string(),
            endpoint: forced,
            kind: None,
            diagnostics: Vec::new(),
            source: None,
            failure: Some(format!("cannot read: {}", failure.error)),
        })
        .collect();
    reports.extend(inputs.iter().map(|input| lint::lint(input, forced)));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Human => {
            let style = Style::new(use_color(stdout.is_terminal()));
            let failures = output::human::render_failures(
                &reports,
                Style::new(use_color(std::io::stderr().is_terminal())),
            );
            eprint!("{failures}");
            out.write_all(output::human::render(&reports, style).as_bytes())
                .context("writing output")?;
        }
        Format::Json => {
            let document = output::json::render(&reports);
            serde_json::to_writer_pretty(&mut out, &document).context("writing output")?;
            writeln!(out).context("writing output")?;
        }
    }
    out.flush().context("writing output")?;
    Ok(Summary::of(&reports).exit_code())
}

/// Colour only on a terminal, and never when `NO_COLOR` is set.
fn use_color(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

fn explain(id: &str) -> Result<u8> {
    let rule: Rule = id.parse()?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} ({})", rule.id(), rule.default_severity())?;
    writeln!(out, "{}", rule.summary())?;
    Ok(0)
}

fn schema(endpoint: &str, kind: Kind) -> Result<u8> {
    let endpoint = parse_endpoint(endpoint)?;
    let kind = match kind {
        Kind::Request => PayloadKind::Request,
        Kind::Response => PayloadKind::Response,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(cc_validate::schema_text(endpoint, kind).as_bytes())?;
    Ok(0)
}
