//! Hostile input over a real loopback socket: each refusal is CMDB's envelope
//! with its code and a clear message, and a normal request is answered right
//! after it. Bounded in requests and time.

mod common;

use common::binary::{Reply, call, exchange, parse};
use common::local::Local;
use serde_json::json;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const LIST: &str = "/api/v3/findmany/proc/proc_template";
const CREATE: &str = "/api/v3/createmany/proc/proc_template";
const TIMEOUT: Duration = Duration::from_secs(10);

/// The head of a request to `path` with the bundled app's header credentials.
fn head(path: &str, content_type: &str, length: usize) -> String {
    let credentials = json!({"bk_app_code": common::APP, "bk_app_secret": common::SECRET});
    format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\n\
         X-Bkapi-Authorization: {credentials}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    )
}

/// `body` posted raw to the list endpoint.
fn post_raw(address: SocketAddr, content_type: &str, body: &[u8]) -> Reply {
    let mut request = head(LIST, content_type, body.len()).into_bytes();
    request.extend_from_slice(body);
    exchange(address, &request, TIMEOUT).expect("answered")
}

/// Asserts an envelope refusal and returns its message.
#[track_caller]
fn refused(reply: &Reply, status: u16, code: i64) -> String {
    assert_eq!(reply.status, status, "{:#}", reply.body);
    assert_eq!(reply.body["result"], false, "{:#}", reply.body);
    assert_eq!(reply.body["code"], code, "{:#}", reply.body);
    assert_eq!(reply.body["data"], serde_json::Value::Null);
    assert_eq!(
        reply.body["request_id"].as_str().map(str::len),
        Some(32),
        "{:#}",
        reply.body
    );
    reply.body["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A normal request is answered.
#[track_caller]
fn still_serving(address: SocketAddr) {
    let reply = call(
        address,
        "POST",
        LIST,
        r#"{"bk_biz_id": 1, "service_template_id": 51}"#,
        TIMEOUT,
    )
    .expect("a normal request is answered");
    assert_eq!(reply.body["result"], true, "{:#}", reply.body);
}

#[test]
fn a_body_over_the_limit_is_refused_before_it_is_read_whole() {
    let server = Local::with(cc_server::Limits::default());
    // Declared too long: answered from the head alone, the body never sent.
    let mut stream = TcpStream::connect(server.address).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    let declared = 10 * 1024 * 1024 + 1;
    stream
        .write_all(head(LIST, "application/json", declared).as_bytes())
        .expect("head");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let reply = parse(&answer).expect("answered before the body");
    let message = refused(&reply, 413, 1_199_030);
    assert_eq!(
        message,
        "request parameter invalid, parse HTTP body failed: the body is larger than 10485760 bytes"
    );
    still_serving(server.address);
    // Chunked, with no length: refused once the limit is passed.
    let server = Local::with(cc_server::Limits {
        max_body_size: 64 * 1024,
        ..cc_server::Limits::default()
    });
    let mut stream = TcpStream::connect(server.address).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    let credentials = json!({"bk_app_code": common::APP, "bk_app_secret": common::SECRET});
    write!(
        stream,
        "POST {LIST} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         X-Bkapi-Authorization: {credentials}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .expect("head");
    let mut writer = stream.try_clone().expect("clone");
    let sender = std::thread::spawn(move || {
        let chunk = format!("4000\r\n{}\r\n", " ".repeat(0x4000));
        let mut sent = 0;
        // Up to 1 MiB; the server stops reading after 64 KiB.
        while sent < 64 && writer.write_all(chunk.as_bytes()).is_ok() {
            sent += 1;
        }
        sent
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let reply = parse(&answer).expect("answered");
    assert!(refused(&reply, 413, 1_199_030).contains("larger than 65536 bytes"));
    let _ = sender.join();
    still_serving(server.address);
}

#[test]
fn bodies_that_are_not_json_are_refused_with_the_decoders_reason() {
    let server = Local::with(cc_server::Limits::default());
    let reply = post_raw(server.address, "application/json", b"{\"bk_biz_id\": 1,");
    let message = refused(&reply, 200, 1_199_000);
    assert_eq!(
        message,
        "Deserializing JSON data failed: EOF while parsing a value at line 1 column 16"
    );
    still_serving(server.address);
    let reply = post_raw(
        server.address,
        "application/json",
        b"{\"bk_biz_id\": \"\xff\xfe\"}",
    );
    let message = refused(&reply, 200, 1_199_000);
    assert_eq!(
        message,
        "Deserializing JSON data failed: the body is not UTF-8 (byte 15)"
    );
    still_serving(server.address);
    let deep = "[".repeat(100_000);
    let reply = post_raw(server.address, "application/json", deep.as_bytes());
    let message = refused(&reply, 200, 1_199_000);
    assert!(message.contains("recursion limit exceeded"), "{message}");
    still_serving(server.address);
    let digits = "9".repeat(10_000);
    let body = format!(r#"{{"bk_biz_id": {digits}, "service_template_id": 51}}"#);
    let reply = post_raw(server.address, "application/json", body.as_bytes());
    let message = refused(&reply, 200, 1_199_000);
    assert!(message.contains("number out of range"), "{message}");
    assert!(message.len() < 200, "the number is not echoed: {message}");
    still_serving(server.address);
    let reply = post_raw(server.address, "application/json", b"");
    assert_eq!(refused(&reply, 200, 1_199_005), "The input is empty");
    still_serving(server.address);
    let reply = post_raw(server.address, "text/plain", br#"{"bk_biz_id": 1}"#);
    assert_eq!(
        refused(&reply, 415, 1_199_030),
        "request parameter invalid, parse HTTP body failed: Content-Type must be application/json, got text/plain"
    );
    still_serving(server.address);
}

#[test]
fn a_repeated_key_keeps_its_last_value_in_what_is_stored() {
    let server = Local::with(cc_server::Limits::default());
    // Two values for one key, in the body and in a spec: the last is kept.
    let spec = r#"{"bk_func_name": {"value": "dup", "as_default_value": false},
        "bk_process_name": {"value": "dup", "as_default_value": false},
        "bk_start_param_regex": {"value": "--first", "as_default_value": false},
        "bk_start_param_regex": {"value": "--last", "as_default_value": false}}"#;
    let body = format!(
        r#"{{"bk_biz_id": 1, "service_template_id": 999, "service_template_id": 51, "processes": [{{"spec": {spec}}}]}}"#
    );
    let reply = call(server.address, "POST", CREATE, &body, TIMEOUT).expect("answered");
    assert_eq!(reply.body["result"], true, "{:#}", reply.body);
    let reply = call(
        server.address,
        "POST",
        LIST,
        r#"{"bk_biz_id": 1, "service_template_id": 51}"#,
        TIMEOUT,
    )
    .expect("answered");
    let template = &reply.body["data"]["info"][0];
    assert_eq!(template["service_template_id"], 51, "{template:#}");
    assert_eq!(
        template["property"]["bk_start_param_regex"]["value"], "--last",
        "{template:#}"
    );
}

#[test]
fn a_slow_client_is_timed_out_on_the_head_and_on_the_body() {
    let server = Local::with(cc_server::Limits {
        header_read_timeout: Duration::from_millis(800),
        body_read_timeout: Duration::from_millis(800),
        ..cc_server::Limits::default()
    });
    // The head, one byte at a time: the connection is closed.
    let mut stream = TcpStream::connect(server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    let started = Instant::now();
    let request = head(LIST, "application/json", 2);
    let mut closed = false;
    for byte in request.as_bytes() {
        if stream.write_all(&[*byte]).is_err() {
            closed = true;
            break;
        }
        let mut buffer = [0_u8; 512];
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) if started.elapsed() > Duration::from_millis(700) => {
                closed = true;
                break;
            }
            _ => {}
        }
        assert!(started.elapsed() < Duration::from_secs(5), "not timed out");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(closed, "the slow head was read whole");
    assert!(started.elapsed() < Duration::from_secs(3));
    still_serving(server.address);
    // The body, one byte at a time: the envelope's refusal.
    let mut stream = TcpStream::connect(server.address).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    let body = br#"{"bk_biz_id": 1, "service_template_id": 51}"#;
    stream
        .write_all(head(LIST, "application/json", body.len()).as_bytes())
        .expect("head");
    let mut writer = stream.try_clone().expect("clone");
    let sender = std::thread::spawn(move || {
        for byte in body {
            if writer.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let reply = parse(&answer).expect("answered");
    assert_eq!(
        refused(&reply, 408, 1_199_004),
        "Data read failed: the body did not arrive whole within 800 ms"
    );
    drop(stream);
    let _ = sender.join();
    still_serving(server.address);
}

/// Sends one keep-alive request on `stream` and reads its whole answer,
/// leaving the connection open.
fn keep_alive_request(stream: &mut TcpStream) -> Reply {
    let body = r#"{"bk_biz_id": 1, "service_template_id": 51}"#;
    let request = head(LIST, "application/json", body.len()).replace("Connection: close\r\n", "");
    stream
        .write_all(format!("{request}{body}").as_bytes())
        .expect("request");
    let mut answer = Vec::new();
    let mut buffer = [0_u8; 4096];
    loop {
        if let Ok(reply) = parse(&answer)
            && reply.body.is_object()
        {
            return reply;
        }
        let read = stream.read(&mut buffer).expect("read");
        assert!(read > 0, "closed early");
        answer.extend_from_slice(&buffer[..read]);
    }
}

#[test]
fn thousands_of_idle_connections_meet_the_connection_limit() {
    let limit = 1_000;
    let server = Local::with(cc_server::Limits {
        max_connections: limit,
        header_read_timeout: Duration::from_secs(30),
        ..cc_server::Limits::default()
    });
    let started = Instant::now();
    // A thousand clients that made one request each and keep their
    // connection open, idle.
    let idle: Vec<TcpStream> = (0..limit)
        .map(|_| {
            let mut stream = TcpStream::connect(server.address).expect("connect");
            stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
            assert_eq!(keep_alive_request(&mut stream).body["result"], true);
            stream
        })
        .collect();
    for _ in 0..500 {
        let reply = exchange(server.address, b"", TIMEOUT).expect("refused in the envelope");
        let message = refused(&reply, 503, 1_199_035);
        assert_eq!(message, " open connections exceed the limit 1000");
    }
    drop(idle);
    // Closed connections free their places at once.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let reply = call(
            server.address,
            "POST",
            LIST,
            r#"{"bk_biz_id": 1, "service_template_id": 51}"#,
            TIMEOUT,
        )
        .expect("answered");
        if reply.body["result"] == true {
            break;
        }
        assert!(Instant::now() < deadline, "{:#}", reply.body);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn idle_connections_are_closed_after_the_head_timeout() {
    let server = Local::with(cc_server::Limits {
        header_read_timeout: Duration::from_millis(800),
        ..cc_server::Limits::default()
    });
    let opened = Instant::now();
    let mut idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(server.address).expect("connect"))
        .collect();
    // One that made a request and then went idle, too.
    let mut used = TcpStream::connect(server.address).expect("connect");
    used.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    assert_eq!(keep_alive_request(&mut used).body["result"], true);
    idle.push(used);
    for stream in &mut idle {
        stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
        let mut buffer = [0_u8; 64];
        assert!(matches!(stream.read(&mut buffer), Ok(0) | Err(_)));
    }
    let waited = opened.elapsed();
    assert!(
        waited >= Duration::from_millis(700) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    still_serving(server.address);
}

#[test]
fn an_unknown_endpoint_is_an_envelope_error() {
    let server = Local::with(cc_server::Limits::default());
    let reply = call(
        server.address,
        "POST",
        "/api/c/compapi/v2/cc/drop_database/",
        "{}",
        TIMEOUT,
    )
    .expect("answered");
    assert_eq!(
        refused(&reply, 404, 1_199_011),
        "'POST /api/c/compapi/v2/cc/drop_database/' the parameter is invalid or does not exist"
    );
    still_serving(server.address);
}
