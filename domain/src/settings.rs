//! A tenant's settings: every field with its meaning, default and bounds, and
//! the one check every path that makes settings runs (the API's `PUT`, the seed
//! file, `latchkey tenant create --settings`, the tests' worlds).
//!
//! Why bounds at all: a setting is an owner's input, and an owner's session can
//! be stolen. Without bounds one value could end the process (a lock of 1e12 s
//! overflows the clock), switch a protection off (a ceiling of 1e15 failures) or
//! lock every user out for decades (a ceiling of 1 with a lock of 1e9 s).

use serde::{Deserialize, Serialize};

use super::compliance::Profile;
use super::i18n::Locale;
use super::limits::Limits;
use super::policy::PasswordPolicy;
use super::tenant::Branding;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResetIdentifier {
    #[default]
    Email,
    Username,
    UsernameAndEmail,
}

/// The tenant settings object of the API, with its defaults. Unknown keys are
/// rejected so that a typo in a seed file or a PUT is an error, not a silent
/// default. Deserializing does not check bounds (a stored tenant must always
/// load); whatever makes settings calls [`Settings::validate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    /// What a new password must be. Bounds: `min_length` 8..=64,
    /// `max_length` 64..=1024, `history` 0..=24, `require_classes` 0..=4.
    pub password_policy: PasswordPolicy,
    /// Which identifiers a forgot-password request must name (default `email`).
    pub reset_identifier: ResetIdentifier,
    /// Lifetime of a forgot-password link. Default 3600; 300..=86400.
    pub reset_link_ttl_seconds: u64,
    /// Lifetime of an admin, support or activation link. Default 86400;
    /// 300..=604800 (7 days).
    pub admin_reset_link_ttl_seconds: u64,
    /// Whether admins and owners may reset by email (default false: their
    /// accounts are worth more than a mailbox).
    pub self_service_reset_for_admins: bool,
    /// Whether an admin needs MFA to reset others (default true).
    pub require_mfa_for_admin_resets: bool,
    /// Lifetime of a session. Default 43200; 300..=2592000 (30 days).
    pub session_ttl_seconds: u64,
    /// A session unused for this long ends (`401` like an expired one).
    /// Default `None` (off); 300..=86400. Accurate to a minute: a session
    /// records its use at most once a minute (`SESSION_TOUCH_SECONDS`), so
    /// it may end up to a minute early; the 5-minute floor keeps that small.
    pub session_idle_timeout_seconds: Option<u64>,
    /// Throttling and lockout; each field's bounds are on [`Limits`].
    pub limits: Limits,
    /// Who must have a second factor: a session of such a user without one may
    /// only enrol (or change its password, or sign out). Default `none`.
    pub mfa_required_for: MfaRequiredFor,
    /// The language of pages and mails when nothing better is known (default `en`).
    pub default_locale: Locale,
    /// The tenant's name, colour and contact on its pages and mails; checked by
    /// [`Branding::validate`] (`422 invalid_branding`).
    pub branding: Branding,
    /// Where the hosted pages may send a person back to after signing in,
    /// resetting or activating (`?return_to=`): up to 10 absolute URLs, https
    /// (or http on `localhost`/`127.0.0.1`); see `domain::return_to`.
    /// Default none.
    pub return_urls: Vec<String>,
    /// The standard whose floors these settings keep (`custom`: none). A
    /// value looser than the profile's is refused with `below_profile` and
    /// the requirement it would break (see `domain::compliance`).
    pub compliance_profile: Profile,
    /// Days a password stays valid; the first sign-in after is a must-change
    /// (`expired`). `null` (default): passwords never expire. 1..=730.
    pub password_max_age_days: Option<u32>,
    /// Days before expiry on which a reminder is mailed, once each (e.g.
    /// `[14, 3, 1]`). Default none; at most 5, each 1..=60 and shorter than
    /// the maximum age.
    pub expiry_reminder_days: Vec<u16>,
    /// Hours a password must be kept before its owner may change it again
    /// (never holds a reset, an administrator's set or a required change).
    /// Default 0 (off); 0..=720.
    pub password_min_age_hours: u32,
    /// Whether administrators and support may set a password (`PUT
    /// .../password`, support's `set` mode). Default true; false leaves links
    /// only (`403 forbidden_by_policy`).
    pub admins_may_set_passwords: bool,
    /// Whether a password an administrator or support sets is always a
    /// temporary one, changed at its first use (`temporary: false` is then
    /// `403 forbidden_by_policy`). Default false.
    pub admin_set_passwords_temporary: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MfaRequiredFor {
    #[default]
    None,
    Admins,
    Everyone,
}

