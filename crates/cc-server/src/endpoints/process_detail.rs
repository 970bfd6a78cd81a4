//! The two cross-cutting reads: `list_process_detail_by_ids` (processes by id,
//! with a field projection) and `list_process_related_info` (each process with
//! its module, host, service instance and template).

use super::Call;
use crate::http::ApiError;
use crate::store::processes::{self, StoredProcess};
use crate::store::{service_instances, world};
use cc_model::Patch;
use cc_model::endpoints::{ListProcessDetailByIdsRequest, ListProcessRelatedInfoRequest};
use rusqlite::Transaction;
use serde_json::{Map, Value, json};

/// The business: from the path (the backend route), else from the body (the ESB
/// route passes it there).
fn business(call: &Call, body: Option<i64>) -> Result<i64, ApiError> {
    call.path_id("bk_biz_id")?
        .or(body)
        .ok_or_else(|| ApiError::ParamNotExist {
            field: "bk_biz_id".to_owned(),
        })
}

/// Keeps only `fields` of a process object (all of them without a list).
fn project(process: Value, fields: Option<&Vec<String>>) -> Value {
    match (process, fields) {
        (Value::Object(object), Some(fields)) if !fields.is_empty() => Value::Object(
            object
                .into_iter()
                .filter(|(key, _)| fields.contains(key))
                .collect::<Map<String, Value>>(),
        ),
        (process, _) => process,
    }
}

/// `list_process_detail_by_ids`: the business's processes among the ids, in id
/// order; ids of other businesses or of no process are left out.
pub(super) fn detail_by_ids(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: ListProcessDetailByIdsRequest = call.parse()?;
    let bk_biz_id = business(call, request.bk_biz_id.value().copied())?;
    let mut ids = request.bk_process_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    let mut listed = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(stored) = processes::get(tx, id)?.filter(|p| p.bk_biz_id == bk_biz_id) {
            listed.push(project(to_value(&stored.process)?, request.fields.value()));
        }
    }
    Ok(Value::Array(listed))
}

/// `list_process_related_info`: by module and service instance (the world
/// has no sets: a set filter matches nothing); paged; `fields` projects the
/// process.
pub(super) fn related_info(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: ListProcessRelatedInfoRequest = call.parse()?;
    let bk_biz_id = business(call, request.bk_biz_id.value().copied())?;
    if request
        .process_property_filter
        .value()
        .is_some_and(|filter| !filter.is_empty())
    {
        return Err(ApiError::invalid_because(
            "process_property_filter",
            "cc-server does not evaluate query filters",
        ));
    }
    let set_ids = request.set.value().and_then(|set| set.bk_set_ids.value());
    let module_ids = request
        .module
        .value()
        .and_then(|module| module.bk_module_ids.value());
    let instance_ids = request
        .service_instance
        .value()
        .and_then(|instance| instance.ids.value());
    let mut matched: Vec<(StoredProcess, service_instances::ServiceInstance)> = Vec::new();
    if set_ids.is_none_or(Vec::is_empty) {
        for process in processes::of_business(tx, bk_biz_id)? {
            let Some(instance) = service_instances::get(tx, process.service_instance_id)? else {
                continue;
            };
            let module_ok =
                module_ids.is_none_or(|ids| ids.is_empty() || ids.contains(&instance.bk_module_id));
            let instance_ok =
                instance_ids.is_none_or(|ids| ids.is_empty() || ids.contains(&instance.id));
            if module_ok && instance_ok {
                matched.push((process, instance));
            }
        }
    }
    let count = matched.len();
    let start = usize::try_from(request.page.start.value().copied().unwrap_or(0)).unwrap_or(0);
    let limit = request
        .page
        .limit
        .value()
        .and_then(|&limit| usize::try_from(limit).ok())
        .filter(|&limit| limit > 0)
        .ok_or_else(|| ApiError::invalid("page.limit"))?;
    let fields = request.fields.value();
    let mut info = Vec::new();
    for (process, instance) in matched.into_iter().skip(start).take(limit) {
        let module = world::module(tx, instance.bk_module_id)?;
        let host = world::host(tx, instance.bk_host_id)?;
        let mut host_object = json!({
            "bk_host_id": instance.bk_host_id,
            "bk_cloud_id": 0,
            "bk_host_innerip": host.as_ref().and_then(|(_, h)| h.bk_host_innerip.clone()).unwrap_or_default(),
        });
        if let Some(v6) = host
            .as_ref()
            .and_then(|(_, h)| h.bk_host_innerip_v6.clone())
        {
            host_object["bk_host_innerip_v6"] = json!(v6);
        }
        let mut property = process.process.clone();
        if property.bk_process_id.is_absent() {
            property.bk_process_id = Patch::Set(process.bk_process_id);
        }
        info.push(json!({
            "set": {"bk_set_id": 0, "bk_set_name": "", "bk_set_env": ""},
            "module": {
                "bk_module_id": instance.bk_module_id,
                "bk_module_name": module.map(|m| m.bk_module_name).unwrap_or_default(),
            },
            "host": host_object,
            "service_instance": {"id": instance.id, "name": instance.name},
            "process_template": {"id": process.process_template_id},
            "process": project(to_value(&property)?, fields),
        }));
    }
    Ok(json!({"count": count, "info": info}))
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|_| ApiError::Internal("serialising".to_owned()))
}
