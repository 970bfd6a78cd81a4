//! The rules and the template behaviour agree where the server makes them agree,
//! on generated template specs, hosts and instances (issue 15):
//!
//! - (a) a spec that `batch_create_proc_template` validation accepts (no error
//!   finding) instantiates, as the server stores it, on the host; unless it
//!   holds what `docs/semantics.md` section 4 says can be created but not
//!   instantiated, and then it fails the way section 4 predicts (a bind type
//!   that needs an address without a host; `bk_start_check_secs` 601..10000, a
//!   string over the instance limit, a port list, an address the host's list
//!   cuts into something that is not one, refused by the instance checks);
//! - (b) the instance it makes, sent back as an `update_process_instance`
//!   entry, has no error finding, checked as a raw process (`--raw`); checked
//!   against its template (`--template`), only a locked null `enable` is
//!   refused, which the update path writes as null (section 5);
//! - (c) sync is idempotent: syncing the synced instance with the same template
//!   changes nothing, from the fresh instance and from generated ones;
//! - (d) a generated edit the `--template` checks accept writes, over the fresh
//!   instance, a process the instance checks accept.
//!
//! The generators give nulls, empty strings, missing, zero and repeated row
//! ids, missing and null wrappers, and hosts with addresses present, empty,
//! absent and cut oddly (`",10.0.0.5,10.0.0.6"`), and no host at all.
//!
//! Case counts are small and the random source fixed, so CI is fast and any
//! failure reproduces; `PROPTEST_CASES=2000` runs more locally.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use cc_model::attributes::{LONGCHAR_MAX_BYTES, SINGLECHAR_MAX_BYTES, instance_ip_matches};
use cc_model::{Host, InstantiateError, Process, ProcessTemplateSpec, Template};
use cc_validate::{CheckOptions, Endpoint, PayloadKind, Validator};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestRunner;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};

/// Cases per property, unless `PROPTEST_CASES` says.
const CASES: u32 = 512;

fn runner() -> TestRunner {
    common::runner(CASES)
}

/// The JSON type of a process field's value, and its instance byte limit.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A string of at most this many bytes on an instance.
    Str(usize),
    Int,
    Bool,
    Legacy,
}

const SINGLE: Kind = Kind::Str(SINGLECHAR_MAX_BYTES);
const LONG: Kind = Kind::Str(LONGCHAR_MAX_BYTES);

/// Every wrapped field of `Process` except the names and `bind_info`.
const FIELDS: [(&str, Kind); 18] = [
    ("bk_start_param_regex", LONG),
    ("proc_num", Kind::Int),
    ("priority", Kind::Int),
    ("timeout", Kind::Int),
    ("bk_start_check_secs", Kind::Int),
    ("auto_start", Kind::Bool),
    ("start_cmd", LONG),
    ("stop_cmd", LONG),
    ("restart_cmd", LONG),
    ("reload_cmd", LONG),
    ("face_stop_cmd", LONG),
    ("pid_file", LONG),
    ("work_path", LONG),
    ("user", SINGLE),
    ("description", SINGLE),
    ("auto_time_gap", Kind::Legacy),
    ("bk_func_id", Kind::Legacy),
    ("process_template_id", Kind::Legacy),
];

fn texts(pool: &[&'static str]) -> BoxedStrategy<Value> {
    select(pool.to_vec()).prop_map(Value::from).boxed()
}

/// A string one byte over `limit`, or at it; trimmed before it is counted.
fn long_text(limit: usize) -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::from("x".repeat(limit + 1))),
        Just(Value::from("x".repeat(limit))),
        // Over the byte limit with half as many characters (lengths are bytes).
        Just(Value::from(format!("{} x", "é".repeat(limit / 2)))),
    ]
    .boxed()
}

/// A template value of a field: mostly valid for templates, sometimes at or
/// past an edge, sometimes `null`.
fn template_value(name: &str, kind: Kind) -> BoxedStrategy<Value> {
    let value = match (name, kind) {
        ("proc_num", _) => select(vec![1_i64, 4, 10_000, 0])
            .prop_map(Value::from)
            .boxed(),
        ("priority", _) => select(vec![-100_i64, 0, 10_000, -101])
            .prop_map(Value::from)
            .boxed(),
        ("timeout", _) => select(vec![1_i64, 30, 10_000, 0])
            .prop_map(Value::from)
            .boxed(),
        ("bk_start_check_secs", _) => select(vec![1_i64, 5, 600, 601, 10_000, 0])
            .prop_map(Value::from)
            .boxed(),
        (_, Kind::Str(limit)) => prop_oneof![
            6 => texts(&["", "./run.sh", "app", "-c a"]),
            1 => long_text(limit),
        ]
        .boxed(),
        (_, Kind::Bool) => any::<bool>().prop_map(Value::from).boxed(),
        (_, Kind::Int) => unreachable!("every integer field is listed"),
        (_, Kind::Legacy) => select(vec![json!(1), json!("x"), json!({"value": 1})]).boxed(),
    };
    prop_oneof![1 => Just(Value::Null), 4 => value].boxed()
}

