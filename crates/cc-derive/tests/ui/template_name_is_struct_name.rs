// The generated type cannot take the struct's own name.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
#[cc(template = "Worker")]
struct Worker {
    name: Patch<String>,
    copies: Option<i64>,
}

fn main() {}
