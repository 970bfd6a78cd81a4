//! Service instances: `create_service_instance`, `list_service_instance`,
//! `delete_service_instance`.

use super::Call;
use super::process_instance::raw_process;
use crate::http::ApiError;
use crate::store::service_instances::{self, ServiceInstance};
use crate::store::{proc_templates, processes, world};
use cc_model::{Process, Template};
use rusqlite::Transaction;
use serde::Deserialize;
use serde_json::{Value, json};

/// The fields of a `create_service_instance` request the server reads.
#[derive(Debug, Deserialize)]
struct CreateRequest {
    bk_biz_id: i64,
    bk_module_id: i64,
    instances: Vec<InstanceEntry>,
}

/// One service instance to create.
#[derive(Debug, Deserialize)]
struct InstanceEntry {
    bk_host_id: i64,
    #[serde(default)]
    service_instance_name: Option<String>,
    #[serde(default)]
    processes: Vec<ProcessEntry>,
}

/// One process of a service instance in a module without a template.
#[derive(Debug, Deserialize)]
struct ProcessEntry {
    process_info: Value,
}

/// `create_service_instance`: in a module bound to a service template, one
/// process instantiated (cc-model's instantiate, on the instance's host) from
/// each of the template's process templates; elsewhere, the processes given.
pub(super) fn create(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: CreateRequest = call.parse()?;
    if request.instances.is_empty() {
        return Err(ApiError::ParamNeedSet {
            field: "instances".to_owned(),
        });
    }
    let module = world::module(tx, request.bk_module_id)?
        .filter(|module| module.bk_biz_id == request.bk_biz_id)
        .ok_or_else(|| ApiError::invalid("bk_module_id"))?;
    let templates = if module.service_template_id == 0 {
        Vec::new()
    } else {
        proc_templates::of_service_template(tx, module.service_template_id)?
    };
    let mut ids = Vec::with_capacity(request.instances.len());
    for (index, entry) in request.instances.into_iter().enumerate() {
        let (host_business, host) = world::host(tx, entry.bk_host_id)?
            .ok_or_else(|| ApiError::invalid(&format!("instances[{index}].bk_host_id")))?;
        if host_business != request.bk_biz_id {
            return Err(ApiError::invalid(&format!("instances[{index}].bk_host_id")));
        }
        let raw: Vec<Process> = entry
            .processes
            .into_iter()
            .enumerate()
            .map(|(at, process)| raw_entry(index, at, &process.process_info))
            .collect::<Result<_, _>>()?;
        let name = entry
            .service_instance_name
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| default_name(&host, &templates, &raw));
        let instance = ServiceInstance {
            id: 0,
            bk_biz_id: request.bk_biz_id,
            name,
            bk_module_id: request.bk_module_id,
            bk_host_id: entry.bk_host_id,
            service_template_id: module.service_template_id,
            creator: String::new(),
            modifier: String::new(),
            create_time: String::new(),
            last_time: String::new(),
            bk_supplier_account: "0".to_owned(),
        };
        let id = service_instances::insert(tx, &instance, call.user())?;
        if module.service_template_id == 0 {
            for process in raw {
                processes::insert(
                    tx,
                    raw_process(process),
                    request.bk_biz_id,
                    id,
                    0,
                    entry.bk_host_id,
                )?;
            }
        } else {
            for template in &templates {
                let process = template
                    .property
                    .instantiate(Some(&host))
                    .map_err(|error| ApiError::Instantiate {
                        field: format!("process template {}", template.id),
                        detail: error.to_string(),
                    })?;
                super::check::made_process(&process, true)?;
                processes::insert(
                    tx,
                    process,
                    request.bk_biz_id,
                    id,
                    template.id,
                    entry.bk_host_id,
                )?;
            }
        }
        ids.push(id);
    }
    Ok(json!(ids))
}

