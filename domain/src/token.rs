//! Reset tokens and sessions: 32 random bytes, base64url to the client, SHA-256 at rest.

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Instant, TenantId, UserId, random_bytes};

/// Hex SHA-256 of a token: the only form a token is ever stored or looked up in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenHash(pub String);

impl TokenHash {
    pub fn of(token: &SecretString) -> Self {
        Self(hex::encode(Sha256::digest(
            token.expose_secret().as_bytes(),
        )))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A fresh token and its hash.
pub fn new_token() -> (SecretString, TokenHash) {
    let token: SecretString = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(random_bytes::<32>())
        .into();
    let hash = TokenHash::of(&token);
    (token, hash)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResetPurpose {
    SelfService,
    AdminLink,
    Activation,
    Support,
    /// The link in the account-lock mail: lifts the account-wide lock it was
    /// issued for; sets no password.
    Unlock,
    /// The "This wasn't me" link of a mail about a credential change: stops
    /// sign-in until a new password is set; sets none itself.
    Report,
}

/// A stored reset token. Valid only while unused, before `expires_at`, and while
/// the user's `cred_gen` and `token_gen` still equal the ones it was issued under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResetToken {
    pub hash: TokenHash,
    pub tenant_id: TenantId,
    pub user_id: UserId,
    pub purpose: ResetPurpose,
    pub issued_by: String,
    pub cred_gen: u64,
    pub token_gen: u64,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: Instant,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: Instant,
    #[serde(with = "time::serde::timestamp::option", default)]
    pub used_at: Option<Instant>,
    /// The link also removes the second factor, when (and only when) it is used:
    /// for a user who lost both password and authenticator.
    #[serde(default)]
    pub reset_mfa: bool,
    /// For an [`ResetPurpose::Unlock`] link: the end of the lock it lifts. A
    /// newer lock ends at another time, so a newer lock's link supersedes it.
    #[serde(with = "time::serde::timestamp::option", default)]
    pub lock_until: Option<Instant>,
    /// For a [`ResetPurpose::Report`] link: the mail it came in (what changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_change: Option<super::MailKind>,
}

/// How long an unlock link works: the mailbox holder acts within the hour or
/// the lock runs out on its own.
pub const UNLOCK_LINK_SECONDS: u64 = 3600;

impl ResetToken {
    pub fn is_live(&self, now: Instant, user: &super::User) -> bool {
        self.used_at.is_none()
            && now < self.expires_at
            && self.tenant_id == user.tenant_id
            && self.user_id == user.id
            && self.cred_gen == user.cred_gen
            && self.token_gen == user.token_gen
    }

    /// Whether the account may still take a password through this link *now*
    /// (checked when the link is used, not only when it was sent: an account
    /// disabled, made externally managed, or made an admin since then must not
    /// be reset by a link mailed before).
    pub fn account_may_use(&self, user: &super::User, self_service_reset_for_admins: bool) -> bool {
        match self.purpose {
            ResetPurpose::SelfService => {
                super::self_service_eligibility(user, self_service_reset_for_admins).is_ok()
            }
            ResetPurpose::AdminLink | ResetPurpose::Support => {
                user.status == super::Status::Active && !user.is_externally_managed()
            }
            ResetPurpose::Activation => {
                user.status != super::Status::Disabled && !user.is_externally_managed()
            }
            // An unlock or report link sets no password, whoever holds it.
            ResetPurpose::Unlock | ResetPurpose::Report => false,
        }
    }

    /// The unlock link of the lock on `user`'s account that ends at
    /// `lock_until`. It shares the user's generations without moving them, so
    /// a lock (which an attacker can cause) never supersedes a reset link the
    /// user asked for; a password change or a newer reset link ends it.
    pub fn unlock(user: &super::User, now: Instant, lock_until: Instant) -> (SecretString, Self) {
        let (token, hash) = new_token();
        let record = Self {
            hash,
            tenant_id: user.tenant_id.clone(),
            user_id: user.id.clone(),
            purpose: ResetPurpose::Unlock,
            issued_by: "lockout".into(),
            cred_gen: user.cred_gen,
            token_gen: user.token_gen,
            created_at: now,
            expires_at: super::after_seconds(now, UNLOCK_LINK_SECONDS),
            used_at: None,
            reset_mfa: false,
            lock_until: Some(lock_until),
            reported_change: None,
        };
        (token, record)
    }
}

/// A stored session. Valid while unexpired and while the user's `cred_gen` equals
/// the one it carries: a password change anywhere revokes it with one write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub hash: TokenHash,
    pub tenant_id: TenantId,
    pub user_id: UserId,
    pub cred_gen: u64,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: Instant,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: Instant,
}

impl Session {
    pub fn is_live(&self, now: Instant, user: &super::User) -> bool {
        now < self.expires_at
            && self.tenant_id == user.tenant_id
            && self.user_id == user.id
            && self.cred_gen == user.cred_gen
            && user.status == super::Status::Active
            && user.reported_at.is_none()
    }
}

/// DynamoDB's `ttl` for an item that stops mattering at `expires_at`: a day later,
/// so an item is never deleted while a read could still need to see it as expired.
pub fn ttl_after(expires_at: Instant) -> i64 {
    expires_at.unix_timestamp() + 86_400
}
