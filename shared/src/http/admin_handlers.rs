//! Handlers of the `users`, `admin-reset` and `support-reset` functions.

use http::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::handlers::{account_json, authenticate, bearer, empty, json_response, parse};
use super::{ApiRequest, ApiResponse, Route};
use crate::app::App;
use crate::domain::Settings;
use crate::domain::directory::{decode_cursor, encode_cursor};
use crate::domain::permissions::Actor;
use crate::usecases::admin::{AdminReset, NewUser, UserPatch, Users};
use crate::usecases::support::SupportLookup;
use crate::usecases::{AppError, RequestMeta};

/// Decoded query parameters (`+` is a space, `%XX` a byte).
fn query_param(req: &ApiRequest, name: &str) -> Option<String> {
    let query = req.query.as_deref()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn limit_param(req: &ApiRequest) -> Result<usize, AppError> {
    match query_param(req, "limit") {
        None => Ok(20),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| AppError::InvalidRequest("limit must be 1..=100".into())),
    }
}

/// The audit listing's filters (`user_id`, `type`, `outcome`, `from`, `to`;
/// the times RFC 3339).
fn audit_filter(req: &ApiRequest) -> Result<crate::domain::AuditFilter, AppError> {
    let text = |name: &str| query_param(req, name).filter(|v| !v.is_empty());
    let time = |name: &str| -> Result<Option<crate::domain::Instant>, AppError> {
        text(name)
            .map(|v| {
                time::OffsetDateTime::parse(&v, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| {
                        AppError::InvalidRequest(format!(
                            "{name} must be an RFC 3339 time, e.g. 2026-12-01T00:00:00Z"
                        ))
                    })
            })
            .transpose()
    };
    Ok(crate::domain::AuditFilter {
        user_id: text("user_id"),
        kind: text("type"),
        outcome: text("outcome"),
        from: time("from")?,
        to: time("to")?,
    })
}

/// CSV when asked by `?format=csv` or `Accept: text/csv`; JSON otherwise.
fn wants_csv(req: &ApiRequest) -> Result<bool, AppError> {
    match query_param(req, "format").as_deref() {
        Some("csv") => return Ok(true),
        Some("json") | Some("") | None => {}
        Some(_) => {
            return Err(AppError::InvalidRequest(
                "format must be json or csv".into(),
            ));
        }
    }
    Ok(req
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.split(',').any(|t| t.trim().starts_with("text/csv"))))
}

