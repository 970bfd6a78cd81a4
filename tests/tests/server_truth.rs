//! Conformance with the server: every case of `fixtures/server-truth/cases.json`
//! (bk-cmdb 111e7ac, see that folder's README) against this workspace's answer.
//!
//! How each case's answer is computed:
//!
//! - request endpoints (`batch_create_proc_template`, `update_proc_template`,
//!   `create_process_instance`, `update_process_instance`): the payload (or its
//!   exact `payload_text`) is checked by `cc_validate::Validator` with
//!   [`CheckOptions`]: for a template-bound `update_process_instance` case the
//!   case's `template` and `host` (what `--template`/`--host` give), for a raw
//!   one (`template_bound: false`) `raw: true` (what `--raw` gives). The
//!   workspace accepts the payload when no finding is an error.
//! - `instantiate`: `ProcessTemplateSpec::instantiate` on the case's host; an
//!   error there is a refusal, and so is an error finding of the instance checks
//!   on the new process (checked as a `create_process_instance` request, the
//!   path the server's instance manager takes).
//! - `sync`: `ProcessTemplateSpec::sync` of the case's instance; an error is a
//!   refusal, and so is an error finding of the instance checks on the synced
//!   instance (checked as a raw `update_process_instance` entry).
//!
//! And where the server's result has `stored`, what is stored:
//!
//! - `instantiate`: the new instance against `stored`, field by field, an absent
//!   field counting as null, the ids the server fills in (`bk_biz_id`,
//!   `service_instance_id`, `bk_supplier_account`) left out;
//! - `sync`: `changed` against a non-empty sync plan, and when changed the synced
//!   instance against `stored.result`, absent counting as null;
//! - template-bound `update_process_instance`: the edit preview's `stored` (the
//!   fields the server writes) against each entry's `update`, exactly;
//! - raw `update_process_instance`: `cc_model::raw_update` of each entry
//!   against its `update`, exactly;
//! - `batch_create_proc_template`: each spec as the server stores it
//!   (`ProcessTemplateSpec::as_created`) against `stored`, wrappers
//!   `{null, null}` left out on both sides and a missing `as_default_value`
//!   counting as null;
//! - `update_proc_template`: the case's template with the update applied
//!   (`ProcessTemplateSpec::apply_update`) against `stored`, compared the same
//!   way;
//! - `create_process_instance`: not compared; the workspace does not predict
//!   the filled-in document the server stores (only the verdict is compared).
//!
//! Cases that do not agree yet are listed in [`KNOWN`] with the reason. The test
//! fails when a listed case agrees (remove it from the table) or an unlisted one
//! disagrees; the failure names the case, both answers and the source lines that
//! decide it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use cc_model::{Host, Process, ProcessTemplateSpec, Template};
use cc_validate::{CheckOptions, Document, Endpoint, PayloadKind, Severity, Validator};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// Cases where this workspace does not agree with the server yet: id -> why.
const KNOWN: &[(&str, &str)] = &[
    (
        "create-on-template-service-instance-rejected",
        "depends on server state (the service instance was created from a template): the payload cannot show it",
    ),
    (
        "duplicate-key-last-wins-template",
        "deliberately stricter: duplicate-key is an error although the server keeps the last value",
    ),
    (
        "duplicate-row-id-template-accepted",
        "deliberately stricter: duplicate-row-id is an error although the server accepts duplicate row ids",
    ),
    (
        "duplicate-row-id-instantiate-both-rows",
        "deliberately stricter: duplicate-row-id is an error although the server accepts duplicate row ids",
    ),
    (
        "edit-duplicate-template-row-id-last-wins",
        "deliberately stricter: duplicate-row-id is an error although the server keeps the last row",
    ),
];

fn cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/server-truth/cases.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// This workspace's answer to a case.
struct Answer {
    /// Whether the workspace expects the call to succeed.
    accepted: bool,
    /// What led there: the error findings, or the operation's error.
    why: Vec<String>,
    /// Where `stored` is compared: `Err` describing the first difference.
    stored: Result<(), String>,
}

