//! `cc-lint`: lints BlueKing CMDB process payloads before they reach the server.
//!
//! Exit status: 0 no errors, 1 errors found (or warnings under
//! `--deny-warnings`), 2 usage or I/O problem. A bad input never stops the
//! others from being linted.

mod cli;
mod columns;
mod config;
mod diff;
mod explain;
mod fix;
mod input;
mod limits;
mod lint;
mod lsp;
mod output;
mod parallel;
mod paths;
mod plan;
mod template_cmd;
mod walk;
mod write;

use anyhow::{Context, Result};
use cc_validate::{Endpoint, Overrides, PayloadKind, Rule};
use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command, Kind, ReportFormat};
use input::Input;
use plan::Setup;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Parsed through `ArgMatches` to keep the order of `--allow`/`--warn`/`--deny`.
    let parsed = Cli::command().try_get_matches().and_then(|matches| {
        // `cc-lint config` takes the lint flags after its name.
        let flags = matches.subcommand_matches("config").unwrap_or(&matches);
        Ok((Cli::from_arg_matches(&matches)?, cli::overrides(flags)))
    });
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
        Some(Command::Config(args)) => show_config(&args, overrides),
        Some(Command::Lsp) => lsp::run(),
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

/// `cc-lint config [PATH]`.
fn show_config(args: &cli::LintArgs, overrides: &Overrides) -> Result<u8> {
    if args.paths.len() > 1 {
        anyhow::bail!("cc-lint config takes one PATH (see cc-lint config --help)");
    }
    if args.format != cli::Format::Human {
        anyhow::bail!("cc-lint config prints text only: --format is for linting");
    }
    let mut setup = Setup::new(args, overrides)?;
    let path = args
        .paths
        .first()
        .map_or_else(|| PathBuf::from("."), Clone::clone);
    let path = paths::absolute(&setup.cwd, &path);
    print(&config::show(&mut setup.configs, &path, &setup.flags)?)
}

fn lint_paths(args: &cli::LintArgs, overrides: &Overrides) -> Result<u8> {
    if args.paths.is_empty() {
        anyhow::bail!("no input: give files, directories, or - for stdin (see --help)");
    }
    let setup = Setup::new(args, overrides)?;
    let forced = setup.flags.endpoint;
    let jobs = jobs(args.jobs)?;
    let (targets, profiles, list_errors) = plan::plan(setup, args)?;
    let settings: Vec<lint::Settings<'_>> = profiles
        .iter()
        .map(|profile| lint::Settings {
            forced: profile.endpoint.0,
            overrides: &profile.overrides,
            options: cc_validate::CheckOptions {
                template: profile.template.as_ref().map(|named| &*named.value),
                host: profile.host.as_ref().map(|named| &*named.value),
                raw: profile.raw.0,
            },
            max_file_size: args.max_file_size,
            keep_source: if fix::wanted(args) {
                lint::KeepSource::All
            } else if args.format == cli::Format::Human {
                lint::KeepSource::WithFindings
            } else {
                lint::KeepSource::None
            },
            deny_warnings: profile.deny_warnings.0,
            strict_detection: args.discovery.strict_detection,
        })
        .collect();
    // The levels SARIF reports for the run: those every input shares, else
    // only the flags'.
    let run_overrides = match profiles.split_first() {
        Some((first, rest))
            if rest
                .iter()
                .all(|profile| profile.overrides == first.overrides) =>
        {
            &first.overrides
        }
        _ => overrides,
    };
    if fix::wanted(args) {
        return fix::run(
            args,
            &settings,
            &targets,
            run_overrides,
            forced,
            list_errors,
        );
    }
    let inputs: Vec<Input> = targets.iter().map(|target| target.input.clone()).collect();
    let mut printer = output::Printer::new(
        args.format,
        args.quiet,
        run_overrides,
        list_errors.len() + targets.len(),
        write::Output::open(args.output.as_deref(), &inputs)?,
    )?;
    drop(inputs);
    for failure in list_errors {
        printer.report(lint::FileReport::failed(
            failure.path.display().to_string(),
            forced,
            format!("cannot read: {}", failure.error),
        ))?;
    }
    parallel::lint_all(&targets, &settings, jobs, |report| printer.report(report))?;
    Ok(printer.finish()?.exit_code())
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
