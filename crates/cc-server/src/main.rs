//! The `cc-server` binary: parses the command line, loads the world, opens the
//! database, says where it listens, serves until Ctrl-C or SIGTERM.

use cc_server::cli::Args;
use cc_server::{AppState, Location, StartError};
use clap::Parser;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    // Colour only on a terminal, and not under NO_COLOR.
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // The log lines are written by a thread of their own; `_flush` writes
    // what is left when `main` returns.
    let (lines, _flush) = match cc_server::log_writer::start(std::io::stderr()) {
        Ok(started) => started,
        Err(error) => {
            eprintln!("cc-server: cannot start the log's writer: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing_subscriber::fmt()
        .with_writer(lines)
        .with_ansi(colour)
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cc-server: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cc-server: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), StartError> {
    let world = args
        .world
        .as_deref()
        .map(cc_server::world::load)
        .transpose()?;
    let location = args.db.clone().map_or(Location::Memory, Location::File);
    let limits = args.limits().map_err(StartError::Limits)?;
    let (state, startup) = AppState::open(location, world.as_ref(), limits)?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|source| StartError::Bind {
            address: args.listen,
            source,
        })?;
    let address = listener.local_addr().map_err(StartError::Serve)?;
    eprintln!("cc-server: database {}", state.store().location());
    match (&args.world, startup.added) {
        (Some(path), Some(added)) => eprintln!(
            "cc-server: world {} added {} apps, {} businesses, {} hosts, {} service categories, {} service templates, {} modules",
            path.display(),
            added.apps,
            added.businesses,
            added.hosts,
            added.service_categories,
            added.service_templates,
            added.modules
        ),
        _ => eprintln!("cc-server: no world file"),
    }
    let held = startup.held;
    eprintln!(
        "cc-server: holding {} apps, {} businesses, {} hosts, {} service categories, {} service templates, {} modules",
        held.apps,
        held.businesses,
        held.hosts,
        held.service_categories,
        held.service_templates,
        held.modules
    );
    let scope = if address.ip().is_loopback() {
        "loopback only"
    } else {
        "reachable from other machines"
    };
    let shutdown = shutdown_signal();
    eprintln!("cc-server: listening on http://{address} ({scope})");
    eprintln!(
        "cc-server: limits: bodies up to {} bytes, {} connections, {} s for a request's head, {} s for its body",
        limits.max_body_size,
        limits.max_connections,
        limits.header_read_timeout.as_secs_f64(),
        limits.body_read_timeout.as_secs_f64()
    );
    cc_server::serve(listener, state, shutdown).await
}

/// Completes on Ctrl-C or SIGTERM. The handlers are installed when this is
/// called, not when the future is first polled: a signal that arrives right
/// after the "listening" line must stop the server gracefully, not kill it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let streams = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (interrupt, terminate) = streams;
            let wait = |stream: Option<tokio::signal::unix::Signal>| async move {
                match stream {
                    Some(mut stream) => {
                        stream.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {},
                () = wait(terminate) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        eprintln!("cc-server: stopping after the requests in flight");
    }
}