fn endpoint(name: &str) -> Option<Endpoint> {
    match name {
        "batch_create_proc_template" => Some(Endpoint::BatchCreateProcTemplate),
        "update_proc_template" => Some(Endpoint::UpdateProcTemplate),
        "create_process_instance" => Some(Endpoint::CreateProcessInstance),
        "update_process_instance" => Some(Endpoint::UpdateProcessInstance),
        _ => None,
    }
}

fn errors(endpoint: Endpoint, source: &[u8], options: CheckOptions<'_>) -> Vec<String> {
    let validator = Validator::get(endpoint, PayloadKind::Request).unwrap();
    let findings = match Document::parse(source) {
        Ok(document) => validator.check_document_with(&document, source, options),
        Err(finding) => vec![*finding],
    };
    findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| {
            format!(
                "{} at `{}`: {}",
                finding.rule, finding.pointer, finding.message
            )
        })
        .collect()
}

fn template_of(case: &Value) -> Option<ProcessTemplateSpec> {
    case.get("template")
        .filter(|template| !template.is_null())
        .map(|template| serde_json::from_value(template.clone()).expect("the case's template"))
}

fn host_of(case: &Value) -> Option<Host> {
    case.get("host")
        .filter(|host| !host.is_null())
        .map(|host| serde_json::from_value(host.clone()).expect("the case's host"))
}

fn source_of(case: &Value) -> Vec<u8> {
    match case.get("payload_text").and_then(Value::as_str) {
        Some(text) => text.as_bytes().to_vec(),
        None => serde_json::to_vec(&case["payload"]).unwrap(),
    }
}

/// `Err` naming the first key whose values differ, an absent key counting as
/// null; keys in `skip` are not compared.
fn same_fields(ours: &Value, theirs: &Value, skip: &[&str]) -> Result<(), String> {
    let empty = Map::new();
    let ours = ours.as_object().unwrap_or(&empty);
    let theirs = theirs.as_object().unwrap_or(&empty);
    for key in ours.keys().chain(theirs.keys()) {
        if skip.contains(&key.as_str()) {
            continue;
        }
        let (a, b) = (
            ours.get(key).unwrap_or(&Value::Null),
            theirs.get(key).unwrap_or(&Value::Null),
        );
        if a != b {
            return Err(format!("`{key}`: workspace {a}, server {b}"));
        }
    }
    Ok(())
}

fn exactly(ours: &Value, theirs: &Value) -> Result<(), String> {
    if ours == theirs {
        Ok(())
    } else {
        Err(format!("workspace {ours}, server {theirs}"))
    }
}

/// A stored template spec in a comparable form: every wrapper with both keys
/// (a missing one null), wrappers `{null, null}` left out, in rows too.
fn stored_spec(spec: &Value) -> Value {
    fn wrapper(value: &Value) -> Option<Value> {
        let object = value.as_object()?;
        let inner = object.get("value").cloned().unwrap_or(Value::Null);
        let lock = object
            .get("as_default_value")
            .cloned()
            .unwrap_or(Value::Null);
        if inner.is_null() && lock.is_null() {
            return None;
        }
        let inner = match inner {
            Value::Array(rows) => Value::Array(rows.iter().map(row).collect()),
            other => other,
        };
        Some(json!({"value": inner, "as_default_value": lock}))
    }
    fn row(value: &Value) -> Value {
        let Some(object) = value.as_object() else {
            return value.clone();
        };
        let mut out = Map::new();
        for (key, item) in object {
            if key == "row_id" {
                out.insert(key.clone(), item.clone());
            } else if let Some(item) = wrapper(item) {
                out.insert(key.clone(), item);
            }
        }
        Value::Object(out)
    }
    let mut out = Map::new();
    for (key, item) in spec.as_object().into_iter().flatten() {
        if let Some(item) = wrapper(item) {
            out.insert(key.clone(), item);
        }
    }
    Value::Object(out)
}

/// The ids the server fills in when it creates an instance.
const FILLED_IN: &[&str] = &["bk_biz_id", "service_instance_id", "bk_supplier_account"];

