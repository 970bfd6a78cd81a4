//! The server's code tables: bind-type codes and protocol codes, serialised as the
//! string codes the API uses.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Which address a template bind row binds to, resolved per host at instantiation.
///
/// The API writes these as the string codes `"1"` to `"8"`; an empty string means
/// no bind type (allowed in the open-source edition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BindType {
    /// `""`: no bind type.
    #[serde(rename = "")]
    Unset,
    /// `"1"`: localhost, 127.0.0.1.
    #[serde(rename = "1")]
    Localhost,
    /// `"2"`: all IPv4 addresses, 0.0.0.0.
    #[serde(rename = "2")]
    All,
    /// `"3"`: the host's first inner IPv4 address.
    #[serde(rename = "3")]
    FirstInnerIp,
    /// `"4"`: the host's first outer IPv4 address.
    #[serde(rename = "4")]
    FirstOuterIp,
    /// `"5"`: IPv6 localhost, `::1`.
    #[serde(rename = "5")]
    LocalhostV6,
    /// `"6"`: all IPv6 addresses, `::`.
    #[serde(rename = "6")]
    AllV6,
    /// `"7"`: the host's first inner IPv6 address.
    #[serde(rename = "7")]
    FirstInnerIpV6,
    /// `"8"`: the host's first outer IPv6 address.
    #[serde(rename = "8")]
    FirstOuterIpV6,
}

/// The address family a bind type or protocol belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

impl BindType {
    /// Every bind type, in code order.
    pub const ALL: [Self; 9] = [
        Self::Unset,
        Self::Localhost,
        Self::All,
        Self::FirstInnerIp,
        Self::FirstOuterIp,
        Self::LocalhostV6,
        Self::AllV6,
        Self::FirstInnerIpV6,
        Self::FirstOuterIpV6,
    ];

    /// The string code the API uses.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Unset => "",
            Self::Localhost => "1",
            Self::All => "2",
            Self::FirstInnerIp => "3",
            Self::FirstOuterIp => "4",
            Self::LocalhostV6 => "5",
            Self::AllV6 => "6",
            Self::FirstInnerIpV6 => "7",
            Self::FirstOuterIpV6 => "8",
        }
    }

    /// The address family, or `None` for [`BindType::Unset`].
    #[must_use]
    pub const fn family(self) -> Option<Family> {
        match self {
            Self::Unset => None,
            Self::Localhost | Self::All | Self::FirstInnerIp | Self::FirstOuterIp => {
                Some(Family::V4)
            }
            Self::LocalhostV6 | Self::AllV6 | Self::FirstInnerIpV6 | Self::FirstOuterIpV6 => {
                Some(Family::V6)
            }
        }
    }
}

impl fmt::Display for BindType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The protocol of a bind row, as the API's string codes `"1"` to `"4"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Protocol {
    /// `"1"`: TCP over IPv4.
    #[serde(rename = "1")]
    Tcp,
    /// `"2"`: UDP over IPv4.
    #[serde(rename = "2")]
    Udp,
    /// `"3"`: TCP over IPv6.
    #[serde(rename = "3")]
    Tcp6,
    /// `"4"`: UDP over IPv6.
    #[serde(rename = "4")]
    Udp6,
}

impl Protocol {
    /// Every protocol, in code order.
    pub const ALL: [Self; 4] = [Self::Tcp, Self::Udp, Self::Tcp6, Self::Udp6];

    /// The string code the API uses.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Tcp => "1",
            Self::Udp => "2",
            Self::Tcp6 => "3",
            Self::Udp6 => "4",
        }
    }

    /// The address family the protocol runs over.
    #[must_use]
    pub const fn family(self) -> Family {
        match self {
            Self::Tcp | Self::Udp => Family::V4,
            Self::Tcp6 | Self::Udp6 => Family::V6,
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A string-code enum's schema: `{"type": "string", "enum": [codes...]}`, so that a
/// bad code fails one `enum` check that names every allowed code.
fn code_schema(description: &str, codes: impl Iterator<Item = &'static str>) -> Schema {
    let codes: Vec<&str> = codes.collect();
    json_schema!({
        "description": description,
        "type": "string",
        "enum": codes,
    })
}

impl JsonSchema for BindType {
    fn schema_name() -> Cow<'static, str> {
        "BindType".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        code_schema(
            "Bind type code: \"1\" 127.0.0.1, \"2\" 0.0.0.0, \"3\" first inner IPv4, \"4\" first outer IPv4, \"5\" ::1, \"6\" ::, \"7\" first inner IPv6, \"8\" first outer IPv6, \"\" none.",
            Self::ALL.iter().map(|bind| bind.code()),
        )
    }
}

impl JsonSchema for Protocol {
    fn schema_name() -> Cow<'static, str> {
        "Protocol".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        code_schema(
            "Protocol code: \"1\" TCP, \"2\" UDP, \"3\" TCP6, \"4\" UDP6.",
            Self::ALL.iter().map(|protocol| protocol.code()),
        )
    }
}
