//! The store conformance suite: the same tests, through the same use cases, on
//! the memory store and on DynamoDB (moto). Time moves on a fake clock.

use secrecy::SecretString;
use std::sync::Arc;

use latchkey_shared::domain::{
    AuditEvent, Email, MailKind, ResetPurpose, Role, Settings, Source, Status, Tenant, TenantId,
    User, UserId, hash_password, new_salt,
};
use latchkey_shared::ports::{Clock, FakeClock, Store, StoreError, Write};
use latchkey_shared::usecases::reset::{ConfirmReset, LinkConfig, issue_reset_token};
use latchkey_shared::usecases::sessions::{Authenticate, SignIn};
use latchkey_shared::usecases::{AppError, RequestMeta};
use latchkey_tests::{AnyStore, Mode, test_now, unique};

pub(crate) const OLD_PASSWORD: &str = "Initial-Password-Rhubarb-1";

pub(crate) struct World {
    pub(crate) any: AnyStore,
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<FakeClock>,
    pub(crate) tenant: Tenant,
    pub(crate) links: LinkConfig,
}

impl World {
    pub(crate) async fn new(mode: Mode) -> Self {
        Self::on(AnyStore::new(mode).await).await
    }

    /// On a table of its own (parallel bursts; see `AnyStore::isolated`).
    pub(crate) async fn isolated(mode: Mode) -> Self {
        Self::on(AnyStore::isolated(mode).await).await
    }

    pub(crate) async fn on(any: AnyStore) -> Self {
        let store = any.store();
        let tenant = Tenant {
            id: TenantId::parse(&unique("c-")).unwrap(),
            name: "Conformance Org".into(),
            settings: Settings::default(),
            logo: None,
        };
        store
            .commit(vec![Write::PutTenant(tenant.clone())])
            .await
            .unwrap();
        Self {
            any,
            store,
            clock: Arc::new(FakeClock::new(test_now())),
            tenant,
            links: LinkConfig {
                public_base_url: "http://pages.test".into(),
                mail_from: "no-reply@latchkey.test".into(),
            },
        }
    }

    pub(crate) fn user(&self, username: &str, status: Status) -> User {
        let salt = new_salt();
        User {
            tenant_id: self.tenant.id.clone(),
            id: UserId::generate(),
            username: username.into(),
            email: Some(format!("{}@conformance.test", username.to_lowercase())),
            role: Role::User,
            permissions: Default::default(),
            status,
            source: Source::Local,
            can_change_password: true,
            must_change_password: false,
            must_change_reason: None,
            mfa_enabled: false,
            totp_secret: None,
            totp_pending_secret: None,
            totp_last_step: None,
            password_hash: Some(hash_password(&SecretString::from(OLD_PASSWORD), &salt).unwrap()),
            password_salt: salt,
            password_history: vec![],
            cred_gen: 0,
            token_gen: 0,
            version: 0,
            created_at: test_now(),
            password_changed_at: None,
            email_status: Default::default(),
            recovery_codes: Vec::new(),
            locale: None,
            reported_at: None,
            last_sign_in_at: None,
            expiry_reminders_sent: Vec::new(),
        }
    }

    pub(crate) async fn add_user(&self, username: &str, status: Status) -> User {
        let user = self.user(username, status);
        self.store
            .commit(vec![Write::CreateUser(user.clone())])
            .await
            .unwrap();
        self.store
            .get_user(&self.tenant.id, &user.id)
            .await
            .unwrap()
            .unwrap()
    }

    pub(crate) async fn fresh(&self, user: &User) -> User {
        self.store
            .get_user(&self.tenant.id, &user.id)
            .await
            .unwrap()
            .unwrap()
    }

    /// Issues a link the way every reset path does: new token + user save, atomically.
    pub(crate) async fn issue(&self, user: &User, purpose: ResetPurpose) -> SecretString {
        let mut user = self.fresh(user).await;
        let (token, record) = issue_reset_token(&mut user, self.clock.now(), 3600, purpose, "test");
        self.store
            .commit(vec![Write::PutResetToken(record), Write::SaveUser(user)])
            .await
            .unwrap();
        token
    }

