//! The tenant's compliance profile: the live conformance report, and applying
//! a profile's floors (function `users`).

use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

use super::Routes;
use crate::domain::Settings;
use crate::domain::compliance::{Profile, RequirementStatus, Status};
use crate::domain::permissions::Actor;
use crate::http::extract::{Ctx, Json, Meta, Query, Session, Tenant};
use crate::http::views::TenantPath;
use crate::http::{ApiResult, json};
use crate::usecases::AppError;
use crate::usecases::compliance::Compliance;

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(compliance_report))
        .routes(routes!(apply_profile))
}

fn compliance(ctx: &Ctx) -> Compliance<'_> {
    Compliance {
        tenants: &*ctx.tenants,
        committer: &*ctx.store,
        clock: &*ctx.clock,
    }
}

/// A floor of the profile, the value it meets and whether it holds.
#[derive(Serialize, ToSchema)]
pub struct FloorLine {
    pub setting: String,
    pub requirement: String,
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// For a boolean or `null` floor: the value it asks for.
    #[schema(schema_with = crate::domain::schemas::scalar)]
    pub expected: Option<serde_json::Value>,
    /// The setting's value now (a number, a boolean or `null`).
    #[schema(schema_with = crate::domain::schemas::scalar)]
    pub value: serde_json::Value,
    pub holds: bool,
}

/// How many requirements have each status.
#[derive(Serialize, ToSchema)]
pub struct Summary {
    pub met: u64,
    pub not_met: u64,
    pub not_applicable: u64,
}

/// The conformance report: never "met" for what the product does not enforce.
#[derive(Serialize, ToSchema)]
pub struct ComplianceReport {
    pub profile: Profile,
    pub requirements: Vec<RequirementStatus>,
    /// What the profile fixes (none for `custom`).
    pub floors: Vec<FloorLine>,
    pub summary: Summary,
}

/// `?profile=`: report on another profile than the tenant's.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ProfileQuery {
    profile: Option<Profile>,
}

/// The live conformance report of the tenant's profile (or `?profile=`), from
/// its settings and the product's fixed behaviour (owner, or `audit.read`).
#[utoipa::path(get, path = "/v1/tenants/{tenant}/compliance", tag = "tenant",
    security(("session" = [])), params(TenantPath, ProfileQuery),
    responses(
        (status = 200, description = "The report", body = ComplianceReport),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn compliance_report(
    ctx: Ctx,
    Tenant(tenant): Tenant,
    query: Query,
    session: Session,
) -> ApiResult {
    let profile = match query.text("profile") {
        None => None,
        Some(p) => Some(Profile::parse(&p).ok_or_else(|| {
            AppError::InvalidRequest("profile is not one of the profiles".into())
        })?),
    };
    let report = compliance(&ctx)
        .report(&Actor::User(&session.user), &tenant, profile)
        .await?;
    let count = |s: Status| report.requirements.iter().filter(|r| r.status == s).count() as u64;
    let summary = Summary {
        met: count(Status::Met),
        not_met: count(Status::NotMet),
        not_applicable: count(Status::NotApplicable),
    };
    json(
        StatusCode::OK,
        &ComplianceReport {
            profile: report.profile,
            floors: report
                .floors
                .iter()
                .map(|f| FloorLine {
                    setting: f.setting.to_owned(),
                    requirement: f.requirement.to_owned(),
                    min: f.min,
                    max: f.max,
                    expected: f.expected.clone(),
                    value: f.value.clone(),
                    holds: f.holds,
                })
                .collect(),
            requirements: report.requirements,
            summary,
        },
    )
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyBody {
    profile: Profile,
}

/// Apply a profile (owner): every setting moves onto its floor where it is
/// looser; tighter ones stay. Audited `settings.updated`.
#[utoipa::path(post, path = "/v1/tenants/{tenant}/compliance/apply", tag = "tenant",
    security(("session" = [])), params(TenantPath), request_body = ApplyBody,
    responses(
        (status = 200, description = "The settings now", body = Settings),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn apply_profile(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    session: Session,
    Json(body): Json<ApplyBody>,
) -> ApiResult {
    // Read-modify-write of the tenant: from the store, never from the cache.
    let settings = Compliance {
        tenants: &*ctx.store,
        ..compliance(&ctx)
    }
    .apply(&Actor::User(&session.user), &tenant, body.profile, &meta)
    .await?;
    ctx.tenant_changed(&tenant);
    json(StatusCode::OK, &settings)
}
