//! What a handler takes from a request, each a typed extractor that answers
//! a problem document when it cannot: the app (with links scoped to the
//! request), the request's metadata, a session of the access an operation
//! needs, support's identity, path parameters, query parameters and a bounded,
//! redacted JSON body.

use std::marker::PhantomData;
use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use bytes::Bytes;
use http::header;
use http::request::Parts;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::{ApiError, Client, MAX_BODY_BYTES};
use crate::app::App;
use crate::domain::access::Access;
use crate::domain::{TenantId, UserId};
use crate::usecases::sessions::{Authenticate, Authenticated};
use crate::usecases::{AppError, RequestMeta, gate};

/// The app, with links pointing where API Gateway says this request arrived
/// when no public base URL is configured (see [`Client::base_url`]).
pub struct Ctx(pub Arc<App>);

impl std::ops::Deref for Ctx {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl FromRequestParts<Arc<App>> for Ctx {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        let base = parts
            .extensions
            .get::<Client>()
            .and_then(|c| c.base_url.as_deref());
        Ok(Ctx(match base {
            Some(base) if app.links.public_base_url.is_empty() => {
                Arc::new(app.with_public_base_url(base))
            }
            _ => app.clone(),
        }))
    }
}

/// The client's address (as the gateway or the socket saw it, never a
/// header) and the language its `Accept-Language` asks for.
pub struct Meta(pub RequestMeta);

impl<S: Send + Sync> FromRequestParts<S> for Meta {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(Meta(RequestMeta {
            ip: parts
                .extensions
                .get::<Client>()
                .and_then(|c| c.source_ip.clone()),
            locale: request_locale(&parts.headers),
            // Summarised by the use case ("Firefox on Windows"); the raw
            // header is never stored.
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }))
    }
}

/// The shipped locale `Accept-Language` asks for (RFC 4647 lookup), if any.
pub fn request_locale(headers: &http::HeaderMap) -> Option<crate::domain::Locale> {
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    crate::domain::i18n::lookup(&crate::domain::i18n::accept_language(header))
}

pub fn bearer(headers: &http::HeaderMap) -> Option<SecretString> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
        .then(|| SecretString::from(token.trim().to_owned()))
}

/// Which [`Access`] an operation's session extractor asks for.
pub trait AccessKind: Send + Sync {
    const ACCESS: Access;
}
/// Own account, sign-out and password change: allowed to restricted sessions.
pub struct Always;
/// Second-factor enrolment: allowed while enrolment is owed.
pub struct Enrolment;
/// Everything else.
pub struct Full;
impl AccessKind for Always {
    const ACCESS: Access = Access::Always;
}
impl AccessKind for Enrolment {
    const ACCESS: Access = Access::Enrolment;
}
impl AccessKind for Full {
    const ACCESS: Access = Access::Full;
}

/// A live session, admitted by the restricted-session gate for `A`.
pub struct Session<A: AccessKind = Full>(pub Authenticated, PhantomData<A>);

impl<A: AccessKind> std::ops::Deref for Session<A> {
    type Target = Authenticated;
    fn deref(&self) -> &Authenticated {
        &self.0
    }
}

impl<A: AccessKind> FromRequestParts<Arc<App>> for Session<A> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        let token = bearer(&parts.headers).ok_or(AppError::Unauthenticated)?;
        let auth = Authenticate {
            sessions: &*app.store,
            users: &*app.store,
            tenants: &*app.tenants,
            committer: &*app.store,
            clock: &*app.clock,
        }
        .execute(&token)
        .await?;
        gate::admit(&auth, A::ACCESS)?;
        Ok(Session(auth, PhantomData))
    }
}

/// Platform support: on AWS the IAM principal API Gateway authenticated (only
/// the configured support role may act); locally the seed's support token,
/// compared in constant time over hashes so its length does not leak either.
pub struct Support(pub String);

impl FromRequestParts<Arc<App>> for Support {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        if let Some(caller) = parts
            .extensions
            .get::<Client>()
            .and_then(|c| c.iam_caller.as_ref())
        {
            // Any principal allowed execute-api:Invoke reaches this function;
            // only the support role may act.
            return match &app.support_role_arn {
                Some(role) if crate::domain::permissions::caller_is_role(caller, role) => {
                    Ok(Support(caller.clone()))
                }
                _ => Err(AppError::Forbidden.into()),
            };
        }
        let given = bearer(&parts.headers).ok_or(AppError::Unauthenticated)?;
        let expected = app
            .support_token
            .as_ref()
            .ok_or(AppError::Unauthenticated)?;
        let a = Sha256::digest(given.expose_secret().as_bytes());
        let b = Sha256::digest(expected.expose_secret().as_bytes());
        if bool::from(a.ct_eq(&b)) {
            Ok(Support("local-support-token".to_owned()))
        } else {
            Err(AppError::Unauthenticated.into())
        }
    }
}

