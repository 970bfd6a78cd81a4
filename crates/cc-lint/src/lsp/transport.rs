//! The wire: `Content-Length`-framed JSON-RPC messages on standard input and
//! output.
//!
//! The reader is ours rather than `lsp_server::Connection::stdio`'s, whose
//! reader thread stops at the first malformed message and allocates whatever
//! `Content-Length` a peer claims: here a frame whose body is not a message is
//! reported and skipped, a header that cannot be read is skipped line by line
//! until the next frame, and a body larger than [`MAX_MESSAGE`] is read past
//! without being kept. The messages themselves are `lsp_server`'s.

use lsp_server::Message;
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender};

/// The largest message body kept (a document of up to 64 MiB, as
/// `--max-file-size` allows by default, plus its JSON escaping).
pub(crate) const MAX_MESSAGE: usize = 160 << 20;

/// What the reader saw.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A message.
    Message(Message),
    /// A frame that is not a message (why, and the request id when one
    /// could be read, to answer it).
    Malformed(String, Option<lsp_server::RequestId>),
    /// The input ended (the client closed it, or went away).
    Closed,
}

/// Reads frames from `input` until it ends, sending each to `events` as
/// `wrap` makes it an event; stops early when nobody listens.
pub(crate) fn read_loop<T>(input: impl BufRead, events: &Sender<T>, wrap: impl Fn(Incoming) -> T) {
    let mut input = input;
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Some(Frame::Body(body))) => parse(&body),
            Ok(Some(Frame::Bad(reason))) => Incoming::Malformed(reason, None),
            Ok(None) | Err(_) => {
                let _ = events.send(wrap(Incoming::Closed));
                return;
            }
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if events.send(wrap(incoming)).is_err() || exit {
            return;
        }
    }
}

/// Writes every message from `outgoing` to `output` until the channel
/// closes or the output fails (the client went away).
pub(crate) fn write_loop(outgoing: &Receiver<Message>, output: impl Write) {
    let mut output = output;
    for message in outgoing {
        if message.write(&mut output).is_err() {
            return;
        }
    }
}

/// One frame's contents.
enum Frame {
    /// The body, at most [`MAX_MESSAGE`] bytes.
    Body(Vec<u8>),
    /// A frame that cannot be used, and why.
    Bad(String),
}

/// Reads one frame; `None` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut any_header = false;
    loop {
        line.clear();
        // A header line is short; a longer one is cut, and is not a header.
        let read = input.by_ref().take(4096).read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Some(Frame::Bad(format!("malformed header line {text:?}"))));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Ok(Some(Frame::Bad(reason))),
        None => {
            return Ok(Some(Frame::Bad(
                "a frame without Content-Length".to_owned(),
            )));
        }
    };
    if length > MAX_MESSAGE {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(Frame::Bad(format!(
            "a message of {length} bytes, larger than the {MAX_MESSAGE}-byte limit"
        ))));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Some(Frame::Body(body))),
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(error) => Err(error),
    }
}

/// A frame's body as a message, or why it is not one.
fn parse(body: &[u8]) -> Incoming {
    let value = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => value,
        Err(error) => return Incoming::Malformed(format!("not JSON: {error}"), None),
    };
    // Answer a request whose id can still be read.
    let id = value
        .get("id")
        .cloned()
        .and_then(|id| serde_json::from_value(id).ok());
    // `lsp_server::Message` would read any object with an `id` as a response.
    let response = value.get("result").is_some() || value.get("error").is_some();
    if value.get("method").is_none() && !response {
        return Incoming::Malformed(
            "not a JSON-RPC message: neither a method nor a result".to_owned(),
            id,
        );
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(error) => Incoming::Malformed(format!("not a JSON-RPC message: {error}"), id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let (sender, receiver) = std::sync::mpsc::channel();
        read_loop(input, &sender, |incoming| incoming);
        drop(sender);
        receiver
            .iter()
            .map(|incoming| match incoming {
                Incoming::Message(Message::Notification(n)) => n.method,
                Incoming::Message(other) => format!("{other:?}"),
                Incoming::Malformed(reason, _) => format!("bad: {reason}"),
                Incoming::Closed => "closed".to_owned(),
            })
            .collect()
    }

    #[test]
    fn bad_frames_are_skipped_and_the_next_one_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\nnope!Content-Length: x\r\n\r\nContent-Length: {}\r\n\r\n{good}",
            good.len()
        );
        assert_eq!(
            frames(input.as_bytes()),
            [
                "bad: not JSON: expected ident at line 1 column 2",
                "bad: bad Content-Length \"x\"",
                "initialized",
                "closed"
            ]
        );
    }

    #[test]
    fn a_huge_length_is_not_allocated() {
        let input = format!("Content-Length: {}\r\n\r\n{{}}", usize::MAX);
        assert_eq!(frames(input.as_bytes()), ["closed"]);
    }
}
