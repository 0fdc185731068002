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

/// A session's public id (`s_` + 16 random bytes in hex): what a person sees
/// and revokes a session by. It is drawn on its own, never derived from the
/// token, so knowing it grants nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(transparent)]
pub struct SessionId(pub String);

impl SessionId {
    pub fn generate() -> Self {
        Self(format!("s_{}", hex::encode(random_bytes::<16>())))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How often a session's `last_used_at` is written: at most once a minute, so
/// a busy session costs one write a minute, not one per request. Every rule
/// read from it (the idle timeout, what a person sees) is accurate to this.
pub const SESSION_TOUCH_SECONDS: i64 = 60;

/// A stored session. Valid while unexpired and while the user's `cred_gen` equals
/// the one it carries: a password change anywhere revokes it with one write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub hash: TokenHash,
    /// Empty for a session issued before sessions had ids: it is never
    /// listed (and so never revoked by id), and ends at its expiry.
    #[serde(default)]
    pub id: SessionId,
    pub tenant_id: TenantId,
    pub user_id: UserId,
    pub cred_gen: u64,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: Instant,
    #[serde(with = "time::serde::timestamp")]
    pub expires_at: Instant,
    /// When a request last used it, written at most every
    /// [`SESSION_TOUCH_SECONDS`] (`None`: not since it was created).
    #[serde(with = "time::serde::timestamp::option", default)]
    pub last_used_at: Option<Instant>,
    /// The address it was created from.
    #[serde(default)]
    pub ip: Option<String>,
    /// A short summary of the browser it was created from ([`user_agent_summary`]),
    /// never the header itself.
    ///
    /// [`user_agent_summary`]: super::user_agent::user_agent_summary
    #[serde(default)]
    pub user_agent: Option<String>,
}

impl Session {
    /// A new session of `user` lasting `ttl_seconds` from `now`, created from
    /// `ip` with the User-Agent header `user_agent`, and its token.
    pub fn issue(
        user: &super::User,
        now: Instant,
        ttl_seconds: u64,
        ip: Option<String>,
        user_agent: Option<&str>,
    ) -> (SecretString, Self) {
        let (token, hash) = new_token();
        let session = Self {
            hash,
            id: SessionId::generate(),
            tenant_id: user.tenant_id.clone(),
            user_id: user.id.clone(),
            cred_gen: user.cred_gen,
            created_at: now,
            expires_at: super::after_seconds(now, ttl_seconds),
            last_used_at: None,
            ip,
            user_agent: user_agent.and_then(super::user_agent::user_agent_summary),
        };
        (token, session)
    }

    pub fn is_live(&self, now: Instant, user: &super::User) -> bool {
        now < self.expires_at
            && self.tenant_id == user.tenant_id
            && self.user_id == user.id
            && self.cred_gen == user.cred_gen
            && user.status == super::Status::Active
            && user.reported_at.is_none()
    }

    /// The last time it is known to have been used (its creation at least).
    pub fn last_seen(&self) -> Instant {
        self.last_used_at
            .map_or(self.created_at, |at| at.max(self.created_at))
    }

    /// Whether it went unused for longer than the tenant's idle timeout
    /// (`None`: no timeout). Accurate to [`SESSION_TOUCH_SECONDS`]: the last
    /// use is known to within that, so a session may end up to a minute early.
    pub fn is_idle(&self, now: Instant, idle_timeout_seconds: Option<u64>) -> bool {
        idle_timeout_seconds.is_some_and(|idle| now >= super::after_seconds(self.last_seen(), idle))
    }

    /// Whether a request at `now` should record its use: the last recorded
    /// one is at least [`SESSION_TOUCH_SECONDS`] old.
    pub fn needs_touch(&self, now: Instant) -> bool {
        now - self.last_seen() >= time::Duration::seconds(SESSION_TOUCH_SECONDS)
    }

    /// Whether it was issued with an id (so its user's list holds it).
    pub fn is_listed(&self) -> bool {
        !self.id.0.is_empty()
    }
}

/// DynamoDB's `ttl` for an item that stops mattering at `expires_at`: a day later,
/// so an item is never deleted while a read could still need to see it as expired.
pub fn ttl_after(expires_at: Instant) -> i64 {
    expires_at.unix_timestamp() + 86_400
}
