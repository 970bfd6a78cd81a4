// Only structs with named fields.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
enum Worker {
    Named(Patch<String>),
    Counted(Option<i64>),
}

fn main() {}
