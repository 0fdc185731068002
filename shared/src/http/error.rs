//! The one place where `AppError` becomes an HTTP response (RFC 9457).

use bytes::Bytes;
use http::{StatusCode, header};

use super::views::Problem;
use crate::usecases::AppError;

fn parts(e: &AppError) -> (StatusCode, &'static str, &'static str) {
    use AppError::*;
    match e {
        InvalidRequest(_) | InvalidField { .. } => (
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The request is malformed.",
        ),
        InvalidCredentials => (
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
            "The username or password is incorrect.",
        ),
        MfaRequired => (
            StatusCode::UNAUTHORIZED,
            "mfa_required",
            "A one-time code from your authenticator app is required.",
        ),
        InvalidMfaCode => (
            StatusCode::UNAUTHORIZED,
            "invalid_mfa_code",
            "The one-time code is incorrect.",
        ),
        InvalidEnrollmentCode => (
            StatusCode::BAD_REQUEST,
            "invalid_mfa_code",
            "The one-time code is incorrect.",
        ),
        Unauthenticated => (
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Sign in first.",
        ),
        PasswordChangeRequired => (
            StatusCode::FORBIDDEN,
            "password_change_required",
            "Change your password before doing anything else.",
        ),
        Forbidden => (
            StatusCode::FORBIDDEN,
            "forbidden",
            "You are not allowed to do this.",
        ),
        NotFound => (StatusCode::NOT_FOUND, "not_found", "Not found."),
        InvalidToken => (
            StatusCode::BAD_REQUEST,
            "invalid_token",
            "This link is invalid or has expired. Request a new one.",
        ),
        PasswordPolicy(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "password_policy",
            "The new password does not meet the password policy.",
        ),
        TooManyAttempts { .. } => (
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "Too many attempts. Try again later.",
        ),
        InvalidCurrentPassword => (
            StatusCode::FORBIDDEN,
            "invalid_current_password",
            "The current password is incorrect.",
        ),
        PasswordChangeNotAllowed => (
            StatusCode::FORBIDDEN,
            "password_change_not_allowed",
            "This account's password cannot be changed here.",
        ),
        Conflict => (
            StatusCode::CONFLICT,
            "conflict",
            "The account changed at the same time. Try again.",
        ),
        MfaRequiredForAdmin => (
            StatusCode::FORBIDDEN,
            "mfa_required_for_admin",
            "Enable MFA on your account before resetting other users' passwords.",
        ),
        ExternallyManaged => (
            StatusCode::CONFLICT,
            "externally_managed",
            "This account's password is managed by an external directory.",
        ),
        AccountDisabled => (
            StatusCode::CONFLICT,
            "account_disabled",
            "This account is disabled.",
        ),
        UsernameTaken => (
            StatusCode::CONFLICT,
            "username_taken",
            "This username is already taken.",
        ),
        MfaAlreadyEnabled => (
            StatusCode::CONFLICT,
            "mfa_already_enabled",
            "Two-step sign-in is already on. Remove it before setting up another authenticator.",
        ),
        MfaRequiredByPolicy => (
            StatusCode::FORBIDDEN,
            "mfa_required_by_policy",
            "Your organization requires two-step sign-in for your account.",
        ),
        MfaEnrollmentRequired => (
            StatusCode::FORBIDDEN,
            "mfa_enrollment_required",
            "Set up two-step sign-in to continue.",
        ),
        Busy { .. } => (
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "The service is busy. Please try again shortly.",
        ),
        InvalidBranding(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_branding",
            "The branding is not acceptable.",
        ),
        InvalidLogo(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_logo",
            "The logo must be a PNG, JPEG or WebP image of at most 64 KiB.",
        ),
        InvalidSettings(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_settings",
            "The settings are not acceptable.",
        ),
        SelfTarget => (
            StatusCode::FORBIDDEN,
            "self_target",
            "Administrators cannot do this to their own account; use your account page instead.",
        ),
        ForbiddenByPolicy(_) => (
            StatusCode::FORBIDDEN,
            "forbidden_by_policy",
            "The organisation's settings do not allow this.",
        ),
        PasswordTooRecent { .. } => (
            StatusCode::FORBIDDEN,
            "password_too_recent",
            "Your password was changed too recently to change it again yet.",
        ),
        JobFinished => (
            StatusCode::CONFLICT,
            "job_finished",
            "The job has ended; it can no longer be paused, resumed or cancelled.",
        ),
        Internal(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side.",
        ),
    }
}

