// A nested list's row type comes from the row's own derive, not template_type.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    #[cc(nested, template_type = "Vec<String>")]
    ports: Patch<Vec<String>>,
    copies: Option<i64>,
}

fn main() {}
