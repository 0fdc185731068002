//! The tenant's settings, audit log and logo (function `users`).

use axum::extract::Request;
use axum::response::IntoResponse;
use http::{StatusCode, header};
use utoipa::IntoParams;
use utoipa_axum::routes;

use super::Routes;
use super::users::users;
use crate::app::App;
use crate::domain::directory::encode_cursor;
use crate::domain::permissions::Actor;
use crate::domain::{AuditFilter, Instant, MAX_LOGO_BYTES, Settings};
use crate::http::extract::{Ctx, Json, Meta, Query, Session, Tenant, read_body};
use crate::http::views::{AuditEventView, AuditPage, TenantPath};
use crate::http::{ApiResult, empty, json};
use crate::usecases::AppError;
use crate::usecases::admin::Users;
use crate::usecases::branding::Logos;

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(audit_events))
        .routes(routes!(put_logo))
}

pub fn logos(app: &App) -> Logos<'_> {
    Logos {
        tenants: &*app.tenants,
        logos: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
    }
}

/// The tenant's settings (owner).
#[utoipa::path(get, path = "/v1/tenants/{tenant}/settings", tag = "tenant",
    security(("session" = [])), params(TenantPath),
    responses(
        (status = 200, description = "The settings", body = Settings),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn get_settings(ctx: Ctx, Tenant(tenant): Tenant, session: Session) -> ApiResult {
    let settings = users(&ctx)
        .settings(&Actor::User(&session.user), &tenant)
        .await?;
    json(StatusCode::OK, &settings)
}

/// Replace the tenant's settings (owner). Each value within its bounds (see
/// `docs/configuration.md`); out of range is `422 invalid_settings` naming
/// each field.
#[utoipa::path(put, path = "/v1/tenants/{tenant}/settings", tag = "tenant",
    security(("session" = [])), params(TenantPath), request_body = Settings,
    responses(
        (status = 200, description = "The settings now", body = Settings),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
        (status = 422, description = "invalid_branding | invalid_settings"),
    ))]
pub async fn put_settings(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    session: Session,
    Json(body): Json<Settings>,
) -> ApiResult {
    // Read-modify-write of the tenant: from the store, never from the cache,
    // or a logo uploaded a moment ago would be written away.
    let settings = Users {
        tenants: &*ctx.store,
        ..users(&ctx)
    }
    .put_settings(&Actor::User(&session.user), &tenant, body, &meta)
    .await?;
    ctx.tenant_changed(&tenant);
    json(StatusCode::OK, &settings)
}

/// The audit log's filters and paging.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AuditQuery {
    /// Events about (or by) this account.
    user_id: Option<String>,
    /// An event type, e.g. `password_reset.requested`.
    r#type: Option<String>,
    /// `success`, `failure`, ...
    outcome: Option<String>,
    /// RFC 3339; events at or after.
    #[param(format = DateTime)]
    from: Option<String>,
    /// RFC 3339; events before.
    #[param(format = DateTime)]
    to: Option<String>,
    /// `json` (default) or `csv` (as `Accept: text/csv` does).
    #[param(inline, value_type = Option<String>, pattern = "^(json|csv)$")]
    format: Option<String>,
    cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

fn audit_filter(query: &Query) -> Result<AuditFilter, AppError> {
    let time = |name: &str| -> Result<Option<Instant>, AppError> {
        query
            .text(name)
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
    Ok(AuditFilter {
        user_id: query.text("user_id"),
        kind: query.text("type"),
        outcome: query.text("outcome"),
        from: time("from")?,
        to: time("to")?,
    })
}

/// CSV when asked by `?format=csv` or `Accept: text/csv`; JSON otherwise.
fn wants_csv(query: &Query, headers: &http::HeaderMap) -> Result<bool, AppError> {
    match query.get("format") {
        Some("csv") => return Ok(true),
        Some("json") | Some("") | None => {}
        Some(_) => {
            return Err(AppError::InvalidRequest(
                "format must be json or csv".into(),
            ));
        }
    }
    Ok(headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.split(',').any(|t| t.trim().starts_with("text/csv"))))
}

/// The tenant's audit log, newest first, filtered; CSV with `format=csv` or
/// `Accept: text/csv` (the next page's cursor in `x-next-cursor`).
#[utoipa::path(get, path = "/v1/tenants/{tenant}/audit-events", tag = "tenant",
    security(("session" = [])), params(TenantPath, AuditQuery),
    responses(
        (status = 200, description = "A page of events", content(
            (AuditPage = "application/json"), (String = "text/csv"))),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn audit_events(
    ctx: Ctx,
    Tenant(tenant): Tenant,
    query: Query,
    headers: http::HeaderMap,
    session: Session,
) -> ApiResult {
    let filter = audit_filter(&query)?;
    let csv = wants_csv(&query, &headers)?;
    let page = users(&ctx)
        .audit_events(
            &Actor::User(&session.user),
            &tenant,
            query.cursor()?.as_deref(),
            query.limit()?,
            &filter,
        )
        .await?;
    let next_cursor = page.next_cursor.as_deref().map(encode_cursor);
    if csv {
        return Ok((
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"audit-events.csv\"".to_owned(),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
                (
                    header::HeaderName::from_static("x-next-cursor"),
                    next_cursor.unwrap_or_default(),
                ),
            ],
            crate::domain::audit_csv(&page.items),
        )
            .into_response());
    }
    let names = users(&ctx).audit_names(&tenant, &page.items).await?;
    json(
        StatusCode::OK,
        &AuditPage {
            events: page
                .items
                .iter()
                .map(|e| AuditEventView::named(e, &names))
                .collect(),
            next_cursor,
        },
    )
}

/// Upload the tenant's logo: raw PNG, JPEG or WebP bytes, at most 64 KiB (owner).
#[utoipa::path(put, path = "/v1/tenants/{tenant}/logo", tag = "tenant",
    security(("session" = [])), params(TenantPath),
    request_body(content(
        (String = "image/png"), (String = "image/jpeg"), (String = "image/webp"))),
    responses(
        (status = 204, description = "Stored"),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
        (status = 422, description = "invalid_logo"),
    ))]
pub async fn put_logo(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    session: Session,
    req: Request,
) -> ApiResult {
    // The one raw body: judged by its bytes, not parsed as JSON.
    let bytes = read_body(req, MAX_LOGO_BYTES)
        .await
        .ok_or(AppError::InvalidLogo(crate::domain::InvalidLogo::TOO_LARGE))?;
    // Read-modify-write of the tenant: from the store, never from the cache,
    // or settings saved a moment ago would be written away.
    Logos {
        tenants: &*ctx.store,
        ..logos(&ctx)
    }
    .put(&Actor::User(&session.user), &tenant, bytes, &meta)
    .await?;
    ctx.tenant_changed(&tenant);
    empty(StatusCode::NO_CONTENT)
}
