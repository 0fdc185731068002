//! The seed file of API.md and the built-in demo tenant.

use secrecy::SecretString;
use serde::Deserialize;
use std::collections::BTreeSet;

use latchkey_shared::domain::{
    Instant, Permission, Role, Settings, Source, Status, Tenant, TenantId, User, UserId, new_salt,
};
use latchkey_shared::ports::{Committer, StoreError, Write};
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
    /// Only the built-in demo sets this (never a seed file: API.md says a seeded
    /// TOTP has no recovery codes until the user makes a set): a set of recovery
    /// codes is made when the user is stored, and returned in `SeededUser` so that
    /// `latchkey serve` can print one.
    #[serde(skip)]
    pub demo_recovery_codes: bool,
}

impl SeedFile {
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        Ok(serde_json::from_str(text).map_err(|e| format!("invalid seed file: {e}"))?)
    }

    /// Writes the tenants and users. Users whose username exists are skipped, so a
    /// seed can be applied again to a persistent store.
    pub async fn apply(
        &self,
        store: &dyn Committer,
        now: Instant,
    ) -> Result<Vec<SeededUser>, crate::Error> {
        let mut seeded = Vec::new();
        for t in &self.tenants {
            let tenant = Tenant {
                id: t.id.clone(),
                name: t.name.clone(),
                settings: t.settings.clone(),
                logo: None,
            };
            // The one settings check, as for the API's PUT (issue 22).
            t.settings
                .validate()
                .map_err(|e| format!("invalid seed file: tenant {}: {e}", t.id))?;
            store.commit(vec![Write::PutTenant(tenant)]).await?;
            for u in &t.users {
                let salt = new_salt();
                let password_hash = match &u.password {
                    Some(p) => Some(
                        hash_password(p.clone(), salt.clone())
                            .await
                            .map_err(|e| e.to_string())?,
                    ),
                    None => None,
                };
                let (codes, hashes) = if u.demo_recovery_codes && u.totp_secret.is_some() {
                    latchkey_shared::domain::recovery::new_set(&salt)
                } else {
                    (Vec::new(), Vec::new())
                };
                let user = User {
                    tenant_id: t.id.clone(),
                    id: UserId::generate(),
                    username: latchkey_shared::domain::identity::username_display(&u.username),
                    email: u.email.clone(),
                    role: u.role,
                    permissions: u.permissions.clone(),
                    status: u.status,
                    source: u.source,
                    can_change_password: u.can_change_password,
                    must_change_password: u.must_change_password,
                    mfa_enabled: u.totp_secret.is_some(),
                    totp_secret: u.totp_secret.clone(),
                    totp_pending_secret: None,
                    totp_last_step: None,
                    password_hash,
                    password_salt: salt,
                    password_history: Vec::new(),
                    cred_gen: 0,
                    token_gen: 0,
                    version: 0,
                    created_at: now,
                    password_changed_at: None,
                    email_status: Default::default(),
                    recovery_codes: hashes,
                    locale: u.locale,
                };
                let entry = SeededUser {
                    tenant: t.id.clone(),
                    user_id: user.id.clone(),
                    username: user.username.clone(),
                    role: user.role,
                    email: user.email.clone(),
                    recovery_codes: codes,
                };
                match store.commit(vec![Write::CreateUser(user)]).await {
                    Ok(()) => seeded.push(entry),
                    Err(StoreError::UsernameTaken) => {
                        tracing::info!(tenant = %t.id, username = %u.username, "seed user exists; left as it is");
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(seeded)
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
