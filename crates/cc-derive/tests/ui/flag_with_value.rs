// A flag written with a value.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(skip = "x")]
    id: Patch<i64>,
    copies: Option<i64>,
}

fn main() {}
