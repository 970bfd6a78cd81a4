//! Linting many inputs on worker threads, with the reports handed over in
//! input order.
//!
//! Workers take chunks of consecutive inputs, in order. A worker that finishes
//! a chunk hands over, itself, every report that is then due: its own chunk's
//! if all earlier chunks are handed over, and any later chunks already done.
//! No thread exists only to print: on a machine with as many cores as jobs,
//! such a thread would take turns with the workers, and each turn costs more
//! than printing a chunk.
//!
//! Memory stays bounded: reports done but waiting for an earlier chunk are
//! counted (roughly, in bytes), and past [`WAITING_BYTES`] no worker starts a
//! chunk other than the one due next. Under it, the workers keep going behind
//! a slow file, as far as the output they pile up allows.

use crate::input::{Input, Target};
use crate::lint::{self, FileReport, Settings};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Consecutive inputs a worker lints before handing their reports over:
/// enough to make handing over rare, few enough for the workers to finish
/// together.
const CHUNK: usize = 16;

/// How much output (reports, roughly in bytes) may wait for a slow chunk
/// before the workers wait for it too.
const WAITING_BYTES: usize = 16 << 20;

/// The reports between the workers and the sink, behind one lock.
#[derive(Default)]
struct Queue {
    /// The first chunk not handed over yet.
    next: usize,
    /// Chunks done and not handed over yet (those after `next` wait for it).
    done: BTreeMap<usize, Vec<Option<FileReport>>>,
    /// The size of the reports in `done`.
    waiting_bytes: usize,
    /// Whether a worker is handing reports over (outside the lock): the
    /// others then leave theirs in `done`.
    handing: bool,
}

impl Queue {
    /// Puts the reports of `chunk` in place.
    fn put(&mut self, chunk: usize, reports: Vec<Option<FileReport>>) {
        self.waiting_bytes += weight(&reports);
        self.done.insert(chunk, reports);
    }

    /// Takes the chunks now due, in order, into `due`.
    fn take_due(&mut self, due: &mut Vec<(usize, Vec<Option<FileReport>>)>) {
        while let Some(reports) = self.done.remove(&self.next) {
            self.waiting_bytes = self.waiting_bytes.saturating_sub(weight(&reports));
            due.push((self.next, reports));
            self.next += 1;
        }
    }

    /// Whether a worker must wait before starting `chunk`.
    fn full(&self, chunk: usize) -> bool {
        chunk > self.next && self.waiting_bytes > WAITING_BYTES
    }
}

/// Where reports go, and what goes with it.
struct Sink<S> {
    /// Takes each report in turn.
    take: S,
    /// Reports of standard input, linted before the workers start, by input
    /// index.
    stdin: BTreeMap<usize, FileReport>,
    /// The first failure of `sink`; nothing is handed over after it.
    result: Result<()>,
}

impl<S: FnMut(FileReport) -> Result<()>> Sink<S> {
    /// Hands over the reports of `chunk`, those of standard input in place.
    fn hand_over(&mut self, chunk: usize, reports: Vec<Option<FileReport>>) {
        for (offset, report) in reports.into_iter().enumerate() {
            let report = report.or_else(|| self.stdin.remove(&(chunk * CHUNK + offset)));
            if let Some(report) = report
                && self.result.is_ok()
            {
                self.result = (self.take)(report);
            }
        }
    }
}

/// Roughly how many bytes `reports` hold.
fn weight(reports: &[Option<FileReport>]) -> usize {
    reports.iter().flatten().map(FileReport::weight).sum()
}

