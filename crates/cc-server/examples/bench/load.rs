//! The load generator: a fixed number of requests over `connections`
//! keep-alive HTTP/1.1 connections, each sending one request and reading its
//! whole answer before the next (no pipelining), timing every request.
//!
//! It runs on a current-thread runtime, so that it takes at most one of the
//! machine's cores, and writes pre-built request bytes, so that its own cost is
//! a read and a write per request.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One request, as bytes on the wire.
#[derive(Debug, Clone)]
pub(crate) struct Request(Arc<Vec<u8>>);

impl Request {
    /// `method path` with `body` and the bundled app's header credentials.
    pub(crate) fn new(method: &str, path: &str, credentials: &str, body: &str) -> Self {
        let text = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             X-Bkapi-Authorization: {credentials}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        Self(Arc::new(text.into_bytes()))
    }
}

/// What a run measured.
#[derive(Debug, Clone)]
pub(crate) struct Figures {
    /// Requests answered per second of wall time.
    pub(crate) per_second: f64,
    /// Median latency.
    pub(crate) p50: Duration,
    /// 99th percentile latency.
    pub(crate) p99: Duration,
    /// Answers that were not a success envelope.
    pub(crate) failures: usize,
}

/// Sends `total` requests over `connections` connections to `address`.
pub(crate) async fn run(
    address: SocketAddr,
    request: &Request,
    connections: usize,
    total: usize,
) -> std::io::Result<Figures> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(connections);
    for _ in 0..connections {
        let next = Arc::clone(&next);
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            connection(address, &request, &next, total).await
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    let mut failures = 0;
    for task in tasks {
        let (times, failed) = task.await.map_err(std::io::Error::other)??;
        latencies.extend(times);
        failures += failed;
    }
    let wall = started.elapsed();
    latencies.sort_unstable();
    let at = |percent: usize| {
        let index = (latencies.len() * percent).div_ceil(100).saturating_sub(1);
        latencies.get(index).copied().unwrap_or_default()
    };
    let answered = u32::try_from(latencies.len()).unwrap_or(u32::MAX);
    Ok(Figures {
        per_second: f64::from(answered) / wall.as_secs_f64(),
        p50: at(50),
        p99: at(99),
        failures,
    })
}

/// One connection's share: requests until `total` are taken.
async fn connection(
    address: SocketAddr,
    request: &Request,
    next: &AtomicUsize,
    total: usize,
) -> std::io::Result<(Vec<Duration>, usize)> {
    let mut stream = TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0_u8; 16 * 1024];
    let mut times = Vec::new();
    let mut failures = 0;
    while next.fetch_add(1, Ordering::Relaxed) < total {
        let sent = Instant::now();
        stream.write_all(&request.0).await?;
        if !read_answer(&mut stream, &mut buffer, &mut chunk).await? {
            failures += 1;
        }
        times.push(sent.elapsed());
    }
    Ok((times, failures))
}

/// Reads one whole answer (head and `Content-Length` body); whether it is a
/// 200 with a success envelope.
async fn read_answer(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    chunk: &mut [u8],
) -> std::io::Result<bool> {
    buffer.clear();
    let (head_end, length) = loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]);
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())
                        .flatten()
                })
                .unwrap_or(0);
            break (end + 4, length);
        }
        let read = stream.read(chunk).await?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    while buffer.len() < head_end + length {
        let read = stream.read(chunk).await?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let ok =
        buffer.starts_with(b"HTTP/1.1 200") && buffer[head_end..].starts_with(br#"{"result":true"#);
    Ok(ok)
}
