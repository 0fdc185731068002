//! The lambda_http adapter: build the app once at cold start, then turn each
//! API Gateway event (REST API payload v1, which the template deploys so WAF
//! can sit in front; HTTP API payload v2 also understood) into an
//! [`ApiRequest`].

use bytes::Bytes;
use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use std::sync::Arc;

use crate::adapters::aws;
use crate::adapters::dynamodb::DynamoStore;
use crate::adapters::field_sealing::{KeyWrap, KmsKeyWrap, LocalKeyWrap};
use crate::adapters::sealing::{KmsSealer, LocalKeySealer, Sealer};
use crate::app::{App, env};
use crate::http::{Client, Function};
use crate::ports::SystemClock;
use crate::usecases::reset::LinkConfig;

fn required(name: &str) -> Result<String, lambda_http::Error> {
    std::env::var(name).map_err(|_| format!("environment variable {name} is not set").into())
}

/// The sealer for queued mail from the environment: the KMS key on AWS, else a
/// configured local key. With neither, mail could not be opened by the mailer,
/// so the function refuses to start rather than queue mail nobody can send.
pub fn sealer_from_env(config: &aws_config::SdkConfig) -> Result<Arc<dyn Sealer>, String> {
    if let Ok(key) = std::env::var(env::OUTBOX_KMS_KEY).map(|k| k.trim().to_owned())
        && !key.is_empty()
    {
        return Ok(Arc::new(KmsSealer::new(aws::kms_client(config, None), key)));
    }
    match std::env::var(env::OUTBOX_KEY) {
        Ok(key) => Ok(Arc::new(LocalKeySealer::from_base64(&key)?)),
        Err(_) => Err(format!(
            "set {} (AWS) or {} (a base64 32-byte key) so queued mail can be sealed",
            env::OUTBOX_KMS_KEY,
            env::OUTBOX_KEY
        )),
    }
}

/// The key to users' TOTP secrets from the environment: the KMS key on AWS,
/// else a configured local key. Only the functions that read a secret get one
/// (and the KMS key's policy lets only them use it); without one the store
/// neither opens nor seals a secret and writes back what it read.
pub fn secret_key_from_env(
    config: &aws_config::SdkConfig,
) -> Result<Option<Arc<dyn KeyWrap>>, String> {
    if let Ok(key) = std::env::var(env::TOTP_KMS_KEY).map(|k| k.trim().to_owned())
        && !key.is_empty()
    {
        return Ok(Some(Arc::new(KmsKeyWrap::new(
            aws::kms_client(config, None),
            key,
        ))));
    }
    match std::env::var(env::TOTP_KEY) {
        Ok(key) => Ok(Some(Arc::new(LocalKeyWrap::from_base64(&key)?))),
        Err(_) => Ok(None),
    }
}

/// Reads the Lambda configuration (`LATCHKEY_TABLE`, `LATCHKEY_MAIL_FROM`,
/// `LATCHKEY_PUBLIC_BASE_URL` (may be empty: links then follow the request's
/// API Gateway domain), the outbox key, the TOTP key when the function has
/// one, `LATCHKEY_SUPPORT_ROLE_ARN`, `LATCHKEY_JOB_QUEUE_URL` where jobs
/// start) and
/// builds the SDK clients, once per cold start. Endpoints come from the SDK's
/// standard variables (`AWS_ENDPOINT_URL...`).
pub async fn app_from_env() -> Result<App, lambda_http::Error> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let store = DynamoStore::new(
        aws_sdk_dynamodb::Client::new(&config),
        required(env::TABLE)?,
    )
    .with_sealer(sealer_from_env(&config)?);
    let store = match secret_key_from_env(&config)? {
        Some(wrap) => store.with_secret_key(wrap),
        None => store,
    };
    let clock: Arc<dyn crate::ports::Clock> = Arc::new(SystemClock);
    let store: Arc<dyn crate::ports::Store> = Arc::new(store);
    let mut app = App::new(
        store.clone(),
        clock.clone(),
        LinkConfig {
            public_base_url: std::env::var(env::PUBLIC_BASE_URL).unwrap_or_default(),
            mail_from: required(env::MAIL_FROM)?,
        },
    );
    app.support_role_arn = std::env::var(env::SUPPORT_ROLE_ARN)
        .ok()
        .filter(|r| !r.trim().is_empty());
    app.cors_origin = std::env::var(env::HOSTED_PAGE_ORIGIN)
        .ok()
        .map(|o| o.trim().trim_end_matches('/').to_owned())
        .filter(|o| !o.is_empty());
    app.cache_tenants(env::tenant_cache_seconds());
    if let Some(url) = std::env::var(env::JOB_QUEUE_URL)
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        app.jobs = Some(Arc::new(crate::adapters::job_runner::QueuedJobs {
            pages: Arc::new(job_pages(&config, url)),
        }));
    }
    Ok(app)
}

/// The jobs queue named by `url`, over the SDK's configuration.
fn job_pages(
    config: &aws_config::SdkConfig,
    url: String,
) -> crate::adapters::job_queue::SqsJobPages {
    crate::adapters::job_queue::SqsJobPages::new(aws_sdk_sqs::Client::new(config), url)
}

