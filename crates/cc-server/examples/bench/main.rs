//! `cargo xtask bench-server`: a bounded load against the release `cc-server`
//! on loopback, next to a bare axum handler (the floor).
//!
//! `bench --server PATH [--requests N]` starts `PATH` on a free loopback port
//! with a temporary database file and the bundled world, stores one service
//! instance of 100 processes, then sends `N` requests (default 10,000) of each
//! kind at 1, 16 and 64 connections: a read (`list_process_instance` of the
//! 100 processes), a write (`update_process_instance` of one process,
//! validated and stored), and the floor's fixed envelope. It prints requests
//! per second and p50/p99 latency, then stores 100,000 processes and prints the
//! server's peak memory. `--only read` (or `write`, `floor`) runs only those
//! rows; `--stored 0` skips the memory figure. `bench --floor` is the floor
//! server itself.

// A benchmark's figures are its output.
#![allow(clippy::print_stdout)]

mod floor;
mod load;

use load::{Figures, Request};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CREDENTIALS: &str = r#"{"bk_app_code": "cc-demo", "bk_app_secret": "demo-secret-change-me"}"#;
const LEVELS: [usize; 3] = [1, 16, 64];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--floor") {
        return Ok(floor::serve()?);
    }
    let mut server = None;
    let mut requests = 10_000;
    let mut stored = 100_000;
    let mut only: Option<String> = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--server" => server = rest.next().cloned(),
            "--requests" => requests = rest.next().ok_or("--requests N")?.parse()?,
            "--stored" => stored = rest.next().ok_or("--stored N")?.parse()?,
            "--only" => only = Some(rest.next().ok_or("--only read|write|floor")?.clone()),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let server = server.ok_or(
        "usage: bench --server PATH [--requests N] [--stored N] [--only read|write|floor]",
    )?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("bench.db");
    let world = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/world.json");
    let mut cc = Spawned::start(
        Command::new(&server)
            .args(["--listen", "127.0.0.1:0", "--world", world, "--db"])
            .arg(&db),
        "cc-server: listening on http://",
    )?;
    let floor = Spawned::start(
        Command::new(std::env::current_exe()?).arg("--floor"),
        "listening on ",
    )?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (read, write) = runtime.block_on(setup(cc.address))?;
    let floor_request = Request::new("POST", "/", CREDENTIALS, "{}");
    println!(
        "cc-server bench: {requests} requests per row, keep-alive connections, loopback, {} cores",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!(
        "{:<44} {:>5} {:>10} {:>9} {:>9}",
        "load", "conns", "req/s", "p50 ms", "p99 ms"
    );
    for (label, address, request) in [
        (
            "read: list_process_instance (100 processes)",
            cc.address,
            &read,
        ),
        (
            "write: update_process_instance (1 process)",
            cc.address,
            &write,
        ),
        (
            "floor: bare axum, fixed envelope",
            floor.address,
            &floor_request,
        ),
    ] {
        if only
            .as_ref()
            .is_some_and(|only| !label.starts_with(only.as_str()))
        {
            continue;
        }
        for connections in LEVELS {
            // A short warm-up, then the measured run.
            runtime.block_on(load::run(address, request, connections, requests / 20))?;
            let figures = runtime.block_on(load::run(address, request, connections, requests))?;
            print_row(label, connections, &figures);
        }
    }
    drop(floor);
    if stored == 0 {
        cc.stop();
        return Ok(());
    }
    let started = Instant::now();
    runtime.block_on(store_processes(cc.address, stored))?;
    let read_all = runtime.block_on(load::run(cc.address, &read, 16, 1_000))?;
    println!(
        "stored {stored} processes in {:.1} s; then {:.0} reads/s; cc-server peak memory (VmHWM) {} MiB, now {} MiB",
        started.elapsed().as_secs_f64(),
        read_all.per_second,
        cc.memory("VmHWM")
            .map_or_else(|| "?".to_owned(), |kib| (kib / 1024).to_string()),
        cc.memory("VmRSS")
            .map_or_else(|| "?".to_owned(), |kib| (kib / 1024).to_string()),
    );
    cc.stop();
    Ok(())
}

fn print_row(label: &str, connections: usize, figures: &Figures) {
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} {connections:>5} {:>10.0} {:>9.2} {:>9.2}{}",
        figures.per_second,
        ms(figures.p50),
        ms(figures.p99),
        if figures.failures == 0 {
            String::new()
        } else {
            format!("  ({} failed)", figures.failures)
        }
    );
}

