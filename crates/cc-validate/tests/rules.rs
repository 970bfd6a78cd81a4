//! Each semantic rule through the public API: a payload that fires it (exact
//! rule, severity, pointer, line and message) and a near miss that does not.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{Diagnostic, Endpoint, PayloadKind, Rule, Severity, check};

const UPDATE: Endpoint = Endpoint::UpdateProcessInstance;
const CREATE: Endpoint = Endpoint::BatchCreateProcTemplate;

/// Every finding but `raw-process-edit`'s note that an edit's write is not
/// known without `--raw` or `--template` (tested in `server_verdicts.rs`).
fn lint(endpoint: Endpoint, text: &str) -> Vec<Diagnostic> {
    let mut found = check(endpoint, PayloadKind::Request, text.as_bytes()).unwrap();
    found.retain(|finding| finding.rule != Rule::RawProcessEdit);
    found
}

fn only(endpoint: Endpoint, text: &str, rule: Rule) -> Vec<Diagnostic> {
    lint(endpoint, text)
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .collect()
}

/// Asserts exactly one finding of `rule`, with this severity, pointer, line and message.
fn assert_one(
    endpoint: Endpoint,
    text: &str,
    rule: Rule,
    severity: Severity,
    pointer: &str,
    line: usize,
    message: &str,
) {
    let found = only(endpoint, text, rule);
    assert_eq!(found.len(), 1, "{rule}: {found:#?}");
    let finding = &found[0];
    assert_eq!(finding.severity, severity, "{rule}");
    assert_eq!(finding.pointer, pointer, "{rule}");
    assert_eq!(finding.location.unwrap().line, line, "{rule}");
    assert_eq!(finding.message, message, "{rule}");
}

fn spec(name: &str, extra: &str) -> String {
    format!(
        r#"{{"spec": {{"bk_process_name": {{"value": "{name}", "as_default_value": true}},
 "bk_func_name": {{"value": "{name}", "as_default_value": true}}{extra}}}}}"#
    )
}

fn create(specs: &[String]) -> String {
    format!(
        "{{\"bk_biz_id\": 1, \"service_template_id\": 51,\n\"processes\": [\n{}\n]}}",
        specs.join(",\n")
    )
}

#[test]
fn duplicate_key_points_at_the_second_occurrence_and_names_the_first() {
    let text = "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43,\n\"user\": \"a\",\n\"user\": \"b\"}]}";
    assert_one(
        UPDATE,
        text,
        Rule::DuplicateKey,
        Severity::Error,
        "/processes/0/user",
        4,
        "`user` is repeated in this object; the server keeps only the last one",
    );
    let finding = &only(UPDATE, text, Rule::DuplicateKey)[0];
    assert_eq!(finding.related[0].location.unwrap().line, 3);
    assert!(only(UPDATE, r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "a"}, {"bk_process_id": 44, "user": "a"}]}"#, Rule::DuplicateKey).is_empty());
}

#[test]
fn integer_literal_fires_on_fraction_and_exponent_literals() {
    let text = "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43, \"proc_num\": 1.0}]}";
    assert_one(
        UPDATE,
        text,
        Rule::IntegerLiteral,
        Severity::Error,
        "/processes/0/proc_num",
        2,
        "`proc_num` must be written as an integer literal, got 1.0",
    );
    let text = "{\"bk_biz_id\": 1e0,\n\"processes\": [{\"bk_process_id\": 43}]}";
    assert_one(
        UPDATE,
        text,
        Rule::IntegerLiteral,
        Severity::Error,
        "/bk_biz_id",
        1,
        "`bk_biz_id` must be written as an integer literal, got 1.0",
    );
    let text = "{\"bk_biz_id\": 99999999999999999999,\n\"processes\": [{\"bk_process_id\": 43}]}";
    assert_eq!(only(UPDATE, text, Rule::IntegerLiteral).len(), 1);
    // Near misses: plain integers, and a fraction in a string field (a schema type error, not this rule).
    assert!(
        only(
            UPDATE,
            r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 1}]}"#,
            Rule::IntegerLiteral
        )
        .is_empty()
    );
    let fraction = lint(
        UPDATE,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 1.5}]}"#,
    );
    assert!(
        fraction
            .iter()
            .all(|finding| finding.rule != Rule::IntegerLiteral)
    );
    assert!(fraction.iter().any(|finding| finding.rule == Rule::Schema));
}

