// A field cannot be both copied unwrapped and a nested list of rows.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(plain, nested)]
    ports: Patch<Vec<i64>>,
    copies: Option<i64>,
}

fn main() {}
