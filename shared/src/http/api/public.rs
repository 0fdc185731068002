//! What the hosted pages read before anyone signs in (function `users`). Public,
//! so none of it tells which tenants exist: `core::usecases::public` reads an
//! unknown tenant as the defaults, with the same status and shape.

use axum::response::IntoResponse;
use http::{StatusCode, header};
use utoipa_axum::routes;

use super::Routes;
use crate::domain::{Locale, PasswordPolicy};
use crate::http::extract::{Ctx, PageTenant, Tenant};
use crate::http::views::{Profile, TenantPath};
use crate::http::{ApiResult, json};
use crate::usecases::public::{PublicFace, public_face};

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(password_policy))
        .routes(routes!(profile))
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
