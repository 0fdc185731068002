//! HTTP: request parsing, problem+json, auth extraction and the routing table.
//! Transport-neutral: the Lambda adapter and the local server both build an
//! [`ApiRequest`] and get back an `http::Response<Bytes>`.

mod admin_handlers;
mod error;
mod handlers;
pub mod openapi;
pub mod pages;
mod routes;

#[cfg(test)]
mod pages_tests;

pub use error::problem;
pub use handlers::handle;
pub use routes::{Function, Route, route};

use bytes::Bytes;
use http::{HeaderMap, Method};

/// Request bodies larger than this are `400 invalid_request`.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

pub struct ApiRequest {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The socket peer (local) or API Gateway's `requestContext.http.sourceIp`.
    pub source_ip: Option<String>,
    /// On AWS, the IAM principal API Gateway authenticated (IAM authorization on
    /// `/v1/support/*`); never set by the local server.
    pub iam_caller: Option<String>,
    /// On AWS, where API Gateway says this request arrived
    /// (`https://{requestContext.domainName}/{stage}`): the pages' base URL when
    /// no `LATCHKEY_PUBLIC_BASE_URL` is configured. Never from the Host header,
    /// which a client sets (a poisoned reset link would point at the attacker).
    pub base_url: Option<String>,
}

pub type ApiResponse = http::Response<Bytes>;

#[cfg(test)]
mod property_tests {
    use proptest::prelude::*;

    proptest! {
        /// Hostile paths and methods: the router answers a route or a 4xx
        /// error, never panics.
        #[test]
        fn the_router_never_panics(
            path in "(/[a-z0-9%._~-]{0,12}){0,8}/?",
            method in prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"]),
        ) {
            let method = http::Method::from_bytes(method.as_bytes()).unwrap();
            let _ = super::route(&method, &path);
        }

        /// Hostile bodies through the whole request path (memory store): every
        /// answer is a 2xx or a 4xx problem, never a 5xx or a panic.
        #[test]
        fn hostile_bodies_get_4xx(body in "\\PC{0,200}", route in 0usize..6) {
            let paths = [
                ("POST", "/v1/tenants/demo/sessions"),
                ("POST", "/v1/tenants/demo/password-resets"),
                ("POST", "/v1/tenants/demo/password-resets/inspect"),
                ("POST", "/v1/tenants/demo/password-resets/confirm"),
                ("POST", "/v1/me/password"),
                ("POST", "/v1/tenants/demo/users"),
            ];
            let (m, p) = paths[route];
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let status = rt.block_on(async {
                let store = std::sync::Arc::new(crate::adapters::memory::MemoryStore::new());
                let app = crate::app::App::new(
                    store,
                    std::sync::Arc::new(crate::ports::SystemClock),
                    crate::usecases::reset::LinkConfig {
                        public_base_url: "http://x.test".into(),
                        mail_from: "a@x.test".into(),
                    },
                );
                let req = super::ApiRequest {
                    method: http::Method::from_bytes(m.as_bytes()).unwrap(),
                    path: p.into(),
                    query: None,
                    headers: http::HeaderMap::new(),
                    body: bytes::Bytes::from(body.clone()),
                    source_ip: Some("192.0.2.1".into()),
                    iam_caller: None,
                    base_url: None,
                };
                super::handle(&app, None, req).await.status()
            });
            prop_assert!(status.is_success() || status.is_client_error(), "{} for {:?}", status, body);
        }
    }
}
