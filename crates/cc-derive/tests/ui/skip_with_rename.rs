// `rename` on a skipped field cannot mean anything.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(skip, rename = "worker_id")]
    id: Patch<i64>,
    copies: Option<i64>,
}

fn main() {}
