//! The checks run off the main loop, on a few worker threads, so that a slow
//! check never holds up messages or other documents.
//!
//! The queue holds at most one check per document: a newer version replaces
//! a check not yet started (it is cancelled before it costs anything), a
//! document is checked by one worker at a time (its next version waits for
//! the running check rather than taking a second worker), and the main loop
//! drops the result of a check that finished after its document changed
//! again. A running check is not interrupted: the library's checks have no
//! cancellation points, and a payload's check is short.

use super::diagnostics::{self, Checked};
use super::positions::LineIndex;
use crate::config::Profile;
use lsp_types::Uri;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;

/// One check to run.
pub(crate) struct Job {
    /// The document.
    pub(crate) uri: Uri,
    /// Its version.
    pub(crate) version: i32,
    /// Its text at that version.
    pub(crate) text: Arc<str>,
    /// Its line starts.
    pub(crate) index: LineIndex,
    /// Its file.
    pub(crate) path: Option<PathBuf>,
    /// The settings in force for it.
    pub(crate) profile: Profile,
}

/// A finished check.
pub(crate) struct Done {
    /// The document.
    pub(crate) uri: Uri,
    /// What the check found.
    pub(crate) checked: Arc<Checked>,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    /// The documents being checked.
    running: Vec<Uri>,
    closed: bool,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

/// The worker threads and their queue.
pub(crate) struct Pool {
    shared: Shared,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Pool {
    /// Starts `count` workers that send each finished check to `done` as
    /// `wrap` makes it an event.
    pub(crate) fn start<T: Send + 'static>(
        count: usize,
        done: &Sender<T>,
        wrap: fn(Done) -> T,
    ) -> Self {
        let shared: Shared = Arc::default();
        let threads = (0..count.max(1))
            .filter_map(|number| {
                let (shared, done) = (Arc::clone(&shared), done.clone());
                thread::Builder::new()
                    .name(format!("cc-lint-check-{number}"))
                    .spawn(move || work(&shared, &done, wrap))
                    .ok()
            })
            .collect();
        Self { shared, threads }
    }

    /// Queues a check, replacing a queued check of the same document.
    pub(crate) fn submit(&self, job: Job) {
        let (queue, ready) = &*self.shared;
        let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
        match queue.jobs.iter_mut().find(|queued| queued.uri == job.uri) {
            Some(queued) => *queued = job,
            None => queue.jobs.push_back(job),
        }
        ready.notify_one();
    }

    /// Drops the queued check of `uri`, if any (the document was closed).
    pub(crate) fn cancel(&self, uri: &Uri) {
        let (queue, _) = &*self.shared;
        let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
        queue.jobs.retain(|queued| queued.uri != *uri);
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        {
            let (queue, ready) = &*self.shared;
            let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.closed = true;
            queue.jobs.clear();
            ready.notify_all();
        }
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

fn work<T>(shared: &Shared, done: &Sender<T>, wrap: fn(Done) -> T) {
    let (queue, ready) = &**shared;
    loop {
        let job = {
            let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if queue.closed {
                    return;
                }
                let free = queue
                    .jobs
                    .iter()
                    .position(|job| !queue.running.contains(&job.uri));
                if let Some(job) = free.and_then(|index| queue.jobs.remove(index)) {
                    queue.running.push(job.uri.clone());
                    break job;
                }
                queue = ready.wait(queue).unwrap_or_else(PoisonError::into_inner);
            }
        };
        // A check that panicked (a bug) reports nothing rather than taking
        // the server down.
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            diagnostics::check(
                &job.uri,
                job.version,
                &job.text,
                job.path.as_deref(),
                &job.profile,
                &job.index,
            )
        }))
        .unwrap_or_else(|_| Checked {
            version: job.version,
            endpoint: None,
            findings: Vec::new(),
            diagnostics: Vec::new(),
            note: Some("internal error: the check failed".to_owned()),
        });
        {
            let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.running.retain(|uri| *uri != job.uri);
            // Its next version may be waiting for this check.
            ready.notify_all();
        }
        let result = Done {
            uri: job.uri,
            checked: Arc::new(checked),
        };
        if done.send(wrap(result)).is_err() {
            return;
        }
    }
}
