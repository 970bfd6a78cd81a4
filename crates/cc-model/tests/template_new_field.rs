//! Adding a field to a plain struct is enough: the derive carries it through
//! instantiate, `locked_fields`, sync and edit preview, top level and in nested
//! rows, with no code written for it. `SidecarV1` is a struct before the change,
//! `Sidecar` the same struct after `memory_limit` and a row's `tls` were added.

// Tests fail by panicking; an unwrap on a fixture is the clearest way to say so.
#![allow(clippy::unwrap_used)]

use cc_model::{
    BindType, DropReason, Dropped, FieldChange, FieldKind, Host, LockedField, Patch,
    ProcessTemplate, Property, RowChange, Template,
};
use serde_json::{Value, json};

/// A listener row, before the change.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    cc_model::ProcessTemplate,
)]
#[serde(default)]
struct ListenerV1 {
    #[cc(template_type = "cc_model::BindType")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    addr: Patch<String>,
    #[cc(required)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    port: Patch<String>,
    #[cc(plain, rename = "row_id")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    template_row: Patch<i64>,
}

/// A sidecar process, before the change.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    cc_model::ProcessTemplate,
)]
#[serde(default)]
struct SidecarV1 {
    #[cc(required, always_locked)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_absent")]
    replicas: Patch<i64>,
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    id: Patch<i64>,
    #[cc(nested)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    listeners: Patch<Vec<ListenerV1>>,
}

/// A listener row, after the change: `tls` is new.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    cc_model::ProcessTemplate,
)]
#[serde(default)]
struct Listener {
    #[cc(template_type = "cc_model::BindType")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    addr: Patch<String>,
    #[cc(required)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    port: Patch<String>,
    /// New: whether the listener terminates TLS.
    #[serde(skip_serializing_if = "Option::is_none")]
    tls: Option<bool>,
    #[cc(plain, rename = "row_id")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    template_row: Patch<i64>,
}

/// A sidecar process, after the change: `memory_limit` is new.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    cc_model::ProcessTemplate,
)]
#[serde(default)]
struct Sidecar {
    #[cc(required, always_locked)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_absent")]
    replicas: Patch<i64>,
    /// New: the memory limit, as the runtime writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    memory_limit: Option<String>,
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    id: Patch<i64>,
    #[cc(nested)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    listeners: Patch<Vec<Listener>>,
}

/// One template for both versions (V1 ignores the new keys, as serde does with
/// unknown keys): the new fields locked.
fn template_json() -> Value {
    json!({
        "name": {"value": "envoy", "as_default_value": false},
        "replicas": {"value": 2, "as_default_value": false},
        "memory_limit": {"value": "256Mi", "as_default_value": true},
        "listeners": {"as_default_value": false, "value": [
            {
                "row_id": 7,
                "addr": {"value": "3", "as_default_value": true},
                "port": {"value": "15001", "as_default_value": true},
                "tls": {"value": true, "as_default_value": true}
            }
        ]}
    })
}

fn host() -> Host {
    Host {
        bk_host_innerip: Some("10.0.0.1,10.0.0.2".to_owned()),
        ..Host::default()
    }
}

fn v1() -> SidecarV1Template {
    serde_json::from_value(template_json()).unwrap()
}

fn v2() -> SidecarTemplate {
    serde_json::from_value(template_json()).unwrap()
}

#[test]
fn the_new_fields_are_in_the_template_type_and_metadata() {
    let template = v2();
    assert_eq!(
        template.memory_limit,
        Some(Property::new(Some("256Mi".to_owned()), true))
    );
    let row = &template.listeners.as_ref().unwrap().value.as_ref().unwrap()[0];
    assert_eq!(row.tls, Some(Property::new(Some(true), true)));
    assert_eq!(
        row.addr,
        Some(Property::new(Some(BindType::FirstInnerIp), true))
    );
    let memory = Sidecar::field("memory_limit").unwrap();
    assert_eq!(memory.kind, FieldKind::Wrapped);
    assert_eq!(memory.template_name, Some("memory_limit"));
    assert!(!memory.required && !memory.always_locked && !memory.legacy);
    assert_eq!(Listener::field("tls").unwrap().kind, FieldKind::Wrapped);
    assert_eq!(SidecarV1::field("memory_limit"), None);
    assert_eq!(serde_json::to_value(&template).unwrap(), template_json());
}

#[test]
fn instantiate_copies_the_new_fields() {
    let before = v1().instantiate(Some(&host())).unwrap();
    let after = v2().instantiate(Some(&host())).unwrap();

    assert_eq!(
        serde_json::to_value(&before).unwrap(),
        json!({
            "name": "envoy",
            "replicas": 2,
            "listeners": [{"addr": "10.0.0.1", "port": "15001", "template_row": 7}]
        })
    );
    assert_eq!(
        serde_json::to_value(&after).unwrap(),
        json!({
            "name": "envoy",
            "replicas": 2,
            "memory_limit": "256Mi",
            "listeners": [{"addr": "10.0.0.1", "port": "15001", "tls": true, "template_row": 7}]
        })
    );
    assert_eq!(after.memory_limit, Some("256Mi".to_owned()));
    assert_eq!(after.id, Patch::Absent);
}

