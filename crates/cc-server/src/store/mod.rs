//! The `SQLite` store: one writer connection and, for a database file in WAL
//! mode, a pool of reader connections that never wait for the writer. An
//! in-memory database has only the writer connection.
//!
//! Write requests go through the [`commit_queue`]: each runs in its own
//! savepoint (so a batch is applied whole or not at all), the writes queued
//! together share one transaction and one `fsync`, and none is answered
//! before that commit returned.
//!
//! Stored processes and templates are cc-model values serialised to JSON text
//! columns; the ids and the fields that unique constraints cover have their own
//! indexed columns.

pub mod bounded;
pub mod commit_queue;
pub mod migrations;
pub mod proc_templates;
pub mod processes;
pub mod service_instances;

pub mod service_templates;
pub mod world;

use crate::http::ApiError;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In memory: gone when the server stops.
    Memory,
    /// A database file (WAL mode).
    File(PathBuf),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Memory => f.write_str("in memory (nothing is kept after the server stops)"),
            Self::File(path) => write!(f, "{} (SQLite, WAL mode)", path.display()),
        }
    }
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// `SQLite` could not open or set up the database.
    #[error("{location}: cannot open the database: {source}")]
    Sqlite {
        /// Which database.
        location: String,
        /// The `SQLite` error.
        source: rusqlite::Error,
    },
    /// The migrations failed.
    #[error("{location}: {source}")]
    Migration {
        /// Which database.
        location: String,
        /// What failed.
        source: migrations::MigrationError,
    },
    /// The commit queue's thread could not be started.
    #[error("{location}: cannot start the commit queue: {source}")]
    CommitQueue {
        /// Which database.
        location: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The database: a writer and, for a file, reader connections.
#[derive(Debug)]
pub struct Store {
    location: Location,
    writer: Arc<Mutex<Connection>>,
    /// Idle reader connections (file databases only).
    readers: Mutex<Vec<Connection>>,
    /// The queue of write requests to the writer connection.
    queue: commit_queue::CommitQueue,
}

/// How many idle reader connections are kept; also how many reads run at once
/// (see [`crate::AppState::read_slot`]), so a read never opens a connection
/// of its own once the pool is warm.
pub const IDLE_READERS: usize = 8;

impl Store {
    /// Opens (creating if needed) the database and applies the migrations.
    pub fn open(location: Location) -> Result<Self, OpenError> {
        let label = match &location {
            Location::Memory => "in-memory database".to_owned(),
            Location::File(path) => path.display().to_string(),
        };
        let sqlite = |source| OpenError::Sqlite {
            location: label.clone(),
            source,
        };
        let mut writer = match &location {
            Location::Memory => Connection::open_in_memory(),
            Location::File(path) => Connection::open(path),
        }
        .map_err(sqlite)?;
        configure(&writer, &location).map_err(sqlite)?;
        migrations::apply(&mut writer).map_err(|source| OpenError::Migration {
            location: label.clone(),
            source,
        })?;
        let writer = Arc::new(Mutex::new(writer));
        let queue = commit_queue::CommitQueue::start(Arc::clone(&writer)).map_err(|source| {
            OpenError::CommitQueue {
                location: label.clone(),
                source,
            }
        })?;
        Ok(Self {
            location,
            writer,
            readers: Mutex::new(Vec::new()),
            queue,
        })
    }

    /// Where the data lives.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Runs `work` through the commit queue, in the transaction of its group:
    /// kept when it returns `Ok` (and answered once the group is committed,
    /// so durable when this returns `Ok`), rolled back to its savepoint when
    /// it returns `Err` or panics (then there is no answer: `None`). What a
    /// write request uses.
    pub async fn write_queued<T, E, W>(&self, work: W) -> Option<Result<T, E>>
    where
        T: Send + 'static,
        E: From<rusqlite::Error> + Send + 'static,
        W: FnOnce(&Transaction<'_>) -> Result<T, E> + Send + 'static,
    {
        self.queue.write(work).await
    }

    /// Runs `work` in one immediate transaction of its own on the writer
    /// connection, waiting for the group in progress if any: committed when
    /// it returns `Ok`, rolled back when it returns `Err`. For start-up and
    /// tests; write requests use [`Store::write_queued`].
    pub fn write<T, E: From<rusqlite::Error>>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut writer = lock(&self.writer);
        let transaction = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&transaction)?;
        transaction.commit()?;
        Ok(value)
    }

    /// Runs `work` in one read transaction: on a reader connection for a file
    /// database (it sees the last commit and does not wait for the writer), on
    /// the writer connection in memory.
    pub fn read<T, E: From<rusqlite::Error>>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let Location::File(path) = &self.location else {
            let mut writer = lock(&self.writer);
            let transaction = writer.transaction_with_behavior(TransactionBehavior::Deferred)?;
            return work(&transaction);
        };
        let idle = lock(&self.readers).pop();
        let mut reader = match idle {
            Some(reader) => reader,
            None => open_reader(path)?,
        };
        let value = {
            let transaction = reader.transaction_with_behavior(TransactionBehavior::Deferred)?;
            work(&transaction)?
        };
        self.keep_idle(reader);
        Ok(value)
    }

    /// Runs `work` like [`Store::read`], on the calling thread, but stops it
    /// past `budget` (and when a lock is busy, rather than wait for it; see
    /// [`bounded`]): `None` when it was stopped, and when no idle reader
    /// connection is at hand or the database is in memory (whose reads share
    /// the writer's connection, so could wait for a group commit). What an
    /// async worker runs a read with: it is held for at most about `budget`,
    /// and a `None` read goes where it may take as long as it needs.
    pub fn read_within<T, E: From<rusqlite::Error>>(
        &self,
        budget: std::time::Duration,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Option<Result<T, E>> {
        let Location::File(_) = &self.location else {
            return None;
        };
        let mut reader = lock(&self.readers).pop()?;
        let answer = bounded::within(budget, || -> Result<T, E> {
            let transaction = reader.transaction_with_behavior(TransactionBehavior::Deferred)?;
            work(&transaction)
        });
        self.keep_idle(reader);
        answer
    }

    /// Puts a reader connection back with the idle ones, if there is room.
    fn keep_idle(&self, reader: Connection) {
        let mut idle = lock(&self.readers);
        if idle.len() < IDLE_READERS {
            idle.push(reader);
        }
    }
}

