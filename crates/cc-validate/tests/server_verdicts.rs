//! Focused tests of verdicts changed to follow the server (bk-cmdb 111e7ac),
//! each with its server-truth case id and the source lines that decide it.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{CheckOptions, Document, Endpoint, PayloadKind, Rule, Severity, Validator};

fn findings(endpoint: Endpoint, text: &str, raw: bool) -> Vec<(Rule, Severity, String)> {
    let validator = Validator::get(endpoint, PayloadKind::Request).unwrap();
    let document = Document::parse(text.as_bytes()).unwrap();
    let options = CheckOptions {
        raw,
        ..CheckOptions::default()
    };
    validator
        .check_document_with(&document, text.as_bytes(), options)
        .into_iter()
        .map(|finding| (finding.rule, finding.severity, finding.pointer))
        .collect()
}

fn errors(endpoint: Endpoint, text: &str, raw: bool) -> Vec<(Rule, String)> {
    findings(endpoint, text, raw)
        .into_iter()
        .filter(|(_, severity, _)| *severity == Severity::Error)
        .map(|(rule, _, pointer)| (rule, pointer))
        .collect()
}

const CREATE: Endpoint = Endpoint::BatchCreateProcTemplate;
const INSTANCE: Endpoint = Endpoint::CreateProcessInstance;
const UPDATE: Endpoint = Endpoint::UpdateProcessInstance;

/// template-null-wrapper-accepted, template-null-bind-info-accepted,
/// template-null-row-ip-accepted: a null wrapper is a no-op
/// (`process.go:1813-1841`, `process_bind_info.go:950-961`).
#[test]
fn null_template_wrappers_are_accepted() {
    let text = r#"{"bk_biz_id": 2, "service_template_id": 3, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "java"}, "proc_num": null, "bind_info": {"value": [{"row_id": 1, "ip": null, "port": {"value": "80"}, "protocol": {"value": "1"}}]}}}]}"#;
    assert_eq!(errors(CREATE, text, false), []);
    let text = r#"{"bk_biz_id": 2, "service_template_id": 3, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "java"}, "bind_info": null}}]}"#;
    assert_eq!(errors(CREATE, text, false), []);
}

/// template-minus-zero-integer-accepted: `-0` decodes as 0.
#[test]
fn minus_zero_is_an_integer() {
    let text = r#"{"bk_biz_id":2,"service_template_id":3,"processes":[{"spec":{"bk_process_name":{"value":"p1"},"bk_func_name":{"value":"java"},"priority":{"value":-0}}}]}"#;
    assert_eq!(errors(CREATE, text, false), []);
}