    /// Signs `username` in with [`OLD_PASSWORD`] through the sign-in use case.
    pub(crate) async fn sign_in(
        &self,
        username: &str,
    ) -> latchkey_shared::usecases::sessions::SignedIn {
        SignIn {
            tenants: &*self.store,
            users: &*self.store,
            counters: &*self.store,
            committer: &*self.store,
            clock: &*self.clock,
            links: &self.links,
        }
        .execute(
            &self.tenant.id,
            username,
            SecretString::from(OLD_PASSWORD),
            None,
            &RequestMeta::default(),
        )
        .await
        .unwrap()
    }

    pub(crate) fn confirm(&self) -> ConfirmReset<'_> {
        ConfirmReset {
            breached: &NoBreaches,
            tenants: &*self.store,
            users: &*self.store,
            tokens: &*self.store,
            committer: &*self.store,
            clock: &*self.clock,
            links: &self.links,
        }
    }
}

pub async fn single_use_under_20_concurrent_confirms(mode: Mode) {
    // GIVEN one live reset link
    let w = Arc::new(World::new(mode).await);
    let user = w.add_user("racer", Status::Active).await;
    let token = w.issue(&user, ResetPurpose::SelfService).await;
    // WHEN 20 confirms race with it
    let mut tasks = Vec::new();
    for i in 0..20 {
        let w = w.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            w.confirm()
                .confirm(
                    &w.tenant.id,
                    &token,
                    SecretString::from(format!("Concurrent-Winner-Quokka-{i:02}")),
                    &RequestMeta::default(),
                )
                .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => won += 1,
            Err(AppError::InvalidToken) => {}
            Err(other) => panic!("unexpected outcome {other:?}"),
        }
    }
    // THEN exactly one wins, and the password changed exactly once
    assert_eq!(won, 1);
    let after = w.fresh(&user).await;
    assert_eq!(after.cred_gen, user.cred_gen + 1);
    assert_eq!(after.password_history.len(), 1);
}

pub async fn expired_but_present_token_is_rejected(mode: Mode) {
    let w = World::new(mode).await;
    let user = w.add_user("sleepy", Status::Active).await;
    let token = w.issue(&user, ResetPurpose::SelfService).await;
    assert!(w.confirm().inspect(&w.tenant.id, &token).await.is_ok());
    // WHEN the clock passes expires_at (nothing deletes the item: moto never runs TTL)
    w.clock.advance(time::Duration::seconds(3601));
    let hash = latchkey_shared::domain::TokenHash::of(&token);
    assert!(
        w.store.get_reset_token(&hash).await.unwrap().is_some(),
        "item still stored"
    );
    // THEN it is refused all the same
    assert!(matches!(
        w.confirm().inspect(&w.tenant.id, &token).await,
        Err(AppError::InvalidToken)
    ));
    let r = w
        .confirm()
        .confirm(
            &w.tenant.id,
            &token,
            SecretString::from("Too-Late-Marmalade-77"),
            &RequestMeta::default(),
        )
        .await;
    assert!(matches!(r, Err(AppError::InvalidToken)), "{r:?}");
}

pub async fn superseded_token_is_rejected(mode: Mode) {
    let w = World::new(mode).await;
    let user = w.add_user("twice", Status::Active).await;
    let first = w.issue(&user, ResetPurpose::SelfService).await;
    let second = w.issue(&user, ResetPurpose::SelfService).await;
    assert!(matches!(
        w.confirm().inspect(&w.tenant.id, &first).await,
        Err(AppError::InvalidToken)
    ));
    w.confirm()
        .confirm(
            &w.tenant.id,
            &second,
            SecretString::from("Second-Link-Wins-Otter-5"),
            &RequestMeta::default(),
        )
        .await
        .unwrap();
}

