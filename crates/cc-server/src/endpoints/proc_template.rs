//! Process templates: `batch_create_proc_template`, `get_proc_template`,
//! `list_proc_template`, `update_proc_template`, `delete_proc_template`.

use super::Call;
use crate::http::ApiError;
use crate::store::{proc_templates, service_templates, world};
use cc_model::ProcessTemplateSpec;
use cc_model::endpoints::{
    BatchCreateProcTemplateRequest, DeleteProcTemplateRequest, GetProcTemplateRequest,
    ListProcTemplateRequest, ProcTemplate, UpdateProcTemplateRequest,
};
use rusqlite::Transaction;
use serde_json::{Value, json};

/// `batch_create_proc_template`: the templates are created in order, all or
/// none (an empty batch and the limit are answered by [`super::early`]).
pub(super) fn batch_create(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: BatchCreateProcTemplateRequest = call.parse()?;
    let service_template_id = request.service_template_id.value().copied().unwrap_or(0);
    owned_service_template(tx, request.bk_biz_id, service_template_id)?;
    let mut ids = Vec::with_capacity(request.processes.len());
    for entry in request.processes {
        let spec = stored_spec(&entry.spec)?;
        ids.push(proc_templates::insert(
            tx,
            request.bk_biz_id,
            service_template_id,
            &spec,
            call.user(),
        )?);
    }
    Ok(json!(ids))
}

/// `get_proc_template`: the id comes from the path when the route has one
/// (the backend path), else from the body (the ESB path).
pub(super) fn get(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: GetProcTemplateRequest = call.parse()?;
    let id = match call.path_id("process_template_id")? {
        Some(id) => id,
        None => request
            .process_template_id
            .value()
            .copied()
            .ok_or_else(|| ApiError::ParamNeedSet {
                field: "process_template_id".to_owned(),
            })?,
    };
    let template = proc_templates::get(tx, id)?
        .filter(|template| template.bk_biz_id == request.bk_biz_id)
        .ok_or(ApiError::NotFound)?;
    to_value(&template)
}

/// `list_proc_template`: by service template, by ids, or both; paged.
pub(super) fn list(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: ListProcTemplateRequest = call.parse()?;
    let service_template_id = request
        .service_template_id
        .value()
        .copied()
        .filter(|&id| id > 0);
    let ids = request.process_template_ids.value();
    if service_template_id.is_none() && ids.is_none() {
        return Err(ApiError::invalid("service_template_id"));
    }
    let mut templates = match service_template_id {
        Some(id) => proc_templates::of_service_template(tx, id)?,
        None => proc_templates::of_business(tx, request.bk_biz_id)?,
    };
    templates.retain(|template| {
        template.bk_biz_id == request.bk_biz_id && ids.is_none_or(|ids| ids.contains(&template.id))
    });
    let count = templates.len();
    let page = request.page.value().cloned().unwrap_or_default();
    let start = usize::try_from(page.start.value().copied().unwrap_or(0)).unwrap_or(0);
    let limit = page
        .limit
        .value()
        .copied()
        .and_then(|limit| usize::try_from(limit).ok())
        .filter(|&limit| limit > 0)
        .unwrap_or(usize::MAX);
    let info: Vec<&ProcTemplate> = templates.iter().skip(start).take(limit).collect();
    Ok(json!({"count": count, "info": to_value(&info)?}))
}