/// batch-create-empty-processes-ok, update-instance-missing-processes-ok:
/// answered `[]` before any check (`proc processtemplate.go:38-42`,
/// `proc processinstance.go:274-277`).
#[test]
fn empty_batches_are_accepted() {
    assert_eq!(
        errors(CREATE, r#"{"bk_biz_id": 0, "processes": []}"#, false),
        []
    );
    assert_eq!(errors(UPDATE, "{}", false), []);
}

/// template-biz-id-zero-rejected, update-template-id-negative-rejected,
/// create-service-instance-id-0-rejected (`coreservice/core/process/base.go:49-66`,
/// `proc processtemplate.go:154-161`, `proc processinstance.go:107-115`).
#[test]
fn ids_the_server_refuses_are_errors() {
    let create = r#"{"bk_biz_id": 0, "service_template_id": 3, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "java"}}}]}"#;
    assert_eq!(
        errors(CREATE, create, false),
        [(Rule::InvalidId, "/bk_biz_id".to_owned())]
    );
    let update = r#"{"bk_biz_id": 2, "process_template_id": -1, "process_property": {"proc_num": {"value": 1}}}"#;
    assert_eq!(
        errors(Endpoint::UpdateProcTemplate, update, false),
        [(Rule::InvalidId, "/process_template_id".to_owned())]
    );
    let instance = r#"{"bk_biz_id": 2, "service_instance_id": 0, "processes": [{"process_info": {"bk_process_name": "p1", "bk_func_name": "java"}}]}"#;
    assert_eq!(
        errors(INSTANCE, instance, false),
        [(Rule::InvalidId, "/service_instance_id".to_owned())]
    );
}

/// length-name-86-cjk-rejected, length-name-85-cjk-accepted,
/// length-name-trimmed-before-length-accepted, length-template-name-257-accepted
/// (`attribute.go:624-631, 689-696`, `common/definitions.go:1058`).
#[test]
fn instance_lengths_are_bytes_after_trimming_and_templates_have_none() {
    let instance = |name: &str| {
        format!(
            r#"{{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{{"process_info": {{"bk_process_name": "{name}", "bk_func_name": "java"}}}}]}}"#
        )
    };
    assert_eq!(errors(INSTANCE, &instance(&"中".repeat(85)), false), []);
    assert_eq!(
        errors(INSTANCE, &instance(&"中".repeat(86)), false),
        [(
            Rule::InstanceAttribute,
            "/processes/0/process_info/bk_process_name".to_owned()
        )]
    );
    assert_eq!(
        errors(
            INSTANCE,
            &instance(&format!("  {}  ", "a".repeat(256))),
            false
        ),
        []
    );
    let template = format!(
        r#"{{"bk_biz_id": 2, "service_template_id": 3, "processes": [{{"spec": {{"bk_process_name": {{"value": "{}"}}, "bk_func_name": {{"value": "java"}}}}}}]}}"#,
        "a".repeat(257)
    );
    assert_eq!(errors(CREATE, &template, false), []);
}

/// create-name-missing-1199010, create-name-uppercase-key-missing,
/// create-func-name-missing-1199010, create-name-blank-rejected
/// (`instance_validate.go:158-163, 244-252`).
#[test]
fn create_needs_both_names_by_their_exact_keys() {
    let text = |info: &str| {
        format!(
            r#"{{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{{"process_info": {info}}}]}}"#
        )
    };
    let refused = [
        r#"{"bk_func_name": "java"}"#,
        r#"{"BK_PROCESS_NAME": "p1", "bk_func_name": "java"}"#,
        r#"{"bk_process_name": "p1"}"#,
        r#"{"bk_process_name": "   ", "bk_func_name": "java"}"#,
        r#"{"bk_process_name": null, "bk_func_name": "java"}"#,
    ];
    for info in refused {
        assert!(
            errors(INSTANCE, &text(info), false)
                .iter()
                .any(|(rule, _)| *rule == Rule::InstanceAttribute),
            "{info}"
        );
    }
}

/// raw-update-omitted-name-rejected, raw-update-omitted-fields-cleared
/// (`proc processinstance.go:490-502`, `attribute.go:676-683`): with `--raw`
/// the entry is written whole.
#[test]
fn a_raw_edit_without_names_is_refused_and_one_with_names_clears_the_rest() {
    let without = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "proc_num": 5}]}"#;
    assert!(
        errors(UPDATE, without, true)
            .iter()
            .any(|(rule, _)| *rule == Rule::InstanceAttribute)
    );
    assert_eq!(errors(UPDATE, without, false), []);
    let with = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "proc_num": 5}]}"#;
    assert_eq!(errors(UPDATE, with, true), []);
    assert!(
        findings(UPDATE, with, true)
            .iter()
            .any(|(rule, severity, _)| *rule == Rule::RawProcessEdit
                && *severity == Severity::Warning)
    );
    // Without --raw the write is not known: one note, on the entry.
    assert_eq!(
        findings(UPDATE, with, false),
        [(
            Rule::RawProcessEdit,
            Severity::Warning,
            "/processes/0".to_owned()
        )]
    );
}

/// The finding without `--raw` or `--template` (semantics section 6, "the
/// payload alone does not tell whether a process is template-bound").
fn unknown_write(text: &str) -> Vec<cc_validate::Diagnostic> {
    Validator::get(UPDATE, PayloadKind::Request)
        .unwrap()
        .check_source(text.as_bytes())
        .into_iter()
        .filter(|finding| finding.rule == Rule::RawProcessEdit)
        .collect()
}

