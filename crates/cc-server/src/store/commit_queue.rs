//! Group commit: the queue of writes in front of the writer connection.
//!
//! One thread owns the turn at the writer connection for queued writes. It
//! takes the first write waiting, opens an immediate transaction, and runs
//! that write and every write queued behind it (up to [`MAX_GROUP`]) in it,
//! each in its own savepoint: a write that succeeds is released into the
//! transaction, so the writes after it see what it did; a write that fails
//! (or panics) is rolled back to its savepoint, so it leaves nothing and the
//! others are unaffected. Then one commit, so one `fsync` for the group
//! (`synchronous=FULL`), and only after the commit has returned is any write
//! of the group answered. Every write's answer is therefore the one it would
//! get running alone after the writes queued before it, and a write answered
//! as a success is on disk when the answer leaves.
//!
//! If the commit fails, or the transaction cannot be trusted any more (a
//! savepoint that cannot be rolled back to, a transaction `SQLite` ended on
//! its own), the whole group is rolled back and every write of it that had
//! succeeded is answered with that error: nothing of the group is kept.

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

/// The most writes one transaction takes.
pub const MAX_GROUP: usize = 256;

/// The queue and the thread that commits what it holds.
#[derive(Debug)]
pub struct CommitQueue {
    /// `None` once the queue is closed (on drop).
    jobs: Option<mpsc::Sender<Box<dyn Job>>>,
    committer: Option<JoinHandle<()>>,
}

impl CommitQueue {
    /// Starts the committer thread for `writer`. The thread locks the
    /// connection for each group only, so the store may use it in between.
    pub fn start(writer: Arc<Mutex<Connection>>) -> std::io::Result<Self> {
        let (jobs, queued) = mpsc::channel();
        let committer = std::thread::Builder::new()
            .name("cc-server-commit".to_owned())
            .spawn(move || commit_groups(&writer, &queued))?;
        Ok(Self {
            jobs: Some(jobs),
            committer: Some(committer),
        })
    }

    /// Queues `work` and waits for its answer, given once the group it ran in
    /// has been committed (or has failed). `None` when there is no answer:
    /// the write panicked (it was rolled back to its savepoint) or the queue
    /// is closed (it never ran); nothing of it was kept either way.
    pub async fn write<T, E, W>(&self, work: W) -> Option<Result<T, E>>
    where
        T: Send + 'static,
        E: From<rusqlite::Error> + Send + 'static,
        W: FnOnce(&Transaction<'_>) -> Result<T, E> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Box::new(Queued {
            work: Some(work),
            result: None,
            reply,
        });
        self.jobs.as_ref()?.send(job).ok()?;
        answer.await.ok()
    }
}

impl Drop for CommitQueue {
    /// Closes the queue; the committer answers what it holds, then stops.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(committer) = self.committer.take() {
            // A panic of the committer itself has nothing left to answer.
            let _ = committer.join();
        }
    }
}

/// A queued write, whatever it returns.
trait Job: Send {
    /// Runs the write in `tx`, in its own savepoint. `Err` when the
    /// transaction cannot be trusted any more (the group must be rolled back).
    fn run(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()>;

    /// Answers the write once its group ended; `lost` is why the group was
    /// not committed, if it was not.
    fn answer(self: Box<Self>, lost: Option<&rusqlite::Error>);
}

/// A write, then its result until it is answered.
struct Queued<W, T, E> {
    work: Option<W>,
    /// `None` until it ran, and after a panic.
    result: Option<Result<T, E>>,
    reply: tokio::sync::oneshot::Sender<Result<T, E>>,
}

impl<W, T, E> Job for Queued<W, T, E>
where
    T: Send,
    E: From<rusqlite::Error> + Send,
    W: FnOnce(&Transaction<'_>) -> Result<T, E> + Send,
{
    fn run(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let Some(work) = self.work.take() else {
            return Ok(());
        };
        if let Err(error) = execute(tx, "SAVEPOINT queued_write") {
            self.result = Some(Err(E::from(error)));
            return Ok(());
        }
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| work(tx))).ok();
        let kept = matches!(result, Some(Ok(_)));
        self.result = result;
        if kept {
            if let Err(error) = execute(tx, "RELEASE queued_write") {
                self.result = Some(Err(E::from(copy(&error))));
                return Err(error);
            }
        } else {
            execute(tx, "ROLLBACK TO queued_write")?;
            execute(tx, "RELEASE queued_write")?;
        }
        if tx.is_autocommit() {
            return Err(failure("the transaction ended inside a write"));
        }
        Ok(())
    }

