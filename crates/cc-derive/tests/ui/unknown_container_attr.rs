// An unknown key in the struct's #[cc(...)].
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
#[cc(templat = "WorkerSpec")]
struct Worker {
    name: Patch<String>,
    copies: Option<i64>,
}

fn main() {}
