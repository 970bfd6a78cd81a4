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

/// The address a host field gives, as the server cuts it (`process.go:939-946`
/// at bk-cmdb 111e7ac): the field whole when its comma-trimmed form has no
/// comma, else the field up to the position of the first comma of the
/// comma-trimmed form. So `"10.0.0.5,10.0.0.6"` gives `"10.0.0.5"`, a missing
/// or empty field `""`, and the quirks follow: `",10.0.0.5,10.0.0.6"` gives
/// `",10.0.0."` and `"10.0.0.5,"` stays `"10.0.0.5,"` (which the instance
/// checks then refuse).
fn first(list: Option<&String>) -> String {
    let list = list.map_or("", String::as_str);
    match list.trim_matches(',').find(',') {
        Some(index) => list.get(..index).unwrap_or(list).to_owned(),
        None => list.to_owned(),
    }
}

impl Host {
    /// The address a bind type resolves to on this host; `Ok(None)` for an unset
    /// bind type. Codes 3/4/7/8 give the host field's first address as the
    /// server cuts it, `""` when the host has none (semantics section 4).
    pub fn resolve(&self, bind: BindType) -> Result<Option<String>, &'static str> {
        let list = match bind {
            BindType::Unset => return Ok(None),
            BindType::Localhost => return Ok(Some("127.0.0.1".to_owned())),
            BindType::All => return Ok(Some("0.0.0.0".to_owned())),
            BindType::LocalhostV6 => return Ok(Some("::1".to_owned())),
            BindType::AllV6 => return Ok(Some("::".to_owned())),
            BindType::FirstInnerIp => &self.bk_host_innerip,
            BindType::FirstOuterIp => &self.bk_host_outerip,
            BindType::FirstInnerIpV6 => &self.bk_host_innerip_v6,
            BindType::FirstOuterIpV6 => &self.bk_host_outerip_v6,
        };
        Ok(Some(first(list.as_ref())))
    }
}

/// The host field a bind type reads, for codes 3/4/7/8.
const fn host_field(bind: BindType) -> Option<&'static str> {
    match bind {
        BindType::FirstInnerIp => Some("bk_host_innerip"),
        BindType::FirstOuterIp => Some("bk_host_outerip"),
        BindType::FirstInnerIpV6 => Some("bk_host_innerip_v6"),
        BindType::FirstOuterIpV6 => Some("bk_host_outerip_v6"),
        _ => None,
    }
}

/// Why a template could not be turned into instance values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstantiateError {
    /// A bind type needs a host address and no host was given ("process host
    /// is not specified to get bind ip", `process.go:935-937`).
    MissingHostAddress {
        /// Pointer to the template value (`/bind_info/value/0/ip/value`).
        pointer: String,
        /// The bind type.
        bind: BindType,
        /// The host field the bind type reads.
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
                "{pointer}: bind type \"{bind}\" needs the host's `{host_field}`, and no host is given"
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
        match (host, host_field(*self)) {
            (None, Some(host_field)) => Err(InstantiateError::MissingHostAddress {
                pointer: pointer.to_owned(),
                bind: *self,
                host_field,
            }),
            (Some(host), _) => Ok(host.resolve(*self).unwrap_or_default()),
            (None, None) => Ok(Host::default().resolve(*self).unwrap_or_default()),
        }
    }
}
