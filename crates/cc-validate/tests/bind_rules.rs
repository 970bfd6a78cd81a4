//! The bind-row rules through the public API: `port-syntax`, `port-range-order`,
//! `port-overlap`, `instance-ip` and `ip-protocol-family`, each with payloads that
//! fire it (exact rule, severity, pointer, line and message) and near misses that
//! do not.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{Diagnostic, Endpoint, PayloadKind, Rule, Severity, check};

const UPDATE: Endpoint = Endpoint::UpdateProcessInstance;
const CREATE: Endpoint = Endpoint::BatchCreateProcTemplate;

const BIND_RULES: [Rule; 5] = [
    Rule::PortSyntax,
    Rule::PortRangeOrder,
    Rule::PortOverlap,
    Rule::InstanceIp,
    Rule::IpProtocolFamily,
];

/// The pointer of the first instance row's port, ip and protocol.
const INSTANCE_PORT: &str = "/processes/0/bind_info/0/port";
const INSTANCE_IP: &str = "/processes/0/bind_info/0/ip";
/// The pointer of the first template row's port, ip and protocol values.
const TEMPLATE_PORT: &str = "/processes/0/spec/bind_info/value/0/port/value";
const TEMPLATE_IP: &str = "/processes/0/spec/bind_info/value/0/ip/value";
const TEMPLATE_PROTOCOL: &str = "/processes/0/spec/bind_info/value/0/protocol/value";

fn lint(endpoint: Endpoint, text: &str) -> Vec<Diagnostic> {
    check(endpoint, PayloadKind::Request, text.as_bytes()).unwrap()
}

fn only(endpoint: Endpoint, text: &str, rule: Rule) -> Vec<Diagnostic> {
    lint(endpoint, text)
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .collect()
}

fn bind_findings(endpoint: Endpoint, text: &str) -> Vec<Diagnostic> {
    lint(endpoint, text)
        .into_iter()
        .filter(|finding| BIND_RULES.contains(&finding.rule))
        .collect()
}

/// A JSON value for a row member: `None` leaves the member out, `Some("null")`
/// writes null, anything else is written as a JSON string.
fn json_value(value: &str) -> String {
    if value == "null" {
        value.to_owned()
    } else {
        serde_json::to_string(value).unwrap()
    }
}

/// An `update_process_instance` request with one process and one bind row, the
/// row on line 3.
fn instance(ip: Option<&str>, port: Option<&str>, protocol: Option<&str>) -> String {
    let mut members = Vec::new();
    for (key, value) in [("ip", ip), ("port", port), ("protocol", protocol)] {
        if let Some(value) = value {
            members.push(format!("\"{key}\": {}", json_value(value)));
        }
    }
    members.push("\"template_row_id\": 1".to_owned());
    format!(
        "{{\"bk_biz_id\": 1,\n\"processes\": [{{\"bk_process_id\": 43, \"bind_info\": [\n{{{}}}]}}]}}",
        members.join(", ")
    )
}

/// A `batch_create_proc_template` request with one spec and one bind row, the row
/// on line 4.
fn template(ip: Option<&str>, port: &str, protocol: &str) -> String {
    let wrap = |value: &str| {
        format!(
            "{{\"value\": {}, \"as_default_value\": true}}",
            json_value(value)
        )
    };
    let mut members = Vec::new();
    if let Some(ip) = ip {
        members.push(format!("\"ip\": {}", wrap(ip)));
    }
    members.push(format!("\"port\": {}", wrap(port)));
    members.push(format!("\"protocol\": {}", wrap(protocol)));
    members.push("\"row_id\": 1".to_owned());
    format!(
        "{{\"bk_biz_id\": 1, \"service_template_id\": 51,\n\"processes\": [{{\"spec\": {{\
         \"bk_process_name\": {{\"value\": \"web\", \"as_default_value\": true}}, \
         \"bk_func_name\": {{\"value\": \"web\", \"as_default_value\": true}},\n\
         \"bind_info\": {{\"value\": [\n{{{}}}], \"as_default_value\": true}}}}}}]}}",
        members.join(", ")
    )
}

/// Asserts that the payload's only bind-row finding is one of `rule`, an error at
/// `pointer` on `line` with `message`, and returns it.
fn assert_one(
    endpoint: Endpoint,
    text: &str,
    rule: Rule,
    pointer: &str,
    line: usize,
    message: &str,
) -> Diagnostic {
    let found = bind_findings(endpoint, text);
    assert_eq!(found.len(), 1, "{rule} in {text}: {found:#?}");
    let finding = found.into_iter().next().unwrap();
    assert_eq!(finding.rule, rule, "{text}");
    assert_eq!(finding.rule.id(), rule.id());
    assert_eq!(finding.severity, Severity::Error, "{text}");
    assert_eq!(finding.pointer, pointer, "{text}");
    assert_eq!(finding.message, message, "{text}");
    assert_eq!(finding.location.unwrap().line, line, "{text}");
    finding
}

