//! Sign-in and sign-out (function `sign-in`).

use http::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::Routes;
use super::bodies::{check_len, second_factor};
use crate::app::App;
use crate::domain::rfc3339;
use crate::http::extract::{Always, Ctx, Id, Json, Meta, Query, Session, Tenant};
use crate::http::views::{SessionCreated, SessionInfo, SessionUser, Sessions, TenantPath};
use crate::http::{ApiResult, empty, json};
use crate::usecases::AppError;
use crate::usecases::my_sessions::MySessions;
use crate::usecases::sessions::{SignIn, SignOut};

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(create_session))
        .routes(routes!(sign_out))
        .routes(routes!(my_sessions, revoke_my_sessions))
        .routes(routes!(revoke_my_session))
}

fn mine(app: &App) -> MySessions<'_> {
    MySessions {
        tenants: &*app.tenants,
        sessions: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
    }
}

#[derive(Deserialize, ToSchema)]
pub struct SignInBody {
    #[schema(max_length = 256)]
    username: String,
    #[schema(value_type = String, format = Password)]
    password: SecretString,
    /// Only after a right password, when the account has a second factor.
    #[serde(default)]
    totp_code: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Password)]
    recovery_code: Option<SecretString>,
}

/// Sign in (the second factor only after a right password).
#[utoipa::path(post, path = "/v1/tenants/{tenant}/sessions", tag = "sessions",
    params(TenantPath), request_body = SignInBody,
    responses(
        (status = 201, description = "Signed in", body = SessionCreated),
        (status = 400, description = "invalid_request"),
        (status = 401, description = "invalid_credentials | mfa_required | invalid_mfa_code"),
        (status = 429, description = "too_many_attempts"),
        (status = 503, description = "busy"),
    ))]
pub async fn create_session(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    Json(body): Json<SignInBody>,
) -> ApiResult {
    check_len("username", &body.username, 256)?;
    let signed_in = SignIn {
        tenants: &*ctx.tenants,
        users: &*ctx.store,
        counters: &*ctx.store,
        committer: &*ctx.store,
        clock: &*ctx.clock,
        links: &ctx.links,
    }
    .execute_with(
        &tenant,
        &body.username,
        body.password,
        second_factor(&body.totp_code, &body.recovery_code),
        &meta,
    )
    .await?;
    json(
        StatusCode::CREATED,
        &SessionCreated {
            token: signed_in.token.expose_secret().to_owned(),
            expires_at: rfc3339(signed_in.session.expires_at),
            must_change_password: signed_in.user.must_change_password,
            must_change_reason: signed_in.user.forced_change_reason(),
            user: SessionUser {
                id: signed_in.user.id.clone(),
                username: signed_in.user.username.clone(),
                role: signed_in.user.role,
                locale: signed_in.user.locale,
            },
        },
    )
}

/// Sign out.
#[utoipa::path(delete, path = "/v1/sessions/current", tag = "sessions",
    security(("session" = [])),
    responses((status = 204, description = "Signed out")))]
pub async fn sign_out(ctx: Ctx, Meta(meta): Meta, session: Session<Always>) -> ApiResult {
    SignOut {
        committer: &*ctx.store,
        clock: &*ctx.clock,
    }
    .execute(&session, &meta)
    .await?;
    empty(StatusCode::NO_CONTENT)
}

/// One's own live sessions, this one marked `current`.
#[utoipa::path(get, path = "/v1/me/sessions", tag = "sessions",
    security(("session" = [])),
    responses((status = 200, description = "The caller's sessions", body = Sessions)))]
pub async fn my_sessions(ctx: Ctx, session: Session) -> ApiResult {
    let sessions = mine(&ctx).list(&session).await?;
    json(
        StatusCode::OK,
        &Sessions {
            sessions: sessions.iter().map(SessionInfo::from).collect(),
        },
    )
}

/// `scope=others`: sign out everywhere but here.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ScopeQuery {
    #[param(inline, value_type = String, pattern = "^others$")]
    scope: String,
}

/// Sign out everywhere but here (`?scope=others`).
#[utoipa::path(delete, path = "/v1/me/sessions", tag = "sessions",
    security(("session" = [])), params(ScopeQuery),
    responses((status = 204, description = "Every other session ended")))]
pub async fn revoke_my_sessions(
    ctx: Ctx,
    Meta(meta): Meta,
    query: Query,
    session: Session,
) -> ApiResult {
    if query.get("scope") != Some("others") {
        return Err(AppError::InvalidRequest("scope must be others".into()).into());
    }
    mine(&ctx).revoke_others(&session, &meta).await?;
    empty(StatusCode::NO_CONTENT)
}

/// `{id}` of one's own session.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct SessionPath {
    /// A session's id (from the listing; not its token).
    id: String,
}

/// End one of one's own sessions (this one too: that is signing out).
#[utoipa::path(delete, path = "/v1/me/sessions/{id}", tag = "sessions",
    security(("session" = [])), params(SessionPath),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "not_found"),
    ))]
pub async fn revoke_my_session(
    ctx: Ctx,
    Meta(meta): Meta,
    Id(id): Id,
    session: Session,
) -> ApiResult {
    mine(&ctx).revoke(&session, &id, &meta).await?;
    empty(StatusCode::NO_CONTENT)
}