#[test]
fn a_misspelt_field_is_an_error_in_a_spec_and_in_an_update() {
    // In a template spec (issue 13): `bk_proces_name` is `bk_process_name` misspelt.
    let text = create(&[spec("nginx", ",\n \"bk_proces_name\": {\"value\": \"x\"}")]);
    let found = only(Endpoint::BatchCreateProcTemplate, &text, Rule::UnknownField);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].pointer, "/processes/0/spec/bk_proces_name");
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|help| help.starts_with("did you mean `bk_process_name`?")),
        "{found:#?}"
    );
    // In an update: `proc_nun` is `proc_num` misspelt.
    assert_one(
        UPDATE,
        "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43,\n\"proc_nun\": 2}]}",
        Rule::UnknownField,
        Severity::Error,
        "/processes/0/proc_nun",
        3,
        "unknown field `proc_nun`",
    );
}

#[test]
fn an_unknown_key_close_to_no_field_stays_a_warning() {
    // The upstream API tests send `bk_enable_port`, a newer server's field.
    let found = only(
        UPDATE,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_enable_port": true}]}"#,
        Rule::UnknownField,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    // Similar, but more than a typo away (`process` for `process_property_filter`
    // in the upstream docs of list_process_related_info): a warning with a hint.
    let found = only(
        Endpoint::ListProcessRelatedInfo,
        r#"{"bk_biz_id": 1, "process": {"bk_func_name": "a"}}"#,
        Rule::UnknownField,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].help.as_deref(),
        Some("did you mean `process_property_filter`? the server ignores keys it does not know")
    );
}

#[test]
fn unknown_field_suggests_the_closest_key_and_key_case_catches_case() {
    // A misspelt field (issue 13): the field meant is not set, an error.
    let text =
        "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43, \"bk_proces_name\": \"x\"}]}";
    assert_one(
        UPDATE,
        text,
        Rule::UnknownField,
        Severity::Error,
        "/processes/0/bk_proces_name",
        2,
        "unknown field `bk_proces_name`",
    );
    let finding = &only(UPDATE, text, Rule::UnknownField)[0];
    assert_eq!(
        finding.help.as_deref(),
        Some(
            "did you mean `bk_process_name`? the server ignores keys it does not know, so `bk_process_name` is not set"
        )
    );
    // A key far from every field: a warning without a suggestion.
    let far = only(
        UPDATE,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "zzz": 1}]}"#,
        Rule::UnknownField,
    );
    assert_eq!(far[0].severity, Severity::Warning);
    assert_eq!(
        far[0].help.as_deref(),
        Some("the server ignores keys it does not know")
    );
    let text = "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43, \"Proc_Num\": 2}]}";
    assert_one(
        UPDATE,
        text,
        Rule::KeyCase,
        Severity::Warning,
        "/processes/0/Proc_Num",
        2,
        "`Proc_Num` matches the field `proc_num` only when case is ignored",
    );
    assert!(only(UPDATE, text, Rule::UnknownField).is_empty());
    assert!(
        lint(
            UPDATE,
            r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 2}]}"#
        )
        .is_empty()
    );
}

#[test]
fn legacy_fields_warn_on_instances_and_templates() {
    let text =
        "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43,\n\"auto_time_gap\": 60}]}";
    assert_one(
        UPDATE,
        text,
        Rule::LegacyField,
        Severity::Warning,
        "/processes/0/auto_time_gap",
        3,
        "`auto_time_gap` is a legacy field: current servers accept it and ignore it",
    );
    let text = create(&[spec(
        "p1",
        ",\n\"bk_func_id\": {\"value\": null, \"as_default_value\": false}",
    )]);
    assert_one(
        CREATE,
        &text,
        Rule::LegacyField,
        Severity::Warning,
        "/processes/0/spec/bk_func_id",
        5,
        "`bk_func_id` is a legacy field: current servers accept it and ignore it",
    );
    assert!(only(CREATE, &create(&[spec("p1", "")]), Rule::LegacyField).is_empty());
}

