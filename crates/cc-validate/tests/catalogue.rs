//! The rule catalogue checks itself: every rule is documented, its failing
//! example makes it fire, its passing example is clean, and every message follows
//! the house style.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{
    CheckOptions, Diagnostic, Document, PayloadKind, Rule, Validator, load_template,
};

/// Lints `text` as the rule's examples are meant: a request of the rule's
/// endpoint, checked against the rule's example template when it has one.
fn findings(rule: Rule, text: &str) -> Vec<Diagnostic> {
    let doc = rule.doc();
    let template = doc.template.map(|template| {
        let value: serde_json::Value = serde_json::from_str(template).unwrap();
        load_template(&value).unwrap().0
    });
    let validator = Validator::get(doc.endpoint, PayloadKind::Request).unwrap();
    let document = match Document::parse(text.as_bytes()) {
        Ok(document) => document,
        Err(syntax) => return vec![*syntax],
    };
    let options = CheckOptions {
        template: template.as_ref(),
        host: None,
        raw: doc.raw,
    };
    let mut found = validator.check_document_with(&document, text.as_bytes(), options);
    // An `update_process_instance` example of another rule, checked without
    // `--raw` or `--template`, is a field-by-field edit whose write the payload
    // cannot tell: `raw-process-edit` says so, and its own examples test it.
    if rule != Rule::RawProcessEdit && template.is_none() && !doc.raw {
        found.retain(|finding| finding.rule != Rule::RawProcessEdit);
    }
    found
}

#[test]
fn example_templates_are_valid_templates() {
    for rule in Rule::ALL {
        if let Some(template) = rule.doc().template {
            let value: serde_json::Value = serde_json::from_str(template).unwrap();
            assert!(load_template(&value).is_ok(), "{rule}");
        }
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in Rule::ALL {
        let doc = rule.doc();
        assert!(!doc.summary.is_empty(), "{rule}: summary");
        assert!(doc.explanation.len() > 40, "{rule}: explanation");
        assert!(
            !doc.bad.is_empty() && !doc.good.is_empty(),
            "{rule}: examples"
        );
        assert!(
            doc.summary.chars().next().is_some_and(char::is_lowercase),
            "{rule}: summary starts lowercase"
        );
        assert!(!doc.summary.ends_with('.'), "{rule}: summary has no period");
    }
}

#[test]
fn ids_are_unique_kebab_case_and_parse_back() {
    let mut ids: Vec<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
    for id in &ids {
        assert!(
            id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
            "{id}"
        );
        assert_eq!(id.parse::<Rule>().unwrap().id(), *id);
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Rule::ALL.len());
    assert!("no-such-rule".parse::<Rule>().is_err());
}

#[test]
fn every_failing_example_fires_its_rule() {
    for rule in Rule::ALL {
        let bad = rule.doc().bad;
        if bad.contains("...") {
            continue; // An elided example, for reading only.
        }
        let found = findings(*rule, bad);
        assert!(
            found.iter().any(|finding| finding.rule == *rule),
            "{rule}: its failing example does not fire it: {found:#?}"
        );
    }
}

#[test]
fn every_passing_example_is_clean() {
    let mut dirty = Vec::new();
    for rule in Rule::ALL {
        let found = findings(*rule, rule.doc().good);
        if !found.is_empty() {
            dirty.push(format!(
                "{rule}: its passing example has findings: {found:#?}"
            ));
        }
    }
    assert!(dirty.is_empty(), "{}", dirty.join("\n"));
}

#[test]
fn messages_follow_the_house_style() {
    for rule in Rule::ALL {
        let bad = rule.doc().bad;
        if bad.contains("...") {
            continue;
        }
        for finding in findings(*rule, bad) {
            let message = &finding.message;
            let first = message.chars().next().unwrap();
            assert!(
                first.is_lowercase() || first == '`' || first == '"',
                "{rule}: message starts lowercase or with a name: {message}"
            );
            assert!(
                !message.ends_with('.'),
                "{rule}: no trailing period: {message}"
            );
            if let Some(help) = &finding.help {
                assert!(
                    !help.ends_with('.'),
                    "{rule}: help has no trailing period: {help}"
                );
            }
        }
    }
}

/// A finding on a payload the server accepts is an error only when the rule's
/// docs say why the linter is stricter (`Rule::stricter_than_server`), and
/// every rule's docs state the server's verdict.
#[test]
fn errors_on_accepted_payloads_say_why() {
    use cc_validate::{ServerVerdict, Severity};
    for rule in Rule::ALL {
        let accepted_somewhere = cc_validate::Endpoint::ALL
            .iter()
            .any(|endpoint| rule.server_verdict(*endpoint) == ServerVerdict::Accepts);
        // surrounding-whitespace is an error only on batch_create_proc_template,
        // which refuses it (1199998), and a warning elsewhere.
        if rule.default_severity() == Severity::Error
            && accepted_somewhere
            && *rule != Rule::SurroundingWhitespace
        {
            assert!(
                rule.stricter_than_server().is_some(),
                "{rule}: an error on payloads the server accepts, without saying why"
            );
        }
        assert!(
            rule.server_verdict_text().starts_with("The server: "),
            "{rule}"
        );
    }
    assert_eq!(
        Rule::DuplicateKey.server_verdict(cc_validate::Endpoint::BatchCreateProcTemplate),
        ServerVerdict::Accepts
    );
    assert_eq!(
        Rule::TooManyItems.server_verdict(cc_validate::Endpoint::UpdateProcessInstance),
        ServerVerdict::Rejects {
            code: Some(1_199_035)
        }
    );
}
