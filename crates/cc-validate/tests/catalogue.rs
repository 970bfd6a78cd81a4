//! The rule catalogue checks itself: every rule is documented, its failing
//! example makes it fire, its passing example is clean, and every message follows
//! the house style.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{Diagnostic, PayloadKind, Rule, check};

fn findings(rule: Rule, text: &str) -> Vec<Diagnostic> {
    check(rule.doc().endpoint, PayloadKind::Request, text.as_bytes()).unwrap()
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
    for rule in Rule::ALL {
        let found = findings(*rule, rule.doc().good);
        assert!(
            found.is_empty(),
            "{rule}: its passing example has findings: {found:#?}"
        );
    }
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