    fn answer(self: Box<Self>, lost: Option<&rusqlite::Error>) {
        let result = match (self.result, lost) {
            (Some(Ok(_)), Some(lost)) => Some(Err(E::from(copy(lost)))),
            (result, _) => result,
        };
        if let Some(result) = result {
            // The caller may have gone away (its connection closed).
            let _ = self.reply.send(result);
        }
    }
}

/// The committer: a group per turn until the queue is closed and empty.
fn commit_groups(writer: &Mutex<Connection>, queued: &mpsc::Receiver<Box<dyn Job>>) {
    while let Ok(first) = queued.recv() {
        let (group, lost) = commit_group(&mut super::lock(writer), first, queued);
        if let Some(error) = &lost {
            tracing::error!(%error, writes = group.len(), "a group of writes was rolled back");
        }
        for job in group {
            job.answer(lost.as_ref());
        }
    }
}

/// Runs `first` and the writes queued behind it in one transaction, and
/// commits it: the writes that ran, and why the group was lost if it was.
fn commit_group(
    connection: &mut Connection,
    first: Box<dyn Job>,
    queued: &mpsc::Receiver<Box<dyn Job>>,
) -> (Vec<Box<dyn Job>>, Option<rusqlite::Error>) {
    let tx = match connection.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(error) => return (vec![first], Some(error)),
    };
    let mut group = Vec::new();
    let mut next = Some(first);
    while let Some(mut job) = next.take() {
        let ran = job.run(&tx);
        group.push(job);
        if let Err(error) = ran {
            // Dropping the transaction rolls it back.
            return (group, Some(error));
        }
        if group.len() < MAX_GROUP {
            next = queued.try_recv().ok();
        }
    }
    let lost = tx.commit().err();
    (group, lost)
}

/// Runs one statement without parameters or rows (prepared once).
fn execute(tx: &Transaction<'_>, sql: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(sql)?.execute([]).map(drop)
}

/// An error of the commit queue's own, as `SQLite`'s generic error.
fn failure(message: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        Some(message.to_owned()),
    )
}

