// Only structs with named fields.
use cc_model::ProcessTemplate;

#[derive(ProcessTemplate)]
struct Worker;

fn main() {}
