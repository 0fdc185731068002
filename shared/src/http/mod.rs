//! HTTP: request parsing, problem+json, auth extraction and the routing table.
//! Transport-neutral: the Lambda adapter and the local server both build an
//! [`ApiRequest`] and get back an `http::Response<Bytes>`.

mod admin_handlers;
mod error;
mod handlers;
pub mod openapi;
pub mod pages;
mod routes;

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
