// `#[serde(rename_all)]` changes every JSON key behind the derive's back.
use cc_model::{Patch, ProcessTemplate};

#[derive(serde::Serialize, serde::Deserialize, ProcessTemplate)]
#[serde(rename_all = "camelCase")]
struct Worker {
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    bk_name: Patch<String>,
}

fn main() {}
