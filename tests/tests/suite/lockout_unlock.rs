//! Issue 22's lockout attacks on both stores (memory and DynamoDB on moto):
//! anyone who knows the owner's username locks her out with guesses spread
//! over many addresses, and the account-lock mail's unlock link lets her back
//! in; made-up tenant ids share one window per address; a throttled
//! forgot-password request does the same work for a known and an unknown
//! account.

use secrecy::SecretString;

use latchkey_shared::domain::{Limits, MailKind, Role, Status, TenantId, User};
use latchkey_shared::ports::{Committer, StoreError, Write};
use latchkey_shared::usecases::reset::{ForgotRequest, RequestReset};
use latchkey_shared::usecases::sessions::SignIn;
use latchkey_shared::usecases::unlock::UnlockAccount;
use latchkey_shared::usecases::{AppError, RequestMeta};
use latchkey_tests::Mode;

use super::conformance::{OLD_PASSWORD, World};

const OWNER: &str = "198.51.100.7";

fn from(ip: &str) -> RequestMeta {
    RequestMeta {
        ip: Some(ip.to_owned()),
        ..Default::default()
    }
}

async fn attempt(
    w: &World,
    tenant: &TenantId,
    username: &str,
    password: &str,
    ip: &str,
) -> Result<(), AppError> {
    SignIn {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        tenant,
        username,
        SecretString::from(password.to_owned()),
        None,
        &from(ip),
    )
    .await
    .map(|_| ())
}

async fn unlock(w: &World, token: &str, ip: &str) -> Result<(), AppError> {
    UnlockAccount {
        users: &*w.store,
        tokens: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
    }
    .execute(
        &w.tenant.id,
        &SecretString::from(token.to_owned()),
        &from(ip),
    )
    .await
}

/// The unlock link's token in the account-lock mail queued to `to`.
async fn unlock_token(w: &World, to: &str) -> String {
    let mail = super::security::queued(w)
        .await
        .into_iter()
        .find(|e| e.to == to && e.kind == MailKind::AccountLocked)
        .expect("an account-lock mail");
    assert!(mail.text.contains("/unlock#token="), "{}", mail.text);
    latchkey_tests::token_in(&mail.text)
}

async fn owner(w: &World) -> User {
    let mut olivia = w.user("olivia", Status::Active);
    olivia.role = Role::Owner;
    w.store
        .commit(vec![Write::CreateUser(olivia.clone())])
        .await
        .unwrap();
    olivia
}

pub async fn an_owner_locked_out_from_twenty_addresses_unlocks_with_the_mailed_link(mode: Mode) {
    // GIVEN the owner, and the default limits (5 per address, 100 over all)
    let w = World::new(mode).await;
    let olivia = owner(&w).await;
    let limits = Limits::default();
    assert_eq!(
        (limits.lockout_threshold, limits.account_failure_ceiling),
        (5, 100)
    );
    // WHEN 100 wrong guesses come from 20 addresses, 5 each (every one checked)
    for a in 1..=20 {
        for i in 0..5 {
            let r = attempt(
                &w,
                &w.tenant.id,
                "olivia",
                &format!("guess-{i}"),
                &format!("203.0.113.{a}"),
            )
            .await;
            assert!(
                matches!(r, Err(AppError::InvalidCredentials)),
                "address {a} guess {i}: {r:?}"
            );
        }
    }
    // THEN her right password is refused at her own address, for a day
    let r = attempt(&w, &w.tenant.id, "olivia", OLD_PASSWORD, OWNER).await;
    assert!(
        matches!(r, Err(AppError::TooManyAttempts { retry_after }) if retry_after > 86_000),
        "{r:?}"
    );
    // WHEN she follows the link of the lock mail
    let token = unlock_token(&w, olivia.email.as_deref().unwrap()).await;
    latchkey_tests::remember_secret(&token);
    unlock(&w, &token, OWNER).await.unwrap();
    // THEN she signs in with her password at once
    attempt(&w, &w.tenant.id, "olivia", OLD_PASSWORD, OWNER)
        .await
        .unwrap();
    // AND the guessers' addresses keep their own locks
    let r = attempt(&w, &w.tenant.id, "olivia", OLD_PASSWORD, "203.0.113.7").await;
    assert!(matches!(r, Err(AppError::TooManyAttempts { .. })), "{r:?}");
    // AND the link works once
    assert!(matches!(
        unlock(&w, &token, OWNER).await,
        Err(AppError::InvalidToken)
    ));
}