pub async fn reset_revokes_sessions_and_other_links(mode: Mode) {
    let w = World::new(mode).await;
    let user = w.add_user("Carol", Status::Active).await;
    let signed_in = w.sign_in("carol").await;
    let auth = Authenticate {
        sessions: &*w.store,
        users: &*w.store,
        tenants: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
    };
    assert!(auth.execute(&signed_in.token).await.is_ok());
    let token = w.issue(&user, ResetPurpose::SelfService).await;
    // a second link really outstanding at the same time: issued under the same
    // generations (as an admin link racing the self-service one would be)
    let current = w.fresh(&user).await;
    let (other, mut record) = issue_reset_token(
        &mut current.clone(),
        w.clock.now(),
        86_400,
        ResetPurpose::AdminLink,
        "admin",
    );
    record.token_gen = current.token_gen;
    w.store
        .commit(vec![Write::PutResetToken(record)])
        .await
        .unwrap();
    assert!(w.confirm().inspect(&w.tenant.id, &token).await.is_ok());
    assert!(w.confirm().inspect(&w.tenant.id, &other).await.is_ok());
    w.confirm()
        .confirm(
            &w.tenant.id,
            &token,
            SecretString::from("Fresh-Start-Pelican-42"),
            &RequestMeta::default(),
        )
        .await
        .unwrap();
    assert!(matches!(
        auth.execute(&signed_in.token).await,
        Err(AppError::Unauthenticated)
    ));
    // and the used link cannot be used again
    assert!(matches!(
        w.confirm().inspect(&w.tenant.id, &token).await,
        Err(AppError::InvalidToken)
    ));
    // nor the other one, though it was live and unused
    assert!(matches!(
        w.confirm().inspect(&w.tenant.id, &other).await,
        Err(AppError::InvalidToken)
    ));
    let r = w
        .confirm()
        .confirm(
            &w.tenant.id,
            &other,
            SecretString::from("Second-Link-Too-Late-Ibis-6"),
            &RequestMeta::default(),
        )
        .await;
    assert!(matches!(r, Err(AppError::InvalidToken)), "{r:?}");
}

pub async fn activation_link_activates_pending_account(mode: Mode) {
    let w = World::new(mode).await;
    let mut pending = w.user("newbie", Status::PendingActivation);
    pending.password_hash = None;
    pending.must_change_password = true;
    w.store
        .commit(vec![Write::CreateUser(pending.clone())])
        .await
        .unwrap();
    let token = w.issue(&pending, ResetPurpose::Activation).await;
    w.confirm()
        .confirm(
            &w.tenant.id,
            &token,
            SecretString::from("First-Password-Heron-13"),
            &RequestMeta::default(),
        )
        .await
        .unwrap();
    let after = w.fresh(&pending).await;
    assert_eq!(after.status, Status::Active);
    assert!(!after.must_change_password);
    assert!(after.password_hash.is_some());
}

pub async fn usernames_are_unique_case_insensitively(mode: Mode) {
    let w = World::new(mode).await;
    w.add_user("Bob", Status::Active).await;
    let clash = w.user("bOB", Status::Active);
    let r = w.store.commit(vec![Write::CreateUser(clash)]).await;
    assert!(matches!(r, Err(StoreError::UsernameTaken)), "{r:?}");
    let found = w
        .store
        .find_by_username(&w.tenant.id, "bob")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.username, "Bob");
}