fn path_param(params: &Option<RawPathParams>, name: &str) -> Option<String> {
    params
        .iter()
        .flat_map(|p| p.iter())
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// `None` only on a route without parameters, which a route using these
/// extractors never is.
async fn path_params<S: Send + Sync>(parts: &mut Parts, state: &S) -> Option<RawPathParams> {
    RawPathParams::from_request_parts(parts, state).await.ok()
}

fn tenant_of(params: &Option<RawPathParams>) -> Result<TenantId, AppError> {
    path_param(params, "tenant")
        .and_then(|t| TenantId::parse(&t))
        .ok_or_else(|| AppError::InvalidRequest("malformed tenant id".into()))
}

/// `{tenant}` of an API path: a malformed id is `400 invalid_request`.
pub struct Tenant(pub TenantId);

impl<S: Send + Sync> FromRequestParts<S> for Tenant {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Ok(Tenant(tenant_of(&path_params(parts, state).await)?))
    }
}

/// `{tenant}` of a page's path: a malformed id names no page (`404`).
pub struct PageTenant(pub TenantId);

impl<S: Send + Sync> FromRequestParts<S> for PageTenant {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        tenant_of(&path_params(parts, state).await)
            .map(PageTenant)
            .map_err(|_| AppError::NotFound.into())
    }
}

/// `{tenant}` and `{user_id}`.
pub struct TenantUser(pub TenantId, pub UserId);

impl<S: Send + Sync> FromRequestParts<S> for TenantUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let params = path_params(parts, state).await;
        let user = path_param(&params, "user_id").unwrap_or_default();
        Ok(TenantUser(tenant_of(&params)?, UserId(user)))
    }
}

/// `{id}` of a path (a session's, a job's).
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        path_param(&path_params(parts, state).await, "id")
            .map(Id)
            .ok_or_else(|| AppError::NotFound.into())
    }
}

/// The query string, decoded (`+` is a space, `%XX` a byte).
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(query: Option<&str>) -> Self {
        Query(
            query
                .unwrap_or_default()
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(k), percent_decode(v))
                })
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The parameter, when present and not empty.
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).filter(|v| !v.is_empty()).map(str::to_owned)
    }

    /// `limit`: 1..=100, default 20.
    pub fn limit(&self) -> Result<usize, AppError> {
        match self.get("limit") {
            None => Ok(20),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=100).contains(n))
                .ok_or_else(|| AppError::InvalidRequest("limit must be 1..=100".into())),
        }
    }

    /// `cursor`: one this server made, or none.
    pub fn cursor(&self) -> Result<Option<String>, AppError> {
        match self.text("cursor") {
            None => Ok(None),
            Some(c) => crate::domain::directory::decode_cursor(&c)
                .map(Some)
                .ok_or_else(|| {
                    AppError::InvalidRequest("cursor is not one this server made".into())
                }),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(Query::parse(parts.uri.query()))
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A JSON body of at most 16 KiB, `Content-Type: application/json` (or
/// `+json`) when one is given. Errors name the problem (missing or unknown
/// field, wrong type, not JSON) and never echo a value, which could be a
/// password.
pub struct Json<T>(pub T);

/// The same, where an empty body means `T::default()`.
pub struct OptionalJson<T>(pub T);

/// The raw body, read up to `max` bytes (`None` when it is longer).
pub async fn read_body(req: Request, max: usize) -> Option<Bytes> {
    axum::body::to_bytes(req.into_body(), max).await.ok()
}

async fn body_bytes(req: Request) -> Result<(http::HeaderMap, Bytes), AppError> {
    let headers = req.headers().clone();
    let bytes = read_body(req, MAX_BODY_BYTES)
        .await
        .ok_or_else(|| AppError::InvalidRequest("the body exceeds 16 KiB".into()))?;
    Ok((headers, bytes))
}

pub fn parse_json<T: DeserializeOwned>(
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<T, AppError> {
    if let Some(ct) = headers.get(header::CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or_default().to_ascii_lowercase();
        if !(ct.starts_with("application/json") || ct.contains("+json")) {
            return Err(AppError::InvalidRequest(
                "the body must be JSON (Content-Type: application/json)".into(),
            ));
        }
    }
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        let msg = e.to_string();
        let detail = match e.classify() {
            Category::Data
                if msg.starts_with("missing field") || msg.starts_with("unknown field") =>
            {
                msg.split(" at line")
                    .next()
                    .unwrap_or("invalid body")
                    .to_owned()
            }
            Category::Data => "a field has the wrong type or value".to_owned(),
            Category::Eof | Category::Syntax | Category::Io => {
                "the body is not valid JSON".to_owned()
            }
        };
        AppError::InvalidRequest(detail)
    })
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, _: &S) -> Result<Self, ApiError> {
        let (headers, bytes) = body_bytes(req).await?;
        Ok(Json(parse_json(&headers, &bytes)?))
    }
}

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, _: &S) -> Result<Self, ApiError> {
        let (headers, bytes) = body_bytes(req).await?;
        if bytes.is_empty() {
            return Ok(OptionalJson(T::default()));
        }
        Ok(OptionalJson(parse_json(&headers, &bytes)?))
    }
}
