use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::{Instant, TenantId, random_bytes};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    #[default]
    User,
    Admin,
    Owner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Permission {
    #[serde(rename = "users.read")]
    UsersRead,
    #[serde(rename = "users.manage")]
    UsersManage,
    #[serde(rename = "passwords.reset")]
    PasswordsReset,
    #[serde(rename = "passwords.set")]
    PasswordsSet,
    #[serde(rename = "audit.read")]
    AuditRead,
    /// Remove another user's lost second factor.
    #[serde(rename = "mfa.reset")]
    MfaReset,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Status {
    #[default]
    PendingActivation,
    Active,
    Disabled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Source {
    #[default]
    Local,
    Ldap,
    EntraId,
}

/// Server-generated opaque user id (`u_` + 16 random bytes in hex).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(transparent)]
pub struct UserId(pub String);

impl UserId {
    pub fn generate() -> Self {
        Self(format!("u_{}", hex::encode(random_bytes::<16>())))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An account. `cred_gen` is bumped on every password change: sessions and reset
/// tokens carry the generation they were issued under, so one write to the user
/// invalidates all of them without scanning. `token_gen` is bumped whenever a new
/// reset link is issued, which supersedes the older links. `version` is the
/// optimistic-concurrency counter every store write is conditioned on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub tenant_id: TenantId,
    pub id: UserId,
    pub username: String,
    pub email: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub permissions: BTreeSet<Permission>,
    pub status: Status,
    pub source: Source,
    pub can_change_password: bool,
    pub must_change_password: bool,
    /// Why `must_change_password` is set, when it is (what the page says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_change_reason: Option<super::MustChangeReason>,
    pub mfa_enabled: bool,
    /// The TOTP secret, never returned by the API once enrolled. Never
    /// serialized with the user: stores keep it sealed beside the user's
    /// document (read from the document only as items before sealing held it).
    #[serde(default, skip_serializing)]
    pub totp_secret: Option<super::totp::TotpSecret>,
    /// A secret being enrolled, until confirmed with a code (kept as above).
    #[serde(default, skip_serializing)]
    pub totp_pending_secret: Option<super::totp::TotpSecret>,
    /// The last TOTP step accepted, so a code cannot be replayed.
    #[serde(default)]
    pub totp_last_step: Option<i64>,
    /// PHC string of the current password, if any.
    pub password_hash: Option<String>,
    /// Per-user salt reused for the user's successive hashes so the history
    /// check costs one hash (see `domain::password`).
    pub password_salt: String,
    /// PHC strings of previous passwords, newest first.
    #[serde(default)]
    pub password_history: Vec<String>,
    pub cred_gen: u64,
    pub token_gen: u64,
    pub version: u64,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: Instant,
    #[serde(with = "time::serde::timestamp::option", default)]
    pub password_changed_at: Option<Instant>,
    /// Whether mail reaches `email` (SES bounce and complaint events say when
    /// it does not). Nothing is sent to an undeliverable address until the
    /// address changes: resending to a hard bounce only hurts the sender's
    /// reputation, and a complaint means the owner asked not to get mail.
    #[serde(default)]
    pub email_status: EmailStatus,
    /// Hashes of the unused recovery codes (see `domain::recovery`).
    #[serde(default)]
    pub recovery_codes: Vec<String>,
    /// The language the person reads (pages and mails), when they chose one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<super::Locale>,
    /// When the mailbox holder said a change was not theirs ("This wasn't
    /// me"): sign-in stays off until a new password is set (see
    /// `domain::report`).
    #[serde(
        with = "time::serde::timestamp::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reported_at: Option<Instant>,
    /// The last successful sign-in. Recorded without moving `version` (a
    /// sign-in is not a change of the account an admin could lose to).
    #[serde(with = "time::serde::timestamp::option", default)]
    pub last_sign_in_at: Option<Instant>,
    /// The expiry reminders (days before expiry) already mailed for the
    /// current password; a new password starts with none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expiry_reminders_sent: Vec<u16>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EmailStatus {
    #[default]
    Deliverable,
    /// A permanent bounce.
    Bounced,
    /// The recipient marked our mail as spam.
    Complained,
}

impl User {
    /// Removes the second factor and its recovery codes. The caller bumps
    /// `cred_gen` (and so signs the user out) in the same write.
    pub fn remove_mfa(&mut self) {
        self.mfa_enabled = false;
        self.totp_secret = None;
        self.totp_pending_secret = None;
        self.totp_last_step = None;
        self.recovery_codes.clear();
    }

    /// The address mail may be sent to: none when it is known to be undeliverable.
    pub fn deliverable_email(&self) -> Option<&str> {
        self.email
            .as_deref()
            .filter(|_| self.email_status == EmailStatus::Deliverable)
    }

    pub fn username_key(&self) -> String {
        normalize_identifier(&self.username)
    }
    pub fn email_key(&self) -> Option<String> {
        self.email.as_deref().map(super::identity::email_key)
    }
    pub fn is_externally_managed(&self) -> bool {
        self.source != Source::Local
    }
    pub fn is_admin_like(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Owner)
    }
    pub fn has_permission(&self, p: Permission) -> bool {
        match self.role {
            Role::Owner => true,
            Role::Admin => self.permissions.contains(&p),
            Role::User => false,
        }
    }
}

/// Usernames and emails are compared case-insensitively (and trimmed).
pub fn normalize_identifier(s: &str) -> String {
    super::identity::identifier_key(s)
}

/// Why an account may not reset its own password by email. The reason is only
/// ever audited, never shown to the requester.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    NotActive,
    NoEmail,
    ExternallyManaged,
    ChangeNotAllowed,
    AdminSelfServiceDisabled,
}

impl Ineligible {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotActive => "not_active",
            Self::NoEmail => "no_email",
            Self::ExternallyManaged => "externally_managed",
            Self::ChangeNotAllowed => "change_not_allowed",
            Self::AdminSelfServiceDisabled => "admin_self_service_disabled",
        }
    }
}

/// The self-service eligibility rules of docs/api.md, in one place.
pub fn self_service_eligibility(
    user: &User,
    self_service_reset_for_admins: bool,
) -> Result<(), Ineligible> {
    if user.status != Status::Active {
        return Err(Ineligible::NotActive);
    }
    if user.email.is_none() {
        return Err(Ineligible::NoEmail);
    }
    if user.is_externally_managed() {
        return Err(Ineligible::ExternallyManaged);
    }
    if !user.can_change_password {
        return Err(Ineligible::ChangeNotAllowed);
    }
    if user.is_admin_like() && !self_service_reset_for_admins {
        return Err(Ineligible::AdminSelfServiceDisabled);
    }
    Ok(())
}
