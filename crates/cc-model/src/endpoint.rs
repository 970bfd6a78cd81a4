//! The endpoints this crate models, and which request and response types belong to
//! each.

use crate::endpoints::{
    BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse, UpdateProcessInstanceRequest,
    UpdateProcessInstanceResponse,
};
use schemars::{Schema, SchemaGenerator};
use std::fmt;
use std::str::FromStr;

/// A CMDB API endpoint whose payloads are modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    /// `batch_create_proc_template`: create process templates in a service template.
    BatchCreateProcTemplate,
    /// `update_process_instance`: edit process instances.
    UpdateProcessInstance,
}

/// Whether a payload is a request body or a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PayloadKind {
    /// A request body.
    Request,
    /// A response body (`{result, code, message, data, ...}`).
    Response,
}

impl PayloadKind {
    /// Both kinds, requests first.
    pub const ALL: [Self; 2] = [Self::Request, Self::Response];

    /// `request` or `response`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
        }
    }
}

impl fmt::Display for PayloadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Endpoint {
    /// Every modelled endpoint, in name order.
    pub const ALL: [Self; 2] = [Self::BatchCreateProcTemplate, Self::UpdateProcessInstance];

    /// The endpoint's API name, as in its URL.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::BatchCreateProcTemplate => "batch_create_proc_template",
            Self::UpdateProcessInstance => "update_process_instance",
        }
    }

    /// The root schema of the endpoint's request or response body.
    #[must_use]
    pub fn root_schema(self, generator: SchemaGenerator, kind: PayloadKind) -> Schema {
        match (self, kind) {
            (Self::BatchCreateProcTemplate, PayloadKind::Request) => {
                generator.into_root_schema_for::<BatchCreateProcTemplateRequest>()
            }
            (Self::BatchCreateProcTemplate, PayloadKind::Response) => {
                generator.into_root_schema_for::<BatchCreateProcTemplateResponse>()
            }
            (Self::UpdateProcessInstance, PayloadKind::Request) => {
                generator.into_root_schema_for::<UpdateProcessInstanceRequest>()
            }
            (Self::UpdateProcessInstance, PayloadKind::Response) => {
                generator.into_root_schema_for::<UpdateProcessInstanceResponse>()
            }
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An endpoint name that is not one of [`Endpoint::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEndpoint(pub String);

impl fmt::Display for UnknownEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown endpoint `{}`; expected one of ", self.0)?;
        for (index, endpoint) in Endpoint::ALL.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(endpoint.name())?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownEndpoint {}

impl FromStr for Endpoint {
    type Err = UnknownEndpoint;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|endpoint| endpoint.name() == name)
            .ok_or_else(|| UnknownEndpoint(name.to_owned()))
    }
}
