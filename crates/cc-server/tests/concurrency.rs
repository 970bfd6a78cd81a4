//! Many clients at once over loopback, on a database file: 32 clients create,
//! update and delete processes in one service instance and process templates
//! in one service template, some of them racing for the same names; the final
//! state is what the acknowledged operations say (no lost update, no
//! duplicate name or id, no deadlock), reads keep being answered while the
//! writes run, and all of it is bounded in requests and time.

mod common;

use common::binary::post;
use common::local::Local;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
/// Rounds per client; each round is about eight requests.
const ROUNDS: usize = 4;

/// What one client saw acknowledged.
#[derive(Debug, Default)]
struct Seen {
    /// Process id to the description of its last acknowledged update.
    kept: BTreeMap<i64, String>,
    /// Processes created, then deleted.
    deleted: BTreeSet<i64>,
    /// Names of the contested processes this client won.
    won_processes: Vec<String>,
    /// Template names this client created, and the contested ones it won.
    templates: Vec<String>,
}

fn client(address: SocketAddr, instance: i64, me: usize) -> Seen {
    let mut seen = Seen::default();
    for round in 0..ROUNDS {
        let name = format!("c{me}-r{round}");
        let reply = post(
            address,
            "create_process_instance",
            &json!({"bk_biz_id": 1, "service_instance_id": instance, "processes": [
                {"process_info": {"bk_process_name": name, "bk_func_name": name}}]}),
        );
        assert_eq!(reply.body["result"], true, "{:#}", reply.body);
        let id = reply.body["data"][0].as_i64().expect("id");
        for version in 0..2 {
            let description = format!("{name}-v{version}");
            let reply = post(
                address,
                "update_process_instance",
                &json!({"bk_biz_id": 1, "processes": [{"bk_process_id": id,
                    "bk_process_name": name, "bk_func_name": name, "description": description}]}),
            );
            assert_eq!(reply.body["data"], json!([id]), "{:#}", reply.body);
            seen.kept.insert(id, description);
        }
        if (me + round).is_multiple_of(2) {
            let reply = post(
                address,
                "delete_process_instance",
                &json!({"bk_biz_id": 1, "process_instance_ids": [id]}),
            );
            assert_eq!(reply.body["result"], true, "{:#}", reply.body);
            seen.kept.remove(&id);
            seen.deleted.insert(id);
        }
        // Every client races for the same process name: one wins.
        let contested = format!("shared-r{round}");
        let reply = post(
            address,
            "create_process_instance",
            &json!({"bk_biz_id": 1, "service_instance_id": instance, "processes": [
                {"process_info": {"bk_process_name": contested, "bk_func_name": contested}}]}),
        );
        if reply.body["result"] == true {
            seen.won_processes.push(contested);
        } else {
            assert_eq!(reply.body["code"], 1_199_014, "{:#}", reply.body);
        }
        // Templates: one of the client's own, and one every client races for.
        for (template, contested) in [
            (format!("t-{name}"), false),
            (format!("t-shared-r{round}"), true),
        ] {
            let reply = post(
                address,
                "batch_create_proc_template",
                &json!({"bk_biz_id": 1, "service_template_id": 51,
                    "processes": [{"spec": common::spec(&template, "")}]}),
            );
            if reply.body["result"] == true {
                seen.templates.push(template);
            } else {
                assert!(contested, "{:#}", reply.body);
                assert_eq!(reply.body["code"], 1_113_019, "{:#}", reply.body);
            }
        }
    }
    seen
}

