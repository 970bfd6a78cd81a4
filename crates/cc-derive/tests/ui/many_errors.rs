// Several mistakes in one struct: every one is reported by the same compile.
use cc_model::{Patch, ProcessTemplate};

#[derive(ProcessTemplate)]
#[cc(colour = "blue")]
struct Worker {
    #[cc(requird)]
    name: Patch<String>,
    #[cc(legacy, legacy)]
    old: Patch<String>,
    #[cc(rename = "")]
    copies: Option<i64>,
    #[cc(plain, required)]
    row: Patch<i64>,
    enabled: bool,
}

fn main() {}
