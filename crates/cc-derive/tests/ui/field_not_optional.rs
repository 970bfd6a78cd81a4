// Every field must be Option<T> or Patch<T>.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
struct Worker {
    name: Patch<String>,
    copies: i64,
}

fn main() {}