pub async fn made_up_tenants_share_one_window_per_address(mode: Mode) {
    // GIVEN a table of its own (the window of unknown tenants is shared by all)
    let w = World::isolated(mode).await;
    let limit = Limits::default().sign_in_failures_per_ip;
    let ip = "192.0.2.200";
    // WHEN one address tries a different made-up tenant id each time
    for i in 0..limit {
        let made_up = TenantId::parse(&format!("made-up-{i}")).unwrap();
        let r = attempt(&w, &made_up, "olivia", "guess", ip).await;
        assert!(matches!(r, Err(AppError::InvalidCredentials)), "{i}: {r:?}");
    }
    // THEN the next one is refused before any hash
    let another = TenantId::parse("made-up-once-more").unwrap();
    let r = attempt(&w, &another, "olivia", "guess", ip).await;
    assert!(matches!(r, Err(AppError::TooManyAttempts { .. })), "{r:?}");
    // AND a real tenant's users at that address are not throttled by it
    w.add_user("alice", Status::Active).await;
    attempt(&w, &w.tenant.id, "alice", OLD_PASSWORD, ip)
        .await
        .unwrap();
}

/// The store, recording the kinds of writes of every unit attempted.
struct Recording<'a> {
    store: &'a dyn Committer,
    units: std::sync::Mutex<Vec<Vec<&'static str>>>,
}

#[async_trait::async_trait]
impl Committer for Recording<'_> {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let kinds = writes
            .iter()
            .map(|w| match w {
                Write::Audit(_) => "audit",
                Write::Mail(_) => "mail",
                Write::PutResetToken(_) => "token",
                Write::SaveUser(_) => "user",
                Write::Counter { .. } => "counter",
                _ => "other",
            })
            .collect();
        self.units.lock().unwrap().push(kinds);
        self.store.commit(writes).await
    }
}

pub async fn a_throttled_forgot_request_does_the_same_work_known_or_not(mode: Mode) {
    // GIVEN olivia, and the windows of her address and of an unknown one used up
    let w = World::new(mode).await;
    let olivia = w.add_user("olivia", Status::Active).await;
    let known = olivia.email.clone().unwrap();
    let unknown = "nobody@conformance.test".to_owned();
    let ask = |email: String, ip: String| {
        let w = &w;
        async move {
            let recording = Recording {
                store: &*w.store,
                units: Default::default(),
            };
            RequestReset {
                tenants: &*w.store,
                users: &*w.store,
                counters: &*w.store,
                committer: &recording,
                clock: &*w.clock,
                links: &w.links,
            }
            .execute(
                &w.tenant.id,
                ForgotRequest {
                    username: None,
                    email: Some(email),
                },
                &from(&ip),
            )
            .await
            .unwrap();
            recording.units.into_inner().unwrap()
        }
    };
    let per_account = Limits::default().reset_emails_per_account;
    for i in 0..per_account {
        ask(known.clone(), format!("203.0.113.{i}")).await;
        ask(unknown.clone(), format!("203.0.113.{i}")).await;
    }
    // WHEN each is asked for once more
    let known_units = ask(known, "198.51.100.9".into()).await;
    let unknown_units = ask(unknown, "198.51.100.9".into()).await;
    // THEN each attempts one unit, its audit: no token minted, no mail rendered
    assert_eq!(known_units, vec![vec!["audit"]]);
    assert_eq!(unknown_units, known_units);
}

macro_rules! unlock_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn an_owner_locked_out_from_twenty_addresses_unlocks_with_the_mailed_link() {
                super::an_owner_locked_out_from_twenty_addresses_unlocks_with_the_mailed_link($mode)
                    .await
            }
            #[tokio::test]
            async fn a_throttled_forgot_request_does_the_same_work_known_or_not() {
                super::a_throttled_forgot_request_does_the_same_work_known_or_not($mode).await
            }
            #[tokio::test]
            async fn made_up_tenants_share_one_window_per_address() {
                super::made_up_tenants_share_one_window_per_address($mode).await
            }
        }
    };
}

unlock_suite!(memory, latchkey_tests::Mode::Memory);
unlock_suite!(dynamodb, latchkey_tests::Mode::Dynamo);
