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
    #[schema(value_type = String, format = Password)]
    current_password: SecretString,
    #[schema(value_type = String, format = Password)]
    new_password: SecretString,
}

/// Change one's own password.
#[utoipa::path(post, path = "/v1/me/password", tag = "me",
    security(("session" = [])), request_body = ChangePasswordBody,
    responses(
        (status = 204, description = "Changed; every other session is signed out"),
        (status = 403, description = "invalid_current_password | password_change_not_allowed"),
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
    .execute(&session, body.current_password, body.new_password, &meta)
    .await?;
    empty(StatusCode::NO_CONTENT)
}