impl MfaRequiredFor {
    pub fn applies_to(self, user: &super::User) -> bool {
        match self {
            MfaRequiredFor::None => false,
            MfaRequiredFor::Admins => user.is_admin_like(),
            MfaRequiredFor::Everyone => true,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            password_policy: PasswordPolicy::default(),
            reset_identifier: ResetIdentifier::Email,
            reset_link_ttl_seconds: 3600,
            admin_reset_link_ttl_seconds: 86_400,
            self_service_reset_for_admins: false,
            require_mfa_for_admin_resets: true,
            session_ttl_seconds: 43_200,
            session_idle_timeout_seconds: None,
            limits: Limits::default(),
            mfa_required_for: MfaRequiredFor::None,
            default_locale: Locale::En,
            branding: Branding::default(),
            return_urls: Vec::new(),
            compliance_profile: Profile::Custom,
            password_max_age_days: None,
            expiry_reminder_days: Vec::new(),
            password_min_age_hours: 0,
            admins_may_set_passwords: true,
            admin_set_passwords_temporary: false,
        }
    }
}

/// One refused field: its JSON path, a machine code and, for a range, its
/// bounds (what a page shows beside the field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// For `below_profile`: the requirement of the tenant's compliance
    /// profile the value would break, e.g. `PCI-DSS-4.0.1-8.3.4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<&'static str>,
    /// For `below_profile` on a boolean or nullable setting: the value the
    /// profile asks for (`true`, `false` or `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schemas::scalar))]
    pub expected: Option<serde_json::Value>,
}

impl FieldError {
    pub fn out_of_range(field: &str, min: u64, max: u64) -> Self {
        Self {
            field: field.to_owned(),
            code: "out_of_range",
            min: Some(min),
            max: Some(max),
            requirement: None,
            expected: None,
        }
    }

    /// A refusal with a code and no bounds (e.g. `duplicate`).
    pub fn coded(field: &str, code: &'static str) -> Self {
        Self {
            field: field.to_owned(),
            code,
            min: None,
            max: None,
            requirement: None,
            expected: None,
        }
    }

    /// A sentence for the problem's `detail` (English, like every detail).
    pub fn describe(&self) -> String {
        if let Some(req) = self.requirement {
            let bound = match (self.min, self.max, &self.expected) {
                (Some(min), _, _) => format!(": at least {min}"),
                (_, Some(max), _) => format!(": at most {max}"),
                (_, _, Some(v)) => format!(": must be {v}"),
                _ => String::new(),
            };
            return format!("{} is looser than {req} allows{bound}", self.field);
        }
        match (self.min, self.max) {
            (Some(min), Some(max)) => {
                format!("{} must be between {min} and {max}", self.field)
            }
            _ => format!("{} is not acceptable ({})", self.field, self.code),
        }
    }
}

/// Why settings were refused: `422 invalid_settings` with every field at fault
/// (not just the first, so a form marks them all at once).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid settings")]
pub struct InvalidSettings(pub Vec<FieldError>);

/// At most this many reset mails per account per hour, whatever the window.
pub const MAX_RESET_MAILS_PER_HOUR: u64 = 20;

/// The least `password_policy.min_length` any tenant may set.
pub const MIN_LENGTH_LOWEST: u64 = 8;
/// The least `password_policy.max_length` any tenant may set: every tenant
/// accepts passwords at least this long.
pub const MAX_LENGTH_LOWEST: u64 = 64;
/// The most consecutive failures any tenant's account ceiling may allow
/// (NIST SP 800-63B-4 §3.2.2: no more than 100).
pub const FAILURE_CEILING_HIGHEST: u64 = 100;
/// The longest session any tenant may set (30 days): an absolute lifetime.
pub const SESSION_TTL_HIGHEST: u64 = 30 * 86_400;
/// The longest `password_max_age_days`.
pub const MAX_AGE_DAYS_HIGHEST: u64 = 730;
/// The most `expiry_reminder_days` entries, and the earliest one.
pub const MAX_REMINDERS: u64 = 5;
pub const REMINDER_DAYS_HIGHEST: u64 = 60;
/// The longest `password_min_age_hours` (30 days).
pub const MIN_AGE_HOURS_HIGHEST: u64 = 720;

