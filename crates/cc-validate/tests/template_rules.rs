//! The rules that need a process template (`--template`): each fires at the
//! pointer of the dropped edit, and stays quiet when nothing is dropped.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{
    CheckOptions, Diagnostic, Document, Endpoint, PayloadKind, Rule, Severity, Validator,
    load_template,
};
use serde_json::json;

/// Template 50 of the upstream API tests: names locked, the regex not; plus two
/// bind rows, the first with a locked port.
fn template() -> serde_json::Value {
    json!({"result": true, "code": 0, "message": "success", "data": {"id": 50, "property": {
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bk_start_param_regex": {"value": "123", "as_default_value": false},
        "user": {"value": "app", "as_default_value": true},
        "bind_info": {"as_default_value": true, "value": [
            {"ip": {"value": "1", "as_default_value": true}, "port": {"value": "80", "as_default_value": true},
             "protocol": {"value": "1", "as_default_value": true}, "enable": {"value": true, "as_default_value": false}, "row_id": 1},
            {"ip": {"value": "3", "as_default_value": true}, "port": {"value": "9000", "as_default_value": false},
             "protocol": {"value": "1", "as_default_value": true}, "enable": {"value": false, "as_default_value": false}, "row_id": 2}
        ]}
    }}})
}

fn lint(text: &str) -> Vec<Diagnostic> {
    let (spec, _) = load_template(&template()).unwrap();
    let document = Document::parse(text.as_bytes()).unwrap();
    let options = CheckOptions {
        template: Some(&spec),
        host: None,
        raw: false,
    };
    Validator::get(Endpoint::UpdateProcessInstance, PayloadKind::Request)
        .unwrap()
        .check_document_with(&document, text.as_bytes(), options)
}

fn of(found: &[Diagnostic], rule: Rule) -> Vec<(String, usize, String)> {
    found
        .iter()
        .filter(|finding| finding.rule == rule)
        .map(|finding| {
            assert_eq!(finding.severity, Severity::Warning);
            (
                finding.pointer.clone(),
                finding.location.unwrap().line,
                finding.message.clone(),
            )
        })
        .collect()
}

const ROWS: &str = r#""bind_info": [
 {"ip": "127.0.0.1", "port": "80", "protocol": "1", "enable": false, "template_row_id": 1},
 {"ip": "10.0.0.8", "port": "9001", "protocol": "1", "enable": true, "template_row_id": 2}]"#;

#[test]
fn the_upstream_api_test_edit_drops_both_locked_names() {
    let text = format!(
        "{{\"bk_biz_id\": 1, \"processes\": [{{\n\"bk_func_name\": \"p3\",\n\"bk_process_name\": \"p3\",\n\"bk_start_param_regex\": \"1234\",\n\"bk_process_id\": 43,\n{ROWS}}}]}}"
    );
    let found = lint(&text);
    assert_eq!(
        of(&found, Rule::LockedFieldEdit),
        [
            ("/processes/0/bk_func_name".to_owned(), 2, "`bk_func_name` is locked by the template: the server ignores this edit".to_owned()),
            ("/processes/0/bk_process_name".to_owned(), 3, "`bk_process_name` is locked by the template: the server ignores this edit".to_owned()),
            // Row 2's ip is locked to the host's first inner IPv4; without --host
            // whether the edit's address is that one cannot be told (issue 13).
            ("/processes/0/bind_info/1/ip".to_owned(), 8, "`ip` of bind row 2 is locked by the template to the host's first inner IPv4: without `--host` it cannot be told whether this edit matches it; the server stores the host's address".to_owned()),
        ]
    );
    assert!(of(&found, Rule::UnmatchedTemplateRow).is_empty());
    assert!(of(&found, Rule::BindInfoReset).is_empty());
}