/// `as_default_value`: true, false, null or missing.
fn flag() -> BoxedStrategy<Option<Value>> {
    select(vec![
        None,
        Some(Value::Null),
        Some(json!(true)),
        Some(json!(false)),
    ])
    .boxed()
}

fn wrap(value: Value, flag: Option<Value>) -> Value {
    let mut wrapper = Map::new();
    wrapper.insert("value".to_owned(), value);
    if let Some(flag) = flag {
        wrapper.insert("as_default_value".to_owned(), flag);
    }
    Value::Object(wrapper)
}

/// A wrapper of `values`: missing, `null`, or `{value, as_default_value}`.
fn wrapper(values: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        6 => (values, flag()).prop_map(|(value, flag)| Some(wrap(value, flag))),
    ]
    .boxed()
}

/// An object from its members; absent members are left out.
fn object(members: impl IntoIterator<Item = (String, Option<Value>)>) -> Value {
    Value::Object(
        members
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect::<Map<_, _>>(),
    )
}

/// A bind type and a protocol, mostly of one family (a mismatch is an error).
fn ip_and_protocol() -> BoxedStrategy<(Option<Value>, Value)> {
    let v4 = (select(vec!["1", "2", "3", "4"]), select(vec!["1", "2"]));
    let v6 = (select(vec!["5", "6", "7", "8"]), select(vec!["3", "4"]));
    let coded = prop_oneof![v4, v6].prop_map(|(ip, protocol)| (Value::from(ip), protocol));
    let uncoded = (
        select(vec![Value::Null, json!("")]),
        select(vec!["1", "2", "3", "4"]),
    );
    let mismatched = (select(vec!["1", "7"]), select(vec!["3", "1"]))
        .prop_map(|(ip, protocol)| (Value::from(ip), protocol));
    let ip = prop_oneof![8 => coded, 3 => uncoded, 1 => mismatched];
    (ip, flag(), 0_u8..6)
        .prop_map(|((ip, protocol), flag, shape)| {
            let wrapped = match shape {
                // No `ip` key, or a null wrapper: both mean no bind type.
                0 => None,
                1 => Some(Value::Null),
                _ => Some(wrap(ip, flag)),
            };
            (wrapped, Value::from(protocol))
        })
        .boxed()
}

/// A template bind row; `row_id` missing, null, 0 or 1..3 (so repeats come up).
fn template_row() -> BoxedStrategy<Value> {
    (
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(Value::Null)),
            1 => Just(Some(json!(0))),
            6 => (1_i64..=3).prop_map(|id| Some(json!(id))),
        ],
        ip_and_protocol(),
        (
            prop_oneof![
                8 => texts(&["80", "8000-8010", "81"]),
                1 => texts(&["80,443"]),
                1 => texts(&[""]),
            ],
            flag(),
        ),
        flag(),
        wrapper(
            prop_oneof![1 => Just(Value::Null), 2 => any::<bool>().prop_map(Value::from)].boxed(),
        ),
    )
        .prop_map(
            |(row_id, (ip, protocol), (port, port_flag), protocol_flag, enable)| {
                object([
                    ("row_id".to_owned(), row_id),
                    ("ip".to_owned(), ip),
                    ("port".to_owned(), Some(wrap(port, port_flag))),
                    ("protocol".to_owned(), Some(wrap(protocol, protocol_flag))),
                    ("enable".to_owned(), enable),
                ])
            },
        )
        .boxed()
}

