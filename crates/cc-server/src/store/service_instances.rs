//! Service instances: a host in a module, bound to the module's service template
//! (or to none).

use crate::http::ApiError;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

/// A service instance as `list_service_instance` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceInstance {
    /// Id.
    pub id: i64,
    /// Business.
    pub bk_biz_id: i64,
    /// Name.
    pub name: String,
    /// Module.
    pub bk_module_id: i64,
    /// Host.
    pub bk_host_id: i64,
    /// The service template it was created from; 0 for none.
    pub service_template_id: i64,
    /// Creator.
    pub creator: String,
    /// Last modifier.
    pub modifier: String,
    /// Creation time.
    pub create_time: String,
    /// Last change time.
    pub last_time: String,
    /// Supplier account.
    pub bk_supplier_account: String,
}

const COLUMNS: &str = "id, bk_biz_id, name, bk_module_id, bk_host_id, service_template_id, creator, modifier, create_time, last_time";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ServiceInstance> {
    Ok(ServiceInstance {
        id: row.get(0)?,
        bk_biz_id: row.get(1)?,
        name: row.get(2)?,
        bk_module_id: row.get(3)?,
        bk_host_id: row.get(4)?,
        service_template_id: row.get(5)?,
        creator: row.get(6)?,
        modifier: row.get(7)?,
        create_time: row.get(8)?,
        last_time: row.get(9)?,
        bk_supplier_account: "0".to_owned(),
    })
}

/// Service instance `id`, if it exists.
pub fn get(tx: &Transaction<'_>, id: i64) -> Result<Option<ServiceInstance>, ApiError> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM service_instances WHERE id = ?1"
        ))?
        .query_row([id], from_row)
        .optional()?)
}

/// Every service instance of a business, by id.
pub fn of_business(tx: &Transaction<'_>, bk_biz_id: i64) -> Result<Vec<ServiceInstance>, ApiError> {
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM service_instances WHERE bk_biz_id = ?1 ORDER BY id"
    ))?;
    let rows = statement.query_map([bk_biz_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a new service instance; returns its id.
pub fn insert(
    tx: &Transaction<'_>,
    instance: &ServiceInstance,
    user: &str,
) -> Result<i64, ApiError> {
    let now = super::now();
    tx.prepare_cached("INSERT INTO service_instances (bk_biz_id, name, bk_module_id, bk_host_id, service_template_id, \
         creator, modifier, create_time, last_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)")?.execute(params![
            instance.bk_biz_id,
            instance.name,
            instance.bk_module_id,
            instance.bk_host_id,
            instance.service_template_id,
            user,
            now
        ])?;
    Ok(tx.last_insert_rowid())
}

/// Deletes a service instance and its processes.
pub fn delete(tx: &Transaction<'_>, id: i64) -> Result<(), ApiError> {
    tx.prepare_cached("DELETE FROM processes WHERE service_instance_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM service_instances WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