/// Lints every input, `jobs` files at a time, and hands each report to `sink`
/// in input order, as soon as the reports before it are handed over: the output
/// does not depend on `jobs`, and only the reports waiting for an earlier file
/// are held. Stops linting when `sink` fails.
pub(crate) fn lint_all(
    inputs: &[Target],
    settings: &[Settings<'_>],
    jobs: usize,
    mut sink: impl FnMut(FileReport) -> Result<()> + Send,
) -> Result<()> {
    if jobs <= 1 || inputs.len() <= 1 {
        for input in inputs {
            sink(lint::lint(input, settings))?;
        }
        return Ok(());
    }
    // Standard input is read here, first, so that a repeated `-` reads the
    // same way whatever the number of jobs; its reports wait their turn.
    let stdin: BTreeMap<usize, FileReport> = inputs
        .iter()
        .enumerate()
        .filter(|(_, input)| input.input == Input::Stdin)
        .map(|(index, input)| (index, lint::lint(input, settings)))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|index| format!("cc-lint-{index}"))
        .build()
        .context("starting worker threads")?;
    let queue = Mutex::new(Queue::default());
    // Locked only by the worker handing over (see `Queue::handing`).
    let sink = Mutex::new(Sink {
        take: sink,
        stdin,
        result: Ok(()),
    });
    let room = Condvar::new();
    let stop = AtomicBool::new(false);
    let next_chunk = AtomicUsize::new(0);
    let lock = || queue.lock().unwrap_or_else(PoisonError::into_inner);
    // Puts a chunk's reports in place and hands over what is due, as long as
    // anything is, unless another worker is at it: that one then hands these
    // reports over too.
    let finish = |chunk: usize, reports: Vec<Option<FileReport>>| {
        let mut due = Vec::new();
        let mut state = lock();
        state.put(chunk, reports);
        if state.handing {
            return;
        }
        loop {
            state.take_due(&mut due);
            state.handing = !due.is_empty();
            drop(state);
            if due.is_empty() {
                return;
            }
            // `next` moved: a worker waiting for room may start.
            room.notify_all();
            let mut guard = sink.lock().unwrap_or_else(PoisonError::into_inner);
            for (chunk, reports) in due.drain(..) {
                guard.hand_over(chunk, reports);
            }
            let failed = guard.result.is_err();
            drop(guard);
            state = lock();
            if failed && !stop.swap(true, Ordering::Relaxed) {
                // Wakes the workers waiting for room, to stop.
                room.notify_all();
            }
        }
    };
    pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let (stop, next_chunk, room, lock, finish) =
                (&stop, &next_chunk, &room, &lock, &finish);
            scope.spawn(move |_| {
                loop {
                    let chunk = next_chunk.fetch_add(1, Ordering::Relaxed);
                    let Some(inputs) = inputs.chunks(CHUNK).nth(chunk) else {
                        return;
                    };
                    let mut state = lock();
                    while state.full(chunk) && !stop.load(Ordering::Relaxed) {
                        state = room.wait(state).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(state);
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let reports = inputs
                        .iter()
                        .map(|input| {
                            (input.input != Input::Stdin).then(|| lint::lint(input, settings))
                        })
                        .collect();
                    finish(chunk, reports);
                }
            });
        }
    });
    sink.into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(paths: &[&str]) -> Vec<Option<FileReport>> {
        paths
            .iter()
            .map(|path| {
                Some(FileReport::failed(
                    (*path).to_owned(),
                    None,
                    "x".repeat(100),
                ))
            })
            .collect()
    }

    fn paths(due: &[(usize, Vec<Option<FileReport>>)]) -> Vec<(usize, String)> {
        due.iter()
            .flat_map(|(chunk, reports)| {
                reports
                    .iter()
                    .flatten()
                    .map(move |report| (*chunk, report.path.clone()))
            })
            .collect()
    }

    #[test]
    fn chunks_are_due_in_order_and_their_size_is_counted_while_they_wait() {
        let mut queue = Queue::default();
        let mut due = Vec::new();
        queue.put(2, chunk(&["e"]));
        queue.put(1, chunk(&["c", "d"]));
        queue.take_due(&mut due);
        assert!(due.is_empty(), "chunk 0 is not done");
        let waiting = queue.waiting_bytes;
        assert!(waiting >= 3 * 100, "{waiting}");
        queue.put(0, chunk(&["a", "b"]));
        queue.take_due(&mut due);
        assert_eq!(
            paths(&due),
            [(0, "a"), (0, "b"), (1, "c"), (1, "d"), (2, "e")]
                .map(|(chunk, path)| (chunk, path.to_owned()))
        );
        assert_eq!((queue.next, queue.waiting_bytes), (3, 0));
    }

    #[test]
    fn only_the_chunk_due_next_may_start_once_too_much_waits() {
        let mut queue = Queue::default();
        assert!(!queue.full(5));
        // A slow chunk 0; the chunks after it pile up.
        let big = vec![Some(FileReport::failed(
            "big".to_owned(),
            None,
            "x".repeat(WAITING_BYTES),
        ))];
        queue.put(1, big);
        assert!(queue.full(2), "too much waits");
        assert!(!queue.full(0), "the chunk due next always starts");
        let mut due = Vec::new();
        queue.put(0, chunk(&["a"]));
        queue.take_due(&mut due);
        assert!(!queue.full(2), "room again once handed over");
    }
}
