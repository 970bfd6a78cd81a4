//! Process instances: rows of `processes`, each holding its cc-model `Process`
//! as JSON text, with the ids and the unique names in their own columns.

use crate::http::ApiError;
use cc_model::{Patch, Process};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// A stored process and where it belongs.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredProcess {
    /// The process, bookkeeping fields included.
    pub process: Process,
    /// Its id.
    pub bk_process_id: i64,
    /// Business.
    pub bk_biz_id: i64,
    /// Service instance.
    pub service_instance_id: i64,
    /// The process template it was created from; 0 for a raw process.
    pub process_template_id: i64,
    /// The host of its service instance.
    pub bk_host_id: i64,
}

/// Makes the processes created from `template_ids` raw processes (what the
/// server does when their template is deleted).
pub fn unbind_template(tx: &Transaction<'_>, template_ids: &[i64]) -> Result<(), ApiError> {
    for id in template_ids {
        tx.prepare_cached(
            "UPDATE processes SET process_template_id = 0 WHERE process_template_id = ?1",
        )?
        .execute([id])?;
    }
    Ok(())
}

fn text(patch: &Patch<String>) -> String {
    patch.value().cloned().unwrap_or_default()
}

/// Refuses `process`'s names if another process of the service instance (not
/// `except`) uses them: 1199014, as the server's unique indexes answer (an
/// unset regex counts as "", as the server fills it in).
pub fn check_unique(
    tx: &Transaction<'_>,
    service_instance_id: i64,
    process: &Process,
    except: i64,
) -> Result<(), ApiError> {
    let name = text(&process.bk_process_name);
    let func = text(&process.bk_func_name);
    let regex = text(&process.bk_start_param_regex);
    let taken = tx.prepare_cached("SELECT 1 FROM processes WHERE service_instance_id = ?1 AND bk_process_name = ?2 AND bk_process_id != ?3")?.query_row(params![service_instance_id, name, except], |_| Ok(()))
        .optional()?;
    if taken.is_some() {
        return Err(ApiError::Duplicated {
            fields: "service_instance_id, bk_process_name",
        });
    }
    let taken = tx
        .prepare_cached(
            "SELECT 1 FROM processes WHERE service_instance_id = ?1 AND bk_func_name = ?2 \
             AND bk_start_param_regex = ?3 AND bk_process_id != ?4",
        )?
        .query_row(
            params![service_instance_id, func, regex, except],
            |_| Ok(()),
        )
        .optional()?;
    if taken.is_some() {
        return Err(ApiError::Duplicated {
            fields: "service_instance_id, bk_func_name, bk_start_param_regex",
        });
    }
    Ok(())
}

/// Stores a new process of a service instance; fills in its bookkeeping fields
/// and returns its id.
pub fn insert(
    tx: &Transaction<'_>,
    mut process: Process,
    bk_biz_id: i64,
    service_instance_id: i64,
    process_template_id: i64,
    bk_host_id: i64,
) -> Result<i64, ApiError> {
    check_unique(tx, service_instance_id, &process, 0)?;
    tx.prepare_cached("INSERT INTO processes (bk_biz_id, service_instance_id, process_template_id, bk_host_id, \
         bk_process_name, bk_func_name, bk_start_param_regex, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '{}')")?.execute(params![
            bk_biz_id,
            service_instance_id,
            process_template_id,
            bk_host_id,
            text(&process.bk_process_name),
            text(&process.bk_func_name),
            text(&process.bk_start_param_regex)
        ])?;
    let id = tx.last_insert_rowid();
    let now = super::now();
    process.bk_process_id = Patch::Set(id);
    process.bk_biz_id = Patch::Set(bk_biz_id);
    process.service_instance_id = Patch::Set(service_instance_id);
    process.bk_supplier_account = Patch::Set("0".to_owned());
    process.create_time = Patch::Set(now.clone());
    process.last_time = Patch::Set(now);
    tx.prepare_cached("UPDATE processes SET body = ?2 WHERE bk_process_id = ?1")?
        .execute(params![id, super::to_text(&process)?])?;
    Ok(id)
}

/// Replaces a stored process's fields (its bookkeeping fields are kept).
pub fn update(
    tx: &Transaction<'_>,
    stored: &StoredProcess,
    mut process: Process,
) -> Result<(), ApiError> {
    check_unique(
        tx,
        stored.service_instance_id,
        &process,
        stored.bk_process_id,
    )?;
    let previous = &stored.process;
    process.bk_process_id = Patch::Set(stored.bk_process_id);
    process.bk_biz_id = Patch::Set(stored.bk_biz_id);
    process.service_instance_id = Patch::Set(stored.service_instance_id);
    process.bk_supplier_account = previous.bk_supplier_account.clone();
    process.create_time = previous.create_time.clone();
    process.last_time = Patch::Set(super::now());
    tx.prepare_cached("UPDATE processes SET bk_process_name = ?2, bk_func_name = ?3, bk_start_param_regex = ?4, body = ?5 \
         WHERE bk_process_id = ?1")?.execute(params![
            stored.bk_process_id,
            text(&process.bk_process_name),
            text(&process.bk_func_name),
            text(&process.bk_start_param_regex),
            super::to_text(&process)?
        ])?;
    Ok(())
}

