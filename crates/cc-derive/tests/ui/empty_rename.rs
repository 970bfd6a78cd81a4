// An empty template key.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(rename = "")]
    name: Patch<String>,
    copies: Option<i64>,
}

fn main() {}
