//! `batch_create_proc_template`: create process templates in a service template.

use crate::{Auth, Patch, ProcessTemplateSpec, Response};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// The request body of `batch_create_proc_template`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = crate::schema::require_biz_and_processes)]
pub struct BatchCreateProcTemplateRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id. The server answers an empty or missing `processes` before
    /// reading it, so the model reads a body without it (as 0); the schema
    /// keeps it required, as the docs do.
    #[serde(default)]
    pub bk_biz_id: i64,
    /// The service template the processes belong to. The docs call it optional;
    /// the server rejects a missing or 0 id.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_template_id: Patch<i64>,
    /// The process templates to create (at most 100; an empty list does nothing).
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub processes: Vec<ProcessTemplateEntry>,
}

/// One process template to create.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProcessTemplateEntry {
    /// The template's fields, each as `{value, as_default_value}`.
    pub spec: ProcessTemplateSpec,
}

/// The response of `batch_create_proc_template`.
pub type BatchCreateProcTemplateResponse = Response<TemplateIds>;

/// The ids of the created templates.
///
/// The server sends a flat list (`[52]`); older docs show it nested (`[[52]]`).
/// Both parse, into the flat list of ids, which is what is written back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TemplateIds(pub Vec<i64>);

impl Serialize for TemplateIds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for TemplateIds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Id {
            Flat(i64),
            Nested(Vec<i64>),
        }
        let ids = Vec::<Id>::deserialize(deserializer)?;
        Ok(Self(
            ids.into_iter()
                .flat_map(|id| match id {
                    Id::Flat(id) => vec![id],
                    Id::Nested(ids) => ids,
                })
                .collect(),
        ))
    }
}

impl JsonSchema for TemplateIds {
    fn schema_name() -> Cow<'static, str> {
        "TemplateIds".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Ids of the created process templates: a flat list (`[52]`, what the server sends) or the nested form of older docs (`[[52]]`).",
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "integer", "format": "int64"},
                    {"type": "array", "items": {"type": "integer", "format": "int64"}}
                ]
            }
        })
    }
}
