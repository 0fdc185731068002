//! Forgot password (function `forgot-password`) and what its links do:
//! inspect, confirm, and the account-lock mail's unlock (function
//! `reset-password`).

use http::StatusCode;
use secrecy::SecretString;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::Routes;
use super::bodies::{TokenBody, check_len};
use crate::app::App;
use crate::domain::rfc3339;
use crate::http::extract::{Ctx, Json, Meta, Tenant};
use crate::http::views::{Accepted, Inspection, TenantPath};
use crate::http::{ApiResult, empty, json};
use crate::usecases::report::ReportAccount;
use crate::usecases::reset::{ConfirmReset, ForgotRequest, RequestReset};
use crate::usecases::unlock::UnlockAccount;

pub fn forgot_routes() -> Routes {
    Routes::new().routes(routes!(forgot_password))
}

pub fn link_routes() -> Routes {
    Routes::new()
        .routes(routes!(inspect_reset))
        .routes(routes!(confirm_reset))
        .routes(routes!(confirm_unlock))
        .routes(routes!(confirm_report))
}

#[derive(Deserialize, ToSchema)]
pub struct ForgotBody {
    #[serde(default)]
    #[schema(max_length = 320)]
    username: Option<String>,
    #[serde(default)]
    #[schema(max_length = 320)]
    email: Option<String>,
}

/// Ask for a reset link (always the same 202).
#[utoipa::path(post, path = "/v1/tenants/{tenant}/password-resets", tag = "resets",
    params(TenantPath), request_body = ForgotBody,
    responses((status = 202, description = "Sent if an account matches", body = Accepted)))]
pub async fn forgot_password(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    Json(body): Json<ForgotBody>,
) -> ApiResult {
    for (what, v) in [("username", &body.username), ("email", &body.email)] {
        check_len(what, v.as_deref().unwrap_or_default(), 320)?;
    }
    RequestReset {
        tenants: &*ctx.tenants,
        users: &*ctx.store,
        counters: &*ctx.store,
        committer: &*ctx.store,
        clock: &*ctx.clock,
        links: &ctx.links,
    }
    .execute(
        &tenant,
        ForgotRequest {
            username: body.username,
            email: body.email,
        },
        &meta,
    )
    .await?;
    json(
        StatusCode::ACCEPTED,
        &Accepted {
            message: "If an account matches, we have sent a reset link.".into(),
        },
    )
}

fn confirm(app: &App) -> ConfirmReset<'_> {
    ConfirmReset {
        breached: &*app.breached,
        tenants: &*app.tenants,
        users: &*app.store,
        tokens: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

/// Inspect a link without using it.
#[utoipa::path(post, path = "/v1/tenants/{tenant}/password-resets/inspect", tag = "resets",
    params(TenantPath), request_body = TokenBody,
    responses(
        (status = 200, description = "Whose link, until when, and the policy", body = Inspection),
        (status = 400, description = "invalid_token"),
    ))]
pub async fn inspect_reset(
    ctx: Ctx,
    Tenant(tenant): Tenant,
    Json(body): Json<TokenBody>,
) -> ApiResult {
    let inspection = confirm(&ctx).inspect(&tenant, &body.token).await?;
    json(
        StatusCode::OK,
        &Inspection {
            username: inspection.username,
            expires_at: rfc3339(inspection.expires_at),
            policy: inspection.policy,
        },
    )
}

#[derive(Deserialize, ToSchema)]
pub struct ConfirmBody {
    #[schema(value_type = String, format = Password)]
    token: SecretString,
    #[schema(value_type = String, format = Password)]
    new_password: SecretString,
}

/// Set the new password with a link.
#[utoipa::path(post, path = "/v1/tenants/{tenant}/password-resets/confirm", tag = "resets",
    params(TenantPath), request_body = ConfirmBody,
    responses(
        (status = 204, description = "Set; every session of the account is signed out"),
        (status = 400, description = "invalid_token"),
        (status = 409, description = "conflict"),
        (status = 422, description = "password_policy"),
        (status = 503, description = "busy"),
    ))]
pub async fn confirm_reset(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    Json(body): Json<ConfirmBody>,
) -> ApiResult {
    confirm(&ctx)
        .confirm(&tenant, &body.token, body.new_password, &meta)
        .await?;
    empty(StatusCode::NO_CONTENT)
}

/// Lift the account-wide lock with the account-lock mail's link (the password
/// is unchanged).
#[utoipa::path(post, path = "/v1/tenants/{tenant}/account-unlocks/confirm", tag = "resets",
    params(TenantPath), request_body = TokenBody,
    responses(
        (status = 204, description = "Unlocked (or the lock had already ended)"),
        (status = 400, description = "invalid_token"),
    ))]
pub async fn confirm_unlock(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    Json(body): Json<TokenBody>,
) -> ApiResult {
    UnlockAccount {
        users: &*ctx.store,
        tokens: &*ctx.store,
        counters: &*ctx.store,
        committer: &*ctx.store,
        clock: &*ctx.clock,
    }
    .execute(&tenant, &body.token, &meta)
    .await?;
    empty(StatusCode::NO_CONTENT)
}

/// "This wasn't me": the link of a credential-change mail. Sign-in stays off
/// until an administrator or a reset sets a new password (sessions and links
/// end; the owners and admins are told); audited `account.reported`.
#[utoipa::path(post, path = "/v1/tenants/{tenant}/account-reports/confirm", tag = "resets",
    params(TenantPath), request_body = TokenBody,
    responses(
        (status = 204, description = "Reported"),
        (status = 400, description = "invalid_token"),
    ))]
pub async fn confirm_report(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    Json(body): Json<TokenBody>,
) -> ApiResult {
    ReportAccount {
        tenants: &*ctx.tenants,
        users: &*ctx.store,
        directory: &*ctx.store,
        tokens: &*ctx.store,
        committer: &*ctx.store,
        clock: &*ctx.clock,
        links: &ctx.links,
    }
    .execute(&tenant, &body.token, &meta)
    .await?;
    empty(StatusCode::NO_CONTENT)
}
