//! The server over a real TCP socket on a free loopback port, bounded in time.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Sends one HTTP/1.1 request over a fresh connection and returns the raw answer.
fn exchange(address: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

#[test]
fn a_batch_create_and_a_refusal_over_loopback() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let address = listener.local_addr().expect("address");
    assert!(address.ip().is_loopback());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(cc_server::serve(listener, common::state(), async {
        let _ = stopped.await;
    }));
    let body = common::with_credentials(serde_json::json!({
        "bk_biz_id": 1,
        "service_template_id": 51,
        "processes": [{"spec": common::spec("p1", "")}]
    }))
    .to_string();
    let request = |body: &str| {
        format!(
            "POST /api/c/compapi/v2/cc/batch_create_proc_template/ HTTP/1.1\r\nHost: localhost\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let answer = exchange(address, &request(&body));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("x-request-id: "),
        "{answer}"
    );
    assert!(answer.contains(r#""result":true"#), "{answer}");
    assert!(answer.contains(r#""data":[1]"#), "{answer}");
    let answer = exchange(address, &request(&body));
    assert!(answer.contains(r#""code":1113019"#), "{answer}");
    let _ = stop.send(());
    runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), server).await })
        .expect("stops in time")
        .expect("task")
        .expect("serve");
}