#[test]
fn locked_fields_list_the_new_fields() {
    let locked = |field: &'static str, row_id: Option<i64>, pointer: &str| LockedField {
        field,
        row_id,
        pointer: pointer.to_owned(),
    };
    let before = vec![
        locked("name", None, "/name"),
        locked("addr", Some(7), "/listeners/value/0/addr"),
        locked("port", Some(7), "/listeners/value/0/port"),
    ];
    assert_eq!(v1().locked_fields(), before);
    assert_eq!(
        v2().locked_fields(),
        vec![
            locked("name", None, "/name"),
            locked("memory_limit", None, "/memory_limit"),
            locked("addr", Some(7), "/listeners/value/0/addr"),
            locked("port", Some(7), "/listeners/value/0/port"),
            locked("tls", Some(7), "/listeners/value/0/tls"),
        ]
    );
}

#[test]
fn sync_restores_the_new_fields() {
    let instance: Sidecar = serde_json::from_value(json!({
        "id": 43,
        "name": "envoy",
        "replicas": 5,
        "memory_limit": "1Gi",
        "listeners": [{"addr": "10.0.0.1", "port": "15001", "tls": false, "template_row": 7}]
    }))
    .unwrap();

    let synced = v2().sync(&instance, Some(&host())).unwrap();

    assert_eq!(
        synced.plan.fields,
        vec![FieldChange {
            field: "memory_limit",
            pointer: "/memory_limit".to_owned(),
            old: json!("1Gi"),
            new: json!("256Mi"),
        }]
    );
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Changed {
            row_id: Some(7),
            pointer: "/listeners/0".to_owned(),
            changes: vec![FieldChange {
                field: "tls",
                pointer: "/listeners/0/tls".to_owned(),
                old: json!(false),
                new: json!(true),
            }],
        }]
    );
    assert_eq!(
        serde_json::to_value(&synced.instance).unwrap(),
        json!({
            "id": 43,
            "name": "envoy",
            "replicas": 5,
            "memory_limit": "256Mi",
            "listeners": [{"addr": "10.0.0.1", "port": "15001", "tls": true, "template_row": 7}]
        })
    );
    // In sync now.
    let again = v2().sync(&synced.instance, Some(&host())).unwrap();
    assert!(again.plan.is_empty(), "{:?}", again.plan);
}

#[test]
fn preview_drops_edits_of_the_new_locked_fields() {
    let edit: Sidecar = serde_json::from_value(json!({
        "id": 43,
        "replicas": 3,
        "memory_limit": "1Gi",
        "listeners": [{"template_row": 7, "addr": "10.0.0.1", "port": "15001", "tls": false}]
    }))
    .unwrap();

    let preview = v2().preview(&edit, Some(&host())).unwrap();

    assert_eq!(
        serde_json::to_value(&preview.stored).unwrap(),
        // A skipped (bookkeeping) field of an edit is never written
        // (server-truth edit-bookkeeping-fields-not-written).
        json!({
            "replicas": 3,
            "listeners": [{"addr": "10.0.0.1", "port": "15001", "tls": true, "template_row": 7}]
        })
    );
    assert_eq!(preview.stored.memory_limit, None);
    assert_eq!(
        preview.dropped,
        vec![
            Dropped {
                field: "memory_limit",
                row_id: None,
                pointer: "/memory_limit".to_owned(),
                reason: DropReason::Locked,
            },
            Dropped {
                field: "tls",
                row_id: Some(7),
                pointer: "/listeners/0/tls".to_owned(),
                reason: DropReason::TemplateValue,
            },
        ]
    );
    assert_eq!(preview.reset_rows, Vec::new());
}

#[test]
fn preview_keeps_edits_of_the_new_free_fields() {
    let mut template = template_json();
    template["memory_limit"]["as_default_value"] = json!(false);
    template["listeners"]["value"][0]["tls"]["as_default_value"] = json!(null);
    let template: SidecarTemplate = serde_json::from_value(template).unwrap();
    let edit: Sidecar = serde_json::from_value(json!({
        "memory_limit": "1Gi",
        "listeners": [{"template_row": 7, "tls": false}]
    }))
    .unwrap();

    let preview = template.preview(&edit, Some(&host())).unwrap();

    assert_eq!(
        serde_json::to_value(&preview.stored).unwrap(),
        json!({
            "memory_limit": "1Gi",
            "listeners": [{"addr": "10.0.0.1", "port": "15001", "tls": false, "template_row": 7}]
        })
    );
    assert_eq!(preview.dropped, Vec::new());
    // Free, the new fields are left alone by a sync too.
    let instance = Sidecar {
        name: Patch::Set("envoy".to_owned()),
        ..preview.stored
    };
    let synced = template.sync(&instance, Some(&host())).unwrap();
    assert!(synced.plan.is_empty(), "{:?}", synced.plan);
    assert_eq!(synced.instance.memory_limit, Some("1Gi".to_owned()));
    assert_eq!(
        synced.instance.listeners.value().unwrap()[0].tls,
        Some(false)
    );
}