#[test]
fn surrounding_whitespace_is_an_error_on_create_and_a_warning_on_update() {
    let text = create(&[spec(
        "p1",
        ",\n\"start_cmd\": {\"value\": \" ./start.sh\", \"as_default_value\": false}",
    )]);
    assert_one(
        CREATE,
        &text,
        Rule::SurroundingWhitespace,
        Severity::Error,
        "/processes/0/spec/start_cmd/value",
        5,
        "`start_cmd.value` has leading whitespace",
    );
    let text = "{\"bk_biz_id\": 1,\n\"processes\": [{\"bk_process_id\": 43, \"user\": \"app \"}]}";
    assert_one(
        UPDATE,
        text,
        Rule::SurroundingWhitespace,
        Severity::Warning,
        "/processes/0/user",
        2,
        "`user` has trailing whitespace",
    );
    // Inner spaces are fine.
    assert!(only(UPDATE, r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "start_cmd": "./start.sh --port 80"}]}"#, Rule::SurroundingWhitespace).is_empty());
}

#[test]
fn empty_batch_warns() {
    assert_one(
        UPDATE,
        "{\"bk_biz_id\": 1,\n\"processes\": []}",
        Rule::EmptyBatch,
        Severity::Warning,
        "/processes",
        2,
        "`processes` is empty: the call succeeds and does nothing",
    );
    assert!(
        only(
            UPDATE,
            r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43}]}"#,
            Rule::EmptyBatch
        )
        .is_empty()
    );
}

#[test]
fn missing_service_template_id_fires_when_absent_null_or_zero() {
    let without = "{\"bk_biz_id\": 1, \"processes\": [{\"spec\": {\"bk_process_name\": {\"value\": \"p1\"}, \"bk_func_name\": {\"value\": \"p1\"}}}]}";
    assert_one(
        CREATE,
        without,
        Rule::MissingServiceTemplateId,
        Severity::Error,
        "",
        1,
        "missing `service_template_id`: the server rejects a batch without one (the docs call it optional)",
    );
    let zero = "{\"bk_biz_id\": 1,\n\"service_template_id\": 0, \"processes\": [{\"spec\": {\"bk_process_name\": {\"value\": \"p1\"}, \"bk_func_name\": {\"value\": \"p1\"}}}]}";
    assert_one(
        CREATE,
        zero,
        Rule::MissingServiceTemplateId,
        Severity::Error,
        "/service_template_id",
        2,
        "`service_template_id` must be a service template id, got 0",
    );
    assert_eq!(
        only(
            CREATE,
            r#"{"bk_biz_id": 1, "service_template_id": null, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "p1"}}}]}"#,
            Rule::MissingServiceTemplateId
        )
        .len(),
        1
    );
    assert!(
        only(
            CREATE,
            r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "p1"}}}]}"#,
            Rule::MissingServiceTemplateId
        )
        .is_empty()
    );
    // An empty batch is answered `[]` before any id is read
    // (`proc processtemplate.go:38-42`; server-truth batch-create-empty-processes-ok).
    assert!(
        only(
            CREATE,
            r#"{"bk_biz_id": 1, "processes": []}"#,
            Rule::MissingServiceTemplateId
        )
        .is_empty()
    );
    // Not a batch_create payload: no finding.
    assert!(
        only(
            UPDATE,
            r#"{"bk_biz_id": 1, "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "p1"}}}]}"#,
            Rule::MissingServiceTemplateId
        )
        .is_empty()
    );
}

#[test]
fn missing_process_id_fires_per_entry() {
    let text = "{\"bk_biz_id\": 1, \"processes\": [\n{\"bk_process_id\": 43},\n{\"user\": \"a\"},\n{\"bk_process_id\": 0}]}";
    let found = only(UPDATE, text, Rule::MissingProcessId);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].pointer, "/processes/1");
    assert_eq!(
        found[0].message,
        "`processes[1]` has no `bk_process_id`: the server cannot tell which process to edit"
    );
    assert_eq!(found[1].pointer, "/processes/2/bk_process_id");
    assert_eq!(found[1].location.unwrap().line, 4);
}

