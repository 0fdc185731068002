use crate::domain::Violation;
use crate::ports::StoreError;

/// Every failure a request can end in. `http::error` maps each variant to its
/// status, code and title in exactly one place. Variant payloads are safe to
/// send, except `Internal`, whose detail is logged and never sent.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400 invalid_request: malformed, oversized or incomplete input.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// 401 invalid_credentials: unknown user, wrong password, disabled or pending.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 401 mfa_required: correct password, TOTP code needed.
    #[error("mfa required")]
    MfaRequired,
    /// 401 invalid_mfa_code (at sign-in).
    #[error("invalid mfa code")]
    InvalidMfaCode,
    /// 400 invalid_mfa_code (confirming an enrollment).
    #[error("invalid enrollment code")]
    InvalidEnrollmentCode,
    /// 401 unauthenticated: no, expired or revoked session.
    #[error("unauthenticated")]
    Unauthenticated,
    /// 403 password_change_required: a restricted session called another route.
    #[error("password change required")]
    PasswordChangeRequired,
    /// 403 forbidden.
    #[error("forbidden")]
    Forbidden,
    /// 404 not_found.
    #[error("not found")]
    NotFound,
    /// 400 invalid_request about one field of the body: `errors[{field, code}]`
    /// lets a page mark it without reading the English `detail`.
    #[error("invalid field {field}: {detail}")]
    InvalidField {
        field: String,
        code: &'static str,
        detail: String,
    },
    /// 400 invalid_token: unknown, expired, used or superseded (one code for all).
    #[error("invalid token")]
    InvalidToken,
    /// 422 password_policy with violations.
    #[error("password policy")]
    PasswordPolicy(Vec<Violation>),
    /// 429 too_many_attempts, with Retry-After seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after: u64 },
    /// 403 invalid_current_password (counts toward the sign-in lockout).
    #[error("invalid current password")]
    InvalidCurrentPassword,
    /// 403 password_change_not_allowed: `can_change_password` false or
    /// externally managed.
    #[error("password change not allowed")]
    PasswordChangeNotAllowed,
    /// 403 mfa_required_for_admin: the tenant requires MFA for admin resets.
    #[error("mfa required for admin")]
    MfaRequiredForAdmin,
    /// 409 externally_managed: the target's password lives in a directory.
    #[error("externally managed")]
    ExternallyManaged,
    /// 409 account_disabled: no links for disabled accounts.
    #[error("account disabled")]
    AccountDisabled,
    /// 409 username_taken.
    #[error("username taken")]
    UsernameTaken,
    /// 409 mfa_already_enabled: remove the factor before enrolling another, so a
    /// session alone can never replace it.
    #[error("mfa already enabled")]
    MfaAlreadyEnabled,
    /// 403 mfa_required_by_policy: the tenant requires a second factor for the caller.
    #[error("mfa required by policy")]
    MfaRequiredByPolicy,
    /// 403 mfa_enrollment_required: a session of a user who must enrol first.
    #[error("mfa enrollment required")]
    MfaEnrollmentRequired,
    /// 503 busy, with Retry-After seconds: every password-hashing slot is taken.
    #[error("busy")]
    Busy { retry_after: u64 },
    /// 409 conflict: the account changed concurrently; retry.
    #[error("conflict")]
    Conflict,
    /// 422 invalid_branding: a colour too light for white text, a contact that
    /// is not one; the detail says which.
    #[error("invalid branding: {0}")]
    InvalidBranding(crate::domain::InvalidBranding),
    /// 422 invalid_logo: not a PNG, JPEG or WebP by its bytes, or too large.
    #[error("invalid logo: {0}")]
    InvalidLogo(crate::domain::InvalidLogo),
    /// 422 invalid_settings: settings out of their bounds, every field at fault
    /// with its bounds (`errors`).
    #[error("invalid settings")]
    InvalidSettings(Vec<crate::domain::FieldError>),
    /// 403 self_target: an admin or support action aimed at the caller's own
    /// account (the own-account routes, which ask for the current password and
    /// second factor, are the way to change it).
    #[error("self target")]
    SelfTarget,
    /// 403 forbidden_by_policy: the tenant's settings forbid this action
    /// (the setting named, e.g. `admins_may_set_passwords`).
    #[error("forbidden by policy: {0}")]
    ForbiddenByPolicy(&'static str),
    /// 403 password_too_recent, with Retry-After seconds: the password is
    /// younger than the tenant's `password_min_age_hours`.
    #[error("password too recent")]
    PasswordTooRecent { retry_after: u64 },
    /// 409 job_finished: the job is done, cancelled or failed; it can no
    /// longer be paused, resumed or cancelled.
    #[error("job finished")]
    JobFinished,
    /// 500 internal: detail for the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<crate::domain::permissions::Denied> for AppError {
    fn from(d: crate::domain::permissions::Denied) -> Self {
        use crate::domain::permissions::Denied;
        match d {
            Denied::NotFound => Self::NotFound,
            Denied::Forbidden => Self::Forbidden,
            Denied::MfaRequired => Self::MfaRequiredForAdmin,
            Denied::ExternallyManaged => Self::ExternallyManaged,
            Denied::AccountDisabled => Self::AccountDisabled,
            Denied::SelfTarget => Self::SelfTarget,
        }
    }
}

impl From<crate::domain::SettingsError> for AppError {
    fn from(e: crate::domain::SettingsError) -> Self {
        use crate::domain::SettingsError;
        match e {
            SettingsError::Invalid(i) => Self::InvalidSettings(i.0),
            SettingsError::Branding(b) => Self::InvalidBranding(b),
        }
    }
}