fn cursor_param(req: &ApiRequest) -> Result<Option<String>, AppError> {
    match query_param(req, "cursor").filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => decode_cursor(&c)
            .map(Some)
            .ok_or_else(|| AppError::InvalidRequest("cursor is not one this server made".into())),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkBody {
    #[serde(default)]
    recipient_email: Option<String>,
    #[serde(default)]
    reset_mfa: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReasonBody {
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetPasswordBody {
    new_password: SecretString,
    temporary: bool,
    #[serde(default)]
    reset_mfa: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BulkBody {
    user_ids: Vec<String>,
    #[serde(default)]
    reset_mfa: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SupportMode {
    Link,
    Set,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SupportBody {
    mode: SupportMode,
    #[serde(default)]
    new_password: Option<SecretString>,
    #[serde(default)]
    temporary: Option<bool>,
    #[serde(default)]
    recipient_email: Option<String>,
    #[serde(default)]
    reset_mfa: bool,
    reason: String,
}

/// Support is authenticated by API Gateway's IAM authorizer on AWS (the caller
/// ARN arrives in the request context) and by the seed's support token locally,
/// compared in constant time (over hashes, so the length does not leak either).
fn support_identity(app: &App, req: &ApiRequest) -> Result<String, AppError> {
    if let Some(caller) = &req.iam_caller {
        // Any principal allowed execute-api:Invoke reaches this function; only
        // the support role may act.
        return match &app.support_role_arn {
            Some(role) if crate::domain::permissions::caller_is_role(caller, role) => {
                Ok(caller.clone())
            }
            _ => Err(AppError::Forbidden),
        };
    }
    let given = bearer(req).ok_or(AppError::Unauthenticated)?;
    let expected = app
        .support_token
        .as_ref()
        .ok_or(AppError::Unauthenticated)?;
    let a = Sha256::digest(given.expose_secret().as_bytes());
    let b = Sha256::digest(expected.expose_secret().as_bytes());
    if bool::from(a.ct_eq(&b)) {
        Ok("local-support-token".to_owned())
    } else {
        Err(AppError::Unauthenticated)
    }
}

fn users(app: &App) -> Users<'_> {
    Users {
        tenants: &*app.tenants,
        users: &*app.store,
        directory: &*app.store,
        audit: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

fn admin(app: &App) -> AdminReset<'_> {
    AdminReset {
        breached: &*app.breached,
        tenants: &*app.tenants,
        users: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

pub(super) async fn dispatch(
    app: &App,
    route: &Route,
    req: &ApiRequest,
    meta: &RequestMeta,
) -> Result<ApiResponse, AppError> {
    if let Route::SupportListUsers(tenant) = route {
        let identity = support_identity(app, req)?;
        let role_param = query_param(req, "role");
        let role = match role_param.as_deref() {
            None | Some("") => None,
            Some("owner") => Some(crate::domain::Role::Owner),
            Some("admin") => Some(crate::domain::Role::Admin),
            Some(_) => {
                return Err(AppError::InvalidRequest(
                    "role must be owner or admin".into(),
                ));
            }
        };
        let found = SupportLookup {
            tenants: &*app.tenants,
            directory: &*app.store,
            committer: &*app.store,
            clock: &*app.clock,
        }
        .execute(
            tenant,
            role,
            query_param(req, "q").as_deref().unwrap_or_default(),
            &identity,
            meta,
        )
        .await?;
        // What support needs to pick the account, nothing more: never a hash,
        // salt, secret, or even the address itself.
        let users: Vec<serde_json::Value> = found
            .iter()
            .map(|u| {
                json!({
                    "id": u.id,
                    "username": u.username,
                    "role": u.role,
                    "status": u.status,
                    "has_email": u.email.is_some(),
                    "email_status": u.email_status,
                    "mfa_enabled": u.mfa_enabled,
                    "password_changed_at": u.password_changed_at.map(crate::domain::rfc3339),
                })
            })
            .collect();
        return Ok(json_response(StatusCode::OK, json!({"users": users})));
    }
    if let Route::SupportReset(tenant, id) = route {
        let identity = support_identity(app, req)?;
        tracing::info!(support_identity = %identity, tenant = %tenant, "support reset requested");
        let body: SupportBody = parse(req)?;
        let reason = crate::domain::permissions::support_reason(&body.reason).ok_or_else(|| {
            AppError::InvalidRequest(format!(
                "reason (a ticket reference) is required, at most {} characters",
                crate::domain::permissions::MAX_SUPPORT_REASON_CHARS
            ))
        })?;
        let details = [
            ("reason", json!(reason)),
            ("support_identity", json!(identity)),
        ];
        return match body.mode {
            SupportMode::Link => {
                let expires_at = admin(app)
                    .send_link(
                        &Actor::Support,
                        tenant,
                        id,
                        body.recipient_email,
                        body.reset_mfa,
                        &details,
                        meta,
                    )
                    .await?;
                Ok(json_response(
                    StatusCode::ACCEPTED,
                    json!({"expires_at": crate::domain::rfc3339(expires_at)}),
                ))
            }
            SupportMode::Set => {
                let password = body.new_password.ok_or_else(|| {
                    AppError::InvalidRequest("new_password is required with mode set".into())
                })?;
                admin(app)
                    .set_password(
                        &Actor::Support,
                        tenant,
                        id,
                        password,
                        body.temporary.unwrap_or(true),
                        body.reset_mfa,
                        &details,
                        meta,
                    )
                    .await?;
                Ok(empty(StatusCode::NO_CONTENT))
            }
        };
    }

    let auth = authenticate(app, req, route).await?;
    let actor = Actor::User(&auth.user);
    match route {
        Route::CreateUser(t) => {
            let body: NewUser = parse(req)?;
            let user = users(app).create(&actor, t, body, meta).await?;
            Ok(json_response(StatusCode::CREATED, account_json(&user)))
        }
        Route::ListUsers(t) => {
            let q = query_param(req, "q").unwrap_or_default();
            let cursor = cursor_param(req)?;
            let page = users(app)
                .list(&actor, t, &q, cursor.as_deref(), limit_param(req)?)
                .await?;
            Ok(json_response(
                StatusCode::OK,
                json!({
                    "users": page.items.iter().map(account_json).collect::<Vec<_>>(),
                    "next_cursor": page.next_cursor.as_deref().map(encode_cursor),
                }),
            ))
        }
        Route::GetUser(t, id) => Ok(json_response(
            StatusCode::OK,
            account_json(&users(app).get(&actor, t, id).await?),
        )),
        Route::PatchUser(t, id) => {
            let body: UserPatch = parse(req)?;
            let user = users(app).patch(&actor, t, id, body, meta).await?;
            Ok(json_response(StatusCode::OK, account_json(&user)))
        }
        Route::GetSettings(t) => {
            let settings = users(app).settings(&actor, t).await?;
            Ok(json_response(StatusCode::OK, json!(settings)))
        }
        Route::PutSettings(t) => {
            let body: Settings = parse(req)?;
            // Read-modify-write of the tenant: from the store, never from the
            // cache, or a logo uploaded a moment ago would be written away.
            let settings = Users {
                tenants: &*app.store,
                ..users(app)
            }
            .put_settings(&actor, t, body, meta)
            .await?;
            app.tenant_changed(t);
            Ok(json_response(StatusCode::OK, json!(settings)))
        }
        Route::AuditEvents(t) => {
            let cursor = cursor_param(req)?;
            let filter = audit_filter(req)?;
            let page = users(app)
                .audit_events(&actor, t, cursor.as_deref(), limit_param(req)?, &filter)
                .await?;
            if wants_csv(req)? {
                return Ok(http::Response::builder()
                    .status(StatusCode::OK)
                    .header(http::header::CONTENT_TYPE, "text/csv; charset=utf-8")
                    .header(
                        http::header::CONTENT_DISPOSITION,
                        "attachment; filename=\"audit-events.csv\"",
                    )
                    .header(http::header::CACHE_CONTROL, "no-store")
                    .header(
                        "x-next-cursor",
                        page.next_cursor
                            .as_deref()
                            .map(encode_cursor)
                            .unwrap_or_default(),
                    )
                    .body(bytes::Bytes::from(crate::domain::audit_csv(&page.items)))
                    .unwrap_or_else(|_| http::Response::new(bytes::Bytes::new())));
            }
            let events: Vec<_> = page
                .items
                .iter()
                .map(|e| {
                    json!({
                        "id": e.id, "at": crate::domain::rfc3339(e.at), "type": e.kind, "actor": e.actor,
                        "target": e.target, "ip": e.ip, "outcome": e.outcome, "details": e.details,
                    })
                })
                .collect();
            Ok(json_response(
                StatusCode::OK,
                json!({"events": events, "next_cursor": page.next_cursor.as_deref().map(encode_cursor)}),
            ))
        }
        Route::AdminResetLink(t, id) => {
            let body: LinkBody = if req.body.is_empty() {
                LinkBody {
                    recipient_email: None,
                    reset_mfa: false,
                }
            } else {
                parse(req)?
            };
            let expires_at = admin(app)
                .send_link(
                    &actor,
                    t,
                    id,
                    body.recipient_email,
                    body.reset_mfa,
                    &[],
                    meta,
                )
                .await?;
            Ok(json_response(
                StatusCode::ACCEPTED,
                json!({"expires_at": crate::domain::rfc3339(expires_at)}),
            ))
        }
        Route::AdminSetPassword(t, id) => {
            let body: SetPasswordBody = parse(req)?;
            admin(app)
                .set_password(
                    &actor,
                    t,
                    id,
                    body.new_password,
                    body.temporary,
                    body.reset_mfa,
                    &[],
                    meta,
                )
                .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        Route::BulkReset(t) => {
            let body: BulkBody = parse(req)?;
            let results = admin(app)
                .bulk(&actor, t, &body.user_ids, body.reset_mfa, meta)
                .await?;
            Ok(json_response(StatusCode::OK, json!({"results": results})))
        }
        Route::AdminResetMfa(t, id) => {
            let body: ReasonBody = if req.body.is_empty() {
                ReasonBody::default()
            } else {
                parse(req)?
            };
            admin(app)
                .reset_mfa(&actor, t, id, body.reason, meta)
                .await?;
            Ok(empty(StatusCode::NO_CONTENT))
        }
        _ => Err(AppError::NotFound),
    }
}