/// Locks a connection; a panic in another request does not leave the
/// connection unusable (its transaction was rolled back when it unwound).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Prepared statements kept per connection: more than the store has, so a
/// statement is parsed once per connection (re-parsing was a seventh of a
/// write's time).
const STATEMENT_CACHE: usize = 64;

/// Fixes a statement's query plan when it is prepared. Without it this
/// build of `SQLite` (with `STAT4`) prepares a statement again whenever a new
/// value is bound to a parameter compared with an indexed column, for every
/// query with an `ORDER BY`: the list of a service instance's processes was
/// parsed and planned anew on every read (a tenth of its time).
fn fixed_plans(connection: &Connection) -> rusqlite::Result<()> {
    connection
        .set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map(drop)
}

/// The pragmas of the writer connection.
fn configure(connection: &Connection, location: &Location) -> rusqlite::Result<()> {
    connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    fixed_plans(connection)?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    if let Location::File(_) = location {
        connection.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a committed transaction is on disk before the answer leaves.
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
    }
    Ok(())
}

/// A read-only connection to the database file.
fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let mut reader = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Waits up to 5 s for a lock, as `busy_timeout` would, except in a
    // bounded read.
    bounded::install(&mut reader)?;
    reader.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    fixed_plans(&reader)?;
    Ok(reader)
}

/// The row `sql` selects with one id parameter, if any: read by `read`, then
/// turned into its value by `parse` (stored JSON parsed, say).
fn row<R, T>(
    tx: &Transaction<'_>,
    sql: &str,
    id: i64,
    read: fn(&Row<'_>) -> rusqlite::Result<R>,
    parse: fn(R) -> Result<T, ApiError>,
) -> Result<Option<T>, ApiError> {
    let row = tx.prepare_cached(sql)?.query_row([id], read).optional()?;
    row.map(parse).transpose()
}

/// Every row `sql` selects with one id parameter, in its order, each read and
/// parsed as by [`row`].
fn rows<R, T>(
    tx: &Transaction<'_>,
    sql: &str,
    id: i64,
    read: fn(&Row<'_>) -> rusqlite::Result<R>,
    parse: fn(R) -> Result<T, ApiError>,
) -> Result<Vec<T>, ApiError> {
    let mut statement = tx.prepare_cached(sql)?;
    let rows = statement.query_map([id], read)?;
    rows.map(|row| parse(row?)).collect()
}

/// A value as the JSON text it is stored as.
fn to_text<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::Internal("serialising".to_owned()))
}

