// An unknown key inside a field's #[cc(...)]: the error names the key and lists
// the valid ones.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(requird)]
    name: Patch<String>,
    copies: Option<i64>,
}

fn main() {}
