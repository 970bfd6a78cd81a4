// `null_as_default` naming an operation that does not exist.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Row {
    #[cc(null_as_default(instantiate, create))]
    enable: Patch<bool>,
}

fn main() {}
