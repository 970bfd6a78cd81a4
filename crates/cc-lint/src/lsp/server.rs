//! The main loop: one thread owns the open documents and answers every
//! message in order; checks go to the workers and come back as events.

use super::actions;
use super::completion;
use super::diagnostics::{self, Checked};
use super::documents::{Document, Documents};
use super::hover;
use super::positions::Encoding;
use super::transport::Incoming;
use super::worker::{Done, Job, Pool};
use crate::config::{self, Configs, Flags, Profile};
use cc_validate::{Endpoint, Overrides, PayloadKind};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeResult, LogMessageParams,
    MarkupContent, MarkupKind, MessageType, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

/// What the main loop waits for.
pub(crate) enum Event {
    /// Something from the client.
    Incoming(Incoming),
    /// A finished check.
    Done(Done),
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Before `initialize`.
    Waiting,
    /// Serving.
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShutDown,
}

/// A request's failure: the JSON-RPC error code and message.
type Failure = (ErrorCode, String);

/// The server's state.
pub(crate) struct Server {
    out: Sender<Message>,
    pool: Pool,
    stage: Stage,
    encoding: Encoding,
    documents: Documents,
    configs: Configs,
    cwd: PathBuf,
    /// The last configuration problem logged, so that it is logged once.
    config_problem: Option<String>,
}

impl Server {
    /// A server that writes to `out` and checks on `pool`.
    pub(crate) fn new(out: Sender<Message>, pool: Pool) -> anyhow::Result<Self> {
        let cwd = crate::paths::current_dir();
        Ok(Self {
            out,
            pool,
            stage: Stage::Waiting,
            encoding: Encoding::Utf16,
            documents: Documents::new(),
            configs: Configs::new(None, false, &cwd)?,
            cwd,
            config_problem: None,
        })
    }

    /// Handles events until the session ends; the exit status (0 after
    /// `shutdown` then `exit`, else 1).
    pub(crate) fn run(&mut self, events: &Receiver<Event>) -> u8 {
        for event in events {
            let stop = match event {
                Event::Done(done) => {
                    self.finished(done);
                    None
                }
                Event::Incoming(Incoming::Closed) => Some(self.exit_code()),
                Event::Incoming(Incoming::Malformed(reason, id)) => {
                    if let Some(id) = id {
                        self.fail(id, (ErrorCode::InvalidRequest, reason.clone()));
                    }
                    self.log(MessageType::ERROR, format!("ignored a message: {reason}"));
                    None
                }
                Event::Incoming(Incoming::Message(Message::Request(request))) => {
                    self.request(request);
                    None
                }
                Event::Incoming(Incoming::Message(Message::Notification(notification))) => {
                    if notification.method == "exit" {
                        Some(self.exit_code())
                    } else {
                        self.notification(notification);
                        None
                    }
                }
                Event::Incoming(Incoming::Message(Message::Response(_))) => None,
            };
            if let Some(code) = stop {
                return code;
            }
        }
        self.exit_code()
    }

    fn exit_code(&self) -> u8 {
        u8::from(self.stage != Stage::ShutDown)
    }

    fn send(&self, message: impl Into<Message>) {
        // The writer is gone only when the client is: nothing left to tell.
        let _ = self.out.send(message.into());
    }

