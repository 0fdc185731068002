//! A use case's world in a few lines: one tenant on the memory store, a fake
//! clock, accounts made with real Argon2 hashes, and each use case built over
//! them exactly as the HTTP layer builds it.

use std::collections::BTreeSet;

use async_trait::async_trait;
use latchkey_core::domain::{
    AuditEvent, Email, Instant, Permission, Role, Settings, Source, Status, Tenant, TenantId, User,
    UserId, new_salt,
};
use latchkey_core::memory::MemoryStore;
use latchkey_core::ports::{BreachedPasswords, Committer, FakeClock, UserReader, Write};
use latchkey_core::usecases::account::{ChangePassword, Mfa};
use latchkey_core::usecases::admin::{Accounts, AdminReset, Users};
use latchkey_core::usecases::my_sessions::MySessions;
use latchkey_core::usecases::reset::{ConfirmReset, LinkConfig, RequestReset};
use latchkey_core::usecases::sessions::{Authenticate, Authenticated, SignIn, SignOut};
use latchkey_core::usecases::support::SupportLookup;
use latchkey_core::usecases::{RequestMeta, hash_password};
use secrecy::SecretString;

/// 2023-11-14T22:13:20Z, where every world's clock starts.
pub const T0: i64 = 1_700_000_000;

pub fn at(seconds_after_t0: i64) -> Instant {
    time::OffsetDateTime::from_unix_timestamp(T0 + seconds_after_t0).unwrap()
}

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

/// A request from `ip`, with no language of its own.
pub fn from_ip(ip: &str) -> RequestMeta {
    RequestMeta {
        ip: Some(ip.to_owned()),
        ..Default::default()
    }
}

/// The breached-password service, answering what the test says.
pub struct Breaches {
    /// Passwords the service has seen (any count > 0 refuses them).
    pub seen: BTreeSet<String>,
    /// The service cannot be reached (callers fail open and audit it).
    pub down: bool,
}

#[async_trait]
impl BreachedPasswords for Breaches {
    async fn times_seen(&self, password: &SecretString) -> Result<u64, String> {
        use secrecy::ExposeSecret;
        if self.down {
            return Err("unreachable".into());
        }
        Ok(u64::from(self.seen.contains(password.expose_secret())) * 3)
    }
}

pub struct World {
    pub store: MemoryStore,
    pub clock: FakeClock,
    pub links: LinkConfig,
    pub tenant: TenantId,
    pub breaches: Breaches,
}

/// An account to create: `World::account("alice").role(Role::Admin).create(&w)`.
pub struct Account {
    pub user: User,
    pub password: Option<String>,
}

impl Account {
    pub fn role(mut self, role: Role) -> Self {
        self.user.role = role;
        self
    }
    pub fn email(mut self, email: Option<&str>) -> Self {
        self.user.email = email.map(str::to_owned);
        self
    }
    pub fn password(mut self, password: Option<&str>) -> Self {
        self.password = password.map(str::to_owned);
        self
    }
    pub fn status(mut self, status: Status) -> Self {
        self.user.status = status;
        self
    }
    pub fn source(mut self, source: Source) -> Self {
        self.user.source = source;
        self
    }
    pub fn permissions(mut self, p: &[Permission]) -> Self {
        self.user.permissions = p.iter().copied().collect();
        self
    }
    pub fn mfa_secret(mut self, base32: &str) -> Self {
        self.user.mfa_enabled = true;
        self.user.totp_secret = Some(base32.into());
        self
    }
    pub fn must_change(mut self) -> Self {
        self.user.must_change_password = true;
        self
    }
    pub fn cannot_change(mut self) -> Self {
        self.user.can_change_password = false;
        self
    }
    /// Any other change to the account before it is stored.
    pub fn with(mut self, f: impl FnOnce(&mut User)) -> Self {
        f(&mut self.user);
        self
    }
}

/// The password every account gets unless the test says otherwise.
pub const PASSWORD: &str = "correct horse battery staple";

impl World {
    /// GIVEN a tenant `acme` with the default settings.
    pub async fn new() -> World {
        Self::with_settings(|_| {}).await
    }

