//! Durability of the real binary on a database file: several clients stream
//! batch writes, the server is killed with SIGKILL at varied moments and
//! restarted on the same file; every acknowledged batch is there whole and
//! every unacknowledged one is whole or absent. And SIGTERM / SIGINT finish
//! the requests in flight before the server stops. Loopback only, bounded in
//! time.

mod common;

use common::binary::{Binary, call, world_path};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const CREATE: &str = "/api/v3/createmany/proc/proc_template";
const LIST: &str = "/api/v3/findmany/proc/proc_template";
/// Processes per batch.
const BATCH: usize = 5;
const CLIENTS: usize = 4;

/// What one batch sent and, if it was acknowledged, the ids it got.
#[derive(Debug, Clone)]
struct Sent {
    names: Vec<String>,
    acknowledged: Option<Vec<i64>>,
}

fn batch_body(names: &[String]) -> String {
    let processes: Vec<Value> = names
        .iter()
        .map(|name| json!({"spec": common::spec(name, "")}))
        .collect();
    json!({"bk_biz_id": 1, "service_template_id": 51, "processes": processes}).to_string()
}

/// Streams batches from `CLIENTS` threads until `stop`; returns every batch sent.
fn stream(address: SocketAddr, round: usize, stop: &Arc<AtomicBool>) -> Vec<Sent> {
    let workers: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let stop = Arc::clone(stop);
            std::thread::spawn(move || {
                let mut sent = Vec::new();
                for batch in 0.. {
                    if stop.load(Ordering::Relaxed) || batch >= 2_000 {
                        break;
                    }
                    let names: Vec<String> = (0..BATCH)
                        .map(|i| format!("r{round}-c{client}-b{batch}-p{i}"))
                        .collect();
                    let answer = call(
                        address,
                        "POST",
                        CREATE,
                        &batch_body(&names),
                        Duration::from_secs(10),
                    );
                    let acknowledged = match answer {
                        Ok(reply) if reply.body["result"] == true => {
                            let ids = reply.body["data"]
                                .as_array()
                                .map(|ids| ids.iter().filter_map(Value::as_i64).collect());
                            Some(ids.unwrap_or_default())
                        }
                        Ok(reply) if reply.status != 0 && !reply.body.is_null() => {
                            panic!("a batch was refused: {:#}", reply.body)
                        }
                        _ => None,
                    };
                    let failed = acknowledged.is_none();
                    sent.push(Sent {
                        names,
                        acknowledged,
                    });
                    if failed {
                        break;
                    }
                }
                sent
            })
        })
        .collect();
    workers
        .into_iter()
        .flat_map(|worker| worker.join().expect("client"))
        .collect()
}

/// Every stored template: name to id.
fn stored(server: &Binary) -> BTreeMap<String, i64> {
    let reply = call(
        server.address,
        "POST",
        LIST,
        r#"{"bk_biz_id": 1, "service_template_id": 51}"#,
        Duration::from_secs(30),
    )
    .expect("list after restart");
    assert_eq!(reply.body["result"], true, "{:#}", reply.body);
    reply.body["data"]["info"]
        .as_array()
        .expect("info")
        .iter()
        .map(|template| {
            (
                template["property"]["bk_process_name"]["value"]
                    .as_str()
                    .or_else(|| template["bk_process_name"].as_str())
                    .map_or_else(|| panic!("no name in {template:#}"), str::to_owned),
                template["id"].as_i64().expect("id"),
            )
        })
        .collect()
}

#[test]
fn sigkill_during_batch_writes_loses_no_acknowledged_batch_and_splits_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cc.db");
    let db = db.to_str().expect("utf-8 path").to_owned();
    let world = world_path();
    let started = Instant::now();
    let mut all: Vec<Sent> = Vec::new();
    // Kill points: from "just started" to "well into the stream".
    let kill_after_ms = [30_u64, 150, 400, 80, 700, 250];
    for (round, delay) in kill_after_ms.into_iter().enumerate() {
        let server = Binary::start(&["--db", &db, "--world", &world]);
        if round > 0 {
            check(&stored(&server), &all);
        }
        let address = server.address;
        let stop = Arc::new(AtomicBool::new(false));
        let killer = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(delay));
                server.kill();
                stop.store(true, Ordering::Relaxed);
            })
        };
        all.extend(stream(address, round, &stop));
        killer.join().expect("killer");
    }
    let server = Binary::start(&["--db", &db]);
    let held = stored(&server);
    check(&held, &all);
    let acknowledged = all
        .iter()
        .filter(|sent| sent.acknowledged.is_some())
        .count();
    assert!(
        acknowledged >= 20,
        "only {acknowledged} batches acknowledged"
    );
    eprintln!(
        "{} batches sent, {acknowledged} acknowledged, {} templates held, {:.1} s",
        all.len(),
        held.len(),
        started.elapsed().as_secs_f64()
    );
    server.kill();
    assert!(started.elapsed() < Duration::from_mins(1));
}

/// Every acknowledged batch is stored whole, with the ids it was answered;
/// every other batch is stored whole or not at all.
fn check(held: &BTreeMap<String, i64>, all: &[Sent]) {
    for sent in all {
        let present: Vec<Option<&i64>> = sent.names.iter().map(|name| held.get(name)).collect();
        match &sent.acknowledged {
            Some(ids) => {
                let expected: Vec<Option<&i64>> = ids.iter().map(Some).collect();
                assert_eq!(present, expected, "acknowledged batch {:?}", sent.names);
            }
            None => assert!(
                present.iter().all(Option::is_some) || present.iter().all(Option::is_none),
                "unacknowledged batch {:?} half applied: {present:?}",
                sent.names
            ),
        }
    }
}

/// A request whose body is still arriving when the signal comes is answered
/// and stored; the server then exits cleanly and the write is there after a
/// restart.
fn a_request_in_flight_is_finished_on(signal: &str) {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cc.db");
    let db = db.to_str().expect("utf-8 path").to_owned();
    let server = Binary::start(&["--db", &db, "--world", &world_path()]);
    let body = batch_body(&[format!("in-flight-{signal}")]);
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = std::net::TcpStream::connect(server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let credentials = format!(
        r#"{{"bk_app_code": "{}", "bk_app_secret": "{}"}}"#,
        common::APP,
        common::SECRET
    );
    write!(
        stream,
        "POST {CREATE} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         X-Bkapi-Authorization: {credentials}\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    )
    .expect("write the head and half the body");
    stream.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(300));
    let stopping = std::thread::spawn({
        let signal = signal.to_owned();
        move || server.stop_with(&signal)
    });
    std::thread::sleep(Duration::from_millis(500));
    stream.write_all(rest.as_bytes()).expect("write the rest");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let reply = common::binary::parse(&answer).expect("a whole answer");
    assert_eq!(reply.body["result"], true, "{:#}", reply.body);
    let log = stopping.join().expect("stopped").join("\n");
    assert!(
        log.contains("stopping after the requests in flight"),
        "{log}"
    );
    let server = Binary::start(&["--db", &db]);
    let held = stored(&server);
    assert!(
        held.contains_key(&format!("in-flight-{signal}")),
        "{held:?}"
    );
    server.kill();
}

#[test]
fn sigterm_finishes_the_request_in_flight_then_stops() {
    a_request_in_flight_is_finished_on("TERM");
}

#[test]
fn sigint_finishes_the_request_in_flight_then_stops() {
    a_request_in_flight_is_finished_on("INT");
}