/// The bounds of every numeric setting, in one table: (JSON path, value, min, max).
fn ranges(s: &Settings) -> Vec<(&'static str, u64, u64, u64)> {
    let p = &s.password_policy;
    let l = &s.limits;
    // An optional setting is checked when it is set.
    let optional = [(
        "session_idle_timeout_seconds",
        s.session_idle_timeout_seconds,
        300,
        86_400,
    )];
    // Per account and hour, not per window: a short window would otherwise
    // multiply the mails one address can be sent. With the 300 s floor on the
    // window the cap is at least 1.
    let mails_per_window =
        (MAX_RESET_MAILS_PER_HOUR.saturating_mul(l.window_seconds) / 3600).clamp(1, 20);
    vec![
        (
            "password_policy.min_length",
            p.min_length as u64,
            MIN_LENGTH_LOWEST,
            64,
        ),
        (
            "password_policy.max_length",
            p.max_length as u64,
            MAX_LENGTH_LOWEST,
            1024,
        ),
        ("password_policy.history", p.history as u64, 0, 24),
        (
            "password_policy.require_classes",
            u64::from(p.require_classes),
            0,
            4,
        ),
        (
            "reset_link_ttl_seconds",
            s.reset_link_ttl_seconds,
            300,
            86_400,
        ),
        (
            "admin_reset_link_ttl_seconds",
            s.admin_reset_link_ttl_seconds,
            300,
            7 * 86_400,
        ),
        (
            "session_ttl_seconds",
            s.session_ttl_seconds,
            300,
            SESSION_TTL_HIGHEST,
        ),
        ("limits.lockout_threshold", l.lockout_threshold, 3, 20),
        (
            "limits.lockout_base_seconds",
            l.lockout_base_seconds,
            1,
            l.lockout_max_seconds.clamp(1, 86_400),
        ),
        (
            "limits.lockout_max_seconds",
            l.lockout_max_seconds,
            1,
            86_400,
        ),
        // NIST SP 800-63B-4 §3.2.2: no more than 100 consecutive failures.
        (
            "limits.account_failure_ceiling",
            l.account_failure_ceiling,
            10,
            FAILURE_CEILING_HIGHEST,
        ),
        (
            "limits.account_lock_seconds",
            l.account_lock_seconds,
            1,
            86_400,
        ),
        (
            "limits.sign_in_failures_per_ip",
            l.sign_in_failures_per_ip,
            10,
            10_000,
        ),
        (
            "limits.reset_emails_per_account",
            l.reset_emails_per_account,
            1,
            mails_per_window,
        ),
        (
            "limits.reset_requests_per_ip",
            l.reset_requests_per_ip,
            1,
            10_000,
        ),
        ("limits.window_seconds", l.window_seconds, 300, 86_400),
        (
            "password_min_age_hours",
            u64::from(s.password_min_age_hours),
            0,
            MIN_AGE_HOURS_HIGHEST,
        ),
    ]
    .into_iter()
    .chain(
        optional
            .into_iter()
            .filter_map(|(field, value, min, max)| Some((field, value?, min, max))),
    )
    .chain(p.min_length_without_mfa.map(|v| {
        (
            "password_policy.min_length_without_mfa",
            v as u64,
            MIN_LENGTH_LOWEST,
            64,
        )
    }))
    .chain(s.password_max_age_days.map(|v| {
        (
            "password_max_age_days",
            u64::from(v),
            1,
            MAX_AGE_DAYS_HIGHEST,
        )
    }))
    .collect()
}

