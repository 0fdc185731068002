//! Tenant administrators reset other users: a link, a set password, many at
//! once, a lost second factor (function `admin-reset`).

use http::StatusCode;
use secrecy::SecretString;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::Routes;
use crate::app::App;
use crate::domain::permissions::Actor;
use crate::domain::rfc3339;
use crate::http::extract::{Ctx, Json, Meta, OptionalJson, Session, Tenant, TenantUser};
use crate::http::views::{BulkOutcome, BulkResults, LinkSent, TenantPath, UserPath};
use crate::http::{ApiResult, empty, json};
use crate::usecases::admin::AdminReset;

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(admin_reset_link))
        .routes(routes!(admin_set_password))
        .routes(routes!(bulk_reset))
        .routes(routes!(admin_reset_mfa))
}

pub fn admin(app: &App) -> AdminReset<'_> {
    AdminReset {
        breached: &*app.breached,
        tenants: &*app.tenants,
        users: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    /// Send to this address instead of the account's (audited; the account's
    /// own address is told).
    #[serde(default)]
    recipient_email: Option<String>,
    /// Also remove the account's second factor.
    #[serde(default)]
    reset_mfa: bool,
}

/// Email a reset (or activation) link. The body is optional.
#[utoipa::path(post, path = "/v1/tenants/{tenant}/users/{user_id}/password-reset",
    tag = "admin resets", security(("session" = [])), params(UserPath),
    request_body(content = Option<LinkBody>),
    responses(
        (status = 202, description = "Sent", body = LinkSent),
        (status = 403, description = "forbidden | mfa_required_for_admin | self_target"),
        (status = 404, description = "not_found"),
        (status = 409, description = "externally_managed | account_disabled"),
    ))]
pub async fn admin_reset_link(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
    OptionalJson(body): OptionalJson<LinkBody>,
) -> ApiResult {
    let expires_at = admin(&ctx)
        .send_link(
            &Actor::User(&session.user),
            &tenant,
            &id,
            body.recipient_email,
            body.reset_mfa,
            &[],
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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPasswordBody {
    #[schema(value_type = String, format = Password)]
    new_password: SecretString,
    /// The user must change it at the next sign-in.
    temporary: bool,
    #[serde(default)]
    reset_mfa: bool,
}

/// Set a temporary or permanent password.
#[utoipa::path(put, path = "/v1/tenants/{tenant}/users/{user_id}/password",
    tag = "admin resets", security(("session" = [])), params(UserPath),
    request_body = SetPasswordBody,
    responses(
        (status = 204, description = "Set; the account's sessions are signed out"),
        (status = 403, description = "forbidden | mfa_required_for_admin | self_target | forbidden_by_policy"),
        (status = 404, description = "not_found"),
        (status = 409, description = "externally_managed"),
        (status = 422, description = "password_policy"),
    ))]
pub async fn admin_set_password(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
    Json(body): Json<SetPasswordBody>,
) -> ApiResult {
    admin(&ctx)
        .set_password(
            &Actor::User(&session.user),
            &tenant,
            &id,
            body.new_password,
            body.temporary,
            body.reset_mfa,
            &[],
            &meta,
        )
        .await?;
    empty(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkBody {
    /// 1 to 100 account ids.
    user_ids: Vec<String>,
    #[serde(default)]
    reset_mfa: bool,
}

/// Reset links for up to 100 accounts, one outcome each (the caller is
/// skipped as `self_target`).
#[utoipa::path(post, path = "/v1/tenants/{tenant}/password-resets/bulk",
    tag = "admin resets", security(("session" = [])), params(TenantPath),
    request_body = BulkBody,
    responses(
        (status = 200, description = "One outcome per id, in order", body = BulkResults),
        (status = 403, description = "forbidden | mfa_required_for_admin"),
        (status = 404, description = "not_found"),
    ))]
pub async fn bulk_reset(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    session: Session,
    Json(body): Json<BulkBody>,
) -> ApiResult {
    let results = admin(&ctx)
        .bulk(
            &Actor::User(&session.user),
            &tenant,
            &body.user_ids,
            body.reset_mfa,
            &meta,
        )
        .await?;
    json(
        StatusCode::OK,
        &BulkResults {
            results: results
                .into_iter()
                .map(|r| BulkOutcome {
                    user_id: r.user_id,
                    outcome: r.outcome.to_owned(),
                    code: r.code.map(str::to_owned),
                })
                .collect(),
        },
    )
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    /// Why (audited).
    #[serde(default)]
    reason: Option<String>,
}

/// Remove a user's lost second factor. The body is optional.
#[utoipa::path(delete, path = "/v1/tenants/{tenant}/users/{user_id}/mfa",
    tag = "admin resets", security(("session" = [])), params(UserPath),
    request_body(content = Option<ReasonBody>),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "forbidden | mfa_required_for_admin | self_target"),
        (status = 404, description = "not_found"),
    ))]
pub async fn admin_reset_mfa(
    ctx: Ctx,
    Meta(meta): Meta,
    TenantUser(tenant, id): TenantUser,
    session: Session,
    OptionalJson(body): OptionalJson<ReasonBody>,
) -> ApiResult {
    admin(&ctx)
        .reset_mfa(
            &Actor::User(&session.user),
            &tenant,
            &id,
            body.reason,
            &meta,
        )
        .await?;
    empty(StatusCode::NO_CONTENT)
}
