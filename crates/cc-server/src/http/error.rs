//! Every way a request can fail, with CMDB's error code and English message
//! (from bk-cmdb's `src/common/errInfo.go` and `resources/errors/english/en/`).
//! The envelope a failure is answered with is built in [`super::envelope`].

use axum::http::StatusCode;

/// Why a request failed. Each variant is one CMDB error code; the message is the
/// CMDB message with its `%s` filled in, and never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No `bk_app_code` in the body or in the `X-Bkapi-Authorization` header.
    #[error(
        "app authentication failed: no bk_app_code given (in the body or the X-Bkapi-Authorization header)"
    )]
    MissingCredentials,
    /// An app the world does not declare, or a wrong secret.
    #[error(
        "app authentication failed: bk_app_code [{app_code}] is unknown or its bk_app_secret is wrong"
    )]
    BadCredentials {
        /// The app code the request gave.
        app_code: String,
    },
    /// The `X-Bkapi-Authorization` header is not a JSON object.
    #[error("app authentication failed: the X-Bkapi-Authorization header is not a JSON object")]
    BadAuthorizationHeader,
    /// No endpoint at this path.
    #[error("'{method} {path}' the parameter is invalid or does not exist")]
    UnknownPath {
        /// The request method.
        method: String,
        /// The request path.
        path: String,
    },
    /// An endpoint's path with another method.
    #[error(
        "'{method} {path}' the parameter is invalid or does not exist: the path takes {allowed}"
    )]
    MethodNotAllowed {
        /// The request method.
        method: String,
        /// The request path.
        path: String,
        /// The method the path takes.
        allowed: &'static str,
    },
    /// The body is larger than the limit.
    #[error(
        "request parameter invalid, parse HTTP body failed: the body is larger than {limit} bytes"
    )]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body could not be read.
    #[error("Data read failed")]
    BodyRead,
    /// The body did not arrive whole in time.
    #[error("Data read failed: the body did not arrive whole within {millis} ms")]
    BodyTimeout {
        /// The body read timeout, in milliseconds.
        millis: u128,
    },
    /// More connections than the limit are open.
    #[error(" open connections exceed the limit {limit}")]
    TooManyConnections {
        /// The connection limit.
        limit: usize,
    },
    /// A `Content-Type` that is not JSON.
    #[error(
        "request parameter invalid, parse HTTP body failed: Content-Type must be application/json, got {content_type}"
    )]
    UnsupportedMediaType {
        /// The content type sent (printable ASCII only).
        content_type: String,
    },
    /// An empty body.
    #[error("The input is empty")]
    EmptyBody,
    /// The body is not JSON (or not UTF-8).
    #[error("Deserializing JSON data failed: {detail}")]
    InvalidJson {
        /// The parser's message, with line and column.
        detail: String,
    },
    /// The input is refused as a whole (`CCErrCommHTTPInputInvalid`).
    #[error("invalid input parameter")]
    InvalidInput,
    /// A field's value is refused (`CCErrCommParamsInvalid`).
    #[error("'{field}' data parameter verification does not pass{detail}")]
    ParamInvalid {
        /// The field, as a dotted path (`processes[0].spec.proc_num`).
        field: String,
        /// What is wrong with it, `: ` first; empty where CMDB says no more.
        detail: String,
    },
    /// A required parameter is not set (`CCErrCommParamsNeedSet`).
    #[error("'{field}' unassigned")]
    ParamNeedSet {
        /// The field.
        field: String,
    },
    /// A parameter names an object that does not exist or is not the
    /// request's (`CCErrCommParamsIsInvalid`).
    #[error("'{field}' the parameter is invalid or does not exist")]
    ParamNotExist {
        /// The field.
        field: String,
    },
    /// Too many items in one call (`CCErrCommXXExceedLimit`).
    #[error(" {what} exceed the limit {limit}")]
    ExceedLimit {
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// The object asked for does not exist (`CCErrCommNotFound`).
    #[error("No relevant data found")]
    NotFound,
    /// A process name already used in the service template or instance.
    #[error("process name [{name}] unique validation failed")]
    ProcessNameDuplicated {
        /// The name.
        name: String,
    },
    /// A (`bk_func_name`, `bk_start_param_regex`) pair already used.
    #[error("process name [{func_name}] and start parameter [{regex}] unique validation failed")]
    FuncNameDuplicated {
        /// The `bk_func_name`.
        func_name: String,
        /// The `bk_start_param_regex`.
        regex: String,
    },
    /// A service instance name already used by another in the module.
    #[error("duplicated instances exist, fields [{fields}] duplicated")]
    Duplicated {
        /// The fields.
        fields: &'static str,
    },
    /// A raw process in a service instance created from a template.
    #[error(
        "create or update process instance under service instance create by template forbidden"
    )]
    TemplateBoundInstance,
    /// Deleting a process created from a template.
    #[error("delete processe [{name}] created by template forbidden")]
    DeleteTemplateProcess {
        /// The process's name.
        name: String,
    },
    /// A process made from a template fails the instance validation.
    #[error("The creation process failed")]
    CreateProcessFailed,
    /// The module is not bound to a service template.
    #[error("module not bound with template")]
    ModuleWithoutTemplate,
    /// A service template's process template cannot be instantiated on the host.
    #[error("'{field}' data parameter verification does not pass: {detail}")]
    Instantiate {
        /// The field.
        field: String,
        /// Why.
        detail: String,
    },
    /// A plain error of the server's (not a CMDB error): code 1199998 with the
    /// error's own text, as the server answers them.
    #[error("{text}")]
    Unrecognized {
        /// The error's text.
        text: String,
    },
    /// `create_process_instance` without processes: the server's own text.
    #[error("not set processes")]
    NoProcesses,
    /// The database failed; the request changed nothing.
    #[error("'{0}' Internal Server Error")]
    Internal(String),
}

