//! What the CMDB server (bk-cmdb 111e7ac, `docs/semantics.md`) does with a
//! request whose payload has a rule's finding: the one place this is written.
//! The rule docs (`cc-lint explain`, `docs/rules.md`) and the server model read
//! it from here.

use crate::vocab::rule::Rule;
use cc_model::Endpoint;
use std::fmt;

/// The server's answer to a request with a given rule's finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServerVerdict {
    /// The server refuses the call.
    Rejects {
        /// The CMDB error code of the response (`src/common/errInfo.go`);
        /// `None` where it depends on which field fails.
        code: Option<u32>,
    },
    /// The server accepts the call; the finding is about what it silently does
    /// (drops, ignores, resets) or a stricter check of the linter's own.
    Accepts,
    /// Accepted or refused depending on the finding's details; the rule's docs
    /// say which.
    Depends,
    /// The rule never reports on this endpoint's requests, or is about the input
    /// file rather than the server (`file-too-large`).
    NotApplicable,
}

impl ServerVerdict {
    /// True when the server refuses the call.
    #[must_use]
    pub const fn rejects(self) -> bool {
        matches!(self, Self::Rejects { .. })
    }

    const fn code(code: u32) -> Self {
        Self::Rejects { code: Some(code) }
    }
}

impl fmt::Display for ServerVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejects { code: Some(code) } => write!(f, "refused ({code})"),
            Self::Rejects { code: None } => f.write_str("refused (the code depends on the field)"),
            Self::Accepts => f.write_str("accepted"),
            Self::Depends => f.write_str("accepted or refused, depending on the value"),
            Self::NotApplicable => f.write_str("not applicable"),
        }
    }
}

/// Deserialising failed (`1199000`).
const DECODE: u32 = 1_199_000;
/// `'%s' data parameter verification does not pass`.
const VERIFY: u32 = 1_199_006;
/// `'%s' the parameter is invalid or does not exist`: every instance
/// validation error, wrapped.
const INVALID: u32 = 1_199_011;
/// A plain Go error (the template whitespace check).
const UNKNOWN: u32 = 1_199_998;

const fn is_template(endpoint: Endpoint) -> bool {
    matches!(
        endpoint,
        Endpoint::BatchCreateProcTemplate | Endpoint::UpdateProcTemplate
    )
}

const fn is_instance(endpoint: Endpoint) -> bool {
    matches!(
        endpoint,
        Endpoint::CreateProcessInstance | Endpoint::UpdateProcessInstance
    ) || creates_from_body(endpoint)
}

/// `create_service_instance` creates the processes it carries as
/// `create_process_instance` does (`serviceinstance.go:208-216`, a module
/// without a template).
const fn creates_from_body(endpoint: Endpoint) -> bool {
    matches!(endpoint, Endpoint::CreateServiceInstance)
}

const fn is_write(endpoint: Endpoint) -> bool {
    is_template(endpoint) || is_instance(endpoint)
}