fn request(case: &Value, name: Endpoint) -> Answer {
    let source = source_of(case);
    let template = template_of(case);
    let host = host_of(case);
    let bound = case.get("template_bound").and_then(Value::as_bool);
    let options = CheckOptions {
        template: if name == Endpoint::UpdateProcessInstance && bound == Some(true) {
            template.as_ref()
        } else {
            None
        },
        host: host.as_ref(),
        raw: name == Endpoint::UpdateProcessInstance && bound == Some(false),
    };
    let why = errors(name, &source, options);
    let accepted = why.is_empty();
    let stored = case["server"]
        .get("stored")
        .filter(|stored| !stored.is_null());
    let stored = match (stored, accepted) {
        (Some(stored), true) => stored_of_request(case, name, &source, stored),
        _ => Ok(()),
    };
    Answer {
        accepted,
        why,
        stored,
    }
}

fn stored_of_request(
    case: &Value,
    name: Endpoint,
    source: &[u8],
    stored: &Value,
) -> Result<(), String> {
    let payload = Document::parse(source)
        .map_err(|finding| finding.message)?
        .value;
    let payload = cc_validate::__fuzz::as_server_reads(name, PayloadKind::Request, &payload);
    let stored_items = stored.as_array().cloned().unwrap_or_default();
    match name {
        Endpoint::BatchCreateProcTemplate => {
            let specs: Vec<Value> = payload["processes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|process| {
                    let spec: ProcessTemplateSpec =
                        serde_json::from_value(process["spec"].clone()).unwrap_or_default();
                    stored_spec(&serde_json::to_value(spec.as_created()).unwrap())
                })
                .collect();
            let theirs: Vec<Value> = stored_items.iter().map(stored_spec).collect();
            exactly(&Value::Array(specs), &Value::Array(theirs))
        }
        Endpoint::UpdateProcTemplate => {
            let mut template = template_of(case).unwrap_or_default();
            let property = payload["process_property"].as_object().cloned();
            template.apply_update(&property.unwrap_or_default());
            exactly(
                &stored_spec(&serde_json::to_value(&template).unwrap()),
                &stored_spec(stored),
            )
        }
        Endpoint::UpdateProcessInstance => {
            let template = template_of(case);
            let host = host_of(case);
            let bound = case.get("template_bound").and_then(Value::as_bool) == Some(true);
            let entries = payload["processes"].as_array().cloned().unwrap_or_default();
            for (index, (entry, theirs)) in entries.iter().zip(&stored_items).enumerate() {
                let edit: Process = serde_json::from_value(entry.clone())
                    .map_err(|error| format!("entry {index} does not decode: {error}"))?;
                let ours = match (&template, bound) {
                    (Some(template), true) => {
                        let preview = template
                            .preview(&edit, host.as_ref())
                            .map_err(|error| format!("entry {index}: {error}"))?;
                        serde_json::to_value(preview.stored).unwrap()
                    }
                    _ => serde_json::to_value(cc_model::raw_update(
                        &edit,
                        payload["bk_biz_id"].as_i64().unwrap_or_default(),
                    ))
                    .unwrap(),
                };
                exactly(&ours, &theirs["update"])
                    .map_err(|error| format!("entry {index}: {error}"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The instance checks on a process the template operations produce.
fn instance_errors(process: &Process, as_create: bool) -> Vec<String> {
    let process = serde_json::to_value(process).unwrap();
    let (name, payload) = if as_create {
        (
            Endpoint::CreateProcessInstance,
            json!({"bk_biz_id": 2, "service_instance_id": 4, "processes": [{"process_info": process}]}),
        )
    } else {
        (
            Endpoint::UpdateProcessInstance,
            json!({"bk_biz_id": 2, "processes": [process]}),
        )
    };
    errors(
        name,
        &serde_json::to_vec(&payload).unwrap(),
        CheckOptions {
            raw: !as_create,
            ..CheckOptions::default()
        },
    )
}

fn instantiate(case: &Value) -> Answer {
    let template = template_of(case).unwrap();
    let host = host_of(case);
    match template.instantiate(host.as_ref()) {
        Err(error) => Answer {
            accepted: false,
            why: vec![error.to_string()],
            stored: Ok(()),
        },
        Ok(process) => {
            let why = instance_errors(&process, true);
            let stored = match case["server"].get("stored") {
                Some(stored) if !stored.is_null() && why.is_empty() => {
                    same_fields(&serde_json::to_value(&process).unwrap(), stored, FILLED_IN)
                }
                _ => Ok(()),
            };
            Answer {
                accepted: why.is_empty(),
                why,
                stored,
            }
        }
    }
}

fn sync(case: &Value) -> Answer {
    let template = template_of(case).unwrap();
    let host = host_of(case);
    let instance: Process = serde_json::from_value(case["instance"].clone()).unwrap();
    match template.sync(&instance, host.as_ref()) {
        Err(error) => Answer {
            accepted: false,
            why: vec![error.to_string()],
            stored: Ok(()),
        },
        Ok(synced) => {
            let why = instance_errors(&synced.instance, false);
            let stored = match case["server"].get("stored") {
                Some(stored) if !stored.is_null() && why.is_empty() => {
                    let changed = !synced.plan.is_empty();
                    if Some(changed) == stored["changed"].as_bool() {
                        if changed {
                            same_fields(
                                &serde_json::to_value(&synced.instance).unwrap(),
                                &stored["result"],
                                &[],
                            )
                        } else {
                            Ok(())
                        }
                    } else {
                        Err(format!(
                            "changed: workspace {changed}, server {}",
                            stored["changed"]
                        ))
                    }
                }
                _ => Ok(()),
            };
            Answer {
                accepted: why.is_empty(),
                why,
                stored,
            }
        }
    }
}

fn answer(case: &Value) -> Answer {
    let name = case["endpoint"].as_str().unwrap();
    match (name, endpoint(name)) {
        (_, Some(endpoint)) => request(case, endpoint),
        ("instantiate", None) => instantiate(case),
        ("sync", None) => sync(case),
        (other, None) => panic!("unknown endpoint {other}"),
    }
}

/// What disagrees in a case, or `None` when the workspace agrees.
fn disagreement(case: &Value) -> Option<String> {
    let ours = answer(case);
    let accepted = case["server"]["accepted"].as_bool().unwrap();
    if ours.accepted != accepted {
        return Some(format!(
            "the server {} it, the workspace {} it{}",
            if accepted { "accepts" } else { "refuses" },
            if ours.accepted { "accepts" } else { "refuses" },
            if ours.why.is_empty() {
                String::new()
            } else {
                format!(": {}", ours.why.join("; "))
            }
        ));
    }
    ours.stored
        .err()
        .map(|difference| format!("both accept it, but what is stored differs: {difference}"))
}

#[test]
fn every_case_agrees_with_the_server_or_is_listed() {
    let known: BTreeMap<&str, &str> = KNOWN.iter().copied().collect();
    assert_eq!(known.len(), KNOWN.len(), "a case is listed twice in KNOWN");
    let cases = cases();
    let ids: Vec<&str> = cases
        .iter()
        .map(|case| case["id"].as_str().unwrap())
        .collect();
    let mut failures = Vec::new();
    for id in known.keys() {
        if !ids.contains(id) {
            failures.push(format!("{id}: listed in KNOWN but not a case"));
        }
    }
    let mut agreeing = 0;
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let sources = case["source"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        match (disagreement(case), known.get(id)) {
            (None, None) => agreeing += 1,
            (Some(_), Some(_)) => {}
            (None, Some(reason)) => failures.push(format!(
                "{id}: agrees with the server now; remove it from KNOWN (it said: {reason})"
            )),
            (Some(what), None) => failures.push(format!(
                "{id} ({}): {what}\n    fact: {}\n    decided by: {sources}",
                case["endpoint"].as_str().unwrap_or_default(),
                case["fact"].as_str().unwrap_or_default()
            )),
        }
    }
    eprintln!(
        "{agreeing} of {} cases agree with the server; {} are listed as not yet",
        cases.len(),
        known.len()
    );
    assert!(
        failures.is_empty(),
        "{} case(s) do not match the table:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
