//! The host a template is instantiated on, and how a template value becomes an
//! instance value there (a bind-type code becomes an address).

use crate::codes::BindType;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The addresses of a host, as CMDB's host fields hold them: comma-separated
/// lists, of which the first address counts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Host {
    /// Inner (LAN) IPv4 addresses, comma-separated.
    pub bk_host_innerip: Option<String>,
    /// Outer (WAN) IPv4 addresses, comma-separated.
    pub bk_host_outerip: Option<String>,
    /// Inner IPv6 addresses, comma-separated.
    pub bk_host_innerip_v6: Option<String>,
    /// Outer IPv6 addresses, comma-separated.
    pub bk_host_outerip_v6: Option<String>,
}

/// The first address of a comma-separated list, if any.
fn first(list: Option<&String>) -> Option<&str> {
    list?
        .split(',')
        .map(str::trim)
        .find(|address| !address.is_empty())
}

impl Host {
    /// The address a bind type resolves to on this host; `Ok(None)` for an unset
    /// bind type, `Err` naming the missing host field for codes 3/4/7/8.
    pub fn resolve(&self, bind: BindType) -> Result<Option<String>, &'static str> {
        let (field, list) = match bind {
            BindType::Unset => return Ok(None),
            BindType::Localhost => return Ok(Some("127.0.0.1".to_owned())),
            BindType::All => return Ok(Some("0.0.0.0".to_owned())),
            BindType::LocalhostV6 => return Ok(Some("::1".to_owned())),
            BindType::AllV6 => return Ok(Some("::".to_owned())),
            BindType::FirstInnerIp => ("bk_host_innerip", &self.bk_host_innerip),
            BindType::FirstOuterIp => ("bk_host_outerip", &self.bk_host_outerip),
            BindType::FirstInnerIpV6 => ("bk_host_innerip_v6", &self.bk_host_innerip_v6),
            BindType::FirstOuterIpV6 => ("bk_host_outerip_v6", &self.bk_host_outerip_v6),
        };
        first(list.as_ref())
            .map(|address| Some(address.to_owned()))
            .ok_or(field)
    }
}

/// Why a template could not be turned into instance values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstantiateError {
    /// A bind type needs a host address the host does not have.
    MissingHostAddress {
        /// Pointer to the template value (`/bind_info/value/0/ip/value`).
        pointer: String,
        /// The bind type.
        bind: BindType,
        /// The host field that is empty.
        host_field: &'static str,
    },
    /// The template lacks a value every instance needs (a bind row's `port` or
    /// `protocol`, a process's name): `null`, missing or empty.
    MissingRequiredValue {
        /// Pointer to the template value.
        pointer: String,
        /// The field.
        field: &'static str,
    },
}

impl fmt::Display for InstantiateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHostAddress {
                pointer,
                bind,
                host_field,
            } => write!(
                f,
                "{pointer}: bind type \"{bind}\" needs the host's `{host_field}`, and the host has none"
            ),
            Self::MissingRequiredValue { pointer, field } => write!(
                f,
                "{pointer}: the template has no `{field}`; every instance needs one"
            ),
        }
    }
}

impl std::error::Error for InstantiateError {}

/// Turns a template value into the instance value it stands for on a host.
///
/// Every type is its own instance value; a [`BindType`] becomes an address.
pub trait Resolve<Out> {
    /// The instance value; `Ok(None)` when the template value stands for no value.
    fn resolve(&self, host: Option<&Host>, pointer: &str) -> Result<Option<Out>, InstantiateError>;
}

impl<T: Clone> Resolve<T> for T {
    fn resolve(&self, _: Option<&Host>, _: &str) -> Result<Option<T>, InstantiateError> {
        Ok(Some(self.clone()))
    }
}

impl Resolve<String> for BindType {
    fn resolve(
        &self,
        host: Option<&Host>,
        pointer: &str,
    ) -> Result<Option<String>, InstantiateError> {
        let missing = |host_field| InstantiateError::MissingHostAddress {
            pointer: pointer.to_owned(),
            bind: *self,
            host_field,
        };
        match host {
            Some(host) => host.resolve(*self).map_err(missing),
            None => Host::default().resolve(*self).map_err(missing),
        }
    }
}
