//! The lambda_http adapter: build the app once at cold start, then turn each
//! API Gateway (HTTP API, payload v2) event into an [`ApiRequest`].

use bytes::Bytes;
use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use std::sync::Arc;

use crate::adapters::dynamodb::DynamoStore;
use crate::adapters::tenant_cache::CachedTenants;
use crate::app::{App, env};
use crate::http::{ApiRequest, Function, handle as handle_api};
use crate::ports::SystemClock;
use crate::usecases::reset::LinkConfig;

fn required(name: &str) -> Result<String, lambda_http::Error> {
    std::env::var(name).map_err(|_| format!("environment variable {name} is not set").into())
}

/// Reads the Lambda configuration (`LATCHKEY_TABLE`, `LATCHKEY_MAIL_FROM`,
/// `LATCHKEY_PUBLIC_BASE_URL`) and builds the SDK clients, once per cold start.
/// Endpoints come from the SDK's standard variables (`AWS_ENDPOINT_URL...`).
pub async fn app_from_env() -> Result<App, lambda_http::Error> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let store = DynamoStore::new(
        aws_sdk_dynamodb::Client::new(&config),
        required(env::TABLE)?,
    );
    let clock: Arc<dyn crate::ports::Clock> = Arc::new(SystemClock);
    let store: Arc<dyn crate::ports::Store> = Arc::new(store);
    let mut app = App::new(
        store.clone(),
        clock.clone(),
        LinkConfig {
            public_base_url: required(env::PUBLIC_BASE_URL)?,
            mail_from: required(env::MAIL_FROM)?,
        },
    );
    let cache_seconds: i64 = std::env::var(env::TENANT_CACHE_SECONDS)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    if cache_seconds > 0 {
        app.tenants = Arc::new(CachedTenants::new(
            store,
            clock,
            time::Duration::seconds(cache_seconds),
        ));
    }
    Ok(app)
}

/// Converts the event, runs the shared handler restricted to `function`'s routes.
pub async fn handle(
    app: &App,
    function: Function,
    req: Request,
) -> Result<Response<Body>, lambda_http::Error> {
    // The client IP is API Gateway's view of the connection, never X-Forwarded-For.
    let (source_ip, iam_caller) = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => (
            ctx.http.source_ip.clone(),
            ctx.authorizer
                .as_ref()
                .and_then(|a| a.iam.as_ref())
                .and_then(|iam| iam.user_arn.clone().or_else(|| iam.caller_id.clone())),
        ),
        _ => (None, None),
    };
    let (parts, body) = req.into_parts();
    let body = match body {
        Body::Empty => Bytes::new(),
        Body::Text(t) => Bytes::from(t),
        Body::Binary(b) => Bytes::from(b),
        _ => Bytes::new(),
    };
    let api = ApiRequest {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body,
        source_ip,
        iam_caller,
    };
    let (parts, body) = handle_api(app, Some(function), api).await.into_parts();
    let body = if body.is_empty() {
        Body::Empty
    } else {
        Body::Text(String::from_utf8_lossy(&body).into_owned())
    };
    Ok(Response::from_parts(parts, body))
}
