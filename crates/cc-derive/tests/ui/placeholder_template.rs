// With a bad attribute the derive still emits a placeholder template type and trait
// impl, so code naming them reports only the attribute error, not a cascade.
use cc_model::{Patch, ProcessTemplate};

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, ProcessTemplate)]
struct Worker {
    #[cc(requird)]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    name: Patch<String>,
}

fn main() {
    let _template: WorkerTemplate = Default::default();
    let _fields = <Worker as ProcessTemplate>::FIELDS.len();
}
