//! Every rule that offers a fix: the fix turns the rule's failing example (or
//! a fixture) into a text without the finding, leaves its passing example as
//! it is, and touches no byte it need not.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{
    Applicability, CheckOptions, Endpoint, Fixed, Overrides, PayloadKind, Rule, Validator,
    fix_source,
};

fn fix(endpoint: Endpoint, text: &str, allowed: Applicability) -> Fixed {
    let validator = Validator::get(endpoint, PayloadKind::Request).unwrap();
    fix_source(
        validator,
        text.as_bytes(),
        CheckOptions::default(),
        &Overrides::new(),
        allowed,
    )
}

fn fixed_text(endpoint: Endpoint, text: &str, allowed: Applicability) -> String {
    String::from_utf8(fix(endpoint, text, allowed).text).unwrap()
}

/// Rules whose documented failing example has a fix, with what it becomes.
const FIXED_EXAMPLES: [Rule; 7] = [
    Rule::DuplicateKey,
    Rule::IntegerLiteral,
    Rule::UnknownField,
    Rule::KeyCase,
    Rule::LegacyField,
    Rule::SurroundingWhitespace,
    Rule::SecretInPayload,
];

#[test]
fn the_catalogue_says_which_rules_have_a_fix() {
    let fixable: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|rule| rule.fix_doc().is_some())
        .collect();
    let mut expected = FIXED_EXAMPLES.to_vec();
    expected.push(Rule::IgnoredField);
    expected.sort();
    assert_eq!(fixable, expected);
    for rule in [
        Rule::DuplicateKey,
        Rule::IntegerLiteral,
        Rule::KeyCase,
        Rule::SurroundingWhitespace,
        Rule::IgnoredField,
    ] {
        assert_eq!(
            rule.fix_doc().unwrap().applicability,
            Applicability::Safe,
            "{rule}"
        );
    }
    for rule in [Rule::UnknownField, Rule::LegacyField, Rule::SecretInPayload] {
        assert_eq!(
            rule.fix_doc().unwrap().applicability,
            Applicability::Unsafe,
            "{rule}"
        );
    }
}

#[test]
fn each_fix_turns_the_failing_example_into_the_passing_one() {
    for rule in FIXED_EXAMPLES {
        let doc = rule.doc();
        let applicability = rule.fix_doc().unwrap().applicability;
        let fixed = fix(doc.endpoint, doc.bad, applicability);
        assert!(fixed.changed(), "{rule}");
        assert_eq!(String::from_utf8(fixed.text).unwrap(), doc.good, "{rule}");
        assert!(
            !fixed.remaining.iter().any(|finding| finding.rule == rule),
            "{rule}: {:#?}",
            fixed.remaining
        );
    }
}

#[test]
fn each_passing_example_is_untouched() {
    for rule in Rule::ALL.iter().filter(|rule| rule.fix_doc().is_some()) {
        let doc = rule.doc();
        let fixed = fix(doc.endpoint, doc.good, Applicability::Unsafe);
        assert!(!fixed.changed(), "{rule}");
        assert_eq!(fixed.text, doc.good.as_bytes(), "{rule}");
    }
}

#[test]
fn unsafe_fixes_wait_for_unsafe() {
    for rule in [Rule::UnknownField, Rule::LegacyField, Rule::SecretInPayload] {
        let doc = rule.doc();
        let fixed = fix(doc.endpoint, doc.bad, Applicability::Safe);
        assert!(!fixed.changed(), "{rule}");
        assert!(
            fixed.remaining.iter().any(|finding| finding.rule == rule),
            "{rule}"
        );
        let finding = fixed
            .remaining
            .iter()
            .find(|finding| finding.rule == rule)
            .unwrap();
        let offered = finding.fix.as_ref().unwrap();
        assert_eq!(offered.applicability, Applicability::Unsafe);
    }
}

/// A template whose always-locked names say `as_default_value: false`.
const UNLOCKED_NAMES: &str = "{\n  \"bk_biz_id\": 1,\n  \"service_template_id\": 51,\n  \"processes\": [\n    {\n      \"spec\": {\n        \"bk_process_name\": {\"value\": \"nginx\", \"as_default_value\": false},\n        \"bk_func_name\": {\"value\": \"nginx\", \"as_default_value\": true}\n      }\n    }\n  ]\n}\n";

#[test]
fn as_default_value_false_on_an_always_locked_field_becomes_true() {
    let fixed = fix(
        Endpoint::BatchCreateProcTemplate,
        UNLOCKED_NAMES,
        Applicability::Safe,
    );
    assert_eq!(fixed.applied, 1);
    assert_eq!(
        String::from_utf8(fixed.text).unwrap(),
        UNLOCKED_NAMES.replace("\"as_default_value\": false", "\"as_default_value\": true")
    );
    assert!(
        !fixed
            .remaining
            .iter()
            .any(|finding| finding.rule == Rule::IgnoredField)
    );
    // The other ignored-field findings (a field the server overwrites) have no fix.
    let doc = Rule::IgnoredField.doc();
    assert!(!fix(doc.endpoint, doc.bad, Applicability::Unsafe).changed());
}