#[test]
fn thirty_two_clients_get_what_one_client_after_another_would_get() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::file_state(dir.path());
    let server = Local::start(state);
    let address = server.address;
    let started = Instant::now();
    let reply = post(
        address,
        "create_service_instance",
        &json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [{"bk_host_id": 2,
            "processes": [{"process_info": {"bk_process_name": "first", "bk_func_name": "first"}}]}]}),
    );
    let instance = reply.body["data"][0].as_i64().expect("instance id");

    // A reader that lists the instance all along, timing each answer.
    let writing = Arc::new(AtomicBool::new(true));
    let reader = {
        let writing = Arc::clone(&writing);
        std::thread::spawn(move || {
            let mut slowest = Duration::ZERO;
            let mut reads = 0;
            while writing.load(Ordering::Relaxed) {
                let asked = Instant::now();
                let reply = post(
                    address,
                    "list_process_instance",
                    &json!({"bk_biz_id": 1, "service_instance_id": instance}),
                );
                assert_eq!(reply.body["result"], true, "{:#}", reply.body);
                slowest = slowest.max(asked.elapsed());
                reads += 1;
            }
            (reads, slowest)
        })
    };
    let clients: Vec<_> = (0..CLIENTS)
        .map(|me| std::thread::spawn(move || client(address, instance, me)))
        .collect();
    let seen: Vec<Seen> = clients
        .into_iter()
        .map(|client| client.join().expect("client"))
        .collect();
    writing.store(false, Ordering::Relaxed);
    let (reads, slowest) = reader.join().expect("reader");
    let elapsed = started.elapsed();

    // The processes: the acknowledged ones, each with its last update.
    let reply = post(
        address,
        "list_process_instance",
        &json!({"bk_biz_id": 1, "service_instance_id": instance}),
    );
    let listed = reply.body["data"].as_array().expect("list").clone();
    let ids: Vec<i64> = listed
        .iter()
        .filter_map(|process| process["property"]["bk_process_id"].as_i64())
        .collect();
    let names: Vec<&str> = listed
        .iter()
        .filter_map(|process| process["property"]["bk_process_name"].as_str())
        .collect();
    assert_eq!(ids.len(), listed.len());
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "duplicate ids"
    );
    assert_eq!(
        names.iter().collect::<BTreeSet<_>>().len(),
        names.len(),
        "duplicate names"
    );
    let by_id: BTreeMap<i64, &Value> = ids.iter().copied().zip(listed.iter()).collect();
    let mut expected_count = 1;
    for client in &seen {
        for (id, description) in &client.kept {
            let process = by_id.get(id).unwrap_or_else(|| panic!("process {id} lost"));
            assert_eq!(
                process["property"]["description"], *description,
                "lost update"
            );
        }
        for id in &client.deleted {
            assert!(!by_id.contains_key(id), "deleted process {id} is back");
        }
        expected_count += client.kept.len() + client.won_processes.len();
    }
    let winners: Vec<&String> = seen
        .iter()
        .flat_map(|client| &client.won_processes)
        .collect();
    assert_eq!(
        winners.len(),
        ROUNDS,
        "one winner per contested name: {winners:?}"
    );
    for winner in &winners {
        assert!(names.contains(&winner.as_str()), "{winner} lost");
    }
    assert_eq!(listed.len(), expected_count);

    // The templates: every acknowledged one, each contested name once.
    let reply = post(
        address,
        "list_proc_template",
        &json!({"bk_biz_id": 1, "service_template_id": 51}),
    );
    let info = reply.body["data"]["info"].as_array().expect("info").clone();
    let template_names: BTreeSet<String> = info
        .iter()
        .filter_map(|template| template["bk_process_name"].as_str().map(str::to_owned))
        .collect();
    let template_ids: BTreeSet<i64> = info
        .iter()
        .filter_map(|template| template["id"].as_i64())
        .collect();
    let acknowledged: BTreeSet<String> = seen
        .iter()
        .flat_map(|client| client.templates.iter().cloned())
        .collect();
    assert_eq!(template_ids.len(), info.len(), "duplicate template ids");
    assert_eq!(template_names.len(), info.len(), "duplicate template names");
    assert_eq!(template_names, acknowledged);
    assert_eq!(info.len(), CLIENTS * ROUNDS + ROUNDS);

    eprintln!(
        "{CLIENTS} clients, {:.1} s; {reads} reads meanwhile, the slowest {:.0} ms",
        elapsed.as_secs_f64(),
        slowest.as_secs_f64() * 1000.0
    );
    assert!(reads > 0);
    assert!(
        slowest < Duration::from_secs(2),
        "a read waited {slowest:?}"
    );
    assert!(elapsed < Duration::from_secs(90), "took {elapsed:?}");
}