/// The same error again, for each write of a group that was lost.
fn copy(error: &rusqlite::Error) -> rusqlite::Error {
    match error {
        rusqlite::Error::SqliteFailure(code, message) => {
            rusqlite::Error::SqliteFailure(*code, message.clone())
        }
        other => failure(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly by design.

    use super::*;
    use tokio::sync::oneshot;

    type Answer = oneshot::Receiver<Result<i64, rusqlite::Error>>;

    /// A queued write and the receiver of its answer.
    fn queued(
        work: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<i64> + Send + 'static,
    ) -> (Box<dyn Job>, Answer) {
        let (reply, answer) = oneshot::channel();
        let job = Box::new(Queued {
            work: Some(work),
            result: None,
            reply,
        });
        (job, answer)
    }

    fn connection() -> Connection {
        let connection = Connection::open_in_memory().unwrap();
        connection
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL)")
            .unwrap();
        connection
    }

    fn insert(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<i64> {
        tx.execute("INSERT INTO t (id) VALUES (?1)", [id])?;
        tx.query_row("SELECT count(*) FROM t", [], |row| row.get(0))
    }

    fn ids(connection: &Connection) -> Vec<i64> {
        let mut statement = connection.prepare("SELECT id FROM t ORDER BY id").unwrap();
        let ids = statement.query_map([], |row| row.get(0)).unwrap();
        ids.collect::<Result<_, _>>().unwrap()
    }

    /// Runs `jobs` as the committer would when they were queued together.
    fn group(connection: &mut Connection, jobs: Vec<Box<dyn Job>>) -> (usize, bool) {
        let (queue, queued) = mpsc::channel();
        for job in jobs {
            queue.send(job).unwrap();
        }
        let first = queued.try_recv().unwrap();
        let (group, lost) = commit_group(connection, first, &queued);
        let size = group.len();
        for job in group {
            job.answer(lost.as_ref());
        }
        (size, lost.is_some())
    }

    #[test]
    fn writes_of_a_group_see_the_earlier_ones_and_a_refused_one_leaves_nothing() {
        let mut connection = connection();
        let (first, first_answer) = queued(|tx| insert(tx, 1));
        // Stores 2, then fails on 1: both undone, the others unaffected.
        let (refused, refused_answer) = queued(|tx| {
            insert(tx, 2)?;
            insert(tx, 1)
        });
        let (panics, panic_answer) = queued(|tx| {
            insert(tx, 3)?;
            panic!("a bug in a write");
        });
        let (fourth, fourth_answer) = queued(|tx| insert(tx, 4));
        let (size, lost) = group(&mut connection, vec![first, refused, panics, fourth]);
        assert_eq!((size, lost), (4, false));
        assert_eq!(first_answer.blocking_recv().unwrap().unwrap(), 1);
        assert!(refused_answer.blocking_recv().unwrap().is_err());
        assert!(
            panic_answer.blocking_recv().is_err(),
            "a panic has no answer"
        );
        // The last write saw the first and nothing of the two that failed.
        assert_eq!(fourth_answer.blocking_recv().unwrap().unwrap(), 2);
        assert_eq!(ids(&connection), [1, 4]);
        assert!(connection.is_autocommit(), "the group was committed");
    }

    #[test]
    fn a_group_whose_transaction_ends_inside_a_write_is_lost_whole() {
        let mut connection = connection();
        let (first, first_answer) = queued(|tx| insert(tx, 1));
        let (rogue, rogue_answer) = queued(|tx| {
            tx.execute_batch("ROLLBACK")?;
            Ok(0)
        });
        let (after, after_answer) = queued(|tx| insert(tx, 2));
        let (queue, queued_jobs) = mpsc::channel();
        for job in [first, rogue, after] {
            queue.send(job).unwrap();
        }
        let head = queued_jobs.try_recv().unwrap();
        let (group, lost) = commit_group(&mut connection, head, &queued_jobs);
        assert_eq!(group.len(), 2, "the group stops at the write that broke it");
        assert!(lost.is_some());
        for job in group {
            job.answer(lost.as_ref());
        }
        // The first write succeeded but its group was lost: answered an error.
        assert!(first_answer.blocking_recv().unwrap().is_err());
        assert!(rogue_answer.blocking_recv().unwrap().is_err());
        assert!(ids(&connection).is_empty());
        // The write left in the queue runs in the next group.
        let (group, lost) = commit_group(
            &mut connection,
            queued_jobs.try_recv().unwrap(),
            &queued_jobs,
        );
        assert!(lost.is_none());
        for job in group {
            job.answer(None);
        }
        assert_eq!(after_answer.blocking_recv().unwrap().unwrap(), 1);
        assert_eq!(ids(&connection), [2]);
    }

    #[test]
    fn a_group_takes_at_most_max_group_writes() {
        let mut connection = connection();
        let mut answers = Vec::new();
        let jobs = (0..=i64::try_from(MAX_GROUP).unwrap())
            .map(|id| {
                let (job, answer) = queued(move |tx| insert(tx, id));
                answers.push(answer);
                job
            })
            .collect();
        let (size, lost) = group(&mut connection, jobs);
        assert_eq!((size, lost), (MAX_GROUP, false));
        assert_eq!(ids(&connection).len(), MAX_GROUP);
    }

    #[test]
    fn a_panicking_write_has_no_answer_and_the_queue_goes_on() {
        let queue = CommitQueue::start(Arc::new(Mutex::new(connection()))).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let panicked = runtime.block_on(queue.write(|tx| -> rusqlite::Result<i64> {
            insert(tx, 1)?;
            panic!("a bug in a write");
        }));
        assert!(panicked.is_none());
        let next = runtime.block_on(queue.write(|tx| insert(tx, 2)));
        assert_eq!(next.unwrap().unwrap(), 1, "the panicked write left nothing");
    }

    #[test]
    fn queued_writes_from_many_tasks_are_all_answered_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queue.db");
        let writer = Connection::open(&path).unwrap();
        writer.pragma_update(None, "journal_mode", "WAL").unwrap();
        writer.pragma_update(None, "synchronous", "FULL").unwrap();
        writer
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL)")
            .unwrap();
        let queue = CommitQueue::start(Arc::new(Mutex::new(writer))).unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let queue = Arc::new(queue);
        let answers: Vec<Option<rusqlite::Result<i64>>> = runtime.block_on(async {
            let tasks: Vec<_> = (1..=200)
                .map(|id| {
                    let queue = Arc::clone(&queue);
                    tokio::spawn(async move { queue.write(move |tx| insert(tx, id)).await })
                })
                .collect();
            let mut answers = Vec::new();
            for task in tasks {
                answers.push(task.await.unwrap());
            }
            answers
        });
        // Each saw the writes committed or grouped before it, itself included.
        let mut counts: Vec<i64> = answers
            .into_iter()
            .map(|answer| answer.unwrap().unwrap())
            .collect();
        counts.sort_unstable();
        assert_eq!(counts, (1..=200).collect::<Vec<_>>());
        drop(queue);
        assert_eq!(
            ids(&Connection::open(&path).unwrap()),
            (1..=200).collect::<Vec<_>>()
        );
    }
}