/// `update_proc_template`: the keys present replace the stored wrappers whole,
/// except `bk_func_name`, which the server ignores; the names stay locked, and
/// the result is checked as a new template is (a missing property or an id of
/// 0 or less is answered by [`super::early`]; an unknown id is 1199019).
pub(super) fn update(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: UpdateProcTemplateRequest = call.parse()?;
    let stored = proc_templates::get(tx, request.process_template_id)?
        .filter(|template| template.bk_biz_id == request.bk_biz_id)
        .ok_or(ApiError::NotFound)?;
    let patch = to_value(&request.process_property)?;
    let mut merged = to_value(&stored.property)?;
    if let (Some(merged), Some(patch)) = (merged.as_object_mut(), patch.as_object()) {
        for (key, value) in patch {
            if key == "bk_func_name" {
                continue;
            }
            let value = if value.is_null() {
                json!({"value": null, "as_default_value": null})
            } else {
                value.clone()
            };
            merged.insert(key.clone(), value);
        }
    }
    let spec: ProcessTemplateSpec = serde_json::from_value(merged)
        .map_err(|error| ApiError::invalid_because("process_property", error))?;
    let spec = stored_spec(&spec)?;
    validate_spec(&spec)?;
    proc_templates::update(
        tx,
        stored.id,
        stored.service_template_id,
        &spec,
        call.user(),
    )?;
    let updated = proc_templates::get(tx, stored.id)?.ok_or(ApiError::NotFound)?;
    to_value(&updated)
}

/// Checks an updated template as a new one is checked (the server validates
/// the whole template again after an update).
fn validate_spec(spec: &ProcessTemplateSpec) -> Result<(), ApiError> {
    let payload = json!({"bk_biz_id": 1, "service_template_id": 1, "processes": [{"spec": spec}]});
    match super::check::refusal(cc_validate::Endpoint::BatchCreateProcTemplate, &payload)? {
        Some(refusal) => Err(refusal),
        None => Ok(()),
    }
}

/// `delete_proc_template`: every id must be a template of the business; the
/// processes created from them stay, no longer bound to a template (an empty
/// list and the limit are answered by [`super::early`]).
pub(super) fn delete(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: DeleteProcTemplateRequest = call.parse()?;
    for &id in &request.process_templates {
        let owned = proc_templates::get(tx, id)?
            .is_some_and(|template| template.bk_biz_id == request.bk_biz_id);
        if !owned {
            return Err(ApiError::invalid("process_templates"));
        }
    }
    crate::store::processes::unbind_template(tx, &request.process_templates)?;
    proc_templates::delete(tx, &request.process_templates)?;
    Ok(Value::Null)
}

/// Refuses a service template that does not exist or is not `bk_biz_id`'s.
fn owned_service_template(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    service_template_id: i64,
) -> Result<(), ApiError> {
    if !world::business_exists(tx, bk_biz_id)? {
        return Err(ApiError::invalid("bk_biz_id"));
    }
    match service_templates::get(tx, service_template_id)? {
        None => Err(ApiError::invalid("service_template_id")),
        Some(template) if template.bk_biz_id != bk_biz_id => Err(ApiError::invalid("bk_biz_id")),
        Some(_) => Ok(()),
    }
}

/// What the server stores of a template spec: `as_default_value` forced on the
/// two names, and every bind row without a `row_id` (or with 0) numbered after
/// the largest id of the list, in row order (over the new list only on an
/// update, so a new row can take a removed row's id, as the server does).
fn stored_spec(spec: &ProcessTemplateSpec) -> Result<ProcessTemplateSpec, ApiError> {
    let mut value = to_value(spec)?;
    for name in ["bk_process_name", "bk_func_name"] {
        if let Some(property) = value.get_mut(name).and_then(Value::as_object_mut) {
            property.insert("as_default_value".to_owned(), Value::Bool(true));
        }
    }
    let mut next = max_row_id(&value) + 1;
    if let Some(rows) = value
        .pointer_mut("/bind_info/value")
        .and_then(Value::as_array_mut)
    {
        for row in rows.iter_mut().filter_map(Value::as_object_mut) {
            if row
                .get("row_id")
                .is_none_or(|id| id.is_null() || id.as_i64() == Some(0))
            {
                row.insert("row_id".to_owned(), Value::from(next));
                next += 1;
            }
        }
    }
    serde_json::from_value(value).map_err(|error| ApiError::invalid_because("spec", error))
}

/// The largest bind-row `row_id` of a serialised spec (0 without rows).
fn max_row_id(spec: &Value) -> i64 {
    spec.pointer("/bind_info/value")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|row| row.get("row_id").and_then(Value::as_i64))
        .max()
        .unwrap_or(0)
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|_| ApiError::Internal("serialising".to_owned()))
}