/// Templates take 1..10000 (`process.go:1860-1864`), instances 0..600
/// (`upgrader/y3.9.202012011450/change_proc_attr_index.go:69-85`): a template
/// above 600 is created with a warning (its instances are refused), an instance
/// above 600 is the instance schema's range error, and 0 is an instance value
/// (server-truth start-check-secs-*).
#[test]
fn start_check_secs_warns_on_templates_instances_cannot_take() {
    let text = create(&[spec("web", r#", "bk_start_check_secs": {"value": 601}"#)]);
    let found = only(CREATE, &text, Rule::StartCheckSecsRange);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].pointer,
        "/processes/0/spec/bk_start_check_secs/value"
    );
    assert_eq!(
        found[0].message,
        "`bk_start_check_secs` is 601: the template is created, but instances accept at most 600, so none can be made from it"
    );
    assert!(
        lint(
            CREATE,
            &create(&[spec("web", r#", "bk_start_check_secs": {"value": 600}"#)])
        )
        .is_empty()
    );
    let over = lint(
        CREATE,
        &create(&[spec("web", r#", "bk_start_check_secs": {"value": 10001}"#)]),
    );
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].rule, Rule::Schema);
    // Instances: 601 is the schema's error, 0 is accepted.
    let over = lint(
        UPDATE,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_start_check_secs": 601}]}"#,
    );
    assert_eq!(over.len(), 1, "{over:#?}");
    assert_eq!(over[0].rule, Rule::Schema);
    assert_eq!(
        over[0].message,
        "`bk_start_check_secs` must be between 0 and 600, got 601"
    );
    assert!(
        lint(
            UPDATE,
            r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_start_check_secs": 0}]}"#
        )
        .is_empty()
    );
}

#[test]
fn secret_in_payload_warns_without_echoing_the_value() {
    let text = "{\"bk_app_code\": \"ops\",\n\"bk_app_secret\": \"q9W8e7R6-real\", \"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43}]}";
    assert_one(
        UPDATE,
        text,
        Rule::SecretInPayload,
        Severity::Warning,
        "/bk_app_secret",
        2,
        "`bk_app_secret` holds what looks like a real credential",
    );
    let finding = &only(UPDATE, text, Rule::SecretInPayload)[0];
    assert!(!format!("{finding:?}").contains("q9W8e7R6-real"));
    for placeholder in ["xxx", "", "${BK_APP_SECRET}", "{{ secret }}"] {
        let text = format!(
            r#"{{"bk_app_secret": "{placeholder}", "bk_token": "xxx", "bk_biz_id": 1, "processes": [{{"bk_process_id": 43}}]}}"#
        );
        assert!(
            only(UPDATE, &text, Rule::SecretInPayload).is_empty(),
            "{placeholder}"
        );
    }
}

#[test]
fn duplicate_names_in_one_batch_name_both_places() {
    let text = create(&[spec("web", ""), spec("web", "")]);
    let found = only(CREATE, &text, Rule::DuplicateProcessName);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer, "/processes/1/spec/bk_process_name/value");
    assert_eq!(
        found[0].message,
        "`bk_process_name` \"web\" is already used by another process of this batch"
    );
    assert_eq!(
        found[0].related[0].pointer,
        "/processes/0/spec/bk_process_name/value"
    );
    assert_eq!(found[0].location.unwrap().line, 5);
    assert_eq!(found[0].related[0].location.unwrap().line, 3);
    // Same names and no regex on either: the stored null regex matches no
    // query, so the (func, regex) pair does not collide
    // (`core process_template.go:127-153`; server-truth
    // duplicate-func-name-regex-null-vs-empty).
    assert!(only(CREATE, &text, Rule::DuplicateFuncNameRegex).is_empty());
    assert!(lint(CREATE, &create(&[spec("web", ""), spec("api", "")])).is_empty());
}

#[test]
fn duplicate_func_name_regex_needs_both_equal() {
    let a = r#"{"spec": {"bk_process_name": {"value": "a"}, "bk_func_name": {"value": "java"}, "bk_start_param_regex": {"value": "x"}}}"#;
    let b = r#"{"spec": {"bk_process_name": {"value": "b"}, "bk_func_name": {"value": "java"}, "bk_start_param_regex": {"value": "x"}}}"#;
    let c = r#"{"spec": {"bk_process_name": {"value": "c"}, "bk_func_name": {"value": "java"}, "bk_start_param_regex": {"value": "y"}}}"#;
    let found = only(
        CREATE,
        &create(&[a.into(), b.into()]),
        Rule::DuplicateFuncNameRegex,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer, "/processes/1/spec/bk_func_name/value");
    assert!(
        only(
            CREATE,
            &create(&[a.into(), c.into()]),
            Rule::DuplicateFuncNameRegex
        )
        .is_empty()
    );
}

#[test]
fn duplicate_row_ids_in_template_and_instance_rows() {
    let rows = r#",
"bind_info": {"value": [
{"port": {"value": "80"}, "protocol": {"value": "1"}, "row_id": 1},
{"port": {"value": "81"}, "protocol": {"value": "1"}, "row_id": 1},
{"port": {"value": "82"}, "protocol": {"value": "1"}, "row_id": 0},
{"port": {"value": "83"}, "protocol": {"value": "1"}, "row_id": 0}]}"#;
    let found = only(CREATE, &create(&[spec("p1", rows)]), Rule::DuplicateRowId);
    assert_eq!(
        found.len(),
        1,
        "row id 0 is assigned by the server: {found:#?}"
    );
    assert_eq!(
        found[0].pointer,
        "/processes/0/spec/bind_info/value/1/row_id"
    );
    assert_eq!(
        found[0].message,
        "row id 1 is already used by another bind row of this process"
    );
    let instance = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"port": "80", "template_row_id": 2}, {"port": "81", "template_row_id": 2}]}]}"#;
    let found = only(UPDATE, instance, Rule::DuplicateRowId);
    assert_eq!(found[0].pointer, "/processes/0/bind_info/1/template_row_id");
    // The same id in two different processes is fine.
    let two = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"template_row_id": 2}]}, {"bk_process_id": 44, "bind_info": [{"template_row_id": 2}]}]}"#;
    assert!(only(UPDATE, two, Rule::DuplicateRowId).is_empty());
}