    fn fail(&self, id: RequestId, (code, message): Failure) {
        self.send(Response::new_err(id, code as i32, message));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.send(Notification::new(
            "window/logMessage".to_owned(),
            LogMessageParams { typ, message },
        ));
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        // A request that panicked (a bug) is answered as an internal error
        // rather than taking the server down.
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.answer(&method, params)
        }))
        .unwrap_or_else(|_| {
            Err((
                ErrorCode::InternalError,
                format!("internal error answering `{method}`"),
            ))
        });
        match answer {
            Ok(result) => self.send(Response::new_ok(id, result)),
            Err(failure) => self.fail(id, failure),
        }
    }

    fn answer(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        match (self.stage, method) {
            (Stage::Waiting, "initialize") => Ok(self.initialize(&params)),
            (Stage::Waiting, _) => Err((
                ErrorCode::ServerNotInitialized,
                format!("`{method}` before `initialize`"),
            )),
            (_, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "`initialize` was already received".to_owned(),
            )),
            (Stage::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown`"),
            )),
            (Stage::Running, "shutdown") => {
                self.stage = Stage::ShutDown;
                Ok(Value::Null)
            }
            (Stage::Running, "textDocument/hover") => {
                parse(params).and_then(|params| self.hover(&params))
            }
            (Stage::Running, "textDocument/completion") => {
                parse(params).and_then(|params| self.completion(&params))
            }
            (Stage::Running, "textDocument/codeAction") => {
                parse(params).and_then(|params| self.code_action(&params))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("`{method}` is not supported"),
            )),
        }
    }

    fn initialize(&mut self, params: &Value) -> Value {
        // Only the position encodings are read, so that any client's
        // capabilities are accepted.
        let offered: Option<Vec<PositionEncodingKind>> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(|kinds| serde_json::from_value(kinds.clone()).ok());
        self.encoding = Encoding::negotiate(offered.as_deref());
        self.stage = Stage::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".to_owned()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        };
        serde_json::to_value(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "cc-lint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
        .unwrap_or(Value::Null)
    }

    fn notification(&mut self, notification: Notification) {
        if self.stage != Stage::Running {
            return;
        }
        let Notification { method, params } = notification;
        match method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(params) = parse::<DidOpenTextDocumentParams>(params) {
                    let item = params.text_document;
                    let document = Document::new(
                        &item.uri,
                        &item.language_id,
                        item.version,
                        item.text,
                        self.encoding,
                    );
                    self.documents.insert(item.uri.clone(), document);
                    // Configuration files are read again for each opened
                    // document, so that an edited one is seen.
                    self.forget_configs();
                    self.schedule(&item.uri);
                }
            }
            "textDocument/didChange" => {
                if let Ok(params) = parse::<DidChangeTextDocumentParams>(params) {
                    let uri = params.text_document.uri;
                    if let Some(document) = self.documents.get_mut(&uri) {
                        document.change(
                            params.text_document.version,
                            params.content_changes,
                            self.encoding,
                        );
                        self.schedule(&uri);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(params) = parse::<DidCloseTextDocumentParams>(params) {
                    let uri = params.text_document.uri;
                    self.pool.cancel(&uri);
                    if self.documents.remove(&uri).is_some() {
                        self.publish(uri, Vec::new(), None);
                    }
                }
            }
            // Whichever document was saved, the configuration may have been
            // edited alongside it.
            "textDocument/didSave" => self.reload(),
            "workspace/didChangeWatchedFiles" => {
                if let Ok(params) = parse::<DidChangeWatchedFilesParams>(params)
                    && params.changes.iter().any(|change| is_config(&change.uri))
                {
                    self.reload();
                }
            }
            _ => {}
        }
    }

    /// Forgets the configuration files read so far.
    fn forget_configs(&mut self) {
        if let Ok(configs) = Configs::new(None, false, &self.cwd) {
            self.configs = configs;
        }
        self.config_problem = None;
    }

    /// A document was saved or a configuration file changed: read the
    /// configuration again and check every open document with it.
    fn reload(&mut self) {
        self.forget_configs();
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.schedule(&uri);
        }
    }

    /// The settings in force for a document at `path`, as for a file the
    /// command line lints; `None` when the configuration excludes it.
    fn profile(&mut self, path: Option<&Path>) -> Option<Profile> {
        let path = path.map(|path| crate::paths::absolute(&self.cwd, path));
        let dir = path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(&self.cwd)
            .to_path_buf();
        let config = match self.configs.for_dir(&dir) {
            Ok(config) => config,
            Err(error) => {
                let problem = format!("configuration ignored: {error:#}");
                if self.config_problem.as_ref() != Some(&problem) {
                    self.log(MessageType::WARNING, problem.clone());
                    self.config_problem = Some(problem);
                }
                None
            }
        };
        let sections = match (config, &path) {
            (Some(index), Some(path)) => config::sections(self.configs.get(index), path),
            _ => Vec::new(),
        };
        if let Some(path) = &path
            && config::excluded(&self.configs, config, path, &[]).is_some()
        {
            return None;
        }
        let overrides = Overrides::new();
        let flags = Flags {
            endpoint: None,
            template: None,
            host: None,
            raw: false,
            deny_warnings: false,
            overrides: &overrides,
            exclude: Arc::from([]),
        };
        Some(config::profile(&self.configs, config, &sections, &flags))
    }

    /// Queues a check of the document's current version.
    fn schedule(&mut self, uri: &Uri) {
        let Some(path) = self
            .documents
            .get(uri)
            .map(|document| document.path.clone())
        else {
            return;
        };
        let profile = self.profile(path.as_deref());
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        let (Some(profile), true) = (profile, document.json) else {
            // Not a payload to check: nothing to show.
            document.checked = None;
            let version = document.version;
            self.pool.cancel(uri);
            self.publish(uri.clone(), Vec::new(), Some(version));
            return;
        };
        self.pool.submit(Job {
            uri: uri.clone(),
            version: document.version,
            text: Arc::clone(&document.text),
            index: document.index.clone(),
            path,
            profile,
        });
    }

    /// A check finished: publish it if its document has not changed since.
    fn finished(&mut self, done: Done) {
        let Some(document) = self.documents.get_mut(&done.uri) else {
            return;
        };
        if document.version != done.checked.version {
            return;
        }
        if done.checked.endpoint.is_some() {
            document.endpoint = done.checked.endpoint;
        }
        document.checked = Some(Arc::clone(&done.checked));
        let note = (document.note != done.checked.note)
            .then(|| done.checked.note.clone())
            .flatten();
        document.note.clone_from(&done.checked.note);
        if let Some(note) = note {
            self.log(
                MessageType::LOG,
                format!("{}: not checked: {note}", done.uri.as_str()),
            );
        }
        let diagnostics = done.checked.diagnostics.clone();
        self.publish(done.uri, diagnostics, Some(done.checked.version));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.send(Notification::new(
            "textDocument/publishDiagnostics".to_owned(),
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        ));
    }

    fn document(&self, uri: &Uri) -> Result<&Document, Failure> {
        self.documents.get(uri).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                format!("unknown document {}: it is not open", uri.as_str()),
            )
        })
    }

    /// The endpoint and kind of a document: the last check's, else what its
    /// configuration or name says.
    fn endpoint(&mut self, uri: &Uri) -> Result<Option<(Endpoint, PayloadKind)>, Failure> {
        let document = self.document(uri)?;
        if let Some(endpoint) = document.endpoint {
            return Ok(Some(endpoint));
        }
        let path = document.path.clone();
        let forced = self
            .profile(path.as_deref())
            .and_then(|profile| profile.endpoint.0);
        let endpoint = forced.or_else(|| path.as_deref().and_then(cc_validate::endpoint_from_path));
        let response = path
            .as_deref()
            .and_then(Path::file_name)
            .is_some_and(|name| name.to_string_lossy().ends_with(".response.json"));
        let kind = if response {
            PayloadKind::Response
        } else {
            PayloadKind::Request
        };
        Ok(endpoint.map(|endpoint| (endpoint, kind)))
    }

    fn hover(&mut self, params: &HoverParams) -> Result<Value, Failure> {
        let at = &params.text_document_position_params;
        let uri = &at.text_document.uri;
        let endpoint = self.endpoint(uri)?;
        let path = self.document(uri)?.path.clone();
        let profile = self.profile(path.as_deref());
        let document = self.document(uri)?;
        let Some((endpoint, kind)) = endpoint else {
            return Ok(Value::Null);
        };
        let text = &*document.text;
        let offset = document.index.offset(text, at.position);
        let template = profile
            .as_ref()
            .and_then(|profile| profile.template.as_ref())
            .map(|named| &*named.value);
        let Some((markdown, span)) = hover::hover(text, offset, endpoint, kind, template) else {
            return Ok(Value::Null);
        };
        to_value(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(document.index.range(text, span.start, span.end)),
        })
    }

    fn completion(&mut self, params: &CompletionParams) -> Result<Value, Failure> {
        let at = &params.text_document_position;
        let uri = &at.text_document.uri;
        let Some((endpoint, kind)) = self.endpoint(uri)? else {
            return Ok(Value::Null);
        };
        let document = self.document(uri)?;
        let text = &*document.text;
        let offset = document.index.offset(text, at.position);
        let items = completion::complete(text, &document.index, offset, endpoint, kind);
        to_value(CompletionResponse::Array(items))
    }

    fn code_action(&mut self, params: &CodeActionParams) -> Result<Value, Failure> {
        let uri = &params.text_document.uri;
        let path = self.document(uri)?.path.clone();
        let Some(profile) = self.profile(path.as_deref()) else {
            return to_value(Vec::<Value>::new());
        };
        let document = self.document(uri)?;
        // The findings of this very version: the last check's if it is
        // current, else a check now.
        let checked: Arc<Checked> = match &document.checked {
            Some(checked) if checked.version == document.version => Arc::clone(checked),
            _ if !document.json => return to_value(Vec::<Value>::new()),
            _ => Arc::new(diagnostics::check(
                uri,
                document.version,
                &document.text,
                document.path.as_deref(),
                &profile,
                &document.index,
            )),
        };
        let actions = actions::actions(
            uri,
            &document.text,
            &document.index,
            &checked,
            &profile,
            params.range,
            params.context.only.as_deref(),
        );
        to_value(actions)
    }
}

/// Whether a file is a configuration file (by name).
fn is_config(uri: &Uri) -> bool {
    let name = uri.as_str().rsplit('/').next().unwrap_or("");
    name == "cc-lint.toml" || name == "pyproject.toml"
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, Failure> {
    serde_json::from_value(params)
        .map_err(|error| (ErrorCode::InvalidParams, format!("invalid params: {error}")))
}

fn to_value(value: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|error| (ErrorCode::InternalError, error.to_string()))
}
