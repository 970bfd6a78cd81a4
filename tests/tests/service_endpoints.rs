//! The six service endpoints (`create_service_template`,
//! `create_service_instance`, `list_service_instance`, `delete_service_instance`,
//! `list_service_template_difference`, `sync_service_template_to_service_instance`)
//! against their upstream doc examples (`fixtures/upstream-service/`, described
//! by its `index.json`): the recorded findings, the endpoint told from the file
//! name and from the content alone, and the typed models reading them and
//! writing back what they read.
//!
//! Every file read here lives inside the repository, under `tests/fixtures/`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read or parse its own fixture should fail loudly"
)]

use cc_validate::{Detection, Diagnostic, Endpoint, PayloadKind};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cc_tests::upstream::{IndexEntry, findings};

fn dir() -> PathBuf {
    cc_tests::upstream::dir("upstream-service")
}

fn index() -> Vec<IndexEntry> {
    cc_tests::upstream::index("upstream-service")
}

/// The service endpoints, in `Endpoint::ALL` order.
const SERVICE: [Endpoint; 6] = [
    Endpoint::CreateServiceTemplate,
    Endpoint::CreateServiceInstance,
    Endpoint::ListServiceInstance,
    Endpoint::DeleteServiceInstance,
    Endpoint::ListServiceTemplateDifference,
    Endpoint::SyncServiceTemplateToServiceInstance,
];

fn check(entry: &IndexEntry) -> Vec<Diagnostic> {
    entry.check()
}

/// The doc example of `create_service_instance` puts a `port` key (no process
/// field) and the legacy `bk_func_id` in `process_info`; every other example
/// is clean.
const CREATE_INSTANCE_FINDINGS: &[(&str, &str, &str)] = &[
    (
        "warning",
        "unknown-field",
        "/instances/0/processes/0/process_info/port",
    ),
    (
        "warning",
        "legacy-field",
        "/instances/0/processes/0/process_info/bk_func_id",
    ),
];

#[test]
fn index_lists_every_fixture_file_of_the_six_endpoints() {
    let entries = index();
    let listed: BTreeSet<String> = entries.iter().map(|entry| entry.file.clone()).collect();
    assert_eq!(listed.len(), entries.len(), "duplicate entries");
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(dir()).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let endpoint = dir.file_name().unwrap().to_str().unwrap().to_owned();
        for file in std::fs::read_dir(&dir).unwrap() {
            let name = file.unwrap().file_name();
            on_disk.insert(format!("{endpoint}/{}", name.to_str().unwrap()));
        }
    }
    assert_eq!(listed, on_disk);
    let endpoints: BTreeSet<Endpoint> = entries.iter().map(IndexEntry::endpoint).collect();
    assert_eq!(endpoints, SERVICE.into_iter().collect());
    for endpoint in SERVICE {
        for kind in PayloadKind::ALL {
            assert!(
                entries
                    .iter()
                    .any(|entry| entry.endpoint() == endpoint && entry.kind() == kind),
                "{endpoint} has no {kind} example"
            );
        }
    }
    for entry in &entries {
        assert!(entry.valid_json, "{}", entry.file);
        assert_eq!(entry.expected, "documented", "{}", entry.file);
        assert!(
            entry
                .upstream
                .as_deref()
                .is_some_and(|upstream| upstream.starts_with("TencentBlueKing/bk-cmdb@")),
            "{}",
            entry.file
        );
    }
}

#[test]
fn the_new_endpoints_come_last_in_endpoint_all() {
    assert_eq!(
        Endpoint::ALL[Endpoint::ALL.len() - SERVICE.len()..],
        SERVICE
    );
    for endpoint in SERVICE {
        assert_eq!(endpoint.name().parse::<Endpoint>().unwrap(), endpoint);
    }
}

#[test]
fn doc_examples_give_the_recorded_findings() {
    for entry in index() {
        let found = check(&entry);
        let expected: &[(&str, &str, &str)] =
            if entry.endpoint() == Endpoint::CreateServiceInstance && entry.kind == "request" {
                CREATE_INSTANCE_FINDINGS
            } else {
                &[]
            };
        assert_eq!(findings(&found), expected, "{}", entry.file);
    }
}

#[test]
fn the_file_name_names_the_endpoint() {
    for entry in index() {
        assert_eq!(
            cc_validate::endpoint_from_path(Path::new(&entry.file)),
            Some(entry.endpoint()),
            "{}",
            entry.file
        );
        assert_eq!(
            cc_validate::payload_kind(&entry.value()),
            entry.kind(),
            "{}",
            entry.file
        );
    }
}

/// By content alone every request is told apart; a response is told apart or
/// reported as ambiguous among candidates that include its endpoint.
#[test]
fn content_alone_tells_the_examples_apart() {
    for entry in index() {
        let detection = cc_validate::endpoint_from_content(&entry.value(), entry.kind());
        match entry.kind() {
            PayloadKind::Request => {
                assert_eq!(
                    detection,
                    Detection::Found(entry.endpoint()),
                    "{}",
                    entry.file
                );
            }
            PayloadKind::Response => assert!(
                match &detection {
                    Detection::Found(found) => *found == entry.endpoint(),
                    Detection::Ambiguous(candidates) => candidates.contains(&entry.endpoint()),
                    Detection::Unknown => false,
                },
                "{}: {detection:?}",
                entry.file
            ),
        }
    }
    // The responses whose data has a shape of its own are told apart.
    for (file, endpoint) in [
        (
            "create_service_template/cc-en.response.json",
            Endpoint::CreateServiceTemplate,
        ),
        (
            "list_service_instance/cc-en.response.json",
            Endpoint::ListServiceInstance,
        ),
        (
            "list_service_template_difference/cc-en-1.response.json",
            Endpoint::ListServiceTemplateDifference,
        ),
        (
            "list_service_template_difference/cc-en-2.response.json",
            Endpoint::ListServiceTemplateDifference,
        ),
    ] {
        let value: Value =
            serde_json::from_slice(&std::fs::read(dir().join(file)).unwrap()).unwrap();
        assert_eq!(
            cc_validate::endpoint_from_content(&value, PayloadKind::Response),
            Detection::Found(endpoint),
            "{file}"
        );
    }
}

