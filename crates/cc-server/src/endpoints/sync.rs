//! `list_service_template_difference` (whether a sync would change anything,
//! from cc-model's sync plan) and `sync_service_template_to_service_instance`
//! (applies it).

use super::Call;
use crate::http::ApiError;
use crate::store::{proc_templates, processes, service_instances, service_templates, world};
use cc_model::Template;
use cc_model::endpoints::ProcTemplate;
use rusqlite::Transaction;
use serde::Deserialize;
use serde_json::{Value, json};

/// The fields of a `list_service_template_difference` request the server reads.
#[derive(Debug, Deserialize)]
struct DifferenceRequest {
    #[serde(default)]
    bk_biz_id: Option<i64>,
    #[serde(default)]
    service_template_ids: Option<Vec<i64>>,
    #[serde(default)]
    bk_module_ids: Option<Vec<i64>>,
}

/// `list_service_template_difference`: `need_sync` per service template or per
/// module.
pub(super) fn difference(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: DifferenceRequest = call.parse()?;
    // The backend route has the business in its path, the ESB body has it.
    let bk_biz_id = call
        .path_id("bk_biz_id")?
        .or(request.bk_biz_id)
        .ok_or_else(|| ApiError::ParamNotExist {
            field: "bk_biz_id".to_owned(),
        })?;
    match (request.service_template_ids, request.bk_module_ids) {
        (Some(templates), _) if !templates.is_empty() => {
            let mut listed = Vec::with_capacity(templates.len());
            for id in templates {
                service_templates::get(tx, id)?
                    .filter(|template| template.bk_biz_id == bk_biz_id)
                    .ok_or_else(|| ApiError::invalid("service_template_ids"))?;
                let mut need_sync = false;
                for module in modules_of(tx, bk_biz_id, id)? {
                    need_sync |= module_needs_sync(tx, bk_biz_id, module, id)?;
                }
                listed.push(json!({"service_template_id": id, "need_sync": need_sync}));
            }
            Ok(json!({"service_templates": listed}))
        }
        (_, Some(modules)) if !modules.is_empty() => {
            let mut listed = Vec::with_capacity(modules.len());
            for id in modules {
                let module = world::module(tx, id)?
                    .filter(|module| module.bk_biz_id == bk_biz_id)
                    .ok_or_else(|| ApiError::invalid("bk_module_ids"))?;
                let need_sync = module.service_template_id != 0
                    && module_needs_sync(tx, bk_biz_id, id, module.service_template_id)?;
                listed.push(json!({"bk_module_id": id, "need_sync": need_sync}));
            }
            Ok(json!({"modules": listed}))
        }
        _ => Err(ApiError::invalid("service_template_ids")),
    }
}

/// The fields of a `sync_service_template_to_service_instance` request.
#[derive(Debug, Deserialize)]
struct SyncRequest {
    bk_biz_id: i64,
    service_template_id: i64,
    bk_module_ids: Vec<i64>,
}

/// `sync_service_template_to_service_instance`: every instance of the modules
/// takes its template's locked values; missing processes are created, processes
/// whose template is gone are removed.
pub(super) fn sync(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: SyncRequest = call.parse()?;
    if request.bk_module_ids.is_empty() {
        return Err(ApiError::ParamNeedSet {
            field: "bk_module_ids".to_owned(),
        });
    }
    let templates = proc_templates::of_service_template(tx, request.service_template_id)?;
    for &id in &request.bk_module_ids {
        let module = world::module(tx, id)?
            .filter(|module| module.bk_biz_id == request.bk_biz_id)
            .ok_or_else(|| ApiError::invalid("bk_module_ids"))?;
        if module.service_template_id != request.service_template_id {
            return Err(ApiError::ModuleWithoutTemplate);
        }
        for instance in instances_of(tx, request.bk_biz_id, id)? {
            let host = world::host(tx, instance.bk_host_id)?.map(|(_, host)| host);
            let stored = processes::of_service_instance(tx, instance.id)?;
            for process in &stored {
                if !templates
                    .iter()
                    .any(|t| t.id == process.process_template_id)
                {
                    processes::delete(tx, process.bk_process_id)?;
                }
            }
            for template in &templates {
                if let Some(process) = stored.iter().find(|p| p.process_template_id == template.id)
                {
                    let synced = template
                        .property
                        .sync(&process.process, host.as_ref())
                        .map_err(|error| instantiate_error(template, &error))?;
                    if !synced.plan.is_empty() {
                        super::check::made_process(&synced.instance, false)?;
                        processes::update(tx, process, synced.instance)?;
                    }
                } else {
                    let process = template
                        .property
                        .instantiate(host.as_ref())
                        .map_err(|error| instantiate_error(template, &error))?;
                    super::check::made_process(&process, true)?;
                    processes::insert(
                        tx,
                        process,
                        request.bk_biz_id,
                        instance.id,
                        template.id,
                        instance.bk_host_id,
                    )?;
                }
            }
        }
    }
    Ok(Value::Null)
}

/// Whether syncing `module`'s instances with `service_template_id` changes
/// anything.
fn module_needs_sync(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    module: i64,
    service_template_id: i64,
) -> Result<bool, ApiError> {
    let templates = proc_templates::of_service_template(tx, service_template_id)?;
    for instance in instances_of(tx, bk_biz_id, module)? {
        let host = world::host(tx, instance.bk_host_id)?.map(|(_, host)| host);
        let stored = processes::of_service_instance(tx, instance.id)?;
        if stored
            .iter()
            .any(|p| !templates.iter().any(|t| t.id == p.process_template_id))
        {
            return Ok(true);
        }
        for template in &templates {
            let Some(process) = stored.iter().find(|p| p.process_template_id == template.id) else {
                return Ok(true);
            };
            let synced = template
                .property
                .sync(&process.process, host.as_ref())
                .map_err(|error| instantiate_error(template, &error))?;
            if !synced.plan.is_empty() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn instances_of(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    module: i64,
) -> Result<Vec<service_instances::ServiceInstance>, ApiError> {
    let mut instances = service_instances::of_business(tx, bk_biz_id)?;
    instances.retain(|instance| instance.bk_module_id == module);
    Ok(instances)
}

fn modules_of(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    service_template_id: i64,
) -> Result<Vec<i64>, ApiError> {
    let mut modules: Vec<i64> = instances_of_template(tx, bk_biz_id, service_template_id)?;
    modules.sort_unstable();
    modules.dedup();
    Ok(modules)
}

fn instances_of_template(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    service_template_id: i64,
) -> Result<Vec<i64>, ApiError> {
    Ok(service_instances::of_business(tx, bk_biz_id)?
        .into_iter()
        .filter(|instance| instance.service_template_id == service_template_id)
        .map(|instance| instance.bk_module_id)
        .collect())
}

fn instantiate_error(template: &ProcTemplate, error: &cc_model::InstantiateError) -> ApiError {
    ApiError::Instantiate {
        field: format!("process template {}", template.id),
        detail: error.to_string(),
    }
}