/// A template spec as JSON.
fn spec_json() -> BoxedStrategy<Value> {
    let name = |pool: &'static [&'static str]| {
        (
            prop_oneof![8 => texts(pool), 1 => long_text(SINGLECHAR_MAX_BYTES)],
            flag(),
        )
            .prop_map(|(value, flag)| Some(wrap(value, flag)))
    };
    let fields: Vec<BoxedStrategy<(String, Option<Value>)>> = FIELDS
        .iter()
        .map(|&(field, kind)| {
            wrapper(template_value(field, kind))
                .prop_map(move |wrapper| (field.to_owned(), wrapper))
                .boxed()
        })
        .collect();
    let rows = prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => flag().prop_map(|flag| Some(wrap(Value::Null, flag))),
        6 => (vec(template_row(), 0..=3), flag())
            .prop_map(|(rows, flag)| Some(wrap(Value::Array(rows), flag))),
    ];
    (name(&["p1", "p2"]), name(&["java", "nginx"]), fields, rows)
        .prop_map(|(process_name, func_name, fields, rows)| {
            object(
                [
                    ("bk_process_name".to_owned(), process_name),
                    ("bk_func_name".to_owned(), func_name),
                ]
                .into_iter()
                .chain(fields)
                .chain([("bind_info".to_owned(), rows)]),
            )
        })
        .boxed()
}

/// A host field: absent, empty, one address, a list, or a list the server cuts
/// into something that is not an address.
fn address(pool: &[&'static str]) -> BoxedStrategy<Option<String>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(String::new())),
        6 => select(pool.to_vec()).prop_map(|address| Some(address.to_owned())),
    ]
    .boxed()
}

/// No host, or a host with some of its addresses.
fn host() -> BoxedStrategy<Option<Host>> {
    let v4 = address(&[
        "10.0.0.1",
        "10.0.0.1,10.0.0.2",
        ",10.0.0.5,10.0.0.6",
        "10.0.0.5,",
    ]);
    let v6 = address(&["fd00::1", "fd00::1,fd00::2", "2001:db8::1,"]);
    prop_oneof![
        1 => Just(None),
        3 => (v4.clone(), v4, v6.clone(), v6).prop_map(|(inner, outer, inner_v6, outer_v6)| Some(Host {
            bk_host_innerip: inner,
            bk_host_outerip: outer,
            bk_host_innerip_v6: inner_v6,
            bk_host_outerip_v6: outer_v6,
        })),
    ]
    .boxed()
}

/// An instance value of a field, or (mostly) a member absent or null.
fn member(value: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop_oneof![1 => Just(None), 1 => Just(Some(Value::Null)), 3 => value.prop_map(Some)].boxed()
}

/// A stored instance's bind row; `template_row_id` missing, null or 0..4, so
/// repeats and ids no template row has come up.
fn instance_row() -> BoxedStrategy<Value> {
    (
        member((0_i64..=4).prop_map(Value::from).boxed()),
        member(texts(&[
            "",
            "127.0.0.1",
            "0.0.0.0",
            "::1",
            "10.0.0.1",
            "fd00::1",
        ])),
        member(texts(&["80", "81", "8000-8010", " 80"])),
        member(texts(&["1", "2", "3", "4"])),
        member(any::<bool>().prop_map(Value::from).boxed()),
    )
        .prop_map(|(row_id, ip, port, protocol, enable)| {
            object([
                ("template_row_id".to_owned(), row_id),
                ("ip".to_owned(), ip),
                ("port".to_owned(), port),
                ("protocol".to_owned(), protocol),
                ("enable".to_owned(), enable),
            ])
        })
        .boxed()
}

/// A stored process, whatever an earlier edit or sync left in it.
fn instance_json() -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<(String, Option<Value>)>> = FIELDS
        .iter()
        .filter(|(_, kind)| !matches!(kind, Kind::Legacy))
        .map(|&(field, kind)| {
            let value = match kind {
                Kind::Str(_) => texts(&["", "./run.sh", "app", " app "]),
                Kind::Int => select(vec![0_i64, 1, 3, 600, 601])
                    .prop_map(Value::from)
                    .boxed(),
                _ => any::<bool>().prop_map(Value::from).boxed(),
            };
            member(value)
                .prop_map(move |value| (field.to_owned(), value))
                .boxed()
        })
        .collect();
    let rows = member(vec(instance_row(), 0..=4).prop_map(Value::Array).boxed());
    (fields, rows)
        .prop_map(|(fields, rows)| {
            object(
                [
                    ("bk_process_name".to_owned(), Some(json!("p1"))),
                    ("bk_func_name".to_owned(), Some(json!("java"))),
                ]
                .into_iter()
                .chain(fields)
                .chain([("bind_info".to_owned(), rows)]),
            )
        })
        .boxed()
}