/// Every example reads into the typed model, and what it writes back is what
/// it read, except for the keys no model knows (the server ignores them too).
#[test]
fn the_models_read_the_examples_and_write_back_what_they_read() {
    for entry in index() {
        let value = entry.value();
        let written = entry
            .endpoint()
            .round_trip(entry.kind(), &value)
            .unwrap_or_else(|error| panic!("{}: {error}", entry.file));
        let mut expected = value.clone();
        if entry.endpoint() == Endpoint::CreateServiceInstance && entry.kind == "request" {
            expected["instances"][0]["processes"][0]["process_info"]
                .as_object_mut()
                .unwrap()
                .remove("port");
        }
        assert_eq!(written, expected, "{}", entry.file);
    }
}

/// The limits the models write once, as the schemas enforce them.
#[test]
fn the_schemas_enforce_the_limits() {
    let valid = |endpoint: Endpoint, payload: &Value| {
        cc_validate::check(
            endpoint,
            PayloadKind::Request,
            payload.to_string().as_bytes(),
        )
        .unwrap()
        .iter()
        .all(|finding| !finding.is_error())
    };
    let ids = |count: i64| Value::from((1..=count).collect::<Vec<_>>());

    let delete = |count| json!({"bk_biz_id": 1, "service_instance_ids": ids(count)});
    assert!(!valid(Endpoint::DeleteServiceInstance, &delete(0)));
    assert!(valid(Endpoint::DeleteServiceInstance, &delete(500)));
    assert!(!valid(Endpoint::DeleteServiceInstance, &delete(501)));

    let instance = json!({"bk_host_id": 2, "processes": [{"process_template_id": 0,
        "process_info": {"bk_process_name": "p", "bk_func_name": "p"}}]});
    let create = |count: usize| json!({"bk_biz_id": 1, "bk_module_id": 60, "instances": vec![instance.clone(); count]});
    assert!(!valid(Endpoint::CreateServiceInstance, &create(0)));
    assert!(valid(Endpoint::CreateServiceInstance, &create(100)));
    assert!(!valid(Endpoint::CreateServiceInstance, &create(101)));
    let long_name = json!({"bk_biz_id": 1, "bk_module_id": 60,
        "instances": [{"bk_host_id": 2, "service_instance_name": "n".repeat(257)}]});
    assert!(!valid(Endpoint::CreateServiceInstance, &long_name));

    let template = |name: &str| json!({"bk_biz_id": 1, "name": name, "service_category_id": 2});
    assert!(valid(Endpoint::CreateServiceTemplate, &template("t")));
    assert!(!valid(Endpoint::CreateServiceTemplate, &template("")));
    assert!(!valid(
        Endpoint::CreateServiceTemplate,
        &template(&"t".repeat(257))
    ));

    let list = |hosts| json!({"bk_biz_id": 1, "bk_host_ids": ids(hosts)});
    assert!(valid(Endpoint::ListServiceInstance, &list(1000)));
    assert!(!valid(Endpoint::ListServiceInstance, &list(1001)));
    let selector = |operator: &str| json!({"bk_biz_id": 1, "selectors": [{"key": "k", "operator": operator, "values": ["v"]}]});
    for operator in ["=", "!=", "exists", "!", "in", "notin"] {
        assert!(
            valid(Endpoint::ListServiceInstance, &selector(operator)),
            "{operator}"
        );
    }
    assert!(!valid(Endpoint::ListServiceInstance, &selector("like")));

    let difference = |modules| json!({"bk_biz_id": 1, "bk_module_ids": ids(modules)});
    assert!(valid(
        Endpoint::ListServiceTemplateDifference,
        &difference(100)
    ));
    assert!(!valid(
        Endpoint::ListServiceTemplateDifference,
        &difference(101)
    ));

    let sync =
        |modules| json!({"bk_biz_id": 1, "service_template_id": 1, "bk_module_ids": ids(modules)});
    assert!(valid(
        Endpoint::SyncServiceTemplateToServiceInstance,
        &sync(1)
    ));
    assert!(!valid(
        Endpoint::SyncServiceTemplateToServiceInstance,
        &sync(0)
    ));
}

/// The process rules read the `process_info` of every process of every
/// instance of a `create_service_instance` request, with its pointer.
#[test]
fn process_rules_reach_every_process_of_every_instance() {
    let payload = json!({"bk_biz_id": 1, "bk_module_id": 60, "instances": [
        {"bk_host_id": 2, "processes": [{"process_info": {"bk_process_name": "a", "bk_func_name": "a"}}]},
        {"bk_host_id": 3, "processes": [
            {"process_info": {"bk_process_name": "b", "bk_func_name": "b"}},
            {"process_info": {"bk_process_name": "c", "bk_func_name": "c",
                "bind_info": [{"ip": "127.0.0.1", "port": "80,443", "protocol": "1", "enable": true}]}}
        ]}
    ]});
    let found = cc_validate::check(
        Endpoint::CreateServiceInstance,
        PayloadKind::Request,
        payload.to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!(
        findings(&found),
        [(
            "error",
            "instance-attribute",
            "/instances/1/processes/1/process_info/bind_info/0/port"
        )]
    );
}