/// One service instance of 100 processes (the read) and one of 1 (the write).
async fn setup(address: SocketAddr) -> Result<(Request, Request), Box<dyn std::error::Error>> {
    let processes: Vec<Value> = (0..100)
        .map(|i| json!({"process_info": {"bk_process_name": format!("p{i}"), "bk_func_name": format!("p{i}"),
            "bind_info": [{"ip": "127.0.0.1", "port": format!("{}", 8000 + i), "protocol": "1", "enable": true}]}}))
        .collect();
    let read_instance = create_instance(address, "read", processes).await?;
    let write_instance = create_instance(
        address,
        "write",
        vec![json!({"process_info": {"bk_process_name": "w", "bk_func_name": "w"}})],
    )
    .await?;
    let list = json!({"bk_biz_id": 1, "service_instance_id": read_instance}).to_string();
    let listed = call(
        address,
        "POST",
        "/api/v3/findmany/proc/process_instance",
        &json!({"bk_biz_id": 1, "service_instance_id": write_instance}),
    )
    .await?;
    let process = listed["data"][0]["property"]["bk_process_id"]
        .as_i64()
        .ok_or("no process")?;
    let update = json!({"bk_biz_id": 1, "processes": [{"bk_process_id": process,
        "bk_process_name": "w", "bk_func_name": "w", "description": "updated by the bench",
        "bind_info": [{"ip": "127.0.0.1", "port": "9000", "protocol": "1", "enable": true}]}]})
    .to_string();
    Ok((
        Request::new(
            "POST",
            "/api/v3/findmany/proc/process_instance",
            CREDENTIALS,
            &list,
        ),
        Request::new(
            "PUT",
            "/api/v3/update/proc/process_instance",
            CREDENTIALS,
            &update,
        ),
    ))
}

async fn create_instance(
    address: SocketAddr,
    name: &str,
    processes: Vec<Value>,
) -> Result<i64, Box<dyn std::error::Error>> {
    let body = json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [
        {"bk_host_id": 2, "service_instance_name": name, "processes": processes}]});
    let answer = call(
        address,
        "POST",
        "/api/v3/create/proc/service_instance",
        &body,
    )
    .await?;
    answer["data"][0]
        .as_i64()
        .ok_or_else(|| format!("not created: {answer}").into())
}

/// `stored` processes, 100 per service instance, 10 instances per request.
async fn store_processes(
    address: SocketAddr,
    stored: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let processes: Vec<Value> = (0..100)
        .map(|i| json!({"process_info": {"bk_process_name": format!("bulk-{i}"), "bk_func_name": format!("bulk-{i}"),
            "bk_start_param_regex": format!("--instance {i}"), "description": "stored by the bench",
            "bind_info": [{"ip": "0.0.0.0", "port": format!("{}", 10_000 + i), "protocol": "1", "enable": true}]}}))
        .collect();
    for batch in 0..stored.div_ceil(1_000) {
        let instances: Vec<Value> = (0..10)
            .map(|i| json!({"bk_host_id": 2, "service_instance_name": format!("bulk-{batch}-{i}"), "processes": processes}))
            .collect();
        let body = json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": instances});
        let answer = call(
            address,
            "POST",
            "/api/v3/create/proc/service_instance",
            &body,
        )
        .await?;
        if answer["result"] != true {
            return Err(format!("storing failed: {answer}").into());
        }
    }
    Ok(())
}

/// One request on its own connection; the answer's envelope.
async fn call(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: &Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = body.to_string();
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         X-Bkapi-Authorization: {CREDENTIALS}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let start = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .ok_or("no answer")?
        + 4;
    Ok(serde_json::from_slice(&answer[start..])?)
}

/// A child server whose standard error is drained after its listening line.
struct Spawned {
    child: Child,
    address: SocketAddr,
}

impl Spawned {
    fn start(command: &mut Command, prefix: &str) -> Result<Self, Box<dyn std::error::Error>> {
        let mut child = command
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut lines = BufReader::new(child.stderr.take().ok_or("no stderr")?).lines();
        let address = loop {
            let line = lines.next().ok_or("the server exited before listening")??;
            if let Some(rest) = line.strip_prefix(prefix) {
                break rest.split(' ').next().ok_or("no address")?.parse()?;
            }
        };
        // Keep reading, so that the server's log never blocks it.
        std::thread::spawn(move || for _ in lines {});
        Ok(Self { child, address })
    }

    /// A `/proc/PID/status` figure in KiB.
    fn memory(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        self.stop();
    }
}
