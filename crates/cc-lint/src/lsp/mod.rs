//! `cc-lint lsp`: a language server on standard input and output.
//!
//! Every open JSON document whose endpoint can be told is checked as the
//! command line checks a file (the same detection, the same configuration
//! files), on open and on every change; its findings are published with the
//! rule id as the code and a link to the rule's documentation. Hover explains
//! fields and codes, completion offers field names and codes, and code actions
//! apply the findings' fixes.
//!
//! - `transport`: the framed JSON-RPC messages on the standard streams.
//! - `server`: the main loop and the state; `worker`: the checks' threads.
//! - `documents`: the open texts; `positions`: offsets and LSP positions.
//! - `diagnostics`: a check and its findings as LSP diagnostics.
//! - `actions`, `hover`, `completion`: the requests; `locate` and `schema`
//!   find what is under the cursor and what the schema says of it.

mod actions;
mod completion;
mod diagnostics;
mod documents;
mod hover;
mod locate;
mod positions;
mod schema;
mod server;
mod transport;
mod worker;

use server::{Event, Server};
use std::sync::mpsc;
use std::thread;

/// How many checks run at once.
const WORKERS: usize = 2;

/// Serves one client on standard input and output until it exits; the exit
/// status (0 after `shutdown` and `exit`, 1 when the client went away
/// without them).
pub(crate) fn run() -> anyhow::Result<u8> {
    let (events, incoming) = mpsc::channel::<Event>();
    let (out, outgoing) = mpsc::channel();
    let reader_events = events.clone();
    // The reader is not joined: it may be blocked on a read when the
    // session ends, and the process exit ends it.
    thread::Builder::new()
        .name("cc-lint-lsp-reader".to_owned())
        .spawn(move || {
            transport::read_loop(std::io::stdin().lock(), &reader_events, Event::Incoming);
        })?;
    let writer = thread::Builder::new()
        .name("cc-lint-lsp-writer".to_owned())
        .spawn(move || transport::write_loop(&outgoing, std::io::stdout().lock()))?;
    let pool = worker::Pool::start(WORKERS, &events, Event::Done);
    drop(events);
    let mut server = Server::new(out, pool)?;
    let code = server.run(&incoming);
    // Stops the workers and closes the writer's channel; the writer then
    // flushes what is left.
    drop(server);
    let _ = writer.join();
    Ok(code)
}
