//! The `cc-server` binary: start-up lines, a bad world file refused naming the
//! file and the pointer, per-request log lines without secrets, SIGTERM, and a
//! restart on the same database file keeping what was stored. Servers listen on
//! a free loopback port; every wait is bounded.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_cc-server");

/// A running server and the lines of its standard error.
struct Server {
    child: Child,
    address: SocketAddr,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Server {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(BINARY)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn cc-server");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        let address = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no listening line; saw {seen:#?}"));
            seen.push(line.clone());
            if let Some(rest) = line.strip_prefix("cc-server: listening on http://") {
                let address = rest.split(' ').next().expect("address");
                break address.parse().expect("socket address");
            }
        };
        Self {
            child,
            address,
            lines,
            seen,
        }
    }

    /// Sends a request and returns the raw answer.
    fn post(&self, path: &str, headers: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(self.address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{headers}\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
    }

    /// Sends SIGTERM and waits for the exit; returns every stderr line.
    fn terminate(mut self) -> Vec<String> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "exit status {status}");
                while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
                    self.seen.push(line);
                }
                return self.seen;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("cc-server did not stop within 10 s of SIGTERM");
    }
}

fn world_path() -> String {
    format!("{}/examples/world.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_restart_on_the_same_database_keeps_what_was_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cc.db");
    let db = db.to_str().expect("utf-8 path");
    let world = world_path();
    let server = Server::start(&["--db", db, "--world", &world]);
    assert!(
        server
            .seen
            .iter()
            .any(|line| line.contains(db) && line.contains("WAL")),
        "{:#?}",
        server.seen
    );
    assert!(
        server
            .seen
            .iter()
            .any(|line| line.contains("added 1 apps, 2 businesses")),
        "{:#?}",
        server.seen
    );
    assert!(
        server
            .seen
            .iter()
            .any(|line| line.ends_with("(loopback only)"))
    );
    let secret_header = format!(
        "X-Bkapi-Authorization: {{\"bk_app_code\": \"{}\", \"bk_app_secret\": \"{}\"}}\r\n",
        common::APP,
        common::SECRET
    );
    let body = serde_json::json!({
        "bk_biz_id": 1,
        "service_template_id": 51,
        "processes": [{"spec": common::spec("kept", "")}]
    })
    .to_string();
    let answer = server.post(
        "/api/v3/createmany/proc/proc_template",
        &secret_header,
        &body,
    );
    assert!(answer.contains(r#""result":true"#), "{answer}");
    // A wrong secret in the body, which must not reach the log either.
    let wrong = "wrong-secret-4c1d9a7e";
    let body =
        common::with_credentials(serde_json::json!({"bk_biz_id": 1, "service_template_id": 51}))
            .to_string()
            .replace(common::SECRET, wrong);
    let answer = server.post("/api/c/compapi/v2/cc/list_proc_template/", "", &body);
    assert!(answer.contains(r#""code":1199048"#), "{answer}");
    let lines = server.terminate();
    let log = lines.join("\n");
    assert!(
        log.contains("endpoint=\"batch_create_proc_template\"")
            || log.contains("endpoint=batch_create_proc_template"),
        "{log}"
    );
    assert!(log.contains("code=1199048"), "{log}");
    assert!(log.contains("request_id="), "{log}");
    assert!(!log.contains(common::SECRET), "{log}");
    assert!(!log.contains(wrong), "{log}");
    assert!(
        log.contains("stopping after the requests in flight"),
        "{log}"
    );

    // Restarted without a world: the apps, the world and the template are there.
    let server = Server::start(&["--db", db]);
    assert!(
        server
            .seen
            .iter()
            .any(|line| line.contains("holding 1 apps, 2 businesses")),
        "{:#?}",
        server.seen
    );
    let answer = server.post(
        "/api/v3/findmany/proc/proc_template",
        &secret_header,
        r#"{"bk_biz_id": 1, "service_template_id": 51}"#,
    );
    assert!(answer.contains(r#""count":1"#), "{answer}");
    assert!(answer.contains(r#""bk_process_name":"kept""#), "{answer}");
    server.terminate();
}

#[test]
fn a_bad_world_file_is_refused_at_start_naming_the_file_and_the_pointer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let world = dir.path().join("bad-world.json");
    std::fs::write(
        &world,
        r#"{"businesses": [{"bk_biz_id": 1, "bk_biz_name": "b"}], "hosts": [{"bk_host_id": "7", "bk_biz_id": 1}]}"#,
    )
    .expect("write");
    let output = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--world"])
        .arg(&world)
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&*world.to_string_lossy()), "{stderr}");
    assert!(stderr.contains("at /hosts/0/bk_host_id:"), "{stderr}");
    assert!(stderr.contains("integer"), "{stderr}");
}
