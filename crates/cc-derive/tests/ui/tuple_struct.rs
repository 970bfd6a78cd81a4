// Only structs with named fields.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker(Patch<String>, Option<i64>);

fn main() {}
