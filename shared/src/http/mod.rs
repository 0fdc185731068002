//! HTTP: one axum [`Router`] for every Lambda function and for `latchkey
//! serve`. Each area of the API is a module of `api/` with one function per
//! operation, documented where it is written (`#[utoipa::path]`), so the
//! OpenAPI document is derived from the code that serves it.
//!
//! A request enters through [`call`] (the Lambda adapter and the local server
//! both use it); extractors (`extract`) parse it, a use case of `core` runs,
//! and an [`ApiError`] becomes a problem document in exactly one place
//! (`error`).

pub mod api;
mod error;
pub mod extract;
mod function;
pub mod openapi;
pub mod pages;
pub mod views;

#[cfg(test)]
mod pages_tests;
#[cfg(test)]
mod router_tests;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{StatusCode, header};
use tower::ServiceExt;
use tracing::Instrument;

pub use error::problem;
pub use function::Function;

use crate::app::App;
use crate::usecases::AppError;

/// Request bodies larger than this are `400 invalid_request`.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// What the transport (API Gateway, or the local server's socket), not the
/// client, says about a request: an extension every request carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Client {
    /// The socket peer (local) or API Gateway's `sourceIp`; never a header.
    pub source_ip: Option<String>,
    /// On AWS, the IAM principal API Gateway authenticated (IAM authorization
    /// on `/v1/support/*`); never set by the local server.
    pub iam_caller: Option<String>,
    /// On AWS, where API Gateway says this request arrived
    /// (`https://{requestContext.domainName}/{stage}`): the pages' base URL when
    /// no `LATCHKEY_PUBLIC_BASE_URL` is configured. Never from the Host header,
    /// which a client sets (a poisoned reset link would point at the attacker).
    pub base_url: Option<String>,
}

/// A use case's error on its way to becoming a problem document.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<crate::ports::StoreError> for ApiError {
    fn from(e: crate::ports::StoreError) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem(&self.0).map(Body::from)
    }
}

pub type ApiResult = Result<Response, ApiError>;

/// A JSON answer; never cached (answers are per caller).
pub fn json<T: serde::Serialize>(status: StatusCode, body: &T) -> ApiResult {
    let body = serde_json::to_vec(body).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Bytes::from(body),
    )
        .into_response())
}

/// An answer with no body.
pub fn empty(status: StatusCode) -> ApiResult {
    Ok((status, [(header::CACHE_CONTROL, "no-store")]).into_response())
}

/// The router of `only`'s routes (`None`: all of them, for `latchkey serve`).
/// A path no route of it serves is `404`; a known path with another method
/// is `405` with `Allow`.
pub fn router(app: App, only: Option<Function>) -> Router {
    let app = Arc::new(app);
    let (routes, _) = api::routes(only).split_for_parts();
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(app.clone(), finish))
        .with_state(app)
}

async fn not_found() -> ApiError {
    AppError::NotFound.into()
}

async fn method_not_allowed() -> Response {
    error::method_not_allowed().map(Body::from)
}

/// Serves one request: the entry of the Lambda adapter, the local server and
/// the in-process tests. A trailing slash names the same resource.
pub async fn call(router: &Router, mut req: Request) -> Response {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
        let uri = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_owned(),
        };
        if let Ok(uri) = uri.parse() {
            *req.uri_mut() = uri;
        }
    }
    match router.clone().oneshot(req).await {
        Ok(resp) => resp,
        Err(never) => match never {},
    }
}

/// Every answer, page or API: the span, HSTS and CORS.
async fn finish(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    // Method and path only: paths never carry secrets (links keep the token in
    // the fragment, which browsers do not send), bodies and headers are not logged.
    let span = tracing::info_span!("request", method = %req.method(), path = %req.uri().path());
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let mut response = next.run(req).instrument(span).await;
    // Browsers must never reach us over plain HTTP once they have seen us (a
    // downgraded reset page would leak its token).
    response.headers_mut().insert(
        header::STRICT_TRANSPORT_SECURITY,
        http::HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    );
    // API Gateway answers the preflight; the real answer must name the one
    // allowed origin itself (a REST proxy integration adds nothing). Any other
    // origin gets no CORS header, so browsers keep the answer from it.
    if let Some(allowed) = &app.cors_origin {
        let h = response.headers_mut();
        h.insert(header::VARY, http::HeaderValue::from_static("Origin"));
        if origin.as_deref() == Some(allowed.as_str())
            && let Ok(v) = http::HeaderValue::from_str(allowed)
        {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        }
    }
    tracing::trace!(status = response.status().as_u16(), "request done");
    response
}

/// A request as a test or benchmark states it: what the client sent and what
/// the transport says about it.
pub struct ApiRequest {
    pub method: http::Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: http::HeaderMap,
    pub body: Bytes,
    pub client: Client,
}

impl ApiRequest {
    pub fn into_request(self) -> Request {
        let uri = match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        };
        let mut req = Request::new(Body::from(self.body));
        *req.method_mut() = self.method;
        *req.uri_mut() = uri.parse().unwrap_or_else(|_| http::Uri::from_static("/"));
        *req.headers_mut() = self.headers;
        req.extensions_mut().insert(self.client);
        req
    }
}

/// Serves one [`ApiRequest`] through `router` and reads the whole answer.
pub async fn handle(router: &Router, req: ApiRequest) -> http::Response<Bytes> {
    let (parts, body) = call(router, req.into_request()).await.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    http::Response::from_parts(parts, body)
}