/// Said once per payload, on the first entry that omits a field, naming the
/// names a whole write refuses and counting what it clears; `--raw` and
/// `--template` in the help, and the other entries counted there.
#[test]
fn without_raw_or_template_the_write_is_not_known_once_per_payload() {
    let text = r#"{"bk_biz_id": 2, "processes": [
        {"bk_process_id": 43, "proc_num": 5},
        {"bk_process_id": 44, "proc_num": 6},
        {"bk_process_id": 45, "bk_process_name": "p1", "proc_num": 6}
    ]}"#;
    let found = unknown_write(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = &found[0];
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(finding.pointer, "/processes/0");
    assert_eq!(
        finding.message,
        "not known whether the server writes this entry field by field (a template-bound \
         process) or whole (a raw process), which refuses it for the omitted \
         `bk_process_name`, `bk_func_name` and clears the 15 other fields it omits"
    );
    let help = finding.help.as_deref().unwrap();
    assert!(
        help.contains("`--raw`") && help.contains("`--template FILE`"),
        "{help}"
    );
    assert!(help.ends_with("; 2 more entries omit fields too"), "{help}");
    // Names given: only what is cleared.
    let named = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "proc_num": 5}]}"#;
    let found = unknown_write(named);
    assert_eq!(
        found[0].message,
        "not known whether the server writes this entry field by field (a template-bound \
         process) or whole (a raw process), which clears the 15 other fields it omits"
    );
    assert!(!found[0].help.as_deref().unwrap().contains("more"));
}

/// Not said where it does not matter: every entry complete (a whole write
/// clears nothing), a payload something else refuses, `--raw` (the whole write's
/// own findings) and `--template` (the template rules).
#[test]
fn the_unknown_write_is_not_said_where_it_does_not_matter() {
    let complete = Rule::RawProcessEdit.doc().good;
    assert_eq!(unknown_write(complete), []);
    let refused = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "proc_num": 0}]}"#;
    assert_eq!(unknown_write(refused), []);
    let partial = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "proc_num": 5}]}"#;
    let validator = Validator::get(UPDATE, PayloadKind::Request).unwrap();
    let value: serde_json::Value = serde_json::from_str(partial).unwrap();
    let raw = validator.check_value_with(
        &value,
        CheckOptions {
            raw: true,
            ..CheckOptions::default()
        },
    );
    assert!(
        raw.iter().all(|finding| finding
            .message
            .starts_with("the server writes this entry whole")),
        "{raw:#?}"
    );
    let template: cc_model::ProcessTemplateSpec = serde_json::from_value(serde_json::json!({
        "bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "java"}
    }))
    .unwrap();
    let bound = validator.check_value_with(
        &value,
        CheckOptions {
            template: Some(&template),
            ..CheckOptions::default()
        },
    );
    assert!(
        !bound
            .iter()
            .any(|finding| finding.rule == Rule::RawProcessEdit),
        "{bound:#?}"
    );
}

/// create-duplicate-name-trimmed-collides (`instance_validate.go:249-252`,
/// `index/collections/process.go:36-49`).
#[test]
fn instance_names_collide_after_trimming() {
    let text = r#"{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{"process_info": {"bk_process_name": "a", "bk_func_name": "x"}}, {"process_info": {"bk_process_name": "a ", "bk_func_name": "y"}}]}"#;
    assert!(
        errors(INSTANCE, text, false)
            .iter()
            .any(|(rule, _)| *rule == Rule::DuplicateProcessName)
    );
}

/// update-template-name-null-rejected (`process.go:1950-1952, 1854-1856`), and
/// `bk_func_name` is never applied, so null is accepted there
/// (update-template-func-name-ignored).
#[test]
fn update_proc_template_refuses_a_null_name() {
    let text = |key: &str| {
        format!(
            r#"{{"bk_biz_id": 2, "process_template_id": 5, "process_property": {{"{key}": null}}}}"#
        )
    };
    assert!(
        !errors(
            Endpoint::UpdateProcTemplate,
            &text("bk_process_name"),
            false
        )
        .is_empty()
    );
    assert_eq!(
        errors(Endpoint::UpdateProcTemplate, &text("bk_func_name"), false),
        []
    );
}