impl Rule {
    /// What the server does with a request to `endpoint` whose payload has this
    /// rule's finding (semantics sections cited in each rule's docs).
    #[must_use]
    pub const fn server_verdict(self, endpoint: Endpoint) -> ServerVerdict {
        use Endpoint as E;
        use ServerVerdict as V;
        let template = is_template(endpoint);
        let instance = is_instance(endpoint);
        match self {
            // FileTooLarge: about the input file, not the server's answer.
            Self::JsonSyntax => V::code(DECODE),
            Self::DuplicateKey
            | Self::LegacyField
            | Self::KeyCase
            | Self::DuplicateRowId
            | Self::SecretInPayload
            | Self::IgnoredField => V::Accepts,
            Self::Schema => V::Rejects { code: None },
            Self::IntegerLiteral => match endpoint {
                // `process_info` is a raw map: a fraction is checked as 0.
                E::CreateProcessInstance | E::CreateServiceInstance => V::Depends,
                _ => V::code(DECODE),
            },
            Self::UnknownField => match endpoint {
                // A bind row key that is no sub-attribute refuses the row.
                E::CreateProcessInstance | E::CreateServiceInstance => V::Depends,
                _ => V::Accepts,
            },
            Self::SurroundingWhitespace => match endpoint {
                E::BatchCreateProcTemplate => V::code(UNKNOWN),
                _ => V::Accepts,
            },
            Self::PortSyntax
            | Self::PortOverlap
            | Self::BindIpCode
            | Self::PortRangeOrder
            | Self::IpProtocolFamily
                if template =>
            {
                V::code(VERIFY)
            }
            // Instance ports and addresses are `instance-attribute` and
            // `instance-ip`; the template port and family rules never report
            // on instances (where a reversed range and any family pass).
            Self::InstanceIp | Self::InstanceAttribute if instance => V::code(INVALID),
            Self::DuplicateProcessName => match endpoint {
                E::BatchCreateProcTemplate => V::code(1_113_019),
                E::CreateProcessInstance | E::CreateServiceInstance => V::code(1_199_014),
                _ => V::NotApplicable,
            },
            Self::DuplicateFuncNameRegex => match endpoint {
                E::BatchCreateProcTemplate => V::code(1_113_020),
                E::CreateProcessInstance | E::CreateServiceInstance => V::code(1_199_014),
                _ => V::NotApplicable,
            },
            Self::TooManyItems
                if is_write(endpoint)
                    || matches!(endpoint, E::DeleteProcTemplate | E::DeleteServiceInstance) =>
            {
                V::code(1_199_035)
            }
            Self::TooManyItems
                if matches!(
                    endpoint,
                    E::ListServiceInstance | E::ListServiceTemplateDifference
                ) =>
            {
                V::Rejects { code: None }
            }
            Self::EmptyBatch => match endpoint {
                E::CreateProcessInstance => V::code(INVALID),
                E::DeleteProcTemplate => V::code(1_199_010),
                E::BatchCreateProcTemplate | E::UpdateProcessInstance => V::Accepts,
                _ => V::NotApplicable,
            },
            Self::MissingServiceTemplateId => match endpoint {
                E::BatchCreateProcTemplate => V::code(VERIFY),
                _ => V::NotApplicable,
            },
            Self::MissingProcessId => match endpoint {
                E::UpdateProcessInstance => V::code(VERIFY),
                _ => V::NotApplicable,
            },
            Self::InvalidId => match endpoint {
                E::BatchCreateProcTemplate => V::code(VERIFY),
                E::UpdateProcTemplate => V::code(1_199_003),
                E::CreateProcessInstance => V::code(1_199_019),
                E::UpdateProcessInstance => V::Rejects { code: None },
                _ => V::NotApplicable,
            },
            Self::StartCheckSecsRange => match endpoint {
                // A template holding 601..10000 is created; its instances are not.
                E::BatchCreateProcTemplate | E::UpdateProcTemplate => V::Accepts,
                _ => V::NotApplicable,
            },
            Self::RawProcessEdit => match endpoint {
                E::UpdateProcessInstance => V::Accepts,
                _ => V::NotApplicable,
            },
            Self::LockedFieldEdit | Self::UnmatchedTemplateRow | Self::BindInfoReset => {
                match endpoint {
                    E::UpdateProcessInstance => V::Accepts,
                    _ => V::NotApplicable,
                }
            }
            _ => V::NotApplicable,
        }
    }

    /// The endpoints whose requests the rule can report on, each with the
    /// server's verdict, grouped: endpoints with the same verdict together, in
    /// [`Endpoint::ALL`] order.
    #[must_use]
    pub fn server_verdicts(self) -> Vec<(Vec<Endpoint>, ServerVerdict)> {
        let mut out: Vec<(Vec<Endpoint>, ServerVerdict)> = Vec::new();
        for endpoint in Endpoint::ALL {
            let verdict = self.server_verdict(endpoint);
            if verdict == ServerVerdict::NotApplicable {
                continue;
            }
            match out.iter_mut().find(|(_, seen)| *seen == verdict) {
                Some((endpoints, _)) => endpoints.push(endpoint),
                None => out.push((vec![endpoint], verdict)),
            }
        }
        out
    }

    /// One sentence for the rule's docs: what the server does with a payload
    /// that has this rule's finding, and, for an error the server accepts, why
    /// the linter is stricter.
    #[must_use]
    pub fn server_verdict_text(self) -> String {
        let verdicts = self.server_verdicts();
        if verdicts.is_empty() {
            return "The server: not applicable (the rule is about the input, not the server's \
                    answer)."
                .to_owned();
        }
        let parts: Vec<String> = verdicts
            .iter()
            .map(|(endpoints, verdict)| {
                if endpoints.len() == Endpoint::ALL.len() {
                    return format!("{verdict} on every endpoint");
                }
                let names: Vec<&str> = endpoints.iter().map(|endpoint| endpoint.name()).collect();
                format!("{verdict} on {}", names.join(", "))
            })
            .collect();
        let mut text = format!("The server: {}.", parts.join("; "));
        if let Some(why) = self.stricter_than_server() {
            text.push_str(" The linter reports it as an error although the server accepts it: ");
            text.push_str(why);
            text.push('.');
        }
        text
    }

    /// Why the linter reports this rule as an error by default although the
    /// server accepts such a payload on some endpoint; `None` for the rules
    /// that do not.
    #[must_use]
    pub const fn stricter_than_server(self) -> Option<&'static str> {
        match self {
            Self::DuplicateKey => Some(
                "the server keeps the last occurrence without a word, so the payload does not \
                 say what it seems to; the linter asks for one occurrence",
            ),
            Self::DuplicateRowId => Some(
                "the server accepts repeated row ids, then pairs rows by them (the last instance \
                 or edit row wins), so one of the rows is silently lost; the linter asks for \
                 distinct ids",
            ),
            Self::UnknownField => Some(
                "the server ignores a key it does not know, so a misspelt field (a key within \
                 a typo of a field of its object) is simply not set and the payload does not \
                 do what it says; only such keys are errors, any other unknown key is a warning",
            ),
            _ => None,
        }
    }
}
