//! The endpoints the server serves: their names and the backend routes of
//! CMDB's routing table (docs/apidoc/cc/cc.yaml `dest_path` and
//! `dest_http_method`, as in the conformance corpus's INDEX.md).

use axum::http::Method;

macro_rules! endpoints {
    ($($variant:ident => $name:literal, $method:ident, $path:literal, $validated:expr;)*) => {
        /// One endpoint of the process API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Endpoint {
            $(
                #[doc = concat!("`", $name, "`.")]
                $variant,
            )*
        }

        impl Endpoint {
            /// Every endpoint served.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The ESB name (`/api/c/compapi/v2/cc/<name>/`).
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }

            /// The backend route: method and path, path parameters in braces.
            #[must_use]
            pub fn backend(self) -> (Method, &'static str) {
                match self {
                    $(Self::$variant => (Method::$method, $path),)*
                }
            }

            /// The cc-validate endpoint whose checks the request goes through, if
            /// cc-validate models it.
            #[must_use]
            pub const fn validated(self) -> Option<cc_validate::Endpoint> {
                match self {
                    $(Self::$variant => $validated,)*
                }
            }
        }
    };
}

use cc_validate::Endpoint as V;

endpoints! {
    BatchCreateProcTemplate => "batch_create_proc_template", POST, "/api/v3/createmany/proc/proc_template", Some(V::BatchCreateProcTemplate);
    UpdateProcTemplate => "update_proc_template", PUT, "/api/v3/update/proc/proc_template", Some(V::UpdateProcTemplate);
    DeleteProcTemplate => "delete_proc_template", DELETE, "/api/v3/deletemany/proc/proc_template", Some(V::DeleteProcTemplate);
    GetProcTemplate => "get_proc_template", POST, "/api/v3/find/proc/proc_template/id/{process_template_id}", Some(V::GetProcTemplate);
    ListProcTemplate => "list_proc_template", POST, "/api/v3/findmany/proc/proc_template", Some(V::ListProcTemplate);
    CreateProcessInstance => "create_process_instance", POST, "/api/v3/create/proc/process_instance", Some(V::CreateProcessInstance);
    UpdateProcessInstance => "update_process_instance", PUT, "/api/v3/update/proc/process_instance", Some(V::UpdateProcessInstance);
    DeleteProcessInstance => "delete_process_instance", DELETE, "/api/v3/delete/proc/process_instance", Some(V::DeleteProcessInstance);
    ListProcessInstance => "list_process_instance", POST, "/api/v3/findmany/proc/process_instance", Some(V::ListProcessInstance);
    ListProcessDetailByIds => "list_process_detail_by_ids", POST, "/api/v3/findmany/proc/process_instance/detail/biz/{bk_biz_id}", Some(V::ListProcessDetailByIds);
    ListProcessRelatedInfo => "list_process_related_info", POST, "/api/v3/findmany/proc/process_related_info/biz/{bk_biz_id}", Some(V::ListProcessRelatedInfo);
    CreateServiceTemplate => "create_service_template", POST, "/api/v3/create/proc/service_template", Some(V::CreateServiceTemplate);
    CreateServiceInstance => "create_service_instance", POST, "/api/v3/create/proc/service_instance", Some(V::CreateServiceInstance);
    ListServiceInstance => "list_service_instance", POST, "/api/v3/findmany/proc/service_instance", Some(V::ListServiceInstance);
    DeleteServiceInstance => "delete_service_instance", DELETE, "/api/v3/deletemany/proc/service_instance", Some(V::DeleteServiceInstance);
    ListServiceTemplateDifference => "list_service_template_difference", POST, "/api/v3/findmany/proc/service_template/sync_status/biz/{bk_biz_id}", Some(V::ListServiceTemplateDifference);
    SyncServiceTemplateToServiceInstance => "sync_service_template_to_service_instance", PUT, "/api/v3/update/proc/service_instance/sync", Some(V::SyncServiceTemplateToServiceInstance);
}

impl Endpoint {
    /// The ESB paths the official client calls: with and without `/v2`, with
    /// and without the trailing slash.
    #[must_use]
    pub fn esb_paths(self) -> [String; 4] {
        let name = self.name();
        [
            format!("/api/c/compapi/v2/cc/{name}/"),
            format!("/api/c/compapi/v2/cc/{name}"),
            format!("/api/c/compapi/cc/{name}/"),
            format!("/api/c/compapi/cc/{name}"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_has_a_distinct_name_and_backend_route() {
        let mut names: Vec<&str> = Endpoint::ALL.iter().map(|e| e.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Endpoint::ALL.len());
        let mut routes: Vec<String> = Endpoint::ALL
            .iter()
            .map(|e| {
                let (method, path) = e.backend();
                format!("{method} {path}")
            })
            .collect();
        routes.sort_unstable();
        routes.dedup();
        assert_eq!(routes.len(), Endpoint::ALL.len());
    }

    #[test]
    fn every_modelled_endpoint_is_validated() {
        let validated = Endpoint::ALL
            .iter()
            .filter(|e| e.validated().is_some())
            .count();
        assert_eq!(validated, cc_validate::Endpoint::ALL.len());
        for endpoint in Endpoint::ALL {
            let modelled: cc_validate::Endpoint = endpoint.name().parse().expect("modelled");
            if let Some(validated) = endpoint.validated() {
                assert_eq!(validated, modelled);
            }
        }
    }
}
