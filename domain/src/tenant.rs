use serde::{Deserialize, Serialize};

use super::limits::Limits;
use super::policy::PasswordPolicy;

/// A tenant id: `[a-z0-9][a-z0-9-]{0,62}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(try_from = "String", into = "String")]
pub struct TenantId(String);

impl TenantId {
    pub fn parse(s: &str) -> Option<Self> {
        let bytes = s.as_bytes();
        let first_ok = bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let rest_ok = bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
        (first_ok && rest_ok && bytes.len() <= 63).then(|| Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenantId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("invalid tenant id {s:?}"))
    }
}
impl From<TenantId> for String {
    fn from(t: TenantId) -> String {
        t.0
    }
}
impl std::fmt::Display for TenantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ResetIdentifier {
    #[default]
    Email,
    Username,
    UsernameAndEmail,
}

/// The tenant settings object of API.md, with its defaults. Unknown keys are
/// rejected so that a typo in a seed file or a PUT is an error, not a silent default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub password_policy: PasswordPolicy,
    pub reset_identifier: ResetIdentifier,
    pub reset_link_ttl_seconds: u64,
    pub admin_reset_link_ttl_seconds: u64,
    pub self_service_reset_for_admins: bool,
    pub require_mfa_for_admin_resets: bool,
    pub session_ttl_seconds: u64,
    /// Throttling and lockout (an addition to API.md's settings object).
    pub limits: Limits,
    /// Who must have a second factor: a session of such a user without one may
    /// only enrol (or change its password, or sign out).
    pub mfa_required_for: MfaRequiredFor,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
            limits: Limits::default(),
            mfa_required_for: MfaRequiredFor::None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    #[serde(default)]
    pub settings: Settings,
}