/// The reminder days' own rule: at most [`MAX_REMINDERS`], no repeats, each
/// before the expiry day (shorter than the maximum age) and at most
/// [`REMINDER_DAYS_HIGHEST`] days before it.
fn reminder_errors(s: &Settings) -> Vec<FieldError> {
    const FIELD: &str = "expiry_reminder_days";
    let days = &s.expiry_reminder_days;
    let mut errors = Vec::new();
    if days.len() as u64 > MAX_REMINDERS {
        errors.push(FieldError {
            max: Some(MAX_REMINDERS),
            ..FieldError::coded(FIELD, "too_many")
        });
    }
    let latest = s
        .password_max_age_days
        .map_or(REMINDER_DAYS_HIGHEST, |age| {
            u64::from(age).saturating_sub(1).min(REMINDER_DAYS_HIGHEST)
        })
        .max(1);
    if days.iter().any(|d| *d == 0 || u64::from(*d) > latest) {
        errors.push(FieldError::out_of_range(FIELD, 1, latest));
    }
    let distinct: std::collections::BTreeSet<&u16> = days.iter().collect();
    if distinct.len() != days.len() {
        errors.push(FieldError::coded(FIELD, "duplicate"));
    }
    errors
}

/// Why settings could not be accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// A value out of its bounds (`422 invalid_settings`).
    Invalid(InvalidSettings),
    /// A brand that is not one (`422 invalid_branding`).
    Branding(super::tenant::InvalidBranding),
}

impl std::fmt::Display for SettingsError {
    /// One line naming every field at fault and its bounds (for the CLI and
    /// the seed file, which speak to an operator).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingsError::Invalid(InvalidSettings(errors)) => {
                let parts: Vec<String> = errors.iter().map(FieldError::describe).collect();
                f.write_str(&parts.join("; "))
            }
            SettingsError::Branding(b) => write!(f, "branding: {b}"),
        }
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// The one check of a tenant's settings: every numeric field within its
    /// bounds, the return URLs plain absolute URLs, and the brand valid.
    ///
    /// Then the tenant's compliance profile: a value looser than its floor is
    /// `below_profile` with the requirement it would break (checked once the
    /// values are in their bounds, so each field has one fault to show).
    pub fn validate(&self) -> Result<(), SettingsError> {
        let mut errors: Vec<FieldError> = ranges(self)
            .into_iter()
            .filter(|(_, v, min, max)| v < min || v > max)
            .map(|(field, _, min, max)| FieldError::out_of_range(field, min, max))
            .collect();
        errors.extend(super::return_to::check_return_urls(&self.return_urls));
        errors.extend(reminder_errors(self));
        if errors.is_empty() {
            errors = super::compliance::below_profile(self);
        }
        if !errors.is_empty() {
            return Err(SettingsError::Invalid(InvalidSettings(errors)));
        }
        self.branding.validate().map_err(SettingsError::Branding)
    }
}

/// `now` plus `seconds`, saturating: a duration from a setting (or from a
/// stored item) can never overflow the clock and end the process.
pub fn after_seconds(now: super::Instant, seconds: u64) -> super::Instant {
    // Ten years is past every bound above; clamping first keeps `as i64` exact.
    const CAP: u64 = 10 * 366 * 86_400;
    now.checked_add(time::Duration::seconds(seconds.min(CAP) as i64))
        .unwrap_or(now)
}

/// What changed between two settings, as `{"path": {"from": .., "to": ..}}`
/// (dotted paths of the values that differ): what the audit log shows a
/// person reading `settings.updated`. Settings hold no secret.
pub fn settings_changes(
    old: &Settings,
    new: &Settings,
) -> serde_json::Map<String, serde_json::Value> {
    fn walk(
        path: &str,
        a: &serde_json::Value,
        b: &serde_json::Value,
        out: &mut serde_json::Map<String, serde_json::Value>,
    ) {
        use serde_json::Value;
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(
                        &p,
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                        out,
                    );
                }
            }
            _ if a != b => {
                out.insert(path.to_owned(), serde_json::json!({"from": a, "to": b}));
            }
            _ => {}
        }
    }
    let mut out = serde_json::Map::new();
    if let (Ok(a), Ok(b)) = (serde_json::to_value(old), serde_json::to_value(new)) {
        walk("", &a, &b, &mut out);
    }
    out
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