/// The current time as CMDB writes it (RFC 3339, UTC, milliseconds).
#[must_use]
pub fn now() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn now_is_rfc_3339_utc_with_milliseconds() {
        let now = now();
        assert_eq!(now.len(), "2026-03-01T00:00:00.000Z".len(), "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
        assert!(now.as_str() > "2026-01-01", "{now}");
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let store = Store::open(Location::Memory).expect("open");
        let result: Result<(), rusqlite::Error> = store.write(|tx| {
            tx.execute(
                "INSERT INTO businesses (bk_biz_id, bk_biz_name) VALUES (1, 'a')",
                [],
            )?;
            tx.execute(
                "INSERT INTO businesses (bk_biz_id, bk_biz_name) VALUES (1, 'b')",
                [],
            )?;
            Ok(())
        });
        assert!(result.is_err());
        let count: i64 = store
            .read(|tx| tx.query_row("SELECT count(*) FROM businesses", [], |row| row.get(0)))
            .expect("count");
        assert_eq!(count, 0);
    }

    #[test]
    fn a_cached_statement_is_not_prepared_again_for_new_parameters() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(Location::File(dir.path().join("cc.db"))).expect("open");
        let sql = "SELECT bk_process_id FROM processes WHERE service_instance_id = ?1 \
                   ORDER BY bk_process_id";
        for id in 1..=4 {
            let prepared_again = store
                .read(|tx| {
                    let mut statement = tx.prepare_cached(sql)?;
                    statement
                        .query_map([id], |row| row.get::<_, i64>(0))?
                        .count();
                    Ok::<_, rusqlite::Error>(
                        statement.get_status(rusqlite::StatementStatus::RePrepare),
                    )
                })
                .expect("read");
            assert_eq!(prepared_again, 0, "read {id}");
        }
    }

    #[test]
    fn a_file_database_keeps_its_data_and_readers_see_commits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cc.db");
        {
            let store = Store::open(Location::File(path.clone())).expect("open");
            store
                .write(|tx| {
                    tx.execute(
                        "INSERT INTO businesses (bk_biz_id, bk_biz_name) VALUES (3, 'c')",
                        [],
                    )
                })
                .expect("insert");
            let name: String = store
                .read(|tx| tx.query_row("SELECT bk_biz_name FROM businesses", [], |row| row.get(0)))
                .expect("read");
            assert_eq!(name, "c");
        }
        let store = Store::open(Location::File(path)).expect("reopen");
        let count: i64 = store
            .read(|tx| tx.query_row("SELECT count(*) FROM businesses", [], |row| row.get(0)))
            .expect("count");
        assert_eq!(count, 1);
    }

    #[test]
    fn a_read_within_its_budget_is_answered_and_one_past_it_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(Location::File(dir.path().join("cc.db"))).expect("open");
        let count = |tx: &Transaction<'_>| {
            tx.query_row(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) \
                 SELECT count(*) FROM n",
                [],
                |row| row.get::<_, i64>(0),
            )
        };
        // No idle reader connection yet: not run here.
        assert!(store.read_within(Duration::from_mins(1), count).is_none());
        assert_eq!(store.read(count).expect("unbounded"), 300_000);
        // Now the pool has one.
        let answered = store.read_within(Duration::from_mins(1), count);
        assert_eq!(answered.map(|answer| answer.expect("read")), Some(300_000));
        assert!(store.read_within(Duration::ZERO, count).is_none());
        // The stopped read's connection is back in the pool, and usable.
        let answered = store.read_within(Duration::from_mins(1), count);
        assert_eq!(answered.map(|answer| answer.expect("read")), Some(300_000));
    }

    #[test]
    fn an_in_memory_database_is_never_read_within_a_budget() {
        let store = Store::open(Location::Memory).expect("open");
        let one = |tx: &Transaction<'_>| tx.query_row("SELECT 1", [], |row| row.get::<_, i64>(0));
        assert_eq!(store.read(one).expect("read"), 1);
        assert!(store.read_within(Duration::from_mins(1), one).is_none());
    }
}
