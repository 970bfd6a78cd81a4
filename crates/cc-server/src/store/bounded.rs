//! Reads bounded in time, for running on an async worker: a read that is not
//! done within its budget is interrupted by `SQLite` (its answer dropped, so
//! the caller runs it again where it may take as long as it needs), and one
//! that would wait for a lock gives up at once instead of waiting.
//!
//! The budget is the calling thread's: [`within`] sets it for the work it
//! runs, and the handlers [`install`] puts on a reader connection check it
//! every [`CHECK_EVERY`] virtual-machine steps. Without a budget (any other
//! read) the handlers change nothing: the progress handler never interrupts
//! and the busy handler waits up to [`BUSY_WAIT`], as `busy_timeout` did.

use rusqlite::Connection;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// How many `SQLite` virtual-machine steps run between two checks of the
/// deadline (each costs a clock read: a few nanoseconds per thousand steps).
pub const CHECK_EVERY: i32 = 1000;

/// How long an unbounded read waits for a lock before `SQLITE_BUSY`.
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

thread_local! {
    /// The deadline of the bounded read running on this thread, if any.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Whether that read was stopped (out of time, or a lock was busy).
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// Puts the progress and busy handlers on `connection` (a reader's).
pub fn install(connection: &mut Connection) -> rusqlite::Result<()> {
    connection.progress_handler(CHECK_EVERY, Some(out_of_time))?;
    connection.busy_handler(Some(busy))
}

/// Runs `work` on this thread with a budget of `budget`: `Some` of its
/// answer, or `None` when `SQLite` stopped it (the budget ran out, or a lock
/// was busy), whatever `work` made of the interruption.
pub fn within<T>(budget: Duration, work: impl FnOnce() -> T) -> Option<T> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DEADLINE.set(None);
        }
    }
    STOPPED.set(false);
    DEADLINE.set(Some(Instant::now() + budget));
    let reset = Reset;
    let answer = work();
    drop(reset);
    (!STOPPED.replace(false)).then_some(answer)
}

/// The progress handler: interrupts a bounded read past its deadline.
fn out_of_time() -> bool {
    match DEADLINE.get() {
        Some(deadline) if Instant::now() >= deadline => {
            STOPPED.set(true);
            true
        }
        _ => false,
    }
}

/// The busy handler: a bounded read does not wait (it is stopped); any other
/// waits a millisecond at a time, for up to [`BUSY_WAIT`].
fn busy(attempts: i32) -> bool {
    if DEADLINE.get().is_some() {
        STOPPED.set(true);
        return false;
    }
    let waited = Duration::from_millis(u64::try_from(attempts).unwrap_or(0));
    if waited >= BUSY_WAIT {
        return false;
    }
    std::thread::sleep(Duration::from_millis(1));
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly by design.

    use super::*;

    /// A connection with the handlers, and a query of `n` generated rows.
    fn counting(n: i64) -> (Connection, impl Fn(&Connection) -> rusqlite::Result<i64>) {
        let mut connection = Connection::open_in_memory().unwrap();
        install(&mut connection).unwrap();
        let count = move |connection: &Connection| {
            connection.query_row(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
                 SELECT count(*) FROM n",
                [n],
                |row| row.get(0),
            )
        };
        (connection, count)
    }

    #[test]
    fn a_short_read_within_its_budget_is_answered() {
        let (connection, count) = counting(100);
        let answer = within(Duration::from_secs(10), || count(&connection));
        assert_eq!(answer.map(Result::unwrap), Some(100));
    }

    #[test]
    fn a_read_past_its_budget_is_stopped_and_the_same_read_unbounded_is_answered() {
        let (connection, count) = counting(50_000_000);
        let started = Instant::now();
        let answer = within(Duration::from_millis(5), || count(&connection));
        assert!(answer.is_none(), "{answer:?}");
        // Stopped near its deadline, not after the whole count (seconds).
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
        let (connection, count) = counting(200_000);
        assert_eq!(count(&connection).unwrap(), 200_000);
        // The budget is gone after `within`: an unbounded read of this thread
        // is never interrupted.
        assert_eq!(DEADLINE.get(), None);
    }

    #[test]
    fn a_bounded_read_does_not_wait_for_a_lock_and_an_unbounded_one_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let holder = Connection::open(&path).unwrap();
        holder
            .execute_batch("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
            .unwrap();
        let mut reader = Connection::open(&path).unwrap();
        install(&mut reader).unwrap();
        let read = |reader: &Connection| {
            reader.query_row("SELECT count(*) FROM t", [], |row| row.get::<_, i64>(0))
        };
        let started = Instant::now();
        assert!(within(Duration::from_secs(10), || read(&reader)).is_none());
        assert!(started.elapsed() < Duration::from_secs(1));
        let released = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            holder.execute_batch("COMMIT").unwrap();
        });
        assert_eq!(read(&reader).unwrap(), 1);
        released.join().unwrap();
    }
}