/// Deletes a process.
pub fn delete(tx: &Transaction<'_>, id: i64) -> Result<(), ApiError> {
    tx.prepare_cached("DELETE FROM processes WHERE bk_process_id = ?1")?
        .execute([id])?;
    Ok(())
}

const COLUMNS: &str =
    "bk_process_id, bk_biz_id, service_instance_id, process_template_id, bk_host_id, body";

fn raw(row: &Row<'_>) -> rusqlite::Result<(i64, i64, i64, i64, i64, String)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

fn from_raw(
    (bk_process_id, bk_biz_id, service_instance_id, process_template_id, bk_host_id, body): (
        i64,
        i64,
        i64,
        i64,
        i64,
        String,
    ),
) -> Result<StoredProcess, ApiError> {
    let process = serde_json::from_str(&body)
        .map_err(|_| ApiError::Internal(format!("stored process {bk_process_id}")))?;
    Ok(StoredProcess {
        process,
        bk_process_id,
        bk_biz_id,
        service_instance_id,
        process_template_id,
        bk_host_id,
    })
}

/// Process `id`, if it exists.
pub fn get(tx: &Transaction<'_>, id: i64) -> Result<Option<StoredProcess>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM processes WHERE bk_process_id = ?1");
    super::row(tx, &sql, id, raw, from_raw)
}

/// The query of a service instance's processes, by id: answered from the
/// `processes_by_service_instance` index in id order, without a sort (a
/// migration test checks the plan).
pub(crate) const OF_SERVICE_INSTANCE: &str = "SELECT bk_process_id, bk_biz_id, service_instance_id, \
     process_template_id, bk_host_id, body FROM processes WHERE service_instance_id = ?1 \
     ORDER BY bk_process_id";

/// Every process of a service instance, by id.
pub fn of_service_instance(
    tx: &Transaction<'_>,
    service_instance_id: i64,
) -> Result<Vec<StoredProcess>, ApiError> {
    super::rows(tx, OF_SERVICE_INSTANCE, service_instance_id, raw, from_raw)
}

/// Where a stored process belongs: its columns beside the JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    /// Its id.
    pub bk_process_id: i64,
    /// Business.
    pub bk_biz_id: i64,
    /// Service instance.
    pub service_instance_id: i64,
    /// The process template it was created from; 0 for a raw process.
    pub process_template_id: i64,
    /// The host of its service instance.
    pub bk_host_id: i64,
}

/// Hands every process of a service instance, by id, to `each` as its
/// relation and its stored JSON text, unparsed: the text is what
/// [`insert`] and [`update`] wrote, `serde_json::to_string` of the process
/// (the one writer of the column), so it is the compact text of the value
/// [`of_service_instance`] would parse it into. A text that is not a JSON
/// object's is refused (a database changed behind the server's back).
pub fn each_of_service_instance(
    tx: &Transaction<'_>,
    service_instance_id: i64,
    mut each: impl FnMut(Relation, &str),
) -> Result<(), ApiError> {
    let mut statement = tx.prepare_cached(OF_SERVICE_INSTANCE)?;
    let mut rows = statement.query([service_instance_id])?;
    while let Some(row) = rows.next()? {
        let relation = Relation {
            bk_process_id: row.get(0)?,
            bk_biz_id: row.get(1)?,
            service_instance_id: row.get(2)?,
            process_template_id: row.get(3)?,
            bk_host_id: row.get(4)?,
        };
        let refused = || ApiError::Internal(format!("stored process {}", relation.bk_process_id));
        let body = row.get_ref(5)?.as_str().map_err(|_| refused())?;
        if !(body.starts_with('{') && body.ends_with('}')) {
            return Err(refused());
        }
        each(relation, body);
    }
    Ok(())
}

/// Every process of a business, by id.
pub fn of_business(tx: &Transaction<'_>, bk_biz_id: i64) -> Result<Vec<StoredProcess>, ApiError> {
    let sql =
        format!("SELECT {COLUMNS} FROM processes WHERE bk_biz_id = ?1 ORDER BY bk_process_id");
    super::rows(tx, &sql, bk_biz_id, raw, from_raw)
}