fn assert_clean(endpoint: Endpoint, text: &str) {
    let mut found = lint(endpoint, text);
    // Whether an edit is written whole is `raw-process-edit`'s (server_verdicts.rs).
    found.retain(|finding| finding.rule != Rule::RawProcessEdit);
    assert!(found.is_empty(), "{text}: {found:#?}");
}

// ---------------------------------------------------------------- port-syntax

#[test]
fn port_syntax_names_the_item_and_its_position() {
    let cases = [
        ("0", "`port.value` item 1 \"0\" is not a port 1-65535"),
        (
            "65536",
            "`port.value` item 1 \"65536\" is not a port 1-65535",
        ),
        (
            "80,1-65536",
            "`port.value` item 2 \"1-65536\" has \"65536\", which is not a port 1-65535",
        ),
        ("080", "`port.value` item 1 \"080\" has a leading zero"),
        (
            "80-090",
            "`port.value` item 1 \"80-090\" has a leading zero in \"090\"",
        ),
        (
            "80, 443",
            "`port.value` item 2 \" 443\" contains whitespace",
        ),
        ("80 ", "`port.value` item 1 \"80 \" contains whitespace"),
        (
            "80,",
            "`port.value` item 2 is empty in \"80,\"; expected a port or a range between commas",
        ),
        (
            ",80",
            "`port.value` item 1 is empty in \",80\"; expected a port or a range between commas",
        ),
        (
            "80,,81",
            "`port.value` item 2 is empty in \"80,,81\"; expected a port or a range between commas",
        ),
        (
            "+80",
            "`port.value` item 1 \"+80\" contains '+'; expected only digits and `-`",
        ),
        (
            "-80",
            "`port.value` item 1 \"-80\" is a range without a start; expected `A-B`",
        ),
        (
            "80-",
            "`port.value` item 1 \"80-\" is a range without an end; expected `A-B`",
        ),
        (
            "http",
            "`port.value` item 1 \"http\" contains 'h'; expected only digits and `-`",
        ),
        (
            "1-2-3",
            "`port.value` item 1 \"1-2-3\" has more than one `-`; expected a port or a range `A-B`",
        ),
    ];
    for (port, message) in cases {
        let finding = assert_one(
            CREATE,
            &template(Some("1"), port, "1"),
            Rule::PortSyntax,
            TEMPLATE_PORT,
            4,
            message,
        );
        assert!(finding.help.unwrap().contains("80,443,8000-8010"));
    }
}

#[test]
fn port_syntax_cuts_long_items() {
    let port = "9".repeat(1000);
    let found = only(CREATE, &template(Some("1"), &port, "1"), Rule::PortSyntax);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.len() < 120, "{}", found[0].message);
    assert!(found[0].message.ends_with("… is not a port 1-65535"));
}

#[test]
fn port_syntax_in_a_template_row() {
    assert_one(
        CREATE,
        &template(Some("1"), "80, 443", "1"),
        Rule::PortSyntax,
        TEMPLATE_PORT,
        4,
        "`port.value` item 2 \" 443\" contains whitespace",
    );
    assert_one(
        CREATE,
        &template(Some("1"), "", "1"),
        Rule::PortSyntax,
        TEMPLATE_PORT,
        4,
        "`port.value` must not be empty in a template row",
    );
}

/// Instance ports follow the port sub-attribute (semantics section 8,
/// `upgrader/history/y3.8.202009101702/proc_bind_change.go:278-287`,
/// `attribute.go:689`): one port or one range, trimmed, ends not compared;
/// `port` is required, so "" and null are refused, while a missing key is not
/// checked on a field-by-field edit. Cases bind-row-port-* of server-truth.
#[test]
fn instance_ports_are_one_port_or_one_range() {
    for port in ["80", "65535", " 80", "8000-8010", "8010-8000", "1-65535"] {
        assert_clean(UPDATE, &instance(Some("127.0.0.1"), Some(port), Some("1")));
    }
    assert_clean(UPDATE, &instance(Some("127.0.0.1"), None, Some("1")));
    for (port, message) in [
        (
            "80,443",
            "instance `port` \"80,443\" is not one port 1-65535 or one range A-B, which is all an instance row takes (1199006)",
        ),
        (
            "65536",
            "instance `port` \"65536\" is not one port 1-65535 or one range A-B, which is all an instance row takes (1199006)",
        ),
        (
            "0",
            "instance `port` \"0\" is not one port 1-65535 or one range A-B, which is all an instance row takes (1199006)",
        ),
    ] {
        let found = only(
            UPDATE,
            &instance(Some("127.0.0.1"), Some(port), Some("1")),
            Rule::InstanceAttribute,
        );
        assert_eq!(found.len(), 1, "{port}: {found:#?}");
        assert_eq!(found[0].pointer, INSTANCE_PORT);
        assert_eq!(found[0].message, message);
        assert_eq!(found[0].severity, Severity::Error);
    }
    // null is the instance schema's (a required sub-attribute is not nullable).
    let null = lint(
        UPDATE,
        &instance(Some("127.0.0.1"), Some("null"), Some("1")),
    );
    assert_eq!(null.len(), 1, "{null:#?}");
    assert_eq!(null[0].rule, Rule::Schema);
    {
        let port = "";
        let found = only(
            UPDATE,
            &instance(Some("127.0.0.1"), Some(port), Some("1")),
            Rule::InstanceAttribute,
        );
        assert_eq!(found.len(), 1, "{port}: {found:#?}");
        assert_eq!(
            found[0].message,
            "bind-row `port` is empty: it is a required sub-attribute and the server refuses the row (1199006)"
        );
    }
}