pub async fn stale_save_conflicts_and_failed_unit_writes_nothing(mode: Mode) {
    let w = World::new(mode).await;
    let user = w.add_user("stale", Status::Active).await;
    // A save against the version read succeeds once...
    let mut first = user.clone();
    first.email = Some("new@conformance.test".into());
    w.store.commit(vec![Write::SaveUser(first)]).await.unwrap();
    // ...and a second save from the same stale read conflicts.
    let r = w.store.commit(vec![Write::SaveUser(user.clone())]).await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    // A unit with one failing write applies none of its writes.
    let current = w.fresh(&user).await;
    let mut changed = current.clone();
    changed.must_change_password = true;
    let unknown = latchkey_shared::domain::TokenHash("0".repeat(64));
    let r = w
        .store
        .commit(vec![
            Write::SaveUser(changed),
            Write::ConsumeResetToken {
                hash: unknown,
                at: test_now(),
            },
        ])
        .await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    let after = w.fresh(&user).await;
    assert_eq!(after.version, current.version);
    assert!(!after.must_change_password);
    // The email index follows the change.
    let by_email = w
        .store
        .find_by_email(&w.tenant.id, "new@conformance.test", 10)
        .await
        .unwrap();
    assert_eq!(by_email.len(), 1);
    assert!(
        w.store
            .find_by_email(&w.tenant.id, "stale@conformance.test", 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn outbox_items_are_sent_once(mode: Mode) {
    let w = World::new(mode).await;
    let email = Email {
        id: unique("m"),
        tenant_id: w.tenant.id.clone(),
        to: "x@conformance.test".into(),
        from: "no-reply@latchkey.test".into(),
        subject: "s".into(),
        text: "t".into(),
        html: "h".into(),
        kind: MailKind::PasswordChanged,
        locale: Default::default(),
        created_at: test_now(),
    };
    let audit = AuditEvent::new(&w.tenant.id, test_now(), "test", "test", "success");
    w.store
        .commit(vec![Write::Mail(email.clone()), Write::Audit(audit)])
        .await
        .unwrap();
    let pending = w.store.pending(100).await.unwrap();
    let item = pending
        .iter()
        .find(|i| i.email.id == email.id)
        .expect("queued");
    assert_eq!(item.email.text, "t");
    // two workers that read the same item: only one may send it
    let lease = test_now() + time::Duration::seconds(60);
    assert!(w.store.claim(&item.key, test_now(), lease).await.unwrap());
    assert!(!w.store.claim(&item.key, test_now(), lease).await.unwrap());
    // a failed send releases the claim so the item is retried
    w.store.nack(&item.key).await.unwrap();
    assert!(w.store.claim(&item.key, test_now(), lease).await.unwrap());
    let again = w.store.pending(100).await.unwrap();
    assert_eq!(
        again
            .iter()
            .find(|i| i.email.id == email.id)
            .unwrap()
            .attempts,
        1
    );
    assert!(w.store.ack(&item.key).await.unwrap());
    assert!(
        !w.store.ack(&item.key).await.unwrap(),
        "a second ack finds nothing"
    );
    assert!(
        !w.store
            .pending(100)
            .await
            .unwrap()
            .iter()
            .any(|i| i.email.id == email.id)
    );
}

pub async fn weak_hashes_are_upgraded_at_sign_in(mode: Mode) {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let w = World::new(mode).await;
    let mut user = w.user("legacy", Status::Active);
    // GIVEN a hash made with weaker (pre-OWASP-floor) parameters
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(4096, 1, 1, None).unwrap(),
    )
    .hash_password(
        OLD_PASSWORD.as_bytes(),
        &SaltString::from_b64(&user.password_salt).unwrap(),
    )
    .unwrap()
    .to_string();
    user.password_hash = Some(weak.clone());
    w.store
        .commit(vec![Write::CreateUser(user.clone())])
        .await
        .unwrap();
    // WHEN the user signs in
    w.sign_in("legacy").await;
    // THEN the stored hash is at today's parameters and still verifies
    let after = w.fresh(&user).await;
    let upgraded = after.password_hash.unwrap();
    assert_ne!(upgraded, weak);
    assert!(!latchkey_shared::domain::needs_rehash(&upgraded));
    assert!(latchkey_shared::domain::verify_password(
        &SecretString::from(OLD_PASSWORD),
        &upgraded
    ));
}

/// Every counter change, through `commit`, does what the pure rule
/// (`CounterChange::apply`) says on both stores: the same refusals, the same
/// stored state and version afterwards.
pub async fn counter_changes_follow_the_rule(mode: Mode) {
    use latchkey_shared::domain::{Applied, CounterChange, CounterState};
    let w = World::new(mode).await;
    let key = format!("conformance#{}", w.tenant.id);
    let t0 = w.clock.now();
    let at = |s: i64| t0 + time::Duration::seconds(s);
    let read = || async {
        w.store
            .read_counters(std::slice::from_ref(&key), None)
            .await
            .unwrap()
            .counters[0]
    };
    let locked = |version| CounterChange::Set {
        state: CounterState {
            count: 5,
            locked_until: Some(at(60)),
            expires_at: Some(at(86_400)),
        },
        version,
    };
    // (a change to make from what is stored now, the step's description)
    type Step<'a> = (Box<dyn Fn(Option<u64>) -> CounterChange + 'a>, &'a str);
    let fail = |now: i64| {
        Box::new(move |_| CounterChange::Fail {
            threshold: 5,
            now: at(now),
        })
    };
    let steps: Vec<Step> = vec![
        (fail(0), "first failure on no counter"),
        (fail(0), "second"),
        (fail(1), "third"),
        (fail(1), "fourth"),
        (fail(2), "the fifth would lock: refused blind"),
        (
            Box::new(locked),
            "the fifth as a compare-and-set at the version read",
        ),
        (
            Box::new(move |v: Option<u64>| locked(v.map(|v| v - 1))),
            "a stale version",
        ),
        (fail(10), "a failure while locked"),
        (
            Box::new(|_| CounterChange::Clear { now: at(59) }),
            "a success while locked",
        ),
        (
            Box::new(|_| CounterChange::Clear { now: at(60) }),
            "a success once the lock ends",
        ),
        (
            Box::new(|_| CounterChange::Clear { now: at(60) }),
            "clearing nothing",
        ),
        (
            Box::new(|_| CounterChange::Fail {
                threshold: 1,
                now: at(61),
            }),
            "a threshold of one is never blind",
        ),
        (
            Box::new(|_| CounterChange::Release),
            "giving back a slot of no window",
        ),
        (
            Box::new(|_| CounterChange::Take {
                limit: 2,
                window_end: at(900),
            }),
            "a slot",
        ),
        (
            Box::new(|_| CounterChange::Take {
                limit: 2,
                window_end: at(900),
            }),
            "the last slot",
        ),
        (
            Box::new(|_| CounterChange::Take {
                limit: 2,
                window_end: at(900),
            }),
            "a full window",
        ),
        (Box::new(|_| CounterChange::Release), "a slot given back"),
        (
            Box::new(|_| CounterChange::Take {
                limit: 2,
                window_end: at(900),
            }),
            "and taken again",
        ),
        (
            Box::new(|_| CounterChange::Take {
                limit: 0,
                window_end: at(900),
            }),
            "a window of zero",
        ),
        (fail(901), "a blind failure on an expired counter"),
        (
            Box::new(|v| CounterChange::Set {
                state: CounterState {
                    count: 1,
                    locked_until: None,
                    expires_at: Some(at(901 + 86_400)),
                },
                version: v,
            }),
            "a fresh count over the expired one",
        ),
    ];
    let mut refusals = 0;
    for (make, what) in steps {
        // GIVEN the counter as stored
        let before = read().await;
        let change = make(before.and_then(|c| c.version));
        let expected = change.apply(before.as_ref());
        // WHEN the change is committed with an audit event in one unit
        let event = AuditEvent::new(&w.tenant.id, t0, "conformance.counter", "test", what);
        let result = w
            .store
            .commit(vec![
                Write::Audit(event),
                Write::Counter {
                    key: key.clone(),
                    change,
                },
            ])
            .await;
        // THEN the store refuses exactly when the rule does, naming the counter
        match (&expected, &result) {
            (Some(_), Ok(())) => {}
            (None, Err(StoreError::CounterMoved(k))) if *k == key => refusals += 1,
            _ => panic!("{what}: rule says {expected:?}, store answered {result:?}"),
        }
        // AND stores what the rule computes
        let after = read().await;
        let want = match expected {
            Some(Applied::Write(c)) => Some(c),
            Some(Applied::Delete) => None,
            None => before,
        };
        assert_eq!(after, want, "{what}");
    }
    assert_eq!(refusals, 9, "the script refuses nine times");
}

/// A logo's bytes and type, the tenant's brand and a user's locale survive the
/// store unchanged; replacing a logo replaces it.
pub async fn logos_brands_and_locales_round_trip(mode: Mode) {
    use latchkey_shared::domain::{Branding, Locale, LogoType};
    let w = World::new(mode).await;
    // GIVEN no logo THEN none is read
    assert!(w.store.get_logo(&w.tenant.id).await.unwrap().is_none());
    // WHEN a logo and a branded tenant are written in one unit
    let png = bytes::Bytes::from_static(b"\x89PNG\r\n\x1a\n not checked by the store");
    let mut tenant = w.tenant.clone();
    tenant.logo = Some(LogoType::Png);
    tenant.settings.default_locale = Locale::Ja;
    tenant.settings.branding = Branding {
        display_name: Some("アクメ <b>".into()),
        primary_color: Some("#0b5394".into()),
        ..Branding::default()
    };
    w.store
        .commit(vec![
            Write::PutLogo {
                tenant: tenant.id.clone(),
                kind: LogoType::Png,
                bytes: png.clone(),
            },
            Write::PutTenant(tenant.clone()),
        ])
        .await
        .unwrap();
    // THEN both read back exactly
    assert_eq!(
        w.store.get_logo(&tenant.id).await.unwrap(),
        Some((LogoType::Png, png))
    );
    assert_eq!(
        w.store.get_tenant(&tenant.id).await.unwrap(),
        Some(tenant.clone())
    );
    // WHEN it is replaced THEN the new one is read
    let webp = bytes::Bytes::from_static(b"RIFF\0\0\0\0WEBPVP8 ");
    w.store
        .commit(vec![Write::PutLogo {
            tenant: tenant.id.clone(),
            kind: LogoType::Webp,
            bytes: webp.clone(),
        }])
        .await
        .unwrap();
    assert_eq!(
        w.store.get_logo(&tenant.id).await.unwrap(),
        Some((LogoType::Webp, webp))
    );
    // GIVEN a user with a locale THEN it survives a save
    let mut user = w.add_user("loc", Status::Active).await;
    assert_eq!(user.locale, None);
    user.locale = Some(Locale::Cs);
    w.store
        .commit(vec![Write::SaveUser(user.clone())])
        .await
        .unwrap();
    assert_eq!(w.fresh(&user).await.locale, Some(Locale::Cs));
}

macro_rules! conformance_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn single_use_under_20_concurrent_confirms() {
                super::single_use_under_20_concurrent_confirms($mode).await
            }
            #[tokio::test]
            async fn expired_but_present_token_is_rejected() {
                super::expired_but_present_token_is_rejected($mode).await
            }
            #[tokio::test]
            async fn superseded_token_is_rejected() {
                super::superseded_token_is_rejected($mode).await
            }
            #[tokio::test]
            async fn reset_revokes_sessions_and_other_links() {
                super::reset_revokes_sessions_and_other_links($mode).await
            }
            #[tokio::test]
            async fn activation_link_activates_pending_account() {
                super::activation_link_activates_pending_account($mode).await
            }
            #[tokio::test]
            async fn usernames_are_unique_case_insensitively() {
                super::usernames_are_unique_case_insensitively($mode).await
            }
            #[tokio::test]
            async fn stale_save_conflicts_and_failed_unit_writes_nothing() {
                super::stale_save_conflicts_and_failed_unit_writes_nothing($mode).await
            }
            #[tokio::test]
            async fn weak_hashes_are_upgraded_at_sign_in() {
                super::weak_hashes_are_upgraded_at_sign_in($mode).await
            }
            #[tokio::test]
            async fn counter_changes_follow_the_rule() {
                super::counter_changes_follow_the_rule($mode).await
            }
            #[tokio::test]
            async fn outbox_items_are_sent_once() {
                super::outbox_items_are_sent_once($mode).await
            }
            #[tokio::test]
            async fn logos_brands_and_locales_round_trip() {
                super::logos_brands_and_locales_round_trip($mode).await
            }
        }
    };
}

conformance_suite!(memory, Mode::Memory);
conformance_suite!(dynamodb, Mode::Dynamo);

/// The conformance worlds never ask a breach service.
pub(crate) struct NoBreaches;

#[async_trait::async_trait]
impl latchkey_shared::ports::BreachedPasswords for NoBreaches {
    async fn times_seen(&self, _: &SecretString) -> Result<u64, String> {
        Ok(0)
    }
}