/// The jobs queue (`LATCHKEY_JOB_QUEUE_URL`, required), for the worker.
pub async fn job_pages_from_env()
-> Result<crate::adapters::job_queue::SqsJobPages, lambda_http::Error> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    Ok(job_pages(&config, required(env::JOB_QUEUE_URL)?))
}

/// The client IP is API Gateway's view of the connection (`identity.sourceIp`
/// in v1, `http.sourceIp` in v2), never X-Forwarded-For or any other header.
pub fn gateway_view(req: &Request) -> Client {
    // The stage is part of the URL on the execute-api host only; a custom
    // domain maps its base path to the stage.
    let base = |domain: Option<&String>, stage: Option<&String>| {
        domain.filter(|d| !d.is_empty()).map(|d| match stage {
            Some(s) if !s.is_empty() && s != "$default" && d.contains(".execute-api.") => {
                format!("https://{d}/{s}")
            }
            _ => format!("https://{d}"),
        })
    };
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(ctx)) => Client {
            source_ip: ctx.identity.source_ip.clone(),
            iam_caller: ctx
                .identity
                .user_arn
                .clone()
                .or_else(|| ctx.identity.caller.clone()),
            base_url: base(ctx.domain_name.as_ref(), ctx.stage.as_ref()),
        },
        Some(RequestContext::ApiGatewayV2(ctx)) => Client {
            source_ip: ctx.http.source_ip.clone(),
            iam_caller: ctx
                .authorizer
                .as_ref()
                .and_then(|a| a.iam.as_ref())
                .and_then(|iam| iam.user_arn.clone().or_else(|| iam.caller_id.clone())),
            base_url: base(ctx.domain_name.as_ref(), ctx.stage.as_ref()),
        },
        _ => Client::default(),
    }
}

/// One CloudWatch embedded-metric-format line for an answered 5xx: handlers
/// turn errors into responses, so Lambda's own `Errors` never counts them.
/// Published per function and per function version: a canary's rollback alarm
/// watches the version being deployed only, so errors of the version it
/// replaces (an incident the deployment may be fixing) never roll it back.
pub fn server_error_metric(
    function: Function,
    stage: &str,
    version: &str,
    at_millis: i128,
) -> String {
    serde_json::json!({
        "_aws": {
            "Timestamp": at_millis,
            "CloudWatchMetrics": [{
                "Namespace": "Latchkey",
                "Dimensions": [["Stage", "Function"], ["Stage", "Function", "Version"]],
                "Metrics": [{"Name": "ServerErrors", "Unit": "Count"}],
            }],
        },
        "Stage": stage,
        "Function": function.name(),
        "Version": version,
        "ServerErrors": 1,
    })
    .to_string()
}

/// The function's router, built once at cold start.
pub fn router(app: App, function: Function) -> axum::Router {
    crate::http::router(app, Some(function))
}

/// Serves one API Gateway event through `router` (the function's own routes):
/// the client view of the request context becomes the request's [`Client`],
/// a REST API's path loses the stage lambda_http put in front of it, and an
/// answered 5xx is counted.
pub async fn handle(
    router: &axum::Router,
    function: Function,
    req: Request,
) -> Result<Response<Body>, lambda_http::Error> {
    let client = gateway_view(&req);
    // REST API events: lambda_http puts the stage in front of the path; the
    // routes are the path as the client sent it (the event's `path`).
    let raw_path = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(_)) => Some(req.raw_http_path().to_owned()),
        _ => None,
    }
    .filter(|p| p.starts_with('/'));
    let (mut parts, body) = req.into_parts();
    if let Some(path) = raw_path {
        let uri = match parts.uri.query() {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        if let Ok(uri) = uri.parse() {
            parts.uri = uri;
        }
    }
    parts.extensions.insert(client);
    let body = match body {
        Body::Empty => Bytes::new(),
        Body::Text(t) => Bytes::from(t),
        Body::Binary(b) => Bytes::from(b),
        _ => Bytes::new(),
    };
    let req = http::Request::from_parts(parts, axum::body::Body::from(body));
    let (parts, body) = crate::http::call(router, req).await.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if parts.status.is_server_error() {
        let stage = std::env::var(env::STAGE).unwrap_or_default();
        // Set by Lambda: the number of the version serving this invocation.
        let version = std::env::var("AWS_LAMBDA_FUNCTION_VERSION").unwrap_or_default();
        let now = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
        println!("{}", server_error_metric(function, &stage, &version, now));
    }
    // Images (the logo) leave as binary, base64 on the wire to API Gateway;
    // everything else Latchkey answers is UTF-8 text.
    let is_image = parts
        .headers
        .get(lambda_http::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("image/"));
    let body = if body.is_empty() {
        Body::Empty
    } else if is_image {
        Body::Binary(body.to_vec())
    } else {
        Body::Text(String::from_utf8_lossy(&body).into_owned())
    };
    Ok(Response::from_parts(parts, body))
}