/// A raw process of the request, checked as `create_process_instance` checks
/// its processes.
fn raw_entry(instance: usize, at: usize, info: &Value) -> Result<Process, ApiError> {
    let payload =
        json!({"bk_biz_id": 1, "service_instance_id": 1, "processes": [{"process_info": info}]});
    let bytes = payload.to_string();
    let findings = cc_validate::check(
        cc_validate::Endpoint::CreateProcessInstance,
        cc_validate::PayloadKind::Request,
        bytes.as_bytes(),
    )
    .map_err(|error| ApiError::Internal(format!("validator: {error}")))?;
    let endpoint = cc_validate::Endpoint::CreateProcessInstance;
    if let Some(finding) = findings
        .iter()
        .find(|finding| crate::verdict::refusal(endpoint, finding, &payload).is_some())
    {
        let inner = finding
            .pointer
            .strip_prefix("/processes/0")
            .unwrap_or(&finding.pointer);
        let pointer = format!("/instances/{instance}/processes/{at}{inner}");
        return Err(ApiError::invalid_because(
            &crate::verdict::field_label(endpoint, &pointer),
            &finding.message,
        ));
    }
    serde_json::from_value(payload["processes"][0]["process_info"].clone())
        .map_err(|error| ApiError::invalid_because("process_info", error))
}

/// The name the server gives an instance created without one: the host's first
/// inner address, then the first process's name.
fn default_name(
    host: &cc_model::Host,
    templates: &[cc_model::endpoints::ProcTemplate],
    raw: &[Process],
) -> String {
    let address = host
        .bk_host_innerip
        .as_deref()
        .and_then(|list| list.split(',').next())
        .unwrap_or_default()
        .to_owned();
    let process = templates
        .first()
        .map(|template| template.bk_process_name.clone())
        .or_else(|| {
            raw.first()
                .and_then(|process| process.bk_process_name.value().cloned())
        });
    match process {
        Some(process) if !address.is_empty() => format!("{address}_{process}"),
        Some(process) => process,
        None => address,
    }
}

/// The fields of a `list_service_instance` request the server reads.
#[derive(Debug, Deserialize)]
struct ListRequest {
    bk_biz_id: i64,
    #[serde(default)]
    bk_module_id: Option<i64>,
    #[serde(default)]
    bk_host_ids: Option<Vec<i64>>,
    #[serde(default)]
    page: Option<cc_model::endpoints::Page>,
}

/// `list_service_instance`: a business's instances, by module and hosts; paged.
pub(super) fn list(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: ListRequest = call.parse()?;
    let mut instances = service_instances::of_business(tx, request.bk_biz_id)?;
    instances.retain(|instance| {
        request
            .bk_module_id
            .is_none_or(|module| module == 0 || instance.bk_module_id == module)
            && request
                .bk_host_ids
                .as_ref()
                .is_none_or(|hosts| hosts.is_empty() || hosts.contains(&instance.bk_host_id))
    });
    let count = instances.len();
    let page = request.page.unwrap_or_default();
    let start = usize::try_from(page.start.value().copied().unwrap_or(0)).unwrap_or(0);
    let limit = page
        .limit
        .value()
        .and_then(|&limit| usize::try_from(limit).ok())
        .filter(|&limit| limit > 0)
        .unwrap_or(usize::MAX);
    let info: Vec<&ServiceInstance> = instances.iter().skip(start).take(limit).collect();
    Ok(json!({"count": count, "info": info}))
}

/// The fields of a `delete_service_instance` request the server reads.
#[derive(Debug, Deserialize)]
struct DeleteRequest {
    bk_biz_id: i64,
    service_instance_ids: Vec<i64>,
}

/// `delete_service_instance`: the instances and their processes.
pub(super) fn delete(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: DeleteRequest = call.parse()?;
    if request.service_instance_ids.is_empty() {
        return Err(ApiError::ParamNeedSet {
            field: "service_instance_ids".to_owned(),
        });
    }
    for &id in &request.service_instance_ids {
        let owned = service_instances::get(tx, id)?
            .is_some_and(|instance| instance.bk_biz_id == request.bk_biz_id);
        if !owned {
            return Err(ApiError::invalid("service_instance_ids"));
        }
        service_instances::delete(tx, id)?;
    }
    Ok(Value::Null)
}