#[test]
fn trimming_is_offered_only_where_the_server_rejects_the_whitespace() {
    let edit = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app "}]}"#;
    let fixed = fix(Endpoint::UpdateProcessInstance, edit, Applicability::Unsafe);
    assert!(!fixed.changed());
    assert!(
        fixed
            .remaining
            .iter()
            .any(|finding| finding.rule == Rule::SurroundingWhitespace && finding.fix.is_none())
    );
    let escaped = r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "\u0009ngi\u006ex\n", "as_default_value": true}, "bk_func_name": {"value": "nginx", "as_default_value": true}}}]}"#;
    let text = fixed_text(
        Endpoint::BatchCreateProcTemplate,
        escaped,
        Applicability::Safe,
    );
    assert!(
        text.contains(r#"{"value": "nginx", "as_default_value": true}, "bk_func_name""#),
        "{text}"
    );
}

#[test]
fn layout_key_order_and_line_endings_stay() {
    let text = "{\r\n\t\"bk_biz_id\" :  1,\r\n\t\"processes\": [ {\"bk_process_id\": 43, \"Proc_Num\":   2.0 , \"user\": \"a\"} ]\r\n}";
    let fixed = fixed_text(Endpoint::UpdateProcessInstance, text, Applicability::Safe);
    assert_eq!(
        fixed,
        "{\r\n\t\"bk_biz_id\" :  1,\r\n\t\"processes\": [ {\"bk_process_id\": 43, \"proc_num\":   2 , \"user\": \"a\"} ]\r\n}"
    );
}

#[test]
fn a_byte_order_mark_stays_and_offsets_count_it() {
    let text =
        "\u{feff}{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"proc_num\": 1e1}]}";
    let fixed = fixed_text(Endpoint::UpdateProcessInstance, text, Applicability::Safe);
    assert_eq!(fixed, text.replace("1e1", "10"));
}

#[test]
fn repeated_keys_are_removed_until_one_is_left() {
    let text = "{\n  \"bk_biz_id\": 1,\n  \"processes\": [\n    {\n      \"bk_process_id\": 43,\n      \"user\": \"a\",\n      \"user\": \"b\",\n      \"User\": \"c\"\n    }\n  ]\n}\n";
    let fixed = fix(Endpoint::UpdateProcessInstance, text, Applicability::Safe);
    assert_eq!(
        String::from_utf8(fixed.text).unwrap(),
        "{\n  \"bk_biz_id\": 1,\n  \"processes\": [\n    {\n      \"bk_process_id\": 43,\n      \"user\": \"c\"\n    }\n  ]\n}\n"
    );
    assert!(
        fixed.remaining.iter().all(|finding| finding.fix.is_none()),
        "{:#?}",
        fixed.remaining
    );
}

#[test]
fn a_typo_is_renamed_only_to_a_single_close_field_not_yet_present() {
    // `bk_process_name` is there already: renaming would repeat it.
    let both = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "a", "bk_proces_name": "b"}]}"#;
    assert!(!fix(Endpoint::UpdateProcessInstance, both, Applicability::Unsafe).changed());
    let cased = both.replace("\"bk_process_name\"", "\"BK_Process_Name\"");
    let fixed = fix(
        Endpoint::UpdateProcessInstance,
        &cased,
        Applicability::Unsafe,
    );
    assert_eq!(
        String::from_utf8(fixed.text).unwrap(),
        both,
        "only the key-case fix"
    );
    // A key far from every field is a warning without a fix.
    let far = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "totally_new": 1}]}"#;
    assert!(!fix(Endpoint::UpdateProcessInstance, far, Applicability::Unsafe).changed());
}

#[test]
fn a_text_that_does_not_parse_is_left_alone() {
    let text = "{\"bk_biz_id\": 1.0,";
    let fixed = fix(Endpoint::UpdateProcessInstance, text, Applicability::Unsafe);
    assert!(!fixed.changed());
    assert_eq!(fixed.text, text.as_bytes());
    assert_eq!(fixed.remaining[0].rule, Rule::JsonSyntax);
}

#[test]
fn allowed_findings_are_not_fixed() {
    let doc = Rule::KeyCase.doc();
    let validator = Validator::get(doc.endpoint, PayloadKind::Request).unwrap();
    let mut overrides = Overrides::new();
    overrides.set(Rule::KeyCase, cc_validate::Level::Allow);
    let fixed = fix_source(
        validator,
        doc.bad.as_bytes(),
        CheckOptions::default(),
        &overrides,
        Applicability::Unsafe,
    );
    assert!(!fixed.changed());
}
