// Two fields renamed to the same template key.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(rename = "count")]
    copies: Patch<i64>,
    #[cc(rename = "count")]
    replicas: Option<i64>,
}

fn main() {}