#[test]
fn valid_port_lists_are_clean() {
    for port in [
        "1",
        "65535",
        "1-1",
        "1-65535",
        "80,81",
        "80,443,8000-8010",
        "8011,8000-8010",
    ] {
        assert_clean(CREATE, &template(Some("1"), port, "1"));
    }
}

#[test]
fn a_malformed_list_is_not_also_reported_for_order_or_overlap() {
    assert_one(
        CREATE,
        &template(Some("1"), "9000-8000,80,80,x", "1"),
        Rule::PortSyntax,
        TEMPLATE_PORT,
        4,
        "`port.value` item 4 \"x\" contains 'x'; expected only digits and `-`",
    );
    // And a reversed range is not also reported as an overlap.
    assert_one(
        CREATE,
        &template(Some("1"), "80,80,9000-8000", "1"),
        Rule::PortRangeOrder,
        TEMPLATE_PORT,
        4,
        "`port.value` range `9000-8000` starts above its end",
    );
}

// ----------------------------------------------------------- port-range-order

#[test]
fn port_range_order_fires_on_a_reversed_range() {
    let finding = assert_one(
        CREATE,
        &template(Some("1"), "80,9000-8000", "1"),
        Rule::PortRangeOrder,
        TEMPLATE_PORT,
        4,
        "`port.value` range `9000-8000` starts above its end",
    );
    assert_eq!(
        finding.help.as_deref(),
        Some("write the lower port first: `8000-9000`")
    );
    assert_one(
        CREATE,
        &template(Some("1"), "2-1", "1"),
        Rule::PortRangeOrder,
        TEMPLATE_PORT,
        4,
        "`port.value` range `2-1` starts above its end",
    );
}

// --------------------------------------------------------------- port-overlap

#[test]
fn port_overlap_names_both_items() {
    let cases = [
        (
            "8000-8010,8005",
            "`port.value` items `8000-8010` and `8005` overlap",
        ),
        (
            "8005,8000-8010",
            "`port.value` items `8005` and `8000-8010` overlap",
        ),
        ("80,80", "`port.value` items `80` and `80` overlap"),
        (
            "10-20,15-30",
            "`port.value` items `10-20` and `15-30` overlap",
        ),
        (
            "10-20,20-30",
            "`port.value` items `10-20` and `20-30` overlap",
        ),
    ];
    for (port, message) in cases {
        assert_one(
            CREATE,
            &template(Some("1"), port, "1"),
            Rule::PortOverlap,
            TEMPLATE_PORT,
            4,
            message,
        );
    }
    let finding = assert_one(
        CREATE,
        &template(Some("1"), "443,8000-8010,8005", "1"),
        Rule::PortOverlap,
        TEMPLATE_PORT,
        4,
        "`port.value` items `8000-8010` and `8005` overlap",
    );
    assert_eq!(
        finding.help.as_deref(),
        Some("port 8005 is in both item 2 and item 3; list each port once")
    );
}

// ---------------------------------------------------------------- instance-ip

#[test]
fn instance_ip_rejects_what_is_not_an_address() {
    for ip in ["localhost", "1.2.3", "1", "010.0.0.1", "256.0.0.1"] {
        let message = format!("`ip` must be an IPv4 or IPv6 address, or empty; found {ip:?}");
        assert_one(
            UPDATE,
            &instance(Some(ip), Some("80"), Some("1")),
            Rule::InstanceIp,
            INSTANCE_IP,
            3,
            &message,
        );
    }
    let finding = &only(
        UPDATE,
        &instance(Some("1"), Some("80"), Some("1")),
        Rule::InstanceIp,
    )[0];
    assert!(
        finding
            .help
            .as_deref()
            .unwrap()
            .starts_with("bind-type codes are for template rows")
    );
}

