//! The log's writer: a request's line is appended to a buffer in memory and a
//! thread of its own writes what has gathered to the output, so a request
//! never waits for a `write` to standard error (one system call per line was
//! a sixth of a read's time: the pipe's reader woken on every line).
//!
//! Nothing is dropped: past [`MAX_BUFFERED`] bytes not yet written, a line
//! waits for the writer thread to catch up. Lines are written in the order
//! they were appended, within about [`GATHER`] (the lines of that moment in
//! one write), and all of them by the time the [`Flush`] guard is dropped
//! (when `main` returns).

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

/// How many bytes of lines may wait for the writer thread before a new line
/// waits for room.
pub const MAX_BUFFERED: usize = 1 << 20;

/// How long the writer thread lets lines gather once one has come: a line
/// reaches the output at most about this late (and the guard's drop writes
/// the rest at once).
pub const GATHER: std::time::Duration = std::time::Duration::from_millis(2);

/// What the lines are appended to, shared with the writer thread.
#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    /// Signalled when there is something to write (or the log is closing).
    filled: Condvar,
    /// Signalled when the writer thread took the buffer.
    drained: Condvar,
}

#[derive(Debug, Default)]
struct State {
    buffer: Vec<u8>,
    /// Whether the writer thread waits on `filled` (so a line must wake it).
    idle: bool,
    /// How many lines wait on `drained` for room.
    waiting: usize,
    closing: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A `tracing_subscriber` writer appending each line to the buffer (cloned
/// for every event).
#[derive(Debug, Clone)]
pub struct Lines {
    shared: Arc<Shared>,
}

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let shared = &*self.shared;
        let mut state = shared.lock();
        while state.buffer.len() >= MAX_BUFFERED && !state.closing {
            state.waiting += 1;
            state = shared
                .drained
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
        state.buffer.extend_from_slice(bytes);
        if state.idle {
            state.idle = false;
            shared.filled.notify_one();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Lines {
    type Writer = Self;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Writes every line still buffered, then ends the writer thread, when
/// dropped.
#[derive(Debug)]
pub struct Flush {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Flush {
    fn drop(&mut self) {
        self.shared.lock().closing = true;
        self.shared.filled.notify_one();
        if let Some(thread) = self.thread.take() {
            // A writer thread that panicked has nothing left to write.
            let _ = thread.join();
        }
    }
}

/// Starts the writer thread writing to `output`: the lines' writer, and the
/// guard that writes what is left when dropped. An error when the thread
/// cannot be started.
pub fn start<W: Write + Send + 'static>(mut output: W) -> std::io::Result<(Lines, Flush)> {
    let shared = Arc::new(Shared::default());
    let thread = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("cc-server-log".to_owned())
            .spawn(move || {
                let mut taken = Vec::new();
                loop {
                    let gather = {
                        let mut state = shared.lock();
                        while state.buffer.is_empty() && !state.closing {
                            state.idle = true;
                            state = shared
                                .filled
                                .wait(state)
                                .unwrap_or_else(PoisonError::into_inner);
                        }
                        state.idle = false;
                        !state.closing
                    };
                    // Let the lines of the next moment join this one's: one
                    // wake-up and one write for all of them.
                    if gather {
                        std::thread::sleep(GATHER);
                    }
                    let closing = {
                        let mut state = shared.lock();
                        std::mem::swap(&mut state.buffer, &mut taken);
                        if state.waiting > 0 {
                            shared.drained.notify_all();
                        }
                        state.closing
                    };
                    // Nowhere to report a failed write of the log itself.
                    let _ = output.write_all(&taken).and_then(|()| output.flush());
                    taken.clear();
                    if closing && shared.lock().buffer.is_empty() {
                        return;
                    }
                }
            })?
    };
    Ok((
        Lines {
            shared: Arc::clone(&shared),
        },
        Flush {
            shared,
            thread: Some(thread),
        },
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly by design.

    use super::*;

    /// An output recording each write it was given.
    #[derive(Clone, Default)]
    struct Recorded(Arc<Mutex<Vec<Vec<u8>>>>);

    impl Write for Recorded {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().push(bytes.to_vec());
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_of_every_thread_is_written_whole_in_its_threads_order() {
        let output = Recorded::default();
        let (lines, flush) = start(output.clone()).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|thread| {
                let mut lines = lines.clone();
                std::thread::spawn(move || {
                    for line in 0..5_000 {
                        lines
                            .write_all(format!("thread {thread} line {line}\n").as_bytes())
                            .unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        drop(flush);
        let written: Vec<u8> = output.0.lock().unwrap().concat();
        let text = String::from_utf8(written).unwrap();
        let mut next = [0_usize; 4];
        for line in text.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            assert_eq!(words.len(), 4, "{line:?}");
            let thread: usize = words[1].parse().unwrap();
            assert_eq!(words[3].parse::<usize>().unwrap(), next[thread], "{line}");
            next[thread] += 1;
        }
        assert_eq!(next, [5_000; 4]);
        // Gathered: far fewer writes than lines.
        assert!(output.0.lock().unwrap().len() < 20_000);
    }

    #[test]
    fn a_line_is_written_without_waiting_for_the_guard() {
        let output = Recorded::default();
        let (mut lines, _flush) = start(output.clone()).unwrap();
        lines.write_all(b"one\n").unwrap();
        let started = std::time::Instant::now();
        while output.0.lock().unwrap().concat() != b"one\n" {
            assert!(started.elapsed() < std::time::Duration::from_secs(10));
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    #[test]
    fn a_line_past_the_limit_waits_for_room_and_is_kept() {
        /// An output that takes a while for each write.
        struct Slow(Recorded);
        impl Write for Slow {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                std::thread::sleep(std::time::Duration::from_millis(20));
                self.0.write(bytes)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let output = Recorded::default();
        let (mut lines, flush) = start(Slow(output.clone())).unwrap();
        let line = vec![b'x'; MAX_BUFFERED / 2];
        for _ in 0..6 {
            lines.write_all(&line).unwrap();
        }
        drop(flush);
        let written = output.0.lock().unwrap().concat();
        assert_eq!(written.len(), 6 * line.len());
    }
}
