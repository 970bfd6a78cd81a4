//! `--template` takes the template from where users have it: a
//! `get_proc_template` or `update_proc_template` response (the upstream doc
//! examples) or a `list_proc_template` page holding one template.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_model::{DropReason, Process, Template};
use serde_json::{Value, json};
use std::path::Path;

fn fixture(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/upstream")
        .join(file);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn upstream_template_responses_are_templates() {
    for file in [
        "get_proc_template/cc-en.response.json",
        "get_proc_template/apigw-zh.response.json",
        "update_proc_template/cc-en.response.json",
    ] {
        let (template, pointer) = cc_validate::load_template(&fixture(file)).unwrap();
        assert_eq!(pointer, "/data/property", "{file}");
        // The examples lock both names, as the server always does.
        let locked: Vec<&str> = template
            .locked_fields()
            .iter()
            .map(|field| field.field)
            .collect();
        assert!(
            locked.contains(&"bk_process_name") && locked.contains(&"bk_func_name"),
            "{file}: {locked:?}"
        );
    }
}

#[test]
fn the_upstream_edit_against_the_documented_template_drops_the_names() {
    let (template, _) =
        cc_validate::load_template(&fixture("get_proc_template/cc-en.response.json")).unwrap();
    let request =
        fixture("update_process_instance/apitest-st-update-process-instance.request.json");
    let edit: Process = serde_json::from_value(request["processes"][0].clone()).unwrap();
    let preview = template.preview(&edit, None).unwrap();
    let dropped: Vec<(&str, DropReason)> = preview
        .dropped
        .iter()
        .map(|dropped| (dropped.field, dropped.reason))
        .collect();
    assert_eq!(
        dropped,
        [
            ("bk_process_name", DropReason::Locked),
            ("bk_func_name", DropReason::Locked)
        ]
    );
    assert_eq!(
        preview
            .stored
            .bk_start_param_regex
            .value()
            .map(String::as_str),
        Some("1234")
    );
}

#[test]
fn a_list_page_with_one_template_is_a_template_and_with_two_is_not() {
    let template = json!({"bk_process_name": {"value": "p1", "as_default_value": true},
                          "bk_func_name": {"value": "p1", "as_default_value": true}});
    let one = json!({"result": true, "code": 0, "message": "success",
                     "data": {"count": 1, "info": [{"id": 50, "property": template}]}});
    assert_eq!(
        cc_validate::load_template(&one).unwrap().1,
        "/data/info/0/property"
    );
    let two = json!({"result": true, "code": 0, "message": "success",
                     "data": {"count": 2, "info": [{"property": template}, {"property": template}]}});
    assert_eq!(
        cc_validate::load_template(&two).unwrap_err().to_string(),
        "the file holds 2 templates; give a file with one template"
    );
}
