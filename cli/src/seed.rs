//! The seed file (docs/configuration.md) and the built-in demo tenant.

use secrecy::SecretString;
use serde::Deserialize;
use std::collections::BTreeSet;

use latchkey_shared::domain::{
    Instant, NewAccount, Permission, Role, Settings, Source, Status, Tenant, TenantId, User, UserId,
};
use latchkey_shared::ports::{Store, StoreError, Write};
use latchkey_shared::usecases::hash_password;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    #[serde(default)]
    pub support_token: Option<SecretString>,
    #[serde(default)]
    pub tenants: Vec<SeedTenant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedTenant {
    pub id: TenantId,
    pub name: String,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub users: Vec<SeedUser>,
}

fn yes() -> bool {
    true
}
fn active() -> Status {
    Status::Active
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedUser {
    pub username: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub password: Option<SecretString>,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub permissions: BTreeSet<Permission>,
    #[serde(default = "active")]
    pub status: Status,
    #[serde(default)]
    pub source: Source,
    #[serde(default = "yes")]
    pub can_change_password: bool,
    #[serde(default)]
    pub must_change_password: bool,
    #[serde(default)]
    pub totp_secret: Option<String>,
    /// One of the shipped locales (anything else makes the seed file invalid).
    #[serde(default)]
    pub locale: Option<latchkey_shared::domain::Locale>,
    /// Only the built-in demo sets this (never a seed file: the contract says a seeded
    /// TOTP has no recovery codes until the user makes a set): a set of recovery
    /// codes is made when the user is stored, and returned in `SeededUser` so that
    /// `latchkey serve` can print one.
    #[serde(skip)]
    pub demo_recovery_codes: bool,
    /// When the password was set (RFC 3339), to try expiry locally; without
    /// it a seeded password is set when it is stored.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub password_changed_at: Option<time::OffsetDateTime>,
}

impl SeedFile {
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        Ok(serde_json::from_str(text).map_err(|e| format!("invalid seed file: {e}"))?)
    }

    /// Creates what is missing, and only that: a tenant that exists is left as
    /// it is (its owner may have changed its settings, branding and logo since),
    /// as is a user whose username exists in its tenant. Everything in the file
    /// is checked first (settings bounds, and each user with the API's checks:
    /// `User::new_pending`), so a bad file writes nothing.
    pub async fn apply(&self, store: &dyn Store, now: Instant) -> Result<SeedReport, crate::Error> {
        let mut checked = Vec::new();
        for t in &self.tenants {
            t.settings
                .validate()
                .map_err(|e| format!("invalid seed file: tenant {}: {e}", t.id))?;
            let mut users = Vec::new();
            for u in &t.users {
                let user = User::new_pending(&t.id, u.account(), now).map_err(|e| {
                    format!(
                        "invalid seed file: tenant {} user {}: {e}",
                        t.id, u.username
                    )
                })?;
                users.push((u, user));
            }
            checked.push((t, users));
        }
        let mut report = SeedReport::default();
        for (t, users) in checked {
            if store.get_tenant(&t.id).await?.is_some() {
                report.events.push(SeedEvent::TenantLeft(t.id.clone()));
            } else {
                store
                    .commit(vec![Write::PutTenant(Tenant {
                        id: t.id.clone(),
                        name: t.name.clone(),
                        settings: t.settings.clone(),
                        logo: None,
                    })])
                    .await?;
                report.events.push(SeedEvent::TenantCreated(t.id.clone()));
            }
            for (u, user) in users {
                // Looked up first so a restart does not hash every seeded password
                // again; the store's username claim still decides a race.
                let left = SeedEvent::UserLeft {
                    tenant: t.id.clone(),
                    username: user.username.clone(),
                };
                if store
                    .find_by_username(&t.id, &user.username_key())
                    .await?
                    .is_some()
                {
                    report.events.push(left);
                    continue;
                }
                let (user, codes) = u.completed(user).await?;
                let entry = SeededUser {
                    tenant: t.id.clone(),
                    user_id: user.id.clone(),
                    username: user.username.clone(),
                    role: user.role,
                    email: user.email.clone(),
                    recovery_codes: codes,
                };
                match store.commit(vec![Write::CreateUser(user)]).await {
                    Ok(()) => report.events.push(SeedEvent::UserCreated(entry)),
                    Err(StoreError::UsernameTaken) => report.events.push(left),
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(report)
    }
}

impl SeedUser {
    /// The part of a seed user that any new account has, checked as the API
    /// checks it.
    fn account(&self) -> NewAccount {
        NewAccount {
            username: self.username.clone(),
            email: self.email.clone(),
            role: self.role,
            permissions: self.permissions.clone(),
            source: self.source,
            can_change_password: self.can_change_password,
            locale: self.locale,
        }
    }

    /// What a seed file may add to a checked new account: its state, password,
    /// second factor and (the demo's only) recovery codes, in plain text.
    async fn completed(&self, mut user: User) -> Result<(User, Vec<String>), crate::Error> {
        user.status = self.status;
        user.must_change_password = self.must_change_password;
        if self.must_change_password {
            user.must_change_reason =
                Some(latchkey_shared::domain::MustChangeReason::TemporaryPassword);
        }
        if let Some(p) = &self.password {
            user.password_hash = Some(
                hash_password(p.clone(), user.password_salt.clone())
                    .await
                    .map_err(|e| e.to_string())?,
            );
            // Expiry and its reminders count from here.
            user.password_changed_at = Some(self.password_changed_at.unwrap_or(user.created_at));
        }
        user.mfa_enabled = self.totp_secret.is_some();
        user.totp_secret = self.totp_secret.as_deref().map(Into::into);
        let codes = if self.demo_recovery_codes && self.totp_secret.is_some() {
            let (codes, hashes) = latchkey_shared::domain::recovery::new_set(&user.password_salt);
            user.recovery_codes = hashes;
            codes
        } else {
            Vec::new()
        };
        Ok((user, codes))
    }
}

pub struct SeededUser {
    pub tenant: TenantId,
    pub user_id: UserId,
    pub username: String,
    pub role: Role,
    pub email: Option<String>,
    /// The recovery codes made for this user at seeding, in plain text: only the
    /// demo's `adam` has any (printed by `latchkey serve`); empty for a seed file.
    pub recovery_codes: Vec<String>,
}

/// What a seed did, in the order of the file.
#[derive(Default)]
pub struct SeedReport {
    pub events: Vec<SeedEvent>,
}

pub enum SeedEvent {
    TenantCreated(TenantId),
    TenantLeft(TenantId),
    UserCreated(SeededUser),
    UserLeft { tenant: TenantId, username: String },
}

/// One line of `latchkey serve`'s output (a seed file's passwords never are).
impl std::fmt::Display for SeedEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TenantCreated(t) => write!(f, "seed: tenant {t} created"),
            Self::TenantLeft(t) => write!(f, "seed: tenant {t} exists, left as it is"),
            Self::UserCreated(u) => write!(
                f,
                "seed: user {}/{} created ({})",
                u.tenant,
                u.username,
                serde_json::to_value(u.role)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
            Self::UserLeft { tenant, username } => {
                write!(f, "seed: user {tenant}/{username} exists, left as it is")
            }
        }
    }
}

impl SeedReport {
    /// The users this seed created (not those it found).
    pub fn created_users(&self) -> impl Iterator<Item = &SeededUser> {
        self.events.iter().filter_map(|e| match e {
            SeedEvent::UserCreated(u) => Some(u),
            _ => None,
        })
    }

    /// Every tenant of the seed, created or found, once each.
    pub fn tenants(&self) -> Vec<&TenantId> {
        self.events
            .iter()
            .filter_map(|e| match e {
                SeedEvent::TenantCreated(t) | SeedEvent::TenantLeft(t) => Some(t),
                _ => None,
            })
            .collect()
    }
}

/// The demo tenant's accounts and passwords. These are printed on purpose: they
/// are the local demo, and only used when no `--seed` is given.
pub const DEMO_ACCOUNTS: &[(&str, &str, &str)] = &[
    ("olivia", "owner", "Harbor-Lantern-Quartz-58"),
    ("adam", "admin", "Meadow-Violet-Anchor-73"),
    ("alice", "user", "Orbit-Tulip-Canyon-21"),
    ("bob", "user (no email)", "Pebble-Comet-Walnut-46"),
];

/// The demo's `adam` has two-step sign-in with this fixed, published TOTP secret
/// (the RFC 4226-style example key; add it to an authenticator app to get codes).
/// It is the local demo only: a real tenant's secrets come from enrolment.
pub const DEMO_ADAM_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";

/// A fresh support token for the demo (144 random bits): printed by `latchkey
/// serve` so support's commands can be tried, never the same twice.
pub fn demo_support_token() -> String {
    use base64::Engine as _;
    format!(
        "demo-support-{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(latchkey_shared::domain::random_bytes::<18>())
    )
}

pub fn demo() -> SeedFile {
    let json = serde_json::json!({
        "tenants": [{
            "id": "demo",
            "name": "Demo Corp",
            // The demo's admins have no authenticator app; real tenants keep the
            // default (admins need MFA to reset others).
            "settings": {"require_mfa_for_admin_resets": false},
            "users": [
                {"username": "olivia", "email": "olivia@demo.test", "password": DEMO_ACCOUNTS[0].2, "role": "owner"},
                {"username": "adam", "email": "adam@demo.test", "password": DEMO_ACCOUNTS[1].2, "role": "admin",
                 "permissions": ["users.read", "users.manage", "passwords.reset", "passwords.set", "audit.read"],
                 "totp_secret": DEMO_ADAM_TOTP_SECRET},
                {"username": "alice", "email": "alice@demo.test", "password": DEMO_ACCOUNTS[2].2},
                {"username": "bob", "password": DEMO_ACCOUNTS[3].2},
            ]
        }]
    });
    let mut seed: SeedFile = serde_json::from_value(json).unwrap_or_default();
    // adam gets recovery codes at seeding (one is printed by `latchkey serve`).
    for t in &mut seed.tenants {
        for u in &mut t.users {
            u.demo_recovery_codes = u.totp_secret.is_some();
        }
    }
    seed
}
