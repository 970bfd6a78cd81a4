//! Service templates: from the world file or `create_service_template`.

use crate::http::ApiError;
pub use cc_model::endpoints::ServiceTemplate;
use rusqlite::{OptionalExtension, Transaction, params};

/// Service template `id`, if it exists.
pub fn get(tx: &Transaction<'_>, id: i64) -> Result<Option<ServiceTemplate>, ApiError> {
    Ok(tx.prepare_cached("SELECT id, bk_biz_id, name, service_category_id, creator, modifier, create_time, last_time \
             FROM service_templates WHERE id = ?1")?.query_row([id], |row| {
                Ok(ServiceTemplate {
                    id: row.get(0)?,
                    bk_biz_id: row.get(1)?,
                    name: row.get(2)?,
                    service_category_id: row.get(3)?,
                    creator: row.get(4)?,
                    modifier: row.get(5)?,
                    create_time: row.get(6)?,
                    last_time: row.get(7)?,
                    bk_supplier_account: "0".to_owned(),
                    host_apply_enabled: cc_model::Patch::Absent,
                })
            })
        .optional()?)
}

/// Creates a service template; refuses a name the business already uses and a
/// category that does not exist.
pub fn insert(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    name: &str,
    service_category_id: i64,
    user: &str,
) -> Result<ServiceTemplate, ApiError> {
    let category = tx
        .prepare_cached("SELECT 1 FROM service_categories WHERE id = ?1")?
        .query_row([service_category_id], |_| Ok(()))
        .optional()?;
    if category.is_none() {
        return Err(ApiError::ParamNotExist {
            field: "service_category_id".to_owned(),
        });
    }
    let taken = tx
        .prepare_cached("SELECT 1 FROM service_templates WHERE bk_biz_id = ?1 AND name = ?2")?
        .query_row(params![bk_biz_id, name], |_| Ok(()))
        .optional()?;
    if taken.is_some() {
        return Err(ApiError::Duplicated { fields: "name" });
    }
    let now = super::now();
    tx.prepare_cached(
        "INSERT INTO service_templates (bk_biz_id, name, service_category_id, creator, modifier, \
         create_time, last_time) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?5)",
    )?
    .execute(params![bk_biz_id, name, service_category_id, user, now])?;
    let id = tx.last_insert_rowid();
    get(tx, id)?.ok_or(ApiError::Internal("service template".to_owned()))
}
