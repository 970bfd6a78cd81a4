//! Process templates: rows of `proc_templates`, each holding its
//! `ProcessTemplateSpec` as JSON text, with the names the unique constraints
//! cover in their own columns.

use crate::http::ApiError;
use cc_model::ProcessTemplateSpec;
use cc_model::endpoints::ProcTemplate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// The names of a template that must be unique within its service template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// `bk_process_name`'s value.
    pub process_name: String,
    /// `bk_func_name`'s value.
    pub func_name: String,
    /// `bk_start_param_regex`'s value; `None` when unset, which collides with
    /// no other template (the server's unique check skips it).
    pub regex: Option<String>,
}

impl Names {
    /// The names of `spec`.
    #[must_use]
    pub fn of(spec: &ProcessTemplateSpec) -> Self {
        Self {
            process_name: spec.bk_process_name.value.clone().unwrap_or_default(),
            func_name: spec.bk_func_name.value.clone().unwrap_or_default(),
            regex: spec
                .bk_start_param_regex
                .as_ref()
                .and_then(|property| property.value.clone()),
        }
    }
}

/// Refuses `names` if another template of `service_template_id` (not `except`)
/// already uses the process name or the (func name, regex) pair.
pub fn check_unique(
    tx: &Transaction<'_>,
    service_template_id: i64,
    names: &Names,
    except: Option<i64>,
) -> Result<(), ApiError> {
    let except = except.unwrap_or(0);
    let name_taken = tx.prepare_cached("SELECT 1 FROM proc_templates WHERE service_template_id = ?1 AND bk_process_name = ?2 AND id != ?3")?.query_row(params![service_template_id, names.process_name, except], |_| Ok(()))
        .optional()?;
    if name_taken.is_some() {
        return Err(ApiError::ProcessNameDuplicated {
            name: names.process_name.clone(),
        });
    }
    let pair_taken = tx
        .prepare_cached(
            "SELECT 1 FROM proc_templates WHERE service_template_id = ?1 AND bk_func_name = ?2 \
             AND bk_start_param_regex = ?3 AND id != ?4",
        )?
        .query_row(
            params![service_template_id, names.func_name, names.regex, except],
            |_| Ok(()),
        )
        .optional()?;
    if pair_taken.is_some() {
        return Err(ApiError::FuncNameDuplicated {
            func_name: names.func_name.clone(),
            regex: names.regex.clone().unwrap_or_default(),
        });
    }
    Ok(())
}

/// Stores a new template; returns its id.
pub fn insert(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    service_template_id: i64,
    spec: &ProcessTemplateSpec,
    user: &str,
) -> Result<i64, ApiError> {
    let names = Names::of(spec);
    check_unique(tx, service_template_id, &names, None)?;
    let property = super::to_text(spec)?;
    let now = super::now();
    tx.prepare_cached("INSERT INTO proc_templates (bk_biz_id, service_template_id, bk_process_name, bk_func_name, \
         bk_start_param_regex, property, creator, modifier, create_time, last_time) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?8)")?.execute(params![
            bk_biz_id,
            service_template_id,
            names.process_name,
            names.func_name,
            names.regex,
            property,
            user,
            now
        ])?;
    Ok(tx.last_insert_rowid())
}

/// Replaces a template's spec.
pub fn update(
    tx: &Transaction<'_>,
    id: i64,
    service_template_id: i64,
    spec: &ProcessTemplateSpec,
    user: &str,
) -> Result<(), ApiError> {
    let names = Names::of(spec);
    check_unique(tx, service_template_id, &names, Some(id))?;
    tx.prepare_cached("UPDATE proc_templates SET bk_process_name = ?2, bk_func_name = ?3, bk_start_param_regex = ?4, \
         property = ?5, modifier = ?6, last_time = ?7 WHERE id = ?1")?.execute(params![
            id,
            names.process_name,
            names.func_name,
            names.regex,
            super::to_text(spec)?,
            user,
            super::now()
        ])?;
    Ok(())
}

/// Deletes templates; returns how many rows went.
pub fn delete(tx: &Transaction<'_>, ids: &[i64]) -> Result<usize, ApiError> {
    let mut deleted = 0;
    for id in ids {
        deleted += tx
            .prepare_cached("DELETE FROM proc_templates WHERE id = ?1")?
            .execute([id])?;
    }
    Ok(deleted)
}

const COLUMNS: &str =
    "id, bk_biz_id, service_template_id, property, creator, modifier, create_time, last_time";

/// Template `id`, if it exists.
pub fn get(tx: &Transaction<'_>, id: i64) -> Result<Option<ProcTemplate>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM proc_templates WHERE id = ?1");
    super::row(tx, &sql, id, raw, from_raw)
}

/// Every template of `service_template_id`, by id.
pub fn of_service_template(
    tx: &Transaction<'_>,
    service_template_id: i64,
) -> Result<Vec<ProcTemplate>, ApiError> {
    let sql =
        format!("SELECT {COLUMNS} FROM proc_templates WHERE service_template_id = ?1 ORDER BY id");
    super::rows(tx, &sql, service_template_id, raw, from_raw)
}

/// Every template of business `bk_biz_id`, by id.
pub fn of_business(tx: &Transaction<'_>, bk_biz_id: i64) -> Result<Vec<ProcTemplate>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM proc_templates WHERE bk_biz_id = ?1 ORDER BY id");
    super::rows(tx, &sql, bk_biz_id, raw, from_raw)
}

/// A row as read, before its JSON is parsed.
type Raw = (i64, i64, i64, String, String, String, String, String);

fn raw(row: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
    ))
}

fn from_raw(
    (id, bk_biz_id, service_template_id, property, creator, modifier, create_time, last_time): Raw,
) -> Result<ProcTemplate, ApiError> {
    let property: ProcessTemplateSpec = serde_json::from_str(&property)
        .map_err(|_| ApiError::Internal(format!("stored process template {id}")))?;
    Ok(ProcTemplate {
        id,
        bk_process_name: property.bk_process_name.value.clone().unwrap_or_default(),
        bk_biz_id,
        service_template_id,
        property,
        creator,
        modifier,
        create_time,
        last_time,
        bk_supplier_account: "0".to_owned(),
    })
}
