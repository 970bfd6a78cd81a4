//! Edits that send a locked field, or a bind row, exactly as the server would
//! store it anyway: nothing is lost, so the template rules stay quiet (issue 13).
//! The common way to edit a process is to read it (`list_process_instance`),
//! change one field and send the whole object back.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_model::Host;
use cc_validate::{CheckOptions, Diagnostic, Document, Endpoint, PayloadKind, Rule, load_template};
use serde_json::{Value, json};

/// A template that locks the names and `start_cmd` (not `stop_cmd`), with one
/// bind row whose address is the host's first inner IPv4 (bind type 3, locked)
/// and a second one bound to 0.0.0.0 (type 2).
fn template() -> Value {
    json!({
        "bk_process_name": {"value": "web", "as_default_value": true},
        "bk_func_name": {"value": "nginx", "as_default_value": true},
        "start_cmd": {"value": "./start.sh", "as_default_value": true},
        "stop_cmd": {"value": "./stop.sh", "as_default_value": false},
        "bind_info": {"as_default_value": true, "value": [
            {"row_id": 1, "ip": {"value": "3", "as_default_value": true},
             "port": {"value": "80", "as_default_value": true},
             "protocol": {"value": "1", "as_default_value": true},
             "enable": {"value": true, "as_default_value": false}},
            {"row_id": 2, "ip": {"value": "2", "as_default_value": true},
             "port": {"value": "9000", "as_default_value": true},
             "protocol": {"value": "1", "as_default_value": true},
             "enable": {"value": false, "as_default_value": false}}
        ]}
    })
}

fn host() -> Host {
    serde_json::from_value(json!({"bk_host_innerip": "10.0.0.8,10.0.0.9"})).unwrap()
}

/// The process as `list_process_instance` returns it for that template on that
/// host, with `stop_cmd` changed: what a read-modify-write update sends.
fn round_trip(change: impl FnOnce(&mut Value)) -> String {
    let mut process = json!({
        "bk_process_id": 43,
        "bk_process_name": "web",
        "bk_func_name": "nginx",
        "start_cmd": "./start.sh",
        "stop_cmd": "./stop-gracefully.sh",
        "bind_info": [
            {"ip": "10.0.0.8", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1},
            {"ip": "0.0.0.0", "port": "9000", "protocol": "1", "enable": false, "template_row_id": 2}
        ]
    });
    change(&mut process);
    serde_json::to_string_pretty(&json!({"bk_biz_id": 1, "processes": [process]})).unwrap()
}

fn lint(text: &str, host: Option<&Host>) -> Vec<Diagnostic> {
    let (spec, _) = load_template(&template()).unwrap();
    let document = Document::parse(text.as_bytes()).unwrap();
    let options = CheckOptions {
        template: Some(&spec),
        host,
        raw: false,
    };
    cc_validate::Validator::get(Endpoint::UpdateProcessInstance, PayloadKind::Request)
        .unwrap()
        .check_document_with(&document, text.as_bytes(), options)
}

fn findings(found: &[Diagnostic]) -> Vec<(Rule, String)> {
    found
        .iter()
        .map(|finding| (finding.rule, finding.pointer.clone()))
        .collect()
}

#[test]
fn an_unchanged_round_trip_with_one_unlocked_edit_has_no_finding() {
    let found = lint(&round_trip(|_| {}), Some(&host()));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn one_changed_locked_field_gets_one_warning_at_that_field() {
    let text = round_trip(|process| process["start_cmd"] = json!("./start.sh --fast"));
    let found = lint(&text, Some(&host()));
    assert_eq!(
        findings(&found),
        [(Rule::LockedFieldEdit, "/processes/0/start_cmd".to_owned())],
        "{found:#?}"
    );
    assert_eq!(
        found[0].message,
        "`start_cmd` is locked by the template: the server ignores this edit"
    );
}

#[test]
fn a_host_resolved_address_is_compared_resolved_and_without_a_host_cannot_be_told() {
    // With the host, 10.0.0.8 is what bind type 3 resolves to: no finding.
    assert!(lint(&round_trip(|_| {}), Some(&host())).is_empty());
    // With the host, another address is a real loss.
    let moved = round_trip(|process| process["bind_info"][0]["ip"] = json!("10.0.0.9"));
    let found = lint(&moved, Some(&host()));
    assert_eq!(
        findings(&found),
        [(
            Rule::LockedFieldEdit,
            "/processes/0/bind_info/0/ip".to_owned()
        )]
    );
    assert_eq!(
        found[0].message,
        "`ip` of bind row 1 is locked by the template: the server stores the template's \"10.0.0.8\" instead"
    );
    // Without it, the finding stays, and says that it cannot tell.
    let found = lint(&round_trip(|_| {}), None);
    assert_eq!(
        findings(&found),
        [(
            Rule::LockedFieldEdit,
            "/processes/0/bind_info/0/ip".to_owned()
        )]
    );
    assert_eq!(
        found[0].message,
        "`ip` of bind row 1 is locked by the template to the host's first inner IPv4: without `--host` it cannot be told whether this edit matches it; the server stores the host's address"
    );
}

#[test]
fn a_row_sent_exactly_as_the_template_restores_it_is_no_loss() {
    // Row 2 sent without its `template_row_id`: the server drops it and restores
    // template row 2 with exactly these values.
    let text = round_trip(|process| {
        process["bind_info"][1]
            .as_object_mut()
            .unwrap()
            .remove("template_row_id");
    });
    let found = lint(&text, Some(&host()));
    assert!(found.is_empty(), "{found:#?}");
    // Sent with another port, it is lost (dropped), and row 2 is reset.
    let text = round_trip(|process| {
        let row = process["bind_info"][1].as_object_mut().unwrap();
        row.remove("template_row_id");
        row.insert("port".to_owned(), json!("9001"));
    });
    assert_eq!(
        findings(&lint(&text, Some(&host()))),
        [
            (Rule::BindInfoReset, "/processes/0/bind_info".to_owned()),
            (
                Rule::UnmatchedTemplateRow,
                "/processes/0/bind_info/1".to_owned()
            ),
        ]
    );
}
