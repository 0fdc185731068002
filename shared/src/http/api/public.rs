//! What the hosted pages read before anyone signs in (function `users`). Public,
//! so none of it tells which tenants exist: `core::usecases::public` reads an
//! unknown tenant as the defaults, with the same status and shape.

use axum::response::IntoResponse;
use http::{StatusCode, header};
use utoipa_axum::routes;

use super::Routes;
use crate::domain::{Locale, PasswordPolicy};
use crate::http::extract::Query;
use crate::http::extract::{Ctx, PageTenant, Tenant};
use crate::http::views::{Profile, ReturnTo, TenantPath};
use crate::http::{ApiResult, json};
use crate::usecases::AppError;
use crate::usecases::public::{PublicFace, public_face};
use crate::usecases::return_to::ReturnTarget;

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(password_policy))
        .routes(routes!(profile))
        .routes(routes!(return_target))
        .routes(routes!(logo))
}

/// The tenant's password policy (defaults for unknown tenants).
#[utoipa::path(get, path = "/v1/tenants/{tenant}/password-policy", tag = "public",
    params(TenantPath),
    responses((status = 200, description = "The policy", body = PasswordPolicy)))]
pub async fn password_policy(ctx: Ctx, Tenant(tenant): Tenant) -> ApiResult {
    let face = public_face(&*ctx.tenants, &tenant).await?;
    json(StatusCode::OK, &face.settings.password_policy)
}

/// The tenant's public face for the hosted pages: its display name, which
/// identifiers its forgot-password form needs, its policy and brand.
#[utoipa::path(get, path = "/v1/tenants/{tenant}/profile", tag = "public",
    params(TenantPath),
    responses((status = 200, description = "The profile", body = Profile)))]
pub async fn profile(ctx: Ctx, Tenant(tenant): Tenant) -> ApiResult {
    let PublicFace {
        name,
        settings,
        has_logo,
    } = public_face(&*ctx.tenants, &tenant).await?;
    json(
        StatusCode::OK,
        &Profile {
            name,
            reset_identifier: settings.reset_identifier,
            password_policy: settings.password_policy,
            locales: Locale::ALL.to_vec(),
            default_locale: settings.default_locale,
            branding: settings.branding,
            has_logo,
            return_urls: settings.return_urls,
        },
    )
}

/// The tenant's logo, with its own content type.
#[utoipa::path(get, path = "/t/{tenant}/logo", tag = "public",
    params(TenantPath),
    responses(
        (status = 200, description = "The logo", content(
            (String = "image/png"), (String = "image/jpeg"), (String = "image/webp"))),
        (status = 404, description = "not_found"),
    ))]
pub async fn logo(ctx: Ctx, PageTenant(tenant): PageTenant) -> ApiResult {
    let (kind, bytes) = super::tenant::logos(&ctx).get(&tenant).await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind.content_type()),
            // Never read as anything else; sandboxed if opened on its own.
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox",
            ),
            // Public and small; a short cache spares the store a read per page view.
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        bytes,
    )
        .into_response())
}

/// `?return_to=`: where a page would send a person after success.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ReturnToQuery {
    /// An absolute URL, as the page received it.
    #[param(max_length = 2048)]
    return_to: String,
}

/// Whether the tenant lets its pages send a person back to `return_to`: the
/// URL itself when it equals one of `settings.return_urls` (or starts with
/// one ending in `/`), else `null` (the page goes to the account page).
/// Never an open redirect; an unknown tenant allows nothing.
#[utoipa::path(get, path = "/v1/tenants/{tenant}/return-target", tag = "public",
    params(TenantPath, ReturnToQuery),
    responses((status = 200, description = "The allowed target, or null", body = ReturnTo)))]
pub async fn return_target(ctx: Ctx, Tenant(tenant): Tenant, query: Query) -> ApiResult {
    let candidate = query
        .get("return_to")
        .ok_or_else(|| AppError::InvalidRequest("return_to is required".into()))?;
    super::bodies::check_len("return_to", candidate, 2048)?;
    let return_to = ReturnTarget {
        tenants: &*ctx.tenants,
    }
    .execute(&tenant, candidate)
    .await?;
    json(StatusCode::OK, &ReturnTo { return_to })
}
