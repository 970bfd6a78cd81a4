//! How long checking one payload takes, next to what it cannot be faster than.
//!
//! For each seed endpoint (`batch_create_proc_template`, `update_process_instance`)
//! and three payloads (the seed example of `tests/fixtures/seed/`, which has
//! findings; a clean one of two processes; a clean one of 100 processes with
//! several bind rows each, generated here), it measures from the same bytes:
//!
//! - `parse`: `serde_json` parsing into a `Value`, the floor;
//! - `jsonschema`: parsing plus the raw `jsonschema` crate's `is_valid` against
//!   the same committed schema (`cc_validate::schema_text`), the reference;
//! - `is_valid`: parsing plus [`Validator::is_valid`], the fast path (the
//!   validator `jsonschema`'s macro generated from the same schema at build
//!   time);
//! - `check_source`: [`Validator::check_source`], every finding with its line
//!   and column, as `cc-lint` runs it.
//!
//! Run: `cargo bench -p cc-validate` (add a filter such as `large` to run some).

use cc_validate::{Endpoint, PayloadKind, Validator};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::Duration;

/// A clean payload of `endpoint` with `processes` processes of three bind rows.
fn generated(endpoint: Endpoint, processes: usize) -> Vec<u8> {
    let wrapped = |value: Value, locked: bool| json!({"value": value, "as_default_value": locked});
    let list: Vec<Value> = (1..=processes)
        .map(|id| {
            let rows = 1..=3;
            match endpoint {
                Endpoint::BatchCreateProcTemplate => json!({"spec": {
                    "bk_func_name": wrapped(json!(format!("server{id}")), true),
                    "bk_process_name": wrapped(json!(format!("proc-{id}")), true),
                    "bk_start_param_regex": wrapped(json!(format!("--instance={id}")), true),
                    "work_path": wrapped(json!("/data/app"), false),
                    "user": wrapped(json!("app"), false),
                    "proc_num": wrapped(json!(1 + id % 8), false),
                    "priority": wrapped(json!(1 + id % 100), false),
                    "timeout": wrapped(json!(30), false),
                    "start_cmd": wrapped(json!("./bin/start.sh"), false),
                    "stop_cmd": wrapped(json!("./bin/stop.sh"), false),
                    "pid_file": wrapped(json!(format!("/var/run/proc-{id}.pid")), false),
                    "auto_start": wrapped(json!(id % 2 == 0), false),
                    "description": wrapped(json!("generated"), false),
                    "bind_info": {"value": rows.map(|row| json!({
                        "enable": wrapped(json!(true), true),
                        "ip": wrapped(json!(["1", "2", "3", "4"][row % 4]), true),
                        "port": wrapped(json!(format!("{}", 8000 + row * 10)), true),
                        "protocol": wrapped(json!("1"), true),
                        "row_id": row,
                    })).collect::<Vec<_>>(), "as_default_value": true},
                }}),
                _ => json!({
                    "bk_process_id": id,
                    "bk_process_name": format!("proc-{id}"),
                    "bk_func_name": format!("server{id}"),
                    "bk_start_param_regex": format!("--instance={id}"),
                    "work_path": "/data/app",
                    "user": "app",
                    "proc_num": 1 + id % 8,
                    "priority": 1 + id % 100,
                    "timeout": 30,
                    "start_cmd": "./bin/start.sh",
                    "stop_cmd": "./bin/stop.sh",
                    "description": "generated",
                    "auto_start": id % 2 == 0,
                    "bind_info": rows.map(|row| json!({
                        "enable": true,
                        "ip": format!("10.0.{}.{row}", id % 256),
                        "port": format!("{}", 8000 + row * 10),
                        "protocol": "1",
                        "template_row_id": row,
                    })).collect::<Vec<_>>(),
                }),
            }
        })
        .collect();
    let payload = match endpoint {
        Endpoint::BatchCreateProcTemplate => {
            json!({"bk_biz_id": 3, "service_template_id": 51, "processes": list})
        }
        _ => json!({"bk_biz_id": 3, "processes": list}),
    };
    serde_json::to_vec_pretty(&payload).expect("a Value serialises")
}

/// The seed example of `endpoint`, read from the workspace's fixtures.
fn seed(endpoint: Endpoint) -> Option<Vec<u8>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed")
        .join(format!("{}.request.json", endpoint.name()));
    std::fs::read(path).ok()
}

fn benches(c: &mut Criterion) {
    for endpoint in [
        Endpoint::BatchCreateProcTemplate,
        Endpoint::UpdateProcessInstance,
    ] {
        let kind = PayloadKind::Request;
        let validator = Validator::get(endpoint, kind).expect("the committed schema compiles");
        let schema: Value = serde_json::from_str(cc_validate::schema_text(endpoint, kind))
            .expect("the committed schema is JSON");
        let raw = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .expect("the committed schema compiles");
        let mut payloads = vec![
            ("small", generated(endpoint, 2)),
            ("large", generated(endpoint, 100)),
        ];
        for (_, bytes) in &payloads {
            // A clean payload must stay clean, or `check_source` measures findings.
            let findings = validator.check_source(bytes);
            assert!(findings.is_empty(), "{findings:#?}");
        }
        if let Some(bytes) = seed(endpoint) {
            payloads.insert(0, ("seed", bytes));
        }
        for (size, bytes) in &payloads {
            let mut group = c.benchmark_group(format!("{}/{size}", endpoint.name()));
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function("parse", |b| {
                b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).map(|_| ()));
            });
            group.bench_function("jsonschema", |b| {
                b.iter(|| {
                    let value: Value = serde_json::from_slice(black_box(bytes)).expect("JSON");
                    raw.is_valid(&value)
                });
            });
            group.bench_function("is_valid", |b| {
                b.iter(|| {
                    let value = cc_validate::parse(black_box(bytes)).expect("JSON");
                    validator.is_valid(&value)
                });
            });
            group.bench_function("check_source", |b| {
                b.iter(|| validator.check_source(black_box(bytes)));
            });
            group.finish();
        }
    }
}

criterion_group! {
    name = validate;
    // Short runs: enough for medians on a quiet machine, and quick to repeat.
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(validate);
