//! One's own second factor and its recovery codes (function `change-password`).

use http::StatusCode;
use secrecy::SecretString;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::Routes;
use super::bodies::{FactorBody, second_factor};
use crate::app::App;
use crate::http::extract::{Ctx, Enrolment, Json, Meta, Session};
use crate::http::views::{Enrollment, RecoveryCodes};
use crate::http::{ApiResult, empty, json};
use crate::usecases::AppError;
use crate::usecases::account::Mfa;
use crate::usecases::sessions::SecondFactor;

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(enroll_totp, remove_totp))
        .routes(routes!(confirm_totp))
        .routes(routes!(regenerate_recovery_codes))
}

fn mfa(app: &App) -> Mfa<'_> {
    Mfa {
        tenants: &*app.tenants,
        counters: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
    }
}

fn factor<'a>(
    totp_code: &'a Option<String>,
    recovery_code: &'a Option<SecretString>,
) -> Result<SecondFactor<'a>, AppError> {
    second_factor(totp_code, recovery_code)
        .ok_or_else(|| AppError::InvalidRequest("totp_code or recovery_code is required".into()))
}

#[derive(Deserialize, ToSchema)]
pub struct CurrentPasswordBody {
    #[schema(value_type = String, format = Password)]
    current_password: SecretString,
}

/// Start TOTP enrolment (needs the current password).
#[utoipa::path(post, path = "/v1/me/mfa/totp", tag = "mfa",
    security(("session" = [])), request_body = CurrentPasswordBody,
    responses(
        (status = 200, description = "The secret to enrol", body = Enrollment),
        (status = 403, description = "invalid_current_password"),
        (status = 409, description = "mfa_already_enabled"),
        (status = 429, description = "too_many_attempts"),
    ))]
pub async fn enroll_totp(
    ctx: Ctx,
    Meta(meta): Meta,
    session: Session<Enrolment>,
    Json(body): Json<CurrentPasswordBody>,
) -> ApiResult {
    let enrollment = mfa(&ctx)
        .enroll(&session, body.current_password, &meta)
        .await?;
    json(
        StatusCode::OK,
        &Enrollment {
            secret: enrollment.secret,
            otpauth_uri: enrollment.otpauth_uri,
        },
    )
}

#[derive(Deserialize, ToSchema)]
pub struct CodeBody {
    code: String,
}

/// Confirm enrolment with a code; answers the recovery codes once.
#[utoipa::path(post, path = "/v1/me/mfa/totp/confirm", tag = "mfa",
    security(("session" = [])), request_body = CodeBody,
    responses(
        (status = 200, description = "On; the recovery codes, shown once", body = RecoveryCodes),
        (status = 400, description = "invalid_mfa_code"),
        (status = 409, description = "mfa_already_enabled"),
    ))]
pub async fn confirm_totp(
    ctx: Ctx,
    Meta(meta): Meta,
    session: Session<Enrolment>,
    Json(body): Json<CodeBody>,
) -> ApiResult {
    let recovery_codes = mfa(&ctx).confirm(&session, &body.code, &meta).await?;
    json(StatusCode::OK, &RecoveryCodes { recovery_codes })
}

/// Remove one's own second factor (password and a code).
#[utoipa::path(delete, path = "/v1/me/mfa/totp", tag = "mfa",
    security(("session" = [])), request_body = FactorBody,
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "invalid_mfa_code"),
        (status = 403, description = "invalid_current_password | mfa_required_by_policy"),
        (status = 422, description = "password_policy"),
        (status = 429, description = "too_many_attempts"),
    ))]
pub async fn remove_totp(
    ctx: Ctx,
    Meta(meta): Meta,
    session: Session,
    Json(body): Json<FactorBody>,
) -> ApiResult {
    let FactorBody {
        current_password,
        totp_code,
        recovery_code,
    } = body;
    let factor = factor(&totp_code, &recovery_code)?;
    mfa(&ctx)
        .remove(&session, current_password, factor, &meta)
        .await?;
    empty(StatusCode::NO_CONTENT)
}

/// A new set of recovery codes (password and a code).
#[utoipa::path(post, path = "/v1/me/mfa/recovery-codes", tag = "mfa",
    security(("session" = [])), request_body = FactorBody,
    responses(
        (status = 200, description = "The new codes, shown once", body = RecoveryCodes),
        (status = 400, description = "invalid_mfa_code"),
        (status = 403, description = "invalid_current_password"),
        (status = 429, description = "too_many_attempts"),
    ))]
pub async fn regenerate_recovery_codes(
    ctx: Ctx,
    Meta(meta): Meta,
    session: Session,
    Json(body): Json<FactorBody>,
) -> ApiResult {
    let FactorBody {
        current_password,
        totp_code,
        recovery_code,
    } = body;
    let factor = factor(&totp_code, &recovery_code)?;
    let recovery_codes = mfa(&ctx)
        .regenerate_codes(&session, current_password, factor, &meta)
        .await?;
    json(StatusCode::OK, &RecoveryCodes { recovery_codes })
}
