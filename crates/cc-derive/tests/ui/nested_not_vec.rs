// `nested` needs a list of rows.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(nested)]
    port: Patch<String>,
    copies: Option<i64>,
}

fn main() {}