/// The error findings of `payload` as an `endpoint` request: `rule pointer:
/// message`.
fn errors(endpoint: Endpoint, payload: &Value, options: CheckOptions<'_>) -> Vec<(String, String)> {
    Validator::get(endpoint, PayloadKind::Request)
        .unwrap()
        .check_value_with(payload, options)
        .into_iter()
        .filter(cc_validate::Diagnostic::is_error)
        .map(|finding| {
            (
                finding.pointer.clone(),
                format!("{}: {}", finding.rule, finding.message),
            )
        })
        .collect()
}

fn template_errors(spec: &Value) -> Vec<(String, String)> {
    let payload = json!({"bk_biz_id": 1, "service_template_id": 1, "processes": [{"spec": spec}]});
    errors(
        Endpoint::BatchCreateProcTemplate,
        &payload,
        CheckOptions::default(),
    )
}

/// The error findings of `process` created through the instance checks (as
/// instantiation creates it, section 4).
fn create_errors(process: &Process) -> Vec<(String, String)> {
    let info = serde_json::to_value(process).unwrap();
    let payload =
        json!({"bk_biz_id": 1, "service_instance_id": 1, "processes": [{"process_info": info}]});
    errors(
        Endpoint::CreateProcessInstance,
        &payload,
        CheckOptions::default(),
    )
}

/// The error findings of `process` sent back as an `update_process_instance`
/// entry, with `options`.
fn update_errors(process: &Process, options: CheckOptions<'_>) -> Vec<(String, String)> {
    let mut entry = serde_json::to_value(process).unwrap();
    entry["bk_process_id"] = json!(43);
    let payload = json!({"bk_biz_id": 1, "processes": [entry]});
    errors(Endpoint::UpdateProcessInstance, &payload, options)
}

