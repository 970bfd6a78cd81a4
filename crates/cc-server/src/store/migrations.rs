//! The database schema, as numbered migrations applied in order at start.
//! `PRAGMA user_version` records how many have run; a migration is never edited
//! once released, only followed by a new one.

use rusqlite::Connection;

/// Migration `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[
    // 1: the world, process templates, service instances and processes.
    // AUTOINCREMENT keeps ids from being reused after a delete.
    r"
    CREATE TABLE apps (
        bk_app_code TEXT PRIMARY KEY NOT NULL,
        bk_app_secret TEXT NOT NULL
    );
    CREATE TABLE businesses (
        bk_biz_id INTEGER PRIMARY KEY NOT NULL,
        bk_biz_name TEXT NOT NULL
    );
    CREATE TABLE hosts (
        bk_host_id INTEGER PRIMARY KEY NOT NULL,
        bk_biz_id INTEGER NOT NULL REFERENCES businesses (bk_biz_id),
        bk_host_innerip TEXT NOT NULL,
        bk_host_outerip TEXT NOT NULL,
        bk_host_innerip_v6 TEXT NOT NULL,
        bk_host_outerip_v6 TEXT NOT NULL
    );
    CREATE TABLE service_categories (
        id INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL
    );
    CREATE TABLE service_templates (
        id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        bk_biz_id INTEGER NOT NULL REFERENCES businesses (bk_biz_id),
        name TEXT NOT NULL,
        service_category_id INTEGER NOT NULL REFERENCES service_categories (id),
        creator TEXT NOT NULL DEFAULT '',
        modifier TEXT NOT NULL DEFAULT '',
        create_time TEXT NOT NULL DEFAULT '',
        last_time TEXT NOT NULL DEFAULT '',
        UNIQUE (bk_biz_id, name)
    );
    CREATE TABLE modules (
        bk_module_id INTEGER PRIMARY KEY NOT NULL,
        bk_biz_id INTEGER NOT NULL REFERENCES businesses (bk_biz_id),
        bk_module_name TEXT NOT NULL,
        service_template_id INTEGER NOT NULL
    );
    CREATE TABLE proc_templates (
        id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        bk_biz_id INTEGER NOT NULL,
        service_template_id INTEGER NOT NULL REFERENCES service_templates (id),
        bk_process_name TEXT NOT NULL,
        bk_func_name TEXT NOT NULL,
        -- NULL when the template has no regex: two NULLs do not collide.
        bk_start_param_regex TEXT,
        property TEXT NOT NULL,
        creator TEXT NOT NULL,
        modifier TEXT NOT NULL,
        create_time TEXT NOT NULL,
        last_time TEXT NOT NULL,
        UNIQUE (service_template_id, bk_process_name),
        UNIQUE (service_template_id, bk_func_name, bk_start_param_regex)
    );
    CREATE TABLE service_instances (
        id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        bk_biz_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        bk_module_id INTEGER NOT NULL REFERENCES modules (bk_module_id),
        bk_host_id INTEGER NOT NULL REFERENCES hosts (bk_host_id),
        service_template_id INTEGER NOT NULL,
        creator TEXT NOT NULL,
        modifier TEXT NOT NULL,
        create_time TEXT NOT NULL,
        last_time TEXT NOT NULL
    );
    CREATE INDEX service_instances_by_module ON service_instances (bk_module_id);
    CREATE TABLE processes (
        bk_process_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        bk_biz_id INTEGER NOT NULL,
        service_instance_id INTEGER NOT NULL REFERENCES service_instances (id),
        process_template_id INTEGER NOT NULL,
        bk_host_id INTEGER NOT NULL,
        bk_process_name TEXT NOT NULL,
        bk_func_name TEXT NOT NULL,
        bk_start_param_regex TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (service_instance_id, bk_process_name),
        UNIQUE (service_instance_id, bk_func_name, bk_start_param_regex)
    );
    CREATE INDEX processes_by_template ON processes (process_template_id);
    ",
    // 2: a service instance's processes in id order without a sort (the
    // index's entries end with the rowid, `bk_process_id`): what
    // `list_process_instance` reads.
    r"
    CREATE INDEX processes_by_service_instance ON processes (service_instance_id);
    ",
];

/// How many migrations this build knows.
#[must_use]
pub fn latest() -> usize {
    MIGRATIONS.len()
}

/// Applies every migration the database has not run yet, each in its own
/// transaction. Refuses a database written by a newer build.
pub fn apply(connection: &mut Connection) -> Result<(), MigrationError> {
    let current: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let current = usize::try_from(current).unwrap_or(usize::MAX);
    if current > MIGRATIONS.len() {
        return Err(MigrationError::Newer {
            found: current,
            known: MIGRATIONS.len(),
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        transaction.commit()?;
    }
    Ok(())
}

/// Why the migrations could not run.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// The database is from a newer build.
    #[error("the database has schema version {found}; this build knows up to {known}")]
    Newer {
        /// The database's version.
        found: usize,
        /// This build's latest.
        known: usize,
    },
    /// `SQLite` failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_record_the_version() {
        let mut connection = Connection::open_in_memory().expect("open");
        apply(&mut connection).expect("first run");
        apply(&mut connection).expect("second run is a no-op");
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .expect("version");
        assert_eq!(usize::try_from(version).ok(), Some(latest()));
    }

    /// The query plan `SQLite` makes for `sql`, one line per step.
    fn plan(connection: &Connection, sql: &str) -> Vec<String> {
        let mut statement = connection
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("explain");
        statement
            .query_map([1], |row| row.get::<_, String>(3))
            .expect("plan")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    #[test]
    fn a_service_instances_processes_are_read_in_id_order_without_a_sort() {
        let mut connection = Connection::open_in_memory().expect("open");
        apply(&mut connection).expect("migrations");
        let steps = plan(&connection, crate::store::processes::OF_SERVICE_INSTANCE);
        assert_eq!(
            steps,
            ["SEARCH processes USING INDEX processes_by_service_instance (service_instance_id=?)"],
            "{steps:?}"
        );
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut connection = Connection::open_in_memory().expect("open");
        connection
            .pragma_update(None, "user_version", 99)
            .expect("set version");
        assert!(matches!(
            apply(&mut connection),
            Err(MigrationError::Newer { found: 99, .. })
        ));
    }
}
