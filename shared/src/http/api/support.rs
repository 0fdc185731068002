//! Platform support: find a tenant's owners and admins, reset one with a
//! ticket reference (function `support-reset`).

use http::StatusCode;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json as value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

use super::Routes;
use super::admin_resets::admin;
use crate::domain::permissions::Actor;
use crate::domain::{Role, rfc3339};
use crate::http::extract::{Ctx, Json, Meta, Query, Support, Tenant, TenantUser};
use crate::http::views::{LinkSent, SupportUser, SupportUsers, TenantPath, UserPath};
use crate::http::{ApiResult, empty, json};
use crate::usecases::AppError;
use crate::usecases::support::{SupportLookup, ticket};

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(support_list_users))
        .routes(routes!(support_reset))
}

/// Support's lookup query.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LookupQuery {
    /// A username or email prefix.
    q: Option<String>,
    /// `owner` or `admin` (default both).
    #[param(inline, value_type = Option<String>, pattern = "^(owner|admin)?$")]
    role: Option<String>,
}

/// Support: a tenant's owners and admins.
#[utoipa::path(get, path = "/v1/support/tenants/{tenant}/users", tag = "support",
    security(("iam" = []), ("supportToken" = [])), params(TenantPath, LookupQuery),
    responses(
        (status = 200, description = "The owners and admins found", body = SupportUsers),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn support_list_users(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    Support(identity): Support,
    query: Query,
) -> ApiResult {
    let role = match query.get("role") {
        None | Some("") => None,
        Some("owner") => Some(Role::Owner),
        Some("admin") => Some(Role::Admin),
        Some(_) => {
            return Err(AppError::InvalidRequest("role must be owner or admin".into()).into());
        }
    };
    let found = SupportLookup {
        tenants: &*ctx.tenants,
        directory: &*ctx.store,
        committer: &*ctx.store,
        clock: &*ctx.clock,
    }
    .execute(
        &tenant,
        role,
        query.get("q").unwrap_or_default(),
        &identity,
        &meta,
    )
    .await?;
    json(
        StatusCode::OK,
        &SupportUsers {
            users: found.iter().map(SupportUser::from).collect(),
        },
    )
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportMode {
    /// Mail a reset link.
    Link,
    /// Set a password (temporary unless `temporary: false`).
    Set,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportBody {
    mode: SupportMode,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Password)]
    new_password: Option<SecretString>,
    #[serde(default)]
    temporary: Option<bool>,
    #[serde(default)]
    recipient_email: Option<String>,
    #[serde(default)]
    reset_mfa: bool,
    /// The ticket this answers (audited; at most 500 characters).
    #[schema(max_length = 500)]
    reason: String,
}

/// Support: reset an owner or admin, with a reason.
#[utoipa::path(post, path = "/v1/support/tenants/{tenant}/users/{user_id}/password",
    tag = "support", security(("iam" = []), ("supportToken" = [])), params(UserPath),
    request_body = SupportBody,
    responses(
        (status = 202, description = "Link sent (mode link)", body = LinkSent),
        (status = 204, description = "Password set (mode set)"),
        (status = 403, description = "forbidden | forbidden_by_policy"),
        (status = 404, description = "not_found"),
        (status = 409, description = "externally_managed"),
        (status = 422, description = "password_policy"),
    ))]
pub async fn support_reset(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    Support(identity): Support,
    Json(body): Json<SupportBody>,
) -> ApiResult {
    tracing::info!(support_identity = %identity, tenant = %tenant, "support reset requested");
    let reason = ticket(&body.reason)?;
    let details = [
        ("reason", value!(reason)),
        ("support_identity", value!(identity)),
    ];
    match body.mode {
        SupportMode::Link => {
            let expires_at = admin(&ctx)
                .send_link(
                    &Actor::Support,
                    &tenant,
                    &id,
                    body.recipient_email,
                    body.reset_mfa,
                    &details,
                    &meta,
                )
                .await?;
            json(
                StatusCode::ACCEPTED,
                &LinkSent {
                    expires_at: rfc3339(expires_at),
                },
            )
        }
        SupportMode::Set => {
            let password = body.new_password.ok_or_else(|| {
                AppError::InvalidRequest("new_password is required with mode set".into())
            })?;
            admin(&ctx)
                .set_password(
                    &Actor::Support,
                    &tenant,
                    &id,
                    password,
                    body.temporary.unwrap_or(true),
                    body.reset_mfa,
                    &details,
                    &meta,
                )
                .await?;
            empty(StatusCode::NO_CONTENT)
        }
    }
}
