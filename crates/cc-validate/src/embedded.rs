//! The committed schemas of `schemas/`, embedded at build time. They are written
//! by `cargo xtask schema` from the models, and a test checks they still match.

use cc_model::{Endpoint, PayloadKind};

macro_rules! embedded {
    ($($endpoint:ident => $name:literal),* $(,)?) => {
        /// The committed schema text of an endpoint's request or response body.
        #[must_use]
        pub fn schema_text(endpoint: Endpoint, kind: PayloadKind) -> &'static str {
            match (endpoint, kind) {
                $(
                    (Endpoint::$endpoint, PayloadKind::Request) => include_str!(
                        concat!("../../../schemas/", $name, ".request.json")
                    ),
                    (Endpoint::$endpoint, PayloadKind::Response) => include_str!(
                        concat!("../../../schemas/", $name, ".response.json")
                    ),
                )*
            }
        }
    };
}

embedded! {
    BatchCreateProcTemplate => "batch_create_proc_template",
    UpdateProcessInstance => "update_process_instance",
}
