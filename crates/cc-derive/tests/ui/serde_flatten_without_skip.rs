use cc_model::{Patch, ProcessTemplate};

#[derive(serde::Deserialize, Default)]
struct Extra {
    note: Option<String>,
}

#[derive(serde::Deserialize, ProcessTemplate)]
struct Worker {
    name: Patch<String>,
    #[serde(flatten)]
    extra: Option<Extra>,
}

fn main() {}