    /// GIVEN a tenant `acme` whose settings `f` changes.
    pub async fn with_settings(f: impl FnOnce(&mut Settings)) -> World {
        let mut settings = Settings::default();
        f(&mut settings);
        // A world has only settings the product can have (issue 22: every
        // path that makes settings runs the one check).
        settings
            .validate()
            .unwrap_or_else(|e| panic!("test settings out of bounds: {e:?}"));
        let tenant = TenantId::parse("acme").unwrap();
        let w = World {
            store: MemoryStore::new(),
            clock: FakeClock::new(at(0)),
            links: LinkConfig {
                public_base_url: "https://login.example.test".into(),
                mail_from: "no-reply@example.test".into(),
            },
            tenant: tenant.clone(),
            breaches: Breaches {
                seen: BTreeSet::new(),
                down: false,
            },
        };
        w.store
            .commit(vec![Write::PutTenant(Tenant {
                id: tenant,
                name: "Acme".into(),
                settings,
                logo: None,
            })])
            .await
            .unwrap();
        w
    }

    /// An account of this tenant: a user with email `<username>@acme.test` and
    /// [`PASSWORD`], active, local, allowed to change its password.
    pub fn account(&self, username: &str) -> Account {
        Account {
            user: User {
                tenant_id: self.tenant.clone(),
                id: UserId::generate(),
                username: username.to_owned(),
                email: Some(format!("{username}@acme.test")),
                role: Role::User,
                permissions: BTreeSet::new(),
                status: Status::Active,
                source: Source::Local,
                can_change_password: true,
                must_change_password: false,
                must_change_reason: None,
                mfa_enabled: false,
                totp_secret: None,
                totp_pending_secret: None,
                totp_last_step: None,
                password_hash: None,
                password_salt: new_salt(),
                password_history: Vec::new(),
                cred_gen: 0,
                token_gen: 0,
                version: 0,
                created_at: self.now(),
                password_changed_at: None,
                email_status: Default::default(),
                recovery_codes: Vec::new(),
                locale: None,
                reported_at: None,
                last_sign_in_at: None,
                expiry_reminders_sent: Vec::new(),
            },
            password: Some(PASSWORD.to_owned()),
        }
    }

    /// Stores the account and returns it as stored.
    pub async fn create(&self, account: Account) -> User {
        let mut user = account.user;
        if let Some(p) = account.password {
            user.password_hash = Some(
                hash_password(secret(&p), user.password_salt.clone())
                    .await
                    .unwrap(),
            );
        }
        let id = user.id.clone();
        self.store
            .commit(vec![Write::CreateUser(user)])
            .await
            .unwrap();
        self.user(&id).await
    }

    /// GIVEN a plain user with [`PASSWORD`].
    pub async fn user_named(&self, username: &str) -> User {
        self.create(self.account(username)).await
    }

    /// The account as stored now.
    pub async fn user(&self, id: &UserId) -> User {
        self.store
            .get_user(&self.tenant, id)
            .await
            .unwrap()
            .expect("the user exists")
    }

    /// Changes the stored tenant's settings.
    pub async fn set_settings(&self, f: impl FnOnce(&mut Settings)) {
        use latchkey_core::ports::TenantStore;
        let mut t = self.store.get_tenant(&self.tenant).await.unwrap().unwrap();
        f(&mut t.settings);
        self.store.commit(vec![Write::PutTenant(t)]).await.unwrap();
    }

    pub fn now(&self) -> Instant {
        use latchkey_core::ports::Clock;
        self.clock.now()
    }

    pub fn advance(&self, seconds: i64) {
        self.clock.advance(time::Duration::seconds(seconds));
    }

    /// Every mail queued so far (the outbox; nothing is dispatched here).
    pub fn mails(&self) -> Vec<Email> {
        let mut m: Vec<Email> = self
            .store
            .outbox_items()
            .into_iter()
            .map(|i| i.email)
            .collect();
        m.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        m
    }

    pub fn mails_to(&self, to: &str) -> Vec<Email> {
        self.mails().into_iter().filter(|m| m.to == to).collect()
    }

    /// The tenant's audit log, oldest first.
    pub fn audit(&self) -> Vec<AuditEvent> {
        self.store.audit_events(&self.tenant)
    }

    /// The audit events of one action (e.g. "sign_in").
    pub fn audited(&self, action: &str) -> Vec<AuditEvent> {
        self.audit()
            .into_iter()
            .filter(|e| e.kind == action)
            .collect()
    }

    // ---- the use cases, built as the HTTP layer builds them ----

