//! The real `cc-server` binary on a free loopback port, and a small blocking
//! HTTP/1.1 client for it. Every wait is bounded.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_cc-server");

/// The bundled world file's path.
pub fn world_path() -> String {
    format!("{}/examples/world.json", env!("CARGO_MANIFEST_DIR"))
}

/// A running server; its standard error is collected line by line.
pub struct Binary {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    lines: mpsc::Receiver<()>,
}

impl Binary {
    /// Starts the binary on `127.0.0.1:0` with `args` and waits (at most 30 s)
    /// for its listening line.
    pub fn start(args: &[&str]) -> Self {
        let mut child = Command::new(BINARY)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn cc-server");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (sender, lines) = mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().expect("log").push(line);
                let _ = sender.send(());
            }
        });
        let started = Instant::now();
        let address = loop {
            let found = log.lock().expect("log").iter().find_map(|line| {
                line.strip_prefix("cc-server: listening on http://")
                    .and_then(|rest| rest.split(' ').next())
                    .and_then(|address| address.parse().ok())
            });
            if let Some(address) = found {
                break address;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no listening line; saw {:#?}",
                log.lock().expect("log")
            );
            let _ = lines.recv_timeout(Duration::from_millis(100));
        };
        Self {
            child,
            address,
            log,
            lines,
        }
    }

    /// The standard error lines so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }

    /// Kills the server with SIGKILL and waits for it.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends `signal` (`TERM`, `INT`) and waits at most 20 s for a clean exit;
    /// returns every standard error line.
    pub fn stop_with(mut self, signal: &str) -> Vec<String> {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "exit status {status}");
                // The reader thread ends at EOF; give it a moment.
                while self.lines.recv_timeout(Duration::from_millis(200)).is_ok() {}
                return self.log();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("cc-server did not stop within 20 s of SIG{signal}");
    }
}

/// An HTTP answer: status and the parsed body.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The raw head.
    pub head: String,
    /// The body as JSON (`Null` when it is not JSON).
    pub body: Value,
}

/// Sends one request on a fresh connection (`Connection: close`) with the
/// bundled app's header credentials; an error when the connection fails or
/// closes before a whole answer (an unacknowledged request).
pub fn call(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
    timeout: Duration,
) -> std::io::Result<Reply> {
    let credentials = format!(
        r#"{{"bk_app_code": "{}", "bk_app_secret": "{}"}}"#,
        super::APP,
        super::SECRET
    );
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         X-Bkapi-Authorization: {credentials}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut request = head.into_bytes();
    request.extend_from_slice(body.as_bytes());
    exchange(address, &request, timeout)
}

/// Posts `body` to the gateway path of `endpoint` with [`call`], waiting up to
/// 30 s; panics naming the endpoint when no whole answer comes.
pub fn post(address: SocketAddr, endpoint: &str, body: &Value) -> Reply {
    call(
        address,
        "POST",
        &format!("/api/c/compapi/v2/cc/{endpoint}/"),
        &body.to_string(),
        Duration::from_secs(30),
    )
    .unwrap_or_else(|error| panic!("{endpoint}: no answer: {error}"))
}

/// Sends raw bytes on a fresh connection and reads the whole answer.
pub fn exchange(address: SocketAddr, request: &[u8], timeout: Duration) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect_timeout(&address, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(request)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    parse(&answer)
}

/// Parses a whole `Connection: close` answer; an error when it is cut short.
pub fn parse(answer: &[u8]) -> std::io::Result<Reply> {
    let cut = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "answer cut short");
    let split = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .ok_or_else(cut)?;
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let body = &answer[split + 4..];
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(cut)?;
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    });
    if length.is_some_and(|length| body.len() < length) {
        return Err(cut());
    }
    Ok(Reply {
        status,
        head,
        body: serde_json::from_slice(body).unwrap_or(Value::Null),
    })
}
