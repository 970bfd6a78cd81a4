//! `cc-lint`: lints BlueKing CMDB process payloads before they reach the server.
//!
//! Exit status: 0 no errors, 1 errors found (or warnings under
//! `--deny-warnings`), 2 usage or I/O problem. A bad input never stops the
//! others from being linted.

mod cli;
mod columns;
mod diff;
mod explain;
mod fix;
mod input;
mod limits;
mod lint;
mod output;
mod parallel;
mod template_cmd;
mod write;

use anyhow::{Context, Result};
use cc_validate::{Endpoint, Overrides, PayloadKind, Rule};
use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command, Kind, ReportFormat};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Parsed through `ArgMatches` to keep the order of `--allow`/`--warn`/`--deny`.
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|matches| Ok((Cli::from_arg_matches(&matches)?, cli::overrides(&matches))));
    let (cli, overrides) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli, &overrides) {
        Ok(code) => ExitCode::from(code),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cc-lint: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli, overrides: &Overrides) -> Result<u8> {
    match cli.command {
        Some(Command::Explain { rule, list }) => explain(rule.as_deref(), list),
        Some(Command::Schema {
            endpoint,
            kind,
            list,
        }) => schema(endpoint.as_deref(), kind, list),
        Some(Command::Preview {
            template,
            host,
            edit,
            format,
        }) => {
            let template = template_cmd::read_template(&template)?;
            let host = host.as_deref().map(template_cmd::read_host).transpose()?;
            let edits = template_cmd::processes(&template_cmd::read_json(&edit)?, &edit)?;
            print(&template_cmd::preview(
                &template,
                host.as_ref(),
                &edits,
                format == ReportFormat::Json,
            )?)
        }
        Some(Command::Sync {
            template,
            host,
            instance,
            format,
        }) => {
            let template = template_cmd::read_template(&template)?;
            let host = host.as_deref().map(template_cmd::read_host).transpose()?;
            let instances =
                template_cmd::processes(&template_cmd::read_json(&instance)?, &instance)?;
            print(&template_cmd::sync(
                &template,
                host.as_ref(),
                &instances,
                format == ReportFormat::Json,
            )?)
        }
        Some(Command::Instantiate {
            template,
            host,
            format,
        }) => {
            let template = template_cmd::read_template(&template)?;
            let host = host.as_deref().map(template_cmd::read_host).transpose()?;
            print(&template_cmd::instantiate(
                &template,
                host.as_ref(),
                format == ReportFormat::Json,
            )?)
        }
        None => lint_paths(&cli.lint, overrides),
    }
}

/// A reader that stopped reading (`cc-lint ... | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = cause.downcast_ref::<std::io::Error>().map_or_else(
            // serde_json wraps the writer's error in its own.
            || {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            },
            |io| Some(io.kind()),
        );
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes a subcommand's report to stdout.
fn print(text: &str) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).context("writing output")?;
    out.flush().context("writing output")?;
    Ok(0)
}

fn parse_endpoint(name: &str) -> Result<Endpoint> {
    name.parse::<Endpoint>().map_err(anyhow::Error::from)
}

fn lint_paths(args: &cli::LintArgs, overrides: &Overrides) -> Result<u8> {
    if args.paths.is_empty() {
        anyhow::bail!("no input: give files, directories, or - for stdin (see --help)");
    }
    let forced = args.endpoint.as_deref().map(parse_endpoint).transpose()?;
    let template = args
        .template
        .as_deref()
        .map(template_cmd::read_template)
        .transpose()?;
    let host = args
        .host
        .as_deref()
        .map(template_cmd::read_host)
        .transpose()?;
    let settings = lint::Settings {
        forced,
        overrides,
        options: cc_validate::CheckOptions {
            template: template.as_ref(),
            host: host.as_ref(),
            raw: args.raw,
        },
        max_file_size: args.max_file_size,
        keep_source: args.format == cli::Format::Human || fix::wanted(args),
        keep_all_source: fix::wanted(args),
    };
    let jobs = jobs(args.jobs)?;
    let (inputs, list_errors) = input::collect(&args.paths);
    if fix::wanted(args) {
        return fix::run(args, &settings, &inputs, list_errors);
    }
    let mut printer = output::Printer::new(
        args.format,
        args.quiet,
        overrides,
        list_errors.len() + inputs.len(),
        write::Output::open(args.output.as_deref(), &inputs)?,
    )?;
    for failure in list_errors {
        printer.report(lint::FileReport::failed(
            failure.path.display().to_string(),
            forced,
            format!("cannot read: {}", failure.error),
        ))?;
    }
    parallel::lint_all(&inputs, &settings, jobs, |report| printer.report(report))?;
    Ok(printer.finish()?.exit_code(args.deny_warnings))
}

/// How many files are linted at once: `--jobs`, else `CC_LINT_JOBS`, else the
/// number of cores.
fn jobs(flag: Option<usize>) -> Result<usize> {
    if let Some(jobs) = flag {
        return Ok(jobs);
    }
    if let Some(value) = std::env::var_os("CC_LINT_JOBS").filter(|value| !value.is_empty()) {
        let text = value.to_string_lossy();
        return cli::parse_jobs(&text)
            .map_err(|message| anyhow::anyhow!("invalid CC_LINT_JOBS `{text}`: {message}"));
    }
    Ok(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
}

fn explain(id: Option<&str>, list: bool) -> Result<u8> {
    let text = match id {
        // clap requires one of the two, and allows only one.
        _ if list => explain::render_list(),
        Some(id) => {
            let rule: Rule = cli::parse_rule(id).map_err(anyhow::Error::msg)?;
            explain::render(rule)
        }
        None => anyhow::bail!("give a rule id, or --list (see cc-lint explain --help)"),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn schema(endpoint: Option<&str>, kind: Kind, list: bool) -> Result<u8> {
    let endpoint = match endpoint {
        // clap requires one of the two, and allows only one.
        _ if list => return print(&schema_list()),
        Some(endpoint) => parse_endpoint(endpoint)?,
        None => anyhow::bail!("give an endpoint, or --list (see cc-lint schema --help)"),
    };
    let kind = match kind {
        Kind::Request => PayloadKind::Request,
        Kind::Response => PayloadKind::Response,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(cc_validate::schema_text(endpoint, kind).as_bytes())?;
    Ok(0)
}

/// `cc-lint schema --list`: one line per endpoint, its name then the `$id` of its
/// request and response schemas.
fn schema_list() -> String {
    let ids: Vec<[String; 2]> = Endpoint::ALL
        .iter()
        .map(|&endpoint| {
            [PayloadKind::Request, PayloadKind::Response]
                .map(|kind| cc_model::schema::schema_id(endpoint, kind))
        })
        .collect();
    let rows: Vec<[&str; 3]> = Endpoint::ALL
        .iter()
        .zip(&ids)
        .map(|(endpoint, [request, response])| {
            [endpoint.name(), request.as_str(), response.as_str()]
        })
        .collect();
    columns::aligned(&rows)
}