    pub fn unlock(&self) -> latchkey_core::usecases::unlock::UnlockAccount<'_> {
        latchkey_core::usecases::unlock::UnlockAccount {
            users: &self.store,
            tokens: &self.store,
            counters: &self.store,
            committer: &self.store,
            clock: &self.clock,
        }
    }

    pub fn report(&self) -> latchkey_core::usecases::report::ReportAccount<'_> {
        latchkey_core::usecases::report::ReportAccount {
            tenants: &self.store,
            users: &self.store,
            directory: &self.store,
            tokens: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn return_target(&self) -> latchkey_core::usecases::return_to::ReturnTarget<'_> {
        latchkey_core::usecases::return_to::ReturnTarget {
            tenants: &self.store,
        }
    }

    pub fn sign_in(&self) -> SignIn<'_> {
        SignIn {
            tenants: &self.store,
            users: &self.store,
            counters: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn authenticate(&self) -> Authenticate<'_> {
        Authenticate {
            sessions: &self.store,
            users: &self.store,
            tenants: &self.store,
            committer: &self.store,
            clock: &self.clock,
        }
    }

    pub fn my_sessions(&self) -> MySessions<'_> {
        MySessions {
            tenants: &self.store,
            sessions: &self.store,
            committer: &self.store,
            clock: &self.clock,
        }
    }

    pub fn accounts(&self) -> Accounts<'_> {
        Accounts {
            tenants: &self.store,
            users: &self.store,
            sessions: &self.store,
            counters: &self.store,
            committer: &self.store,
            clock: &self.clock,
        }
    }

    pub fn sign_out(&self) -> SignOut<'_> {
        SignOut {
            committer: &self.store,
            clock: &self.clock,
        }
    }

    pub fn request_reset(&self) -> RequestReset<'_> {
        RequestReset {
            tenants: &self.store,
            users: &self.store,
            counters: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn confirm_reset(&self) -> ConfirmReset<'_> {
        ConfirmReset {
            breached: &self.breaches,
            tenants: &self.store,
            users: &self.store,
            tokens: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn change_password(&self) -> ChangePassword<'_> {
        ChangePassword {
            breached: &self.breaches,
            tenants: &self.store,
            counters: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn mfa(&self) -> Mfa<'_> {
        Mfa {
            tenants: &self.store,
            counters: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn users(&self) -> Users<'_> {
        Users {
            tenants: &self.store,
            users: &self.store,
            directory: &self.store,
            audit: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn admin_reset(&self) -> AdminReset<'_> {
        AdminReset {
            breached: &self.breaches,
            tenants: &self.store,
            users: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn compliance(&self) -> latchkey_core::usecases::compliance::Compliance<'_> {
        latchkey_core::usecases::compliance::Compliance {
            tenants: &self.store,
            committer: &self.store,
            clock: &self.clock,
        }
    }

    pub fn expiry_reminders(&self) -> latchkey_core::usecases::expiry::ExpiryReminders<'_> {
        latchkey_core::usecases::expiry::ExpiryReminders {
            tenants: &self.store,
            index: &self.store,
            users: &self.store,
            committer: &self.store,
            clock: &self.clock,
            links: &self.links,
        }
    }

    pub fn support_lookup(&self) -> SupportLookup<'_> {
        SupportLookup {
            tenants: &self.store,
            directory: &self.store,
            committer: &self.store,
            clock: &self.clock,
        }
    }

    /// Signs `username` in with `password` from 192.0.2.1 and authenticates
    /// the session it got, as the next request would.
    pub async fn session_of(
        &self,
        username: &str,
        password: &str,
    ) -> (SecretString, Authenticated) {
        let signed = self
            .sign_in()
            .execute(
                &self.tenant,
                username,
                secret(password),
                None,
                &from_ip("192.0.2.1"),
            )
            .await
            .expect("signed in");
        let auth = self
            .authenticate()
            .execute(&signed.token)
            .await
            .expect("the new session authenticates");
        (signed.token, auth)
    }
}

/// The reset token in a mail's link (`.../reset#token=...` or `?token=`).
pub fn token_in(mail: &Email) -> SecretString {
    let text = &mail.text;
    let start = text
        .find("token=")
        .map(|i| i + "token=".len())
        .expect("the mail holds a link with a token");
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    secret(&token)
}
