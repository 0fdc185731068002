//! A signed-in user changes their own password (function `change-password`).

use http::StatusCode;
use secrecy::SecretString;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::Routes;
use crate::http::extract::{Always, Ctx, Json, Meta, Session};
use crate::http::{ApiResult, empty};
use crate::usecases::account::ChangePassword;

pub fn routes() -> Routes {
    Routes::new().routes(routes!(change_password))
}

#[derive(Deserialize, ToSchema)]
pub struct ChangePasswordBody {
    /// May be left out (or empty) only on a must-change session minutes old:
    /// the password was just typed to sign in (`current_password_required`
    /// in `GET /v1/me`).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Password)]
    current_password: Option<SecretString>,
    #[schema(value_type = String, format = Password)]
    new_password: SecretString,
}

/// Change one's own password (every other session is signed out).
#[utoipa::path(post, path = "/v1/me/password", tag = "me",
    security(("session" = [])), request_body = ChangePasswordBody,
    responses(
        (status = 204, description = "Changed; every other session is signed out"),
        (status = 403, description = "invalid_current_password | password_change_not_allowed | password_too_recent"),
        (status = 422, description = "password_policy"),
        (status = 429, description = "too_many_attempts"),
        (status = 503, description = "busy"),
    ))]
pub async fn change_password(
    ctx: Ctx,
    Meta(meta): Meta,
    session: Session<Always>,
    Json(body): Json<ChangePasswordBody>,
) -> ApiResult {
    ChangePassword {
        breached: &*ctx.breached,
        tenants: &*ctx.tenants,
        counters: &*ctx.store,
        committer: &*ctx.store,
        clock: &*ctx.clock,
        links: &ctx.links,
    }
    .execute_with(
        &session,
        given(body.current_password),
        body.new_password,
        &meta,
    )
    .await?;
    empty(StatusCode::NO_CONTENT)
}

/// An empty current password is one left out.
fn given(current: Option<SecretString>) -> Option<SecretString> {
    use secrecy::ExposeSecret;
    current.filter(|p| !p.expose_secret().is_empty())
}
