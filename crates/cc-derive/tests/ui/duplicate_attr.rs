// The same key twice: the second occurrence is reported.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(skip, skip)]
    id: Patch<i64>,
    copies: Option<i64>,
}

fn main() {}