/// No family check on instances: the ip sub-attribute is `(^IPV4$)|(^IPV6$)`
/// whatever the protocol, trimmed, with a leading zero allowed in a one- or
/// two-digit group (`upgrader/y3.10.202305110949/add_agent_id_related_attr.go:229-236`,
/// `attribute.go:689`; server-truth bind-row-ipv6-with-tcp-accepted,
/// bind-row-ipv4-with-tcp6-accepted, bind-row-ip-leading-zero-accepted).
#[test]
fn instance_ip_takes_either_family_with_any_protocol() {
    for (ip, protocol) in [
        ("::1", Some("1")),
        ("fe80::1", None),
        ("10.0.0.1", Some("3")),
        ("01.02.03.04", Some("1")),
        ("1.2.3.4 ", Some("1")),
    ] {
        assert_clean(UPDATE, &instance(Some(ip), Some("80"), protocol));
    }
}

#[test]
fn instance_ip_near_misses_are_clean() {
    for (ip, protocol) in [
        ("", Some("1")),
        ("", Some("3")),
        ("", None),
        ("127.0.0.1", Some("1")),
        ("0.0.0.0", Some("2")),
        ("10.0.0.1", None),
        ("::1", Some("3")),
        ("fe80::1", Some("4")),
        ("::", Some("3")),
        ("::ffff:10.0.0.1", Some("4")),
    ] {
        assert_clean(UPDATE, &instance(Some(ip), Some("80"), protocol));
    }
    assert_clean(UPDATE, &instance(None, Some("80"), Some("1")));
    assert_clean(UPDATE, &instance(Some("null"), Some("80"), Some("1")));
    // An unknown protocol code is the schema's to report, not instance-ip's.
    assert!(
        only(
            UPDATE,
            &instance(Some("::1"), Some("80"), Some("9")),
            Rule::InstanceIp
        )
        .is_empty()
    );
    // A template row's ip is a bind-type code: never instance-ip's.
    assert!(
        only(
            CREATE,
            &template(Some("127.0.0.1"), "80", "1"),
            Rule::InstanceIp
        )
        .is_empty()
    );
}

// --------------------------------------------------------- ip-protocol-family

#[test]
fn ip_protocol_family_fires_on_a_template_row() {
    let finding = assert_one(
        CREATE,
        &template(Some("5"), "80", "1"),
        Rule::IpProtocolFamily,
        TEMPLATE_IP,
        4,
        "`ip.value` bind type \"5\" (::1, IPv6) does not go with protocol \"1\" (TCP, IPv4)",
    );
    assert_eq!(finding.related.len(), 1);
    assert_eq!(finding.related[0].pointer, TEMPLATE_PROTOCOL);
    assert_eq!(finding.related[0].note, "protocol set here");
    assert!(finding.related[0].location.is_some());

    assert_one(
        CREATE,
        &template(Some("3"), "80", "4"),
        Rule::IpProtocolFamily,
        TEMPLATE_IP,
        4,
        "`ip.value` bind type \"3\" (first inner IP, IPv4) does not go with protocol \"4\" (UDP6, IPv6)",
    );
    assert_one(
        CREATE,
        &template(Some("8"), "80", "2"),
        Rule::IpProtocolFamily,
        TEMPLATE_IP,
        4,
        "`ip.value` bind type \"8\" (first outer IP, IPv6) does not go with protocol \"2\" (UDP, IPv4)",
    );
}

#[test]
fn ip_protocol_family_near_misses_are_clean() {
    for (ip, protocol) in [
        (Some("6"), "3"),
        (Some("5"), "4"),
        (Some("1"), "1"),
        (Some("2"), "2"),
        (Some("4"), "1"),
        (Some("7"), "3"),
        (Some(""), "3"),
        (Some(""), "1"),
        (Some("null"), "4"),
        (None, "3"),
    ] {
        assert_clean(CREATE, &template(ip, "80", protocol));
    }
    // An unknown bind-type code is the schema's (bind-ip-code), not this rule's.
    let text = template(Some("9"), "80", "3");
    assert!(!lint(CREATE, &text).is_empty());
    assert!(only(CREATE, &text, Rule::IpProtocolFamily).is_empty());
    // An IPv6 instance address with UDP: instances have no family check.
    assert_clean(UPDATE, &instance(Some("::1"), Some("80"), Some("2")));
}

// ------------------------------------------------------------------ catalogue

#[test]
fn the_bind_rules_examples_fire_and_pass() {
    for rule in BIND_RULES {
        let doc = rule.doc();
        let bad = lint(doc.endpoint, doc.bad);
        assert!(
            bad.iter().any(|finding| finding.rule == rule),
            "{rule}: {bad:#?}"
        );
        assert_clean(doc.endpoint, doc.good);
    }
}