#[test]
fn a_host_settles_the_locked_address() {
    let (spec, _) = load_template(&template()).unwrap();
    let host: cc_model::Host =
        serde_json::from_value(json!({"bk_host_innerip": "10.0.0.8,10.0.0.9"})).unwrap();
    let text = format!(
        "{{\"bk_biz_id\": 1, \"processes\": [{{\"bk_process_id\": 43, \"user\": null, {ROWS}}}]}}"
    );
    let document = Document::parse(text.as_bytes()).unwrap();
    let options = CheckOptions {
        template: Some(&spec),
        host: Some(&host),
        raw: false,
    };
    let found = Validator::get(Endpoint::UpdateProcessInstance, PayloadKind::Request)
        .unwrap()
        .check_document_with(&document, text.as_bytes(), options);
    // 10.0.0.8 is what the template's bind type resolves to: nothing dropped there.
    // The null on the locked `user` is dropped.
    assert_eq!(
        of(&found, Rule::LockedFieldEdit),
        [(
            "/processes/0/user".to_owned(),
            1,
            "`user` is locked by the template: the server ignores this null and keeps the value"
                .to_owned()
        )]
    );
}

#[test]
fn a_locked_row_attribute_names_the_value_stored_instead() {
    let rows = ROWS
        .replace("\"port\": \"80\"", "\"port\": \"8080\"")
        .replace("10.0.0.8", "<the host's first inner IPv4>");
    let text = format!("{{\"bk_biz_id\": 1, \"processes\": [{{\"bk_process_id\": 43,\n{rows}}}]}}");
    assert_eq!(
        of(&lint(&text), Rule::LockedFieldEdit),
        [("/processes/0/bind_info/0/port".to_owned(), 3, "`port` of bind row 1 is locked by the template: the server stores the template's \"80\" instead".to_owned())]
    );
}

#[test]
fn unmatched_rows_are_dropped_and_missing_rows_reset() {
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"bind_info\": [\n{\"ip\": \"127.0.0.1\", \"port\": \"80\", \"protocol\": \"1\", \"template_row_id\": 1},\n{\"ip\": \"127.0.0.1\", \"port\": \"81\", \"protocol\": \"1\", \"template_row_id\": 7},\n{\"ip\": \"127.0.0.1\", \"port\": \"82\", \"protocol\": \"1\"}]}]}";
    let found = lint(text);
    assert_eq!(
        of(&found, Rule::UnmatchedTemplateRow),
        [
            ("/processes/0/bind_info/1".to_owned(), 3, "bind row with `template_row_id` 7 matches no row of the template: the server drops it".to_owned()),
            ("/processes/0/bind_info/2".to_owned(), 4, "bind row has no `template_row_id`, so it matches no row of the template: the server drops it".to_owned()),
        ]
    );
    assert_eq!(
        of(&found, Rule::BindInfoReset),
        [("/processes/0/bind_info".to_owned(), 1, "`bind_info` leaves out template bind row 2: the server resets it to the template's values".to_owned())]
    );
}

#[test]
fn an_edit_without_bind_info_resets_every_row() {
    let found = lint(
        "{\"bk_biz_id\": 1, \"processes\": [\n{\"bk_process_id\": 43, \"bk_start_param_regex\": \"x\"}]}",
    );
    assert_eq!(
        of(&found, Rule::BindInfoReset),
        [("/processes/0".to_owned(), 2, "the edit has no `bind_info`: the server resets bind rows 1, 2 to the template's values".to_owned())]
    );
    assert!(of(&found, Rule::LockedFieldEdit).is_empty());
}

#[test]
fn without_a_template_none_of_these_rules_run() {
    let text = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "p3", "user": null}]}"#;
    let found = cc_validate::check(
        Endpoint::UpdateProcessInstance,
        PayloadKind::Request,
        text.as_bytes(),
    )
    .unwrap();
    // Only raw-process-edit's note that the write is not known.
    let rules: Vec<Rule> = found.iter().map(|finding| finding.rule).collect();
    assert_eq!(rules, [Rule::RawProcessEdit], "{found:#?}");
}