/// Builds the problem document. Internal detail is logged here and never sent.
pub fn problem(e: &AppError) -> http::Response<Bytes> {
    let (status, code, title) = parts(e);
    let mut body = Problem {
        kind: format!("/problems/{code}"),
        title: title.to_owned(),
        status: status.as_u16(),
        code: code.to_owned(),
        detail: None,
        errors: None,
        violations: None,
        setting: None,
    };
    match e {
        AppError::InvalidRequest(detail) => body.detail = Some(detail.clone()),
        AppError::InvalidField {
            field,
            code,
            detail,
        } => {
            body.detail = Some(detail.clone());
            body.errors = Some(vec![crate::domain::FieldError::coded(field, code)]);
        }
        AppError::InvalidBranding(b) => {
            body.detail = Some(b.detail.to_owned());
            body.errors = Some(vec![b.field_error()]);
        }
        AppError::InvalidLogo(l) => {
            body.detail = Some(l.detail.to_owned());
            body.errors = Some(vec![l.field_error()]);
        }
        AppError::PasswordPolicy(v) => body.violations = Some(v.clone()),
        AppError::InvalidSettings(errors) => {
            let detail: Vec<String> = errors.iter().map(|e| e.describe()).collect();
            body.detail = Some(detail.join("; "));
            body.errors = Some(errors.clone());
        }
        AppError::ForbiddenByPolicy(setting) => {
            body.detail = Some(format!("refused by the tenant setting {setting}"));
            body.setting = Some((*setting).to_owned());
        }
        AppError::Internal(detail) => tracing::error!(%detail, "request failed"),
        _ => {}
    }
    let mut builder = http::Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/problem+json")
        .header(header::CACHE_CONTROL, "no-store");
    if let AppError::TooManyAttempts { retry_after }
    | AppError::Busy { retry_after }
    | AppError::PasswordTooRecent { retry_after } = e
    {
        builder = builder.header(header::RETRY_AFTER, retry_after.to_string());
    }
    let json = serde_json::to_vec(&body).unwrap_or_default();
    builder
        .body(Bytes::from(json))
        .unwrap_or_else(|_| http::Response::new(Bytes::new()))
}

/// A known path asked with a method it does not have: routing's answer, not
/// a use case's (axum adds `Allow`, RFC 9110 §15.5.6).
pub fn method_not_allowed() -> http::Response<Bytes> {
    let body = Problem {
        kind: "/problems/method_not_allowed".into(),
        title: "Method not allowed.".into(),
        status: 405,
        code: "method_not_allowed".into(),
        detail: None,
        errors: None,
        violations: None,
        setting: None,
    };
    http::Response::builder()
        .status(StatusCode::METHOD_NOT_ALLOWED)
        .header(header::CONTENT_TYPE, "application/problem+json")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Bytes::from(serde_json::to_vec(&body).unwrap_or_default()))
        .unwrap_or_else(|_| http::Response::new(Bytes::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InvalidBranding, InvalidLogo};

    fn body(e: &AppError) -> serde_json::Value {
        serde_json::from_slice(problem(e).body()).unwrap()
    }

    #[test]
    fn a_refused_brand_or_logo_names_its_field_for_a_page_to_mark() {
        // GIVEN a colour too light WHEN answered THEN the field and a code,
        // besides the English detail (which no page needs to read)
        let b = body(&AppError::InvalidBranding(InvalidBranding::COLOR_TOO_LIGHT));
        assert_eq!(b["code"], "invalid_branding");
        assert_eq!(
            b["errors"],
            serde_json::json!([{"field": "branding.primary_color", "code": "too_light"}])
        );
        assert!(b["detail"].as_str().unwrap().starts_with("primary_color"));
        // GIVEN a support phone too long THEN its bound too
        let b = body(&AppError::InvalidBranding(
            InvalidBranding::SUPPORT_PHONE_TOO_LONG,
        ));
        assert_eq!(
            b["errors"],
            serde_json::json!([{"field": "branding.support_contact.phone", "code": "too_long", "max": 40}])
        );
        // GIVEN a logo too large or too wide THEN the logo's code and bounds
        let b = body(&AppError::InvalidLogo(InvalidLogo::TOO_LARGE));
        assert_eq!(b["code"], "invalid_logo");
        assert_eq!(
            b["errors"],
            serde_json::json!([{"field": "logo", "code": "too_large", "max": 65536}])
        );
        let b = body(&AppError::InvalidLogo(InvalidLogo::SIDES));
        assert_eq!(
            b["errors"],
            serde_json::json!([{"field": "logo", "code": "out_of_range", "min": 1, "max": 4096}])
        );
    }
}