/// The top-level field each error finding is about (`bind_info` for a row's).
fn fields_of(errors: &[(String, String)], prefix: &str) -> BTreeSet<String> {
    errors
        .iter()
        .map(|(pointer, _)| {
            let rest = pointer.strip_prefix(prefix).unwrap_or(pointer);
            rest.trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

fn value_of<'v>(spec: &'v Value, field: &str) -> &'v Value {
    spec.get(field)
        .and_then(|wrapper| wrapper.get("value"))
        .unwrap_or(&Value::Null)
}

fn rows_of(spec: &Value) -> Vec<Value> {
    value_of(spec, "bind_info")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The host field a bind type reads, for codes 3/4/7/8.
fn host_field(code: &str) -> Option<fn(&Host) -> &Option<String>> {
    match code {
        "3" => Some(|host| &host.bk_host_innerip),
        "4" => Some(|host| &host.bk_host_outerip),
        "7" => Some(|host| &host.bk_host_innerip_v6),
        "8" => Some(|host| &host.bk_host_outerip_v6),
        _ => None,
    }
}

/// What instantiating an accepted spec must give (section 4).
#[derive(Debug, PartialEq)]
enum Predicted {
    /// `instantiate` fails: the first row whose bind type needs an address,
    /// without a host.
    NoHost { pointer: String },
    /// It instantiates; the instance checks refuse these fields (none: it is
    /// created).
    Refused(BTreeSet<String>),
}

fn predict(spec: &Value, host: Option<&Host>) -> Predicted {
    let rows = rows_of(spec);
    let code = |row: &Value| {
        row.get("ip")
            .and_then(|ip| ip.get("value"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let Some(host) = host else {
        if let Some(index) = rows.iter().position(|row| host_field(&code(row)).is_some()) {
            return Predicted::NoHost {
                pointer: format!("/bind_info/value/{index}/ip/value"),
            };
        }
        return Predicted::Refused(refused_fields(spec, &rows, &Host::default()));
    };
    Predicted::Refused(refused_fields(spec, &rows, host))
}

/// The fields the instance checks refuse in an instance of `spec` on `host`.
fn refused_fields(spec: &Value, rows: &[Value], host: &Host) -> BTreeSet<String> {
    let mut refused = BTreeSet::new();
    let over = |field: &str, limit: usize| {
        value_of(spec, field)
            .as_str()
            .is_some_and(|text| text.trim().len() > limit)
    };
    for (field, limit) in [
        ("bk_process_name", SINGLECHAR_MAX_BYTES),
        ("bk_func_name", SINGLECHAR_MAX_BYTES),
    ] {
        if over(field, limit) {
            refused.insert(field.to_owned());
        }
    }
    for (field, kind) in FIELDS {
        if let Kind::Str(limit) = kind
            && over(field, limit)
        {
            refused.insert(field.to_owned());
        }
    }
    // Templates take 1..10000, instances 0..600 (sections 2 and 8).
    if value_of(spec, "bk_start_check_secs")
        .as_i64()
        .is_some_and(|secs| secs > 600)
    {
        refused.insert("bk_start_check_secs".to_owned());
    }
    let row_refused = rows.iter().any(|row| {
        let port = row["port"]["value"].as_str().unwrap_or_default();
        let code = row
            .get("ip")
            .and_then(|ip| ip.get("value"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        // The first address as the server cuts it (`process.go:941-946`).
        let address = host_field(code).map(|field| {
            let list = field(host).as_deref().unwrap_or_default();
            match list.trim_matches(',').find(',') {
                Some(index) => list[..index].to_owned(),
                None => list.to_owned(),
            }
        });
        port.contains(',') || address.is_some_and(|ip| !ip.is_empty() && !instance_ip_matches(&ip))
    });
    if row_refused {
        refused.insert("bind_info".to_owned());
    }
    refused
}

/// How many generated cases got past the validator, per test: the properties
/// must not pass vacuously (at least one case in `share`).
fn enough_of(accepted: &AtomicU32, what: &str, share: u32) {
    let accepted = accepted.load(Ordering::Relaxed);
    let cases = runner().config().cases;
    let floor = cases / share;
    assert!(
        accepted >= floor,
        "only {accepted} of {cases} generated specs were {what}: the generator needs fixing"
    );
}

const CREATE_PREFIX: &str = "/processes/0/process_info";

/// At least one case in 8.
fn enough(accepted: &AtomicU32, what: &str) {
    enough_of(accepted, what, 8);
}

#[test]
fn an_accepted_spec_instantiates_or_fails_as_predicted() {
    let accepted = AtomicU32::new(0);
    let refused = AtomicU32::new(0);
    runner()
        .run(&(spec_json(), host()), |(spec, host)| {
            if !template_errors(&spec).is_empty() {
                return Ok(());
            }
            accepted.fetch_add(1, Ordering::Relaxed);
            let typed: ProcessTemplateSpec = serde_json::from_value(spec.clone()).unwrap();
            let stored = typed.as_created();
            let predicted = predict(&spec, host.as_ref());
            match (stored.instantiate(host.as_ref()), &predicted) {
                (
                    Err(InstantiateError::MissingHostAddress { pointer, .. }),
                    Predicted::NoHost { pointer: expected },
                ) => {
                    prop_assert_eq!(&pointer, expected, "spec {:#}", spec);
                }
                (Ok(process), Predicted::Refused(fields)) => {
                    let found = create_errors(&process);
                    if !fields.is_empty() {
                        refused.fetch_add(1, Ordering::Relaxed);
                    }
                    prop_assert_eq!(
                        &fields_of(&found, CREATE_PREFIX),
                        fields,
                        "spec {:#}\nhost {:?}\ninstance {:#}\nfindings {:#?}",
                        spec,
                        host,
                        serde_json::to_value(&process).unwrap(),
                        found
                    );
                }
                (result, predicted) => {
                    prop_assert!(
                        false,
                        "spec {:#}\nhost {:?}\npredicted {:?}, got {:?}",
                        spec,
                        host,
                        predicted,
                        result
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    enough(&accepted, "accepted");
    assert!(
        refused.load(Ordering::Relaxed) > 0,
        "no accepted spec was refused as an instance: the generator misses section 4's cases"
    );
}

/// A spec the validator accepts and whose instance on `host` the instance
/// checks accept: the instance, and the stored template.
fn created(spec: &Value, host: Option<&Host>) -> Option<(ProcessTemplateSpec, Process)> {
    if !template_errors(spec).is_empty() {
        return None;
    }
    let stored = serde_json::from_value::<ProcessTemplateSpec>(spec.clone())
        .unwrap()
        .as_created();
    let process = stored.instantiate(host).ok()?;
    create_errors(&process)
        .is_empty()
        .then_some((stored, process))
}

/// The fields the instance checks refuse when the instance of `spec` is sent
/// back whole against its template: a row whose `enable` is locked with a null
/// value, which the update path writes as null (it lacks the null -> false fix
/// of instantiation and sync, `process_bind_info.go:541-565`), and the required
/// `enable` refuses.
fn refused_on_update(spec: &Value) -> BTreeSet<String> {
    let locked_null_enable = rows_of(spec).iter().any(|row| {
        row.get("enable").is_some_and(|enable| {
            enable.get("as_default_value") == Some(&json!(true))
                && enable.get("value").is_none_or(Value::is_null)
        })
    });
    locked_null_enable
        .then(|| "bind_info".to_owned())
        .into_iter()
        .collect()
}

#[test]
fn an_instance_the_instance_checks_accept_is_accepted_by_the_update_path() {
    let accepted = AtomicU32::new(0);
    runner()
        .run(&(spec_json(), host()), |(spec, host)| {
            let Some((template, process)) = created(&spec, host.as_ref()) else {
                return Ok(());
            };
            accepted.fetch_add(1, Ordering::Relaxed);
            let raw = CheckOptions {
                raw: true,
                ..CheckOptions::default()
            };
            let found = update_errors(&process, raw);
            prop_assert!(
                found.is_empty(),
                "--raw: {:#?}\nspec {:#}\nhost {:?}",
                found,
                spec,
                host
            );
            let bound = CheckOptions {
                template: Some(&template),
                host: host.as_ref(),
                raw: false,
            };
            let found = update_errors(&process, bound);
            prop_assert_eq!(
                fields_of(&found, "/processes/0"),
                refused_on_update(&spec),
                "--template: {:#?}\nspec {:#}\nhost {:?}",
                found,
                spec,
                host
            );
            Ok(())
        })
        .unwrap();
    enough(&accepted, "instantiated");
}

#[test]
fn syncing_the_synced_instance_changes_nothing() {
    let accepted = AtomicU32::new(0);
    runner()
        .run(
            &(spec_json(), host(), instance_json()),
            |(spec, host, other)| {
                let Some((template, fresh)) = created(&spec, host.as_ref()) else {
                    return Ok(());
                };
                accepted.fetch_add(1, Ordering::Relaxed);
                let other: Process = serde_json::from_value(other).unwrap();
                for instance in [fresh, other] {
                    let synced = template.sync(&instance, host.as_ref()).unwrap();
                    let again = template.sync(&synced.instance, host.as_ref()).unwrap();
                    prop_assert_eq!(
                        &again.instance,
                        &synced.instance,
                        "spec {:#}\nhost {:?}\ninstance {:#}\nsecond plan {:?}",
                        spec,
                        host,
                        serde_json::to_value(&instance).unwrap(),
                        again.plan
                    );
                }
                Ok(())
            },
        )
        .unwrap();
    enough(&accepted, "instantiated");
}

/// `stored` written over `instance`: every field the update writes replaces
/// the instance's (a `null` clears it).
fn written_over(instance: &Process, stored: &Process) -> Process {
    let mut merged = serde_json::to_value(instance).unwrap();
    if let (Some(merged), Value::Object(stored)) = (
        merged.as_object_mut(),
        serde_json::to_value(stored).unwrap(),
    ) {
        merged.extend(stored);
    }
    serde_json::from_value(merged).unwrap()
}

#[test]
fn an_edit_the_template_checks_accept_writes_an_instance_the_instance_checks_accept() {
    let accepted = AtomicU32::new(0);
    runner()
        .run(
            &(spec_json(), host(), instance_json()),
            |(spec, host, edit)| {
                let Some((template, fresh)) = created(&spec, host.as_ref()) else {
                    return Ok(());
                };
                let mut entry = edit;
                entry["bk_process_id"] = json!(43);
                let payload = json!({"bk_biz_id": 1, "processes": [entry]});
                let bound = CheckOptions {
                    template: Some(&template),
                    host: host.as_ref(),
                    raw: false,
                };
                if !errors(Endpoint::UpdateProcessInstance, &payload, bound).is_empty() {
                    return Ok(());
                }
                accepted.fetch_add(1, Ordering::Relaxed);
                let edit: Process = serde_json::from_value(entry.clone()).unwrap();
                let stored = template.preview(&edit, host.as_ref()).unwrap().stored;
                let written = written_over(&fresh, &stored);
                let found = create_errors(&written);
                prop_assert!(
                    found.is_empty(),
                    "{:#?}\nspec {:#}\nhost {:?}\nedit {:#}\nwritten {:#}",
                    found,
                    spec,
                    host,
                    entry,
                    serde_json::to_value(&written).unwrap()
                );
                Ok(())
            },
        )
        .unwrap();
    // Generated edits often repeat a row id (an error): one case in 32.
    enough_of(&accepted, "accepted as edits", 32);
}