/// template-legacy-fields-ignored, update-legacy-fields-ignored,
/// create-unknown-key-dropped: legacy fields are not fields of the server's
/// `ProcessProperty` or `Process`, so any value or type is dropped
/// (`process.go:1066-1091`, `:1813-1841`); the linter warns (legacy-field).
#[test]
fn legacy_fields_take_any_value() {
    let template = r#"{"bk_biz_id": 2, "service_template_id": 3, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "java"}, "auto_time_gap": {"value": "x"}, "bk_func_id": 7, "process_template_id": "y"}}]}"#;
    assert_eq!(errors(CREATE, template, false), []);
    let update = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "auto_time_gap": "x", "bk_func_id": [1], "process_template_id": {}}]}"#;
    assert_eq!(errors(UPDATE, update, false), []);
    assert!(findings(UPDATE, update, false)
        .iter()
        .any(|(rule, severity, _)| *rule == Rule::LegacyField && *severity == Severity::Warning));
}

/// `create-bookkeeping-overwritten` (`processinstance.go:122-133`): the server
/// sets a new process's bookkeeping fields itself, so their type is never
/// checked, on `create_process_instance` and in `create_service_instance`; an
/// edit's are still typed.
#[test]
fn bookkeeping_fields_of_a_new_process_take_any_value() {
    let create = r#"{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{"process_info": {
        "bk_process_name": "p1", "bk_func_name": "java", "bk_biz_id": "x",
        "service_instance_id": "y", "bk_supplier_account": 5, "bk_process_id": 1.0,
        "create_time": {"a": 1}}}]}"#;
    assert_eq!(errors(Endpoint::CreateProcessInstance, create, false), []);
    let service = r#"{"bk_biz_id": 2, "bk_module_id": 20, "instances": [{"bk_host_id": 5,
        "processes": [{"process_info": {"bk_process_name": "p1", "bk_func_name": "java",
        "bk_biz_id": "x"}}]}]}"#;
    assert_eq!(errors(Endpoint::CreateServiceInstance, service, false), []);
    // Any other field of process_info is still checked, and so is an edit's
    // bookkeeping field.
    let typed = r#"{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{"process_info": {
        "bk_process_name": "p1", "bk_func_name": "java", "proc_num": "x"}}]}"#;
    assert_eq!(
        errors(Endpoint::CreateProcessInstance, typed, false),
        [(
            Rule::Schema,
            "/processes/0/process_info/proc_num".to_owned()
        )]
    );
    let edit = r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "bk_biz_id": "x"}]}"#;
    assert_eq!(
        errors(Endpoint::UpdateProcessInstance, edit, false),
        [(Rule::Schema, "/processes/0/bk_biz_id".to_owned())]
    );
}

#[test]
fn a_fraction_in_a_new_process_is_checked_as_zero() {
    let create = |field: &str, number: &str| {
        let text = format!(
            r#"{{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{{"process_info": {{"bk_process_name": "p1", "bk_func_name": "java", "{field}": {number}}}}}]}}"#
        );
        findings(Endpoint::CreateProcessInstance, &text, false)
    };
    let at = |field: &str| format!("/processes/0/process_info/{field}");
    // 0 is in range: accepted, with a warning saying what the server checked.
    for (field, number) in [
        ("priority", "1.5"),
        ("timeout", "1.0"),
        ("bk_start_check_secs", "1e2"),
    ] {
        assert_eq!(
            create(field, number),
            [(Rule::IntegerLiteral, Severity::Warning, at(field))],
            "{field}: {number}"
        );
    }
    // 0 is not in proc_num's range 1..10000: refused, once.
    assert_eq!(
        create("proc_num", "1.5"),
        [(Rule::IntegerLiteral, Severity::Error, at("proc_num"))]
    );
    // An integer literal is checked as written; a fraction elsewhere is not
    // read as 0 (update entries are decoded into the Process struct).
    assert!(create("priority", "3").is_empty());
    assert_eq!(
        errors(
            Endpoint::CreateProcessInstance,
            r#"{"bk_biz_id": 2, "service_instance_id": 7, "processes": [{"process_info": {"bk_process_name": "p1", "bk_func_name": "java", "priority": 20000}}]}"#,
            false
        ),
        [(Rule::Schema, at("priority"))]
    );
    assert_eq!(
        errors(
            Endpoint::UpdateProcessInstance,
            r#"{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "priority": 1.5}]}"#,
            true
        ),
        [(Rule::Schema, "/processes/0/priority".to_owned())]
    );
}
