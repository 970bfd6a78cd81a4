//! What the server stores for created and updated templates and for a raw
//! process edit (`cc_model::stored`), each from a server-truth case
//! (`tests/fixtures/server-truth/cases.json`, bk-cmdb 111e7ac).
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_model::{Patch, Process, ProcessTemplateSpec, raw_update};
use serde_json::{Value, json};

fn spec(value: Value) -> ProcessTemplateSpec {
    serde_json::from_value(value).unwrap()
}

/// template-rows-without-row-id-numbered: rows without `row_id` (or 0) get
/// max+1, max+2, ... in row order (`process_bind_info.go:143-190`), and both
/// names are locked (`core process_template.go:42-44`).
#[test]
fn a_created_template_numbers_its_rows_and_locks_its_names() {
    let row = |port: &str, id: Option<i64>| {
        let mut row =
            json!({"ip": {"value": "1"}, "port": {"value": port}, "protocol": {"value": "1"}});
        if let Some(id) = id {
            row["row_id"] = json!(id);
        }
        row
    };
    let created = spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": false},
        "bk_func_name": {"value": "java"},
        "bind_info": {"value": [row("80", None), row("81", Some(5)), row("82", Some(0))]}
    }))
    .as_created();
    let ids: Vec<Patch<i64>> = created
        .bind_info
        .unwrap()
        .value
        .unwrap()
        .iter()
        .map(|row| row.row_id)
        .collect();
    assert_eq!(ids, [Patch::Set(6), Patch::Set(5), Patch::Set(7)]);
    assert_eq!(created.bk_process_name.as_default_value, Some(true));
    assert_eq!(created.bk_func_name.as_default_value, Some(true));
}

/// update-template-wrapper-replaced, update-template-lock-only-nulls-value,
/// update-template-key-case-dropped, update-template-func-name-ignored
/// (`process.go:1928-1964`): a present wrapper is replaced whole, keys match
/// exactly, `bk_func_name` is never applied.
#[test]
fn an_update_replaces_wrappers_whole_and_matches_keys_exactly() {
    let stored = || {
        spec(json!({
            "bk_process_name": {"value": "p1", "as_default_value": true},
            "bk_func_name": {"value": "java", "as_default_value": true},
            "proc_num": {"value": 2, "as_default_value": true}
        }))
    };
    let update = |property: Value| {
        let mut template = stored();
        template.apply_update(property.as_object().unwrap());
        serde_json::to_value(template).unwrap()
    };
    assert_eq!(
        update(json!({"proc_num": {"value": 5}}))["proc_num"],
        json!({"value": 5, "as_default_value": null})
    );
    assert_eq!(
        update(json!({"proc_num": {"as_default_value": true}}))["proc_num"],
        json!({"value": null, "as_default_value": true})
    );
    assert_eq!(
        update(json!({"Proc_Num": {"value": 9}}))["proc_num"],
        json!({"value": 2, "as_default_value": true})
    );
    assert_eq!(
        update(json!({"bk_func_name": {"value": "python"}}))["bk_func_name"],
        json!({"value": "java", "as_default_value": true})
    );
}

/// update-template-row-ids-counted-over-new-list: new rows are numbered over
/// the new list only (`process_bind_info.go:143-190`).
#[test]
fn an_updated_list_numbers_new_rows_over_itself() {
    let mut template = spec(json!({
        "bk_process_name": {"value": "p1"},
        "bk_func_name": {"value": "java"},
        "bind_info": {"value": [
            {"row_id": 1, "port": {"value": "80"}, "protocol": {"value": "1"}},
            {"row_id": 2, "port": {"value": "81"}, "protocol": {"value": "1"}}
        ]}
    }));
    template.apply_update(
        json!({"bind_info": {"value": [
            {"row_id": 1, "port": {"value": "80"}, "protocol": {"value": "1"}},
            {"port": {"value": "90"}, "protocol": {"value": "1"}}
        ]}})
        .as_object()
        .unwrap(),
    );
    let rows = template.bind_info.unwrap().value.unwrap();
    assert_eq!(rows[1].row_id, Patch::Set(2));
}

/// raw-update-omitted-fields-cleared, raw-update-service-instance-id-not-written
/// (`proc processinstance.go:490-502`): the whole struct is written, omitted
/// fields as null, bookkeeping left out, `bk_biz_id` the request's.
#[test]
fn a_raw_edit_writes_the_whole_struct() {
    let edit: Process = serde_json::from_value(json!({
        "bk_process_id": 43,
        "bk_process_name": "p1 ",
        "bk_func_name": "java",
        "proc_num": 5,
        "service_instance_id": 9
    }))
    .unwrap();
    let written = serde_json::to_value(raw_update(&edit, 2)).unwrap();
    assert_eq!(written["proc_num"], 5);
    assert_eq!(written["bk_process_name"], "p1");
    assert_eq!(written["bk_biz_id"], 2);
    assert_eq!(written["bind_info"], Value::Null);
    assert!(written.get("bind_info").is_some());
    assert!(written.get("user").is_some_and(Value::is_null));
    for key in [
        "bk_process_id",
        "service_instance_id",
        "create_time",
        "bk_supplier_account",
    ] {
        assert!(written.get(key).is_none(), "{key}");
    }
}
