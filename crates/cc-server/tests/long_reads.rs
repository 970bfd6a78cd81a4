//! A read longer than an async worker's budget (`endpoints::READ_BUDGET`):
//! the list of a service instance of 5,000 processes is stopped on the worker
//! and answered in full from the blocking pool, in id order, while short
//! reads of another instance keep being answered the same. Bounded in
//! requests and time, on a database file over loopback.

mod common;

use common::binary::post;
use common::local::Local;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const PROCESSES: usize = 5_000;

fn instance(address: SocketAddr, name: &str) -> i64 {
    let reply = post(
        address,
        "create_service_instance",
        &json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [{"bk_host_id": 2,
            "processes": [{"process_info": {"bk_process_name": name, "bk_func_name": name}}]}]}),
    );
    reply.body["data"][0]
        .as_i64()
        .unwrap_or_else(|| panic!("{:#}", reply.body))
}

fn list(address: SocketAddr, instance: i64) -> Vec<Value> {
    let reply = post(
        address,
        "list_process_instance",
        &json!({"bk_biz_id": 1, "service_instance_id": instance}),
    );
    assert_eq!(reply.body["result"], true, "{:#}", reply.body);
    reply.body["data"].as_array().expect("list").clone()
}

#[test]
fn a_long_read_is_answered_in_full_while_short_reads_go_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::file_state(dir.path());
    let server = Local::start(state);
    let address = server.address;
    let started = Instant::now();
    let long = instance(address, "first");
    let short = instance(address, "only");
    server
        .state
        .store()
        .write(|tx| {
            for index in 0..PROCESSES {
                let name = format!("p{index}");
                let process = serde_json::from_value(
                    json!({"bk_process_name": name, "bk_func_name": name, "description": "d"}),
                )
                .expect("process");
                cc_server::store::processes::insert(tx, process, 1, long, 0, 2)?;
            }
            Ok::<_, cc_server::http::ApiError>(())
        })
        .expect("stored");
    let short_listed = list(address, short);
    assert_eq!(short_listed.len(), 1);

    let reading = Arc::new(AtomicBool::new(true));
    let reader = {
        let reading = Arc::clone(&reading);
        let expected = short_listed.clone();
        std::thread::spawn(move || {
            let mut reads = 0_usize;
            while reading.load(Ordering::Relaxed) && reads < 5_000 {
                assert_eq!(list(address, short), expected);
                reads += 1;
            }
            reads
        })
    };
    for _ in 0..3 {
        let listed = list(address, long);
        assert_eq!(listed.len(), PROCESSES + 1);
        let ids: Vec<i64> = listed
            .iter()
            .map(|process| process["property"]["bk_process_id"].as_i64().expect("id"))
            .collect();
        assert!(
            ids.windows(2).all(|pair| pair[0] < pair[1]),
            "not in id order"
        );
        assert_eq!(listed[0]["property"]["bk_process_name"], "first");
        assert_eq!(
            listed[PROCESSES]["property"]["bk_process_name"],
            format!("p{}", PROCESSES - 1)
        );
        assert!(
            listed
                .iter()
                .all(|process| process["relation"]["service_instance_id"] == long)
        );
    }
    reading.store(false, Ordering::Relaxed);
    let reads = reader.join().expect("reader");
    assert!(reads > 0);
    assert!(started.elapsed() < Duration::from_mins(2));
}
