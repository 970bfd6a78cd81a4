// template_type must parse as a Rust type.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(template_type = "not a type!")]
    addr: Patch<String>,
    copies: Option<i64>,
}

fn main() {}