#[test]
fn too_many_items_and_bind_ip_code_come_from_the_schema_under_their_own_ids() {
    let entries: Vec<String> = (0..101)
        .map(|id| format!("{{\"bk_process_id\": {}}}", id + 1))
        .collect();
    let text = format!(
        "{{\"bk_biz_id\": 1,\n\"processes\": [{}]}}",
        entries.join(", ")
    );
    assert_one(
        UPDATE,
        &text,
        Rule::TooManyItems,
        Severity::Error,
        "/processes",
        2,
        "`processes` has 101 items, at most 100 are allowed in one call",
    );
    let hundred = format!(
        "{{\"bk_biz_id\": 1, \"processes\": [{}]}}",
        entries[..100].join(", ")
    );
    assert!(lint(UPDATE, &hundred).is_empty());
    let row = ",\n\"bind_info\": {\"value\": [{\"ip\": {\"value\": \"0.0.0.0\"}, \"port\": {\"value\": \"80\"}, \"protocol\": {\"value\": \"1\"}, \"row_id\": 1}]}";
    let found = only(CREATE, &create(&[spec("p1", row)]), Rule::BindIpCode);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].pointer,
        "/processes/0/spec/bind_info/value/0/ip/value"
    );
    assert!(lint(CREATE, &create(&[spec("p1", &row.replace("0.0.0.0", "2"))])).is_empty());
}

#[test]
fn a_value_under_a_case_variant_key_is_checked_as_the_server_reads_it() {
    // The server reads `Proc_Num` as `proc_num`, so 0 is out of range there.
    let text = "{\"bk_biz_id\": 1,\n\"Processes\": [{\"bk_process_id\": 43,\n\"Proc_Num\": 0}]}";
    let found = lint(UPDATE, text);
    let summary: Vec<(&str, &str, usize)> = found
        .iter()
        .map(|finding| {
            (
                finding.rule.id(),
                finding.pointer.as_str(),
                finding.location.unwrap().line,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("key-case", "/Processes", 2),
            ("key-case", "/Processes/0/Proc_Num", 3),
            ("schema", "/Processes/0/Proc_Num", 3),
        ]
    );
    assert_eq!(
        found[2].message,
        "`proc_num` must be between 1 and 10000, got 0"
    );
    // With the field itself present too, the server reads both into the one
    // field, in order: a repeated key, and the last value is the one checked.
    let both = lint(
        UPDATE,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 1, "Proc_Num": "2"}]}"#,
    );
    let rules: Vec<(&str, &str)> = both
        .iter()
        .map(|finding| (finding.rule.id(), finding.pointer.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            ("key-case", "/processes/0/Proc_Num"),
            ("duplicate-key", "/processes/0/Proc_Num"),
            ("schema", "/processes/0/Proc_Num"),
        ],
        "{both:#?}"
    );
    assert_eq!(both[1].related[0].pointer, "/processes/0/proc_num");
    assert_eq!(both[1].related[0].location.map(|at| at.column), Some(54));
}
