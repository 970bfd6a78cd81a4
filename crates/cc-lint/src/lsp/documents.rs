//! The open documents: their text as the client last sent it, and what the
//! last check of it found.

use super::diagnostics::Checked;
use super::positions::{Encoding, LineIndex};
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One open document.
#[derive(Debug)]
pub(crate) struct Document {
    /// The client's version of the text.
    pub(crate) version: i32,
    /// The text.
    pub(crate) text: Arc<str>,
    /// Its line starts.
    pub(crate) index: LineIndex,
    /// The file it is, for `file:` URIs.
    pub(crate) path: Option<PathBuf>,
    /// Whether it is JSON at all (by its language id or name).
    pub(crate) json: bool,
    /// The last check whose version is still the document's.
    pub(crate) checked: Option<Arc<Checked>>,
    /// The endpoint and kind the last successful detection found, kept
    /// across edits that break the JSON (for hover and completion).
    pub(crate) endpoint: Option<(cc_validate::Endpoint, cc_validate::PayloadKind)>,
    /// Why the last check did not check it, as last logged (logged again
    /// only when it changes).
    pub(crate) note: Option<String>,
}

impl Document {
    /// A document as opened.
    pub(crate) fn new(
        uri: &Uri,
        language: &str,
        version: i32,
        text: String,
        encoding: Encoding,
    ) -> Self {
        let path = file_path(uri);
        let json = language.contains("json")
            || path
                .as_ref()
                .and_then(|path| path.extension())
                .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
        Self {
            version,
            index: LineIndex::new(&text, encoding),
            text: text.into(),
            path,
            json,
            checked: None,
            endpoint: None,
            note: None,
        }
    }

    /// Applies the changes of one `didChange`, in order (a change without a
    /// range replaces the whole text).
    pub(crate) fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        let mut text = String::from(&*self.text);
        for change in changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let start = self.index.offset(&text, range.start);
                    let end = self.index.offset(&text, range.end).max(start);
                    text.replace_range(start..end, &change.text);
                    self.index = LineIndex::new(&text, encoding);
                    continue;
                }
            }
            self.index = LineIndex::new(&text, encoding);
        }
        self.version = version;
        self.text = text.into();
        self.checked = None;
    }
}

/// The open documents, by URI.
pub(crate) type Documents = HashMap<Uri, Document>;

/// The path of a `file:` URI (percent-decoded), or `None` for another scheme.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let mut bytes = Vec::with_capacity(path.len());
    let mut input = path.bytes();
    while let Some(byte) = input.next() {
        if byte == b'%' {
            let hex: Vec<u8> = input.by_ref().take(2).collect();
            let decoded = std::str::from_utf8(&hex)
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())?;
            bytes.push(decoded);
        } else {
            bytes.push(byte);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    if cfg!(windows) {
        // `/C:/dir` → `C:/dir`.
        return Some(PathBuf::from(path.strip_prefix('/').unwrap_or(&path)));
    }
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn uri(text: &str) -> Uri {
        Uri::from_str(text)
            .unwrap_or_else(|_| Uri::from_str("file:///x").unwrap_or_else(|_| unreachable!()))
    }

    #[test]
    fn file_uris_are_decoded() {
        assert_eq!(
            file_path(&uri("file:///tmp/a%20b/x.json")),
            Some(PathBuf::from("/tmp/a b/x.json"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document::new(
            &uri("file:///x.json"),
            "json",
            1,
            "{\"名\": 1}\n".to_owned(),
            Encoding::Utf16,
        );
        let at = |line, character| Position::new(line, character);
        doc.change(
            2,
            vec![
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(0, 6), at(0, 7))),
                    range_length: None,
                    text: "22".to_owned(),
                },
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(1, 0), at(1, 0))),
                    range_length: None,
                    text: "\n".to_owned(),
                },
            ],
            Encoding::Utf16,
        );
        assert_eq!(&*doc.text, "{\"名\": 22}\n\n");
        assert_eq!(doc.version, 2);
    }
}