impl ApiError {
    /// CMDB's error code.
    #[must_use]
    pub const fn code(&self) -> i64 {
        match self {
            Self::MissingCredentials
            | Self::BadCredentials { .. }
            | Self::BadAuthorizationHeader => 1_199_048,
            Self::UnknownPath { .. }
            | Self::MethodNotAllowed { .. }
            | Self::ParamNotExist { .. }
            | Self::NoProcesses => 1_199_011,
            Self::BodyTooLarge { .. } | Self::UnsupportedMediaType { .. } => 1_199_030,
            Self::BodyRead | Self::BodyTimeout { .. } => 1_199_004,
            Self::EmptyBody => 1_199_005,
            Self::InvalidInput => 1_199_003,
            Self::InvalidJson { .. } => 1_199_000,
            Self::ParamInvalid { .. } | Self::Instantiate { .. } => 1_199_006,
            Self::ParamNeedSet { .. } => 1_199_010,
            Self::ExceedLimit { .. } | Self::TooManyConnections { .. } => 1_199_035,
            Self::NotFound => 1_199_019,
            Self::ProcessNameDuplicated { .. } => 1_113_019,
            Self::FuncNameDuplicated { .. } => 1_113_020,
            Self::Duplicated { .. } => 1_199_014,
            Self::TemplateBoundInstance => 1_108_035,
            Self::CreateProcessFailed => 1_108_008,
            Self::DeleteTemplateProcess { .. } => 1_113_022,
            Self::ModuleWithoutTemplate => 1_113_021,
            Self::Unrecognized { .. } => 1_199_998,
            Self::Internal(_) => 1_199_999,
        }
    }

    /// The HTTP status. CMDB answers its own errors with 200 and `result: false`;
    /// what the gateway in front of it refuses (credentials, paths, methods,
    /// bodies) gets a 4xx status, as the gateway does.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        match self {
            Self::MissingCredentials
            | Self::BadCredentials { .. }
            | Self::BadAuthorizationHeader => StatusCode::UNAUTHORIZED,
            Self::UnknownPath { .. } => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            Self::TooManyConnections { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::OK,
        }
    }
}

impl ApiError {
    /// `CCErrCommParamsInvalid` on `field`, without more detail (as CMDB says it).
    #[must_use]
    pub fn invalid(field: &str) -> Self {
        Self::ParamInvalid {
            field: field.to_owned(),
            detail: String::new(),
        }
    }

    /// `CCErrCommParamsInvalid` on `field`, saying why.
    #[must_use]
    pub fn invalid_because(field: &str, detail: impl std::fmt::Display) -> Self {
        Self::ParamInvalid {
            field: field.to_owned(),
            detail: format!(": {detail}"),
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::Internal("database".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credential_error_names_the_app_and_nothing_else() {
        let error = ApiError::BadCredentials {
            app_code: "ops-script".to_owned(),
        };
        assert_eq!(error.code(), 1_199_048);
        assert_eq!(
            error.to_string(),
            "app authentication failed: bk_app_code [ops-script] is unknown or its bk_app_secret is wrong"
        );
    }

    #[test]
    fn cmdb_messages_fill_in_their_placeholder() {
        let error = ApiError::ProcessNameDuplicated {
            name: "p1".to_owned(),
        };
        assert_eq!(error.code(), 1_113_019);
        assert_eq!(
            error.to_string(),
            "process name [p1] unique validation failed"
        );
        assert_eq!(error.status(), StatusCode::OK);
    }
}
