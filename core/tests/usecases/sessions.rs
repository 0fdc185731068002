//! Sign-in (the lockout per (account, address) pair, the account's ceiling over
//! all addresses, the per-address window, the second factor, the rehash),
//! session authentication and sign-out.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use async_trait::async_trait;
use latchkey_core::domain::{
    Locale, MailKind, Status, TenantId, User, needs_rehash, recovery, sign_in_ip_key, totp, window,
};
use latchkey_core::memory::MemoryStore;
use latchkey_core::ports::{Committer, StoreError, Write};
use latchkey_core::usecases::reset::{ForgotRequest, RequestReset};
use latchkey_core::usecases::sessions::{SecondFactor, SignIn, SignedIn};
use latchkey_core::usecases::{AppError, RequestMeta};
use serde_json::json;

use crate::world::*;

const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.7";
/// A TOTP secret (base32) for accounts with a second factor.
const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/// A new password the default policy accepts.
const NEW_PASSWORD: &str = "Quiet-Harbor-Lantern-42";
/// [`PASSWORD`] hashed with weaker Argon2id parameters than today's
/// (m=4096, t=1): a hash from before the parameters were raised.
const WEAK_HASH: &str = "$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$GgQh9JE/3khnx3+AV73xT6jXj46LTK6+QZ8rsro00C0";
/// A password as typed with full-width letters, and its NFKC form.
const RAW_TYPED: &str = "\u{FF50}\u{FF57}-Terrace-Lantern-9";
const NORMAL_FORM: &str = "pw-Terrace-Lantern-9";
/// [`RAW_TYPED`] hashed as typed (today's parameters), from before passwords
/// were normalized.
const RAW_FORM_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$E1HvBhjqiRev5M9VA82GLgUKM/KGrCt+JTyzJyNkig4";

async fn sign_in(
    w: &World,
    username: &str,
    password: &str,
    ip: &str,
) -> Result<SignedIn, AppError> {
    w.sign_in()
        .execute(&w.tenant, username, secret(password), None, &from_ip(ip))
        .await
}

async fn sign_in_with(
    w: &World,
    username: &str,
    password: &str,
    factor: Option<SecondFactor<'_>>,
) -> Result<SignedIn, AppError> {
    w.sign_in()
        .execute_with(
            &w.tenant,
            username,
            secret(password),
            factor,
            &from_ip(OWNER),
        )
        .await
}

/// The TOTP code of [`TOTP_SECRET`] at the world's clock.
fn code_now(w: &World) -> String {
    totp::code_at(TOTP_SECRET, totp::step_of(w.now())).unwrap()
}

fn detail(e: &latchkey_core::domain::AuditEvent, key: &str) -> serde_json::Value {
    e.details
        .get(key)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

fn is_refused(r: &Result<SignedIn, AppError>) -> bool {
    matches!(r, Err(AppError::TooManyAttempts { .. }))
}

fn retry_after(r: &Result<SignedIn, AppError>) -> u64 {
    match r {
        Err(AppError::TooManyAttempts { retry_after }) => *retry_after,
        Err(e) => panic!("not refused: {e:?}"),
        Ok(_) => panic!("not refused: signed in"),
    }
}

fn is_wrong(r: &Result<SignedIn, AppError>) -> bool {
    matches!(r, Err(AppError::InvalidCredentials))
}

/// `n` wrong guesses at `username` from `ip`, each answered "wrong".
async fn guess_wrong(w: &World, username: &str, ip: &str, n: usize) {
    for i in 0..n {
        let r = sign_in(w, username, &format!("wrong-guess-{i}"), ip).await;
        assert!(is_wrong(&r), "guess {i} was not checked: {:?}", r.err());
    }
}

/// `n` sign-ins at once on a multi-threaded runtime, the `i`-th as
/// `attempt(i)` = (username, password, address); their answers.
async fn at_once(
    w: &Arc<World>,
    n: usize,
    attempt: impl Fn(usize) -> (String, String, String),
) -> Vec<Result<SignedIn, AppError>> {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let w = w.clone();
        let (username, password, ip) = attempt(i);
        tasks.spawn(async move { sign_in(&w, &username, &password, &ip).await });
    }
    tasks.join_all().await
}

/// The answers that were checked (not refused before the hash): each a wrong
/// password, or busy when every hashing slot was taken.
fn checked(out: &[Result<SignedIn, AppError>]) -> usize {
    let checked: Vec<_> = out.iter().filter(|r| !is_refused(r)).collect();
    assert!(
        checked
            .iter()
            .all(|r| matches!(r, Err(AppError::InvalidCredentials | AppError::Busy { .. }))),
        "{:?}",
        out.iter().map(|r| r.as_ref().err()).collect::<Vec<_>>()
    );
    checked.len()
}

/// The store, with what a concurrent world does to it between an attempt's
/// read and its commit.
struct Hooked<'a> {
    store: &'a MemoryStore,
    /// Committed once, just before the first unit that opens a session.
    before_session: Mutex<Option<Vec<Write>>>,
    /// How many units are cancelled by contention (nothing written) first.
    contended: AtomicU32,
}

impl<'a> Hooked<'a> {
    fn new(store: &'a MemoryStore) -> Self {
        Hooked {
            store,
            before_session: Mutex::new(None),
            contended: AtomicU32::new(0),
        }
    }
}

#[async_trait]
impl Committer for Hooked<'_> {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        if self
            .contended
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            return Err(StoreError::Contention);
        }
        if writes.iter().any(|w| matches!(w, Write::PutSession(_))) {
            let before = self.before_session.lock().unwrap().take();
            if let Some(before) = before {
                self.store.commit(before).await.unwrap();
            }
        }
        self.store.commit(writes).await
    }
}

fn sign_in_via<'a>(w: &'a World, committer: &'a dyn Committer) -> SignIn<'a> {
    SignIn {
        committer,
        ..w.sign_in()
    }
}

// ---- wrong answers ----

#[tokio::test]
async fn a_wrong_password_is_refused_and_audited_against_the_account() {
    // GIVEN alice
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    // WHEN someone signs in as her with a wrong password
    let r = sign_in(&w, "alice", "not her password", ATTACKER).await;
    // THEN invalid credentials, and the attempt is audited on her account
    assert!(is_wrong(&r), "{:?}", r.err());
    let events = w.audited("sign_in");
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.outcome, "failure");
    assert_eq!(detail(e, "reason"), json!("wrong_password"));
    assert_eq!(e.actor, alice.id.to_string());
    assert_eq!(e.target.as_deref(), Some(alice.id.as_str()));
    assert_eq!(e.ip.as_deref(), Some(ATTACKER));
}

#[tokio::test]
async fn a_disabled_or_pending_account_cannot_sign_in_even_with_its_password() {
    // GIVEN a disabled and a pending account, both with a password
    let w = World::new().await;
    w.create(w.account("dora").status(Status::Disabled)).await;
    w.create(w.account("pam").status(Status::PendingActivation))
        .await;
    for name in ["dora", "pam"] {
        // WHEN they sign in with the right password
        let r = sign_in(&w, name, PASSWORD, OWNER).await;
        // THEN the same answer as a wrong password, audited as not active
        assert!(is_wrong(&r), "{name}: {:?}", r.err());
    }
    let reasons: Vec<_> = w
        .audited("sign_in")
        .iter()
        .map(|e| detail(e, "reason"))
        .collect();
    assert_eq!(reasons, vec![json!("not_active"), json!("not_active")]);
    assert!(
        w.store
            .audit_events(&w.tenant)
            .iter()
            .all(|e| e.outcome != "success")
    );
}

#[tokio::test]
async fn an_account_without_a_password_cannot_sign_in() {
    // GIVEN an account that has no password yet
    let w = World::new().await;
    w.create(w.account("nopw").password(None)).await;
    // WHEN anything is typed as its password, the empty string included
    for typed in ["", PASSWORD] {
        let r = sign_in(&w, "nopw", typed, OWNER).await;
        // THEN invalid credentials, audited as a wrong password
        assert!(is_wrong(&r), "{typed:?}: {:?}", r.err());
    }
    assert!(
        w.audited("sign_in")
            .iter()
            .all(|e| detail(e, "reason") == json!("wrong_password"))
    );
}

#[tokio::test]
async fn an_unknown_user_or_tenant_gets_the_answer_of_a_wrong_password() {
    // GIVEN alice in acme
    let w = World::new().await;
    w.user_named("alice").await;
    // WHEN an unknown username signs in, and alice in a tenant that does not exist
    let unknown = sign_in(&w, "nobody", PASSWORD, OWNER).await;
    let globex = TenantId::parse("globex").unwrap();
    let elsewhere = w
        .sign_in()
        .execute(&globex, "alice", secret(PASSWORD), None, &from_ip(OWNER))
        .await;
    // THEN both are invalid credentials
    assert!(is_wrong(&unknown), "{:?}", unknown.err());
    assert!(is_wrong(&elsewhere), "{:?}", elsewhere.err());
    let e = &w.audited("sign_in")[0];
    assert_eq!(detail(e, "reason"), json!("unknown_user"));
    assert_eq!(e.actor, "anonymous");
    assert_eq!(e.target, None);
}

// ---- the lockout of an (account, address) pair ----

#[tokio::test]
async fn five_wrong_guesses_lock_the_pair_and_the_next_attempt_is_refused_unchecked() {
    // GIVEN alice, and the default limits (a pair locks at its fifth failure)
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    // WHEN five wrong guesses come from one address
    guess_wrong(&w, "alice", ATTACKER, 5).await;
    // THEN the fifth set a lock of 60 s, audited once
    let locks = w.audited("sign_in.lockout");
    assert_eq!(locks.len(), 1);
    assert_eq!(locks[0].outcome, "locked");
    assert_eq!(detail(&locks[0], "failures"), json!(5));
    assert_eq!(detail(&locks[0], "seconds"), json!(60));
    assert_eq!(locks[0].target.as_deref(), Some(alice.id.as_str()));
    // AND 20 s later even the right password from there is refused, with the time left
    w.advance(20);
    let r = sign_in(&w, "alice", PASSWORD, ATTACKER).await;
    assert_eq!(retry_after(&r), 40);
    // AND the refusal is audited as throttled, without a check
    let throttled: Vec<_> = w
        .audited("sign_in")
        .into_iter()
        .filter(|e| e.outcome == "throttled")
        .collect();
    assert_eq!(throttled.len(), 1);
    assert_eq!(detail(&throttled[0], "reason"), json!("account_locked"));
    // AND the pair lock alone mails nobody
    assert!(w.mails().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_guesses_get_exactly_the_threshold_checked() {
    // GIVEN alice, and the default limits
    let w = Arc::new(World::new().await);
    w.user_named("alice").await;
    let threshold = latchkey_core::domain::Limits::default().lockout_threshold as usize;
    // WHEN 20 wrong guesses from one address arrive at once
    let out = at_once(&w, 20, |i| {
        ("alice".into(), format!("guess-{i}"), ATTACKER.into())
    })
    .await;
    // THEN exactly `lockout_threshold` of them were checked, the rest refused unchecked
    assert_eq!(checked(&out), threshold);
    assert_eq!(out.iter().filter(|r| is_refused(r)).count(), 20 - threshold);
    // AND one lock was set
    assert_eq!(w.audited("sign_in.lockout").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_after_a_lock_ended_get_one_check() {
    // GIVEN alice's pair locked by five failures, the lock now over
    let w = Arc::new(World::new().await);
    w.user_named("alice").await;
    guess_wrong(&w, "alice", ATTACKER, 5).await;
    w.advance(60);
    // WHEN 10 wrong guesses from there arrive at once
    let out = at_once(&w, 10, |i| {
        ("alice".into(), format!("guess-{i}"), ATTACKER.into())
    })
    .await;
    // THEN one was checked, and it locked the pair again
    assert_eq!(checked(&out), 1);
    assert_eq!(w.audited("sign_in.lockout").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_from_many_addresses_get_exactly_the_ceiling_checked() {
    // GIVEN a ceiling of 10 failures over all addresses, and olivia
    let w = Arc::new(World::with_settings(|s| s.limits.account_failure_ceiling = 10).await);
    w.user_named("olivia").await;
    // WHEN 20 wrong guesses, each from its own address, arrive at once
    let out = at_once(&w, 20, |i| {
        (
            "olivia".into(),
            format!("guess-{i}"),
            format!("192.0.2.{}", i + 1),
        )
    })
    .await;
    // THEN exactly 10 were checked, one lock set, and the owner mailed once
    assert_eq!(checked(&out), 10);
    assert_eq!(w.audited("sign_in.account_locked").len(), 1);
    assert_eq!(w.mails_to("olivia@acme.test").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_attempts_from_one_address_get_exactly_its_window_checked() {
    // GIVEN a limit of 10 checks per address per window
    let w = Arc::new(World::with_settings(|s| s.limits.sign_in_failures_per_ip = 10).await);
    // WHEN 20 attempts at distinct usernames arrive at once from one address
    let out = at_once(&w, 20, |i| {
        (format!("sprayed-{i}"), "x".into(), ATTACKER.into())
    })
    .await;
    // THEN exactly 10 were checked
    assert_eq!(checked(&out), 10);
}

#[tokio::test]
async fn the_owner_signs_in_at_her_address_while_an_attackers_is_locked() {
    // GIVEN an attacker who locked (olivia, attacker's address)
    let w = World::new().await;
    w.user_named("olivia").await;
    guess_wrong(&w, "olivia", ATTACKER, 5).await;
    assert!(is_refused(&sign_in(&w, "olivia", PASSWORD, ATTACKER).await));
    // WHEN the owner signs in at her own address
    let r = sign_in(&w, "olivia", PASSWORD, OWNER).await;
    // THEN she gets a session
    assert!(r.is_ok(), "{:?}", r.err());
    // AND her success does not unlock the attacker's address
    assert!(is_refused(&sign_in(&w, "olivia", PASSWORD, ATTACKER).await));
    // AND the attacker's address may still try other accounts
    w.user_named("bob").await;
    assert!(sign_in(&w, "bob", PASSWORD, ATTACKER).await.is_ok());
}

#[tokio::test]
async fn after_a_lock_ends_one_guess_is_checked_then_a_lock_twice_as_long() {
    // GIVEN alice's pair locked by five failures
    let w = World::new().await;
    w.user_named("alice").await;
    guess_wrong(&w, "alice", ATTACKER, 5).await;
    // WHEN the lock has ended and another wrong guess comes
    w.advance(60);
    guess_wrong(&w, "alice", ATTACKER, 1).await;
    // THEN it locks again at once, for 120 s
    let r = sign_in(&w, "alice", PASSWORD, ATTACKER).await;
    assert_eq!(retry_after(&r), 120);
    let last = w.audited("sign_in.lockout").pop().unwrap();
    assert_eq!(detail(&last, "failures"), json!(6));
    assert_eq!(detail(&last, "seconds"), json!(120));
}

#[tokio::test]
async fn a_success_ends_the_count_of_consecutive_failures() {
    // GIVEN four wrong guesses from one address, then the right password there
    let w = World::new().await;
    w.user_named("alice").await;
    guess_wrong(&w, "alice", OWNER, 4).await;
    assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
    // WHEN four more wrong guesses come
    guess_wrong(&w, "alice", OWNER, 4).await;
    // THEN none locked: the right password still signs in
    assert!(w.audited("sign_in.lockout").is_empty());
    assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
}

#[tokio::test]
async fn an_unknown_username_locks_like_a_known_one() {
    // GIVEN no account "ghost"
    let w = World::new().await;
    // WHEN five wrong guesses at it come from one address
    guess_wrong(&w, "ghost", ATTACKER, 5).await;
    // THEN the sixth is refused as for a real account, and nobody is mailed
    assert_eq!(
        retry_after(&sign_in(&w, "ghost", PASSWORD, ATTACKER).await),
        60
    );
    assert_eq!(w.audited("sign_in.lockout").len(), 1);
    assert!(w.mails().is_empty());
}

// ---- the account's ceiling over all addresses ----

#[tokio::test]
async fn the_ceiling_over_all_addresses_locks_everyone_and_mails_the_owner() {
    // GIVEN a ceiling of 10 failures over all addresses, 3 per address
    let w = World::with_settings(|s| {
        s.limits.lockout_threshold = 3;
        s.limits.account_failure_ceiling = 10;
    })
    .await;
    let olivia = w.user_named("olivia").await;
    // WHEN two failures come from each of five addresses (no pair locks)
    for ip in [
        "192.0.2.1",
        "192.0.2.2",
        "192.0.2.3",
        "192.0.2.4",
        "192.0.2.5",
    ] {
        guess_wrong(&w, "olivia", ip, 2).await;
    }
    // THEN the account is locked for everyone, at the owner's address too, for a day
    let r = sign_in(&w, "olivia", PASSWORD, OWNER).await;
    assert_eq!(retry_after(&r), 86_400);
    // AND the lock is audited with the ceiling
    let locked = w.audited("sign_in.account_locked");
    assert_eq!(locked.len(), 1);
    assert_eq!(locked[0].outcome, "locked");
    assert_eq!(detail(&locked[0], "failures"), json!(10));
    assert_eq!(locked[0].target.as_deref(), Some(olivia.id.as_str()));
    assert!(w.audited("sign_in.lockout").is_empty());
    // AND the owner was mailed the way to unlock it
    let mails = w.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, MailKind::AccountLocked);
    assert_eq!(Some(&mails[0].to), olivia.email.as_ref());
    assert!(
        mails[0]
            .text
            .contains("https://login.example.test/t/acme/unlock#token="),
        "{}",
        mails[0].text
    );
}

#[tokio::test]
async fn a_lock_mail_speaks_the_accounts_language_never_the_guessers() {
    // GIVEN a tenant writing Czech, a ceiling of 10 (under the pair's 20),
    // olivia without a language and dieter who reads German
    let w = World::with_settings(|s| {
        s.default_locale = Locale::Cs;
        s.limits.account_failure_ceiling = 10;
        s.limits.lockout_threshold = 20;
    })
    .await;
    w.user_named("olivia").await;
    w.create(w.account("dieter").with(|u| u.locale = Some(Locale::De)))
        .await;
    // WHEN guessers asking for French reach both accounts' ceilings
    for name in ["olivia", "dieter"] {
        for i in 0..10 {
            let meta = RequestMeta {
                ip: Some(ATTACKER.into()),
                locale: Some(Locale::Fr),
                user_agent: None,
            };
            let r = w
                .sign_in()
                .execute(&w.tenant, name, secret(&format!("x{i}")), None, &meta)
                .await;
            assert!(is_wrong(&r));
        }
    }
    // THEN each lock mail is in its account's language
    let olivia = w.mails_to("olivia@acme.test");
    let dieter = w.mails_to("dieter@acme.test");
    assert_eq!((olivia.len(), dieter.len()), (1, 1));
    assert_eq!(olivia[0].locale, Locale::Cs);
    assert_eq!(dieter[0].locale, Locale::De);
}

#[tokio::test]
async fn failures_at_other_usernames_do_not_count_toward_an_accounts_ceiling() {
    // GIVEN a ceiling of 10 failures, alice
    let w = World::with_settings(|s| s.limits.account_failure_ceiling = 10).await;
    w.user_named("alice").await;
    // WHEN ten failures hit ten other usernames from ten addresses
    for i in 1..=10 {
        guess_wrong(&w, &format!("user{i}"), &format!("192.0.2.{i}"), 1).await;
    }
    // THEN alice is not locked
    assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
    assert!(w.audited("sign_in.account_locked").is_empty());
}

// ---- the per-address window ----

#[tokio::test]
async fn one_address_gets_a_window_of_checks_over_all_usernames() {
    // GIVEN a limit of 10 checks per address per 900 s window, and alice
    let w = World::with_settings(|s| {
        s.limits.sign_in_failures_per_ip = 10;
        s.limits.window_seconds = 900;
    })
    .await;
    w.user_named("alice").await;
    // WHEN one address sprays ten usernames
    let (_, end) = window(&Default::default(), w.now());
    for i in 1..=10 {
        guess_wrong(&w, &format!("u{i}"), ATTACKER, 1).await;
    }
    // THEN its next attempt, even alice's right password, is refused until the window ends
    let r = sign_in(&w, "alice", PASSWORD, ATTACKER).await;
    assert_eq!(retry_after(&r), (end - w.now()).whole_seconds() as u64);
    let throttled = w.audited("sign_in").pop().unwrap();
    assert_eq!(throttled.outcome, "throttled");
    assert_eq!(detail(&throttled, "reason"), json!("ip"));
    // AND another address is not throttled by it
    assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
    // AND in the next window the address is checked again
    w.advance((end - w.now()).whole_seconds());
    assert!(sign_in(&w, "alice", PASSWORD, ATTACKER).await.is_ok());
}

#[tokio::test]
async fn made_up_tenants_share_one_window_per_address() {
    // GIVEN the default window of checks per address (unknown tenants have no settings)
    let w = World::new().await;
    let limit = latchkey_core::domain::Limits::default().sign_in_failures_per_ip;
    // WHEN one address signs in once into each of `limit` tenants that do not exist
    for i in 0..limit {
        let made_up = TenantId::parse(&format!("made-up-{i}")).unwrap();
        let r = w
            .sign_in()
            .execute(&made_up, "alice", secret("guess"), None, &from_ip(ATTACKER))
            .await;
        assert!(is_wrong(&r), "attempt {i}: {:?}", r.err());
    }
    // THEN its next attempt into yet another made-up tenant is refused unchecked
    let another = TenantId::parse("made-up-again").unwrap();
    let r = w
        .sign_in()
        .execute(&another, "alice", secret("guess"), None, &from_ip(ATTACKER))
        .await;
    assert!(is_refused(&r), "{:?}", r.err());
    // AND a real tenant's window of that address is its own
    w.user_named("alice").await;
    assert!(sign_in(&w, "alice", PASSWORD, ATTACKER).await.is_ok());
}

#[tokio::test]
async fn a_sign_in_refused_busy_gives_its_reserved_failure_back() {
    // GIVEN alice, and a server whose hashing slots are all taken
    let w = World::with_settings(|s| s.limits.sign_in_failures_per_ip = 10).await;
    w.user_named("alice").await;
    let none: &'static tokio::sync::Semaphore = Box::leak(Box::new(tokio::sync::Semaphore::new(0)));
    // WHEN alice's right password is refused busy more often than the pair's
    // threshold and the address's window allow
    for _ in 0..12 {
        let r = latchkey_core::usecases::with_hash_slots(
            none,
            std::time::Duration::from_millis(1),
            sign_in(&w, "alice", PASSWORD, OWNER),
        )
        .await;
        assert!(matches!(r, Err(AppError::Busy { .. })), "{:?}", r.err());
    }
    // THEN none of them counted: she signs in at once, from that address
    assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
    assert!(w.audited("sign_in.lockout").is_empty());
}

#[tokio::test]
async fn a_successful_sign_in_gives_its_address_slot_back() {
    // GIVEN a limit of 10 checks per address per window
    let w = World::with_settings(|s| s.limits.sign_in_failures_per_ip = 10).await;
    w.user_named("alice").await;
    // WHEN alice signs in three times from her office address
    for _ in 0..3 {
        assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
    }
    // THEN the address still has its ten failures, and no more (over ten
    // usernames, so no pair locks first)
    for i in 1..=10 {
        guess_wrong(&w, &format!("bob{i}"), OWNER, 1).await;
    }
    assert!(is_refused(&sign_in(&w, "carol", "x", OWNER).await));
}

// ---- the second factor ----

#[tokio::test]
async fn an_account_with_a_factor_needs_a_valid_code_after_its_password() {
    // GIVEN alice with TOTP on
    let w = World::new().await;
    let alice = w.create(w.account("alice").mfa_secret(TOTP_SECRET)).await;
    // WHEN she gives the right password with no code, or a blank one
    for code in [None, Some("   ")] {
        let r = w
            .sign_in()
            .execute(&w.tenant, "alice", secret(PASSWORD), code, &from_ip(OWNER))
            .await;
        // THEN a code is required
        assert!(matches!(r, Err(AppError::MfaRequired)), "{:?}", r.err());
    }
    // WHEN she gives a wrong code
    let r = w
        .sign_in()
        .execute(
            &w.tenant,
            "alice",
            secret(PASSWORD),
            Some("000000"),
            &from_ip(OWNER),
        )
        .await;
    // THEN it is refused and audited as such
    assert!(matches!(r, Err(AppError::InvalidMfaCode)), "{:?}", r.err());
    let failure = w.audited("sign_in").pop().unwrap();
    assert_eq!(detail(&failure, "reason"), json!("invalid_mfa_code"));
    // AND a wrong password with the right code is still a wrong password
    let code = code_now(&w);
    let r = w
        .sign_in()
        .execute(
            &w.tenant,
            "alice",
            secret("wrong"),
            Some(&code),
            &from_ip(OWNER),
        )
        .await;
    assert!(is_wrong(&r), "{:?}", r.err());
    // WHEN she gives the current code
    let signed = w
        .sign_in()
        .execute(
            &w.tenant,
            "alice",
            secret(PASSWORD),
            Some(&code),
            &from_ip(OWNER),
        )
        .await
        .expect("signed in");
    // THEN she is signed in, audited as with MFA
    let success = w.audited("sign_in").pop().unwrap();
    assert_eq!(success.outcome, "success");
    assert_eq!(detail(&success, "mfa"), json!(true));
    let auth = w.authenticate().execute(&signed.token).await.unwrap();
    assert_eq!(auth.user.id, alice.id);
}

#[tokio::test]
async fn a_missing_or_wrong_code_counts_toward_the_lockout() {
    // GIVEN alice with TOTP on
    let w = World::new().await;
    w.create(w.account("alice").mfa_secret(TOTP_SECRET)).await;
    // WHEN the right password comes five times without a (valid) code
    for code in [None, Some("111111"), None, Some("222222"), None] {
        let r = w
            .sign_in()
            .execute(
                &w.tenant,
                "alice",
                secret(PASSWORD),
                code,
                &from_ip(ATTACKER),
            )
            .await;
        assert!(
            matches!(r, Err(AppError::MfaRequired | AppError::InvalidMfaCode)),
            "{:?}",
            r.err()
        );
    }
    // THEN the pair is locked: even the right code is refused unchecked
    let code = code_now(&w);
    let r = w
        .sign_in()
        .execute(
            &w.tenant,
            "alice",
            secret(PASSWORD),
            Some(&code),
            &from_ip(ATTACKER),
        )
        .await;
    assert_eq!(retry_after(&r), 60);
}

#[tokio::test]
async fn a_totp_code_signs_in_once() {
    // GIVEN alice with TOTP on, signed in with the current code
    let w = World::new().await;
    let alice = w.create(w.account("alice").mfa_secret(TOTP_SECRET)).await;
    let code = code_now(&w);
    let signed = sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Totp(&code)))
        .await
        .expect("signed in");
    // THEN the step it matched is stored, and the user returned is the user as stored
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.totp_last_step, Some(totp::step_of(w.now())));
    assert_eq!(signed.user, stored);
    // WHEN the same code is replayed within its window
    w.advance(10);
    let r = sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Totp(&code))).await;
    // THEN it is refused
    assert!(matches!(r, Err(AppError::InvalidMfaCode)), "{:?}", r.err());
    // AND a TOTP sign-in is no use of a recovery code: nothing audited or mailed as one
    assert!(w.audited("mfa.recovery_code_used").is_empty());
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn two_sign_ins_racing_with_one_code_get_one_session() {
    // GIVEN alice with TOTP on
    let w = World::new().await;
    w.create(w.account("alice").mfa_secret(TOTP_SECRET)).await;
    let code = code_now(&w);
    // WHEN two sign-ins with the same code run at once
    let (a, b) = tokio::join!(
        sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Totp(&code))),
        sign_in_with(&w, "alice", PASSWORD, Some(SecondFactor::Totp(&code))),
    );
    // THEN one is signed in, the other told the code is invalid
    let results = [a, b];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(AppError::InvalidMfaCode)))
    );
    assert_eq!(
        w.audited("sign_in")
            .iter()
            .filter(|e| e.outcome == "success")
            .count(),
        1
    );
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_tells_the_owner() {
    // GIVEN alice with TOTP on and a set of recovery codes
    let w = World::new().await;
    let account = w.account("alice").mfa_secret(TOTP_SECRET);
    let (codes, hashes) = recovery::new_set(&account.user.password_salt);
    let total = codes.len();
    let alice = w.create(account.with(|u| u.recovery_codes = hashes)).await;
    // WHEN she signs in with one of them
    let signed = sign_in_with(
        &w,
        "alice",
        PASSWORD,
        Some(SecondFactor::Recovery(&codes[3])),
    )
    .await
    .expect("signed in");
    // THEN that code is gone from the account, the others stay
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.recovery_codes.len(), total - 1);
    assert_eq!(signed.user, stored);
    // AND it is audited, with how many are left
    let used = w.audited("mfa.recovery_code_used");
    assert_eq!(used.len(), 1);
    assert_eq!(detail(&used[0], "left"), json!(total - 1));
    assert_eq!(detail(&w.audited("sign_in")[0], "mfa"), json!(true));
    // AND she is mailed about it
    let mails = w.mails_to("alice@acme.test");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, MailKind::RecoveryCodeUsed);
    // WHEN the same code is used again
    let r = sign_in_with(
        &w,
        "alice",
        PASSWORD,
        Some(SecondFactor::Recovery(&codes[3])),
    )
    .await;
    // THEN it is refused; another of her codes still works
    assert!(matches!(r, Err(AppError::InvalidMfaCode)), "{:?}", r.err());
    assert!(
        sign_in_with(
            &w,
            "alice",
            PASSWORD,
            Some(SecondFactor::Recovery(&codes[0]))
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn a_secret_the_store_could_not_open_fails_closed() {
    // GIVEN alice with TOTP on, whose stored secret this process cannot open
    // (sealed for another user, or under another key)
    let w = World::new().await;
    w.create(w.account("alice").mfa_secret(TOTP_SECRET).with(|u| {
        u.totp_secret = Some(latchkey_core::domain::totp::TotpSecret::Sealed(vec![
            1, 2, 3,
        ]))
    }))
    .await;
    // WHEN she gives her password alone
    let r = sign_in(&w, "alice", PASSWORD, OWNER).await;
    // THEN a code is still required: an unreadable secret is not "no factor"
    assert!(matches!(r, Err(AppError::MfaRequired)), "{:?}", r.err());
    // WHEN she gives the code of the secret she enrolled
    let r = sign_in_with(
        &w,
        "alice",
        PASSWORD,
        Some(SecondFactor::Totp(&code_now(&w))),
    )
    .await;
    // THEN it is refused as a wrong code, not a server error
    assert!(matches!(r, Err(AppError::InvalidMfaCode)), "{:?}", r.err());
}

#[tokio::test]
async fn a_factor_is_asked_only_when_it_is_on() {
    // GIVEN bob without MFA, but a secret left over on his account
    let w = World::new().await;
    w.create(
        w.account("bob")
            .with(|u| u.totp_secret = Some(TOTP_SECRET.into())),
    )
    .await;
    // WHEN he signs in with his password alone
    let r = sign_in(&w, "bob", PASSWORD, OWNER).await;
    // THEN he is signed in, without MFA
    assert!(r.is_ok(), "{:?}", r.err());
    assert_eq!(detail(&w.audited("sign_in")[0], "mfa"), json!(false));
}

// ---- the rehash ----

#[tokio::test]
async fn a_hash_with_weaker_parameters_is_upgraded_at_sign_in() {
    // GIVEN alice whose hash has weaker parameters than today's
    let w = World::new().await;
    let alice = w
        .create(
            w.account("alice")
                .password(None)
                .with(|u| u.password_hash = Some(WEAK_HASH.into())),
        )
        .await;
    // WHEN she signs in
    let signed = sign_in(&w, "alice", PASSWORD, OWNER)
        .await
        .expect("signed in");
    // THEN her stored hash is of today's parameters, and still her password
    let stored = w.user(&alice.id).await;
    let phc = stored.password_hash.clone().unwrap();
    assert_ne!(phc, WEAK_HASH);
    assert!(!needs_rehash(&phc));
    assert_eq!(signed.user, stored);
    assert!(sign_in(&w, "alice", PASSWORD, OWNER).await.is_ok());
}

#[tokio::test]
async fn a_hash_of_the_typed_form_is_upgraded_to_the_normal_form() {
    // GIVEN alice whose hash is of her password as typed, before normalization
    let w = World::new().await;
    let alice = w
        .create(
            w.account("alice")
                .password(None)
                .with(|u| u.password_hash = Some(RAW_FORM_HASH.into())),
        )
        .await;
    // AND its normal form does not verify against it
    assert!(is_wrong(&sign_in(&w, "alice", NORMAL_FORM, OWNER).await));
    // WHEN she signs in as she types it
    assert!(sign_in(&w, "alice", RAW_TYPED, OWNER).await.is_ok());
    // THEN her hash was redone of the normal form: both typings sign in
    let stored = w.user(&alice.id).await;
    assert_ne!(stored.password_hash.as_deref(), Some(RAW_FORM_HASH));
    assert!(sign_in(&w, "alice", NORMAL_FORM, OWNER).await.is_ok());
    assert!(sign_in(&w, "alice", RAW_TYPED, OWNER).await.is_ok());
}

#[tokio::test]
async fn a_current_hash_is_not_rewritten_at_sign_in() {
    // GIVEN alice with a hash of today's parameters
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    // WHEN she signs in
    sign_in(&w, "alice", PASSWORD, OWNER)
        .await
        .expect("signed in");
    // THEN her account is untouched but for the sign-in it records, which
    // is no save of the account (its version stays)
    let after = w.user(&alice.id).await;
    assert_eq!(after.last_sign_in_at, Some(w.now()));
    assert_eq!(
        User {
            last_sign_in_at: None,
            ..after
        },
        alice
    );
}

#[tokio::test]
async fn a_concurrent_change_to_the_account_costs_the_rehash_not_the_sign_in() {
    // GIVEN alice with a weak hash, and an admin who sets her language while
    // her sign-in is checking the password
    let w = World::new().await;
    let alice = w
        .create(
            w.account("alice")
                .password(None)
                .with(|u| u.password_hash = Some(WEAK_HASH.into())),
        )
        .await;
    let hooked = Hooked::new(&w.store);
    let mut changed = alice.clone();
    changed.locale = Some(Locale::De);
    *hooked.before_session.lock().unwrap() = Some(vec![Write::SaveUser(changed)]);
    // WHEN she signs in
    let signed = sign_in_via(&w, &hooked)
        .execute(&w.tenant, "alice", secret(PASSWORD), None, &from_ip(OWNER))
        .await
        .expect("signed in");
    // THEN her session works, the admin's change stands and the old hash stays
    assert!(w.authenticate().execute(&signed.token).await.is_ok());
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.locale, Some(Locale::De));
    assert_eq!(stored.password_hash.as_deref(), Some(WEAK_HASH));
}

#[tokio::test]
async fn a_success_whose_address_slot_is_gone_still_signs_in() {
    // GIVEN alice, and her address's window counter expiring (removed) while
    // her password is checked
    let w = World::new().await;
    w.user_named("alice").await;
    let hooked = Hooked::new(&w.store);
    let (index, _) = window(&Default::default(), w.now());
    *hooked.before_session.lock().unwrap() = Some(vec![Write::DeleteCounter(sign_in_ip_key(
        &w.tenant, OWNER, index,
    ))]);
    // WHEN she signs in
    let signed = sign_in_via(&w, &hooked)
        .execute(&w.tenant, "alice", secret(PASSWORD), None, &from_ip(OWNER))
        .await
        .expect("signed in");
    // THEN her session works and is audited
    assert!(w.authenticate().execute(&signed.token).await.is_ok());
    assert_eq!(w.audited("sign_in")[0].outcome, "success");
}

// ---- contention ----

#[tokio::test]
async fn units_that_keep_meeting_contention_fail_closed() {
    // GIVEN a store whose every unit is cancelled by contention
    let w = World::new().await;
    w.user_named("alice").await;
    let hooked = Hooked::new(&w.store);
    hooked.contended.store(u32::MAX, Ordering::SeqCst);
    // WHEN alice signs in, and asks for a reset link
    let signed = sign_in_via(&w, &hooked)
        .execute(&w.tenant, "alice", secret(PASSWORD), None, &from_ip(OWNER))
        .await;
    let reset = RequestReset {
        committer: &hooked,
        ..w.request_reset()
    }
    .execute(
        &w.tenant,
        ForgotRequest {
            username: Some("alice".into()),
            email: Some("alice@acme.test".into()),
        },
        &from_ip(OWNER),
    )
    .await;
    // THEN each gives up with an error after its retries: no session, no mail
    assert!(signed.is_err());
    assert!(
        matches!(reset, Err(AppError::Internal(_))),
        "{:?}",
        reset.err()
    );
    assert!(w.mails().is_empty());
    assert!(w.audit().is_empty());
}

#[tokio::test]
async fn a_sign_in_that_meets_contention_retries_and_counts_once() {
    // GIVEN a store that cancels the first two units
    let w = World::new().await;
    w.user_named("alice").await;
    let hooked = Hooked::new(&w.store);
    hooked.contended.store(2, Ordering::SeqCst);
    // WHEN alice gives a wrong password, then four more come
    let r = sign_in_via(&w, &hooked)
        .execute(&w.tenant, "alice", secret("nope"), None, &from_ip(OWNER))
        .await;
    assert!(is_wrong(&r), "{:?}", r.err());
    guess_wrong(&w, "alice", OWNER, 4).await;
    // THEN it counted once: the fifth failure is the one that locked
    assert_eq!(w.audited("sign_in.lockout").len(), 1);
    assert_eq!(w.audited("sign_in").len(), 5);
}

#[tokio::test]
async fn a_sign_in_that_meets_contention_lets_its_contender_finish_before_retrying() {
    // GIVEN alice, and another transaction on the same items in flight: every
    // unit meets contention until that one has finished
    let w = World::new().await;
    w.user_named("alice").await;
    let hooked = Hooked::new(&w.store);
    hooked.contended.store(u32::MAX, Ordering::SeqCst);
    let contender = async { hooked.contended.store(0, Ordering::SeqCst) };
    // WHEN alice signs in while the contender runs, both on this one thread
    let sign_in = sign_in_via(&w, &hooked);
    let meta = from_ip(OWNER);
    let (r, ()) = tokio::join!(
        sign_in.execute(&w.tenant, "alice", secret(PASSWORD), None, &meta),
        contender,
    );
    // THEN her sign-in backed off instead of colliding again at once, the
    // contender finished, and her retry went through
    assert!(r.is_ok(), "{:?}", r.err());
}

// ---- the password check of a signed-in user shares the lockout ----

#[tokio::test]
async fn a_wrong_current_password_counts_toward_the_sign_in_lockout() {
    // GIVEN alice signed in, and four wrong sign-ins at her from one address
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    guess_wrong(&w, "alice", ATTACKER, 4).await;
    // WHEN her session changes the password from there with a wrong current one
    let r = w
        .change_password()
        .execute(
            &auth,
            secret("not it"),
            secret(NEW_PASSWORD),
            &from_ip(ATTACKER),
        )
        .await;
    // THEN it is refused and the password stays
    assert!(matches!(r, Err(AppError::InvalidCurrentPassword)), "{r:?}");
    assert_eq!(w.user(&alice.id).await.password_hash, alice.password_hash);
    // AND it was the fifth failure: the pair is locked for sign-in
    assert_eq!(
        retry_after(&sign_in(&w, "alice", PASSWORD, ATTACKER).await),
        60
    );
}

#[tokio::test]
async fn a_right_current_password_at_a_locked_address_is_refused_with_the_time_left() {
    // GIVEN alice signed in, and her pair at an attacker's address locked 20 s ago
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    let alice = w.user(&alice.id).await;
    guess_wrong(&w, "alice", ATTACKER, 5).await;
    w.advance(20);
    // WHEN a change of password comes from there with the right current one
    let r = w
        .change_password()
        .execute(
            &auth,
            secret(PASSWORD),
            secret(NEW_PASSWORD),
            &from_ip(ATTACKER),
        )
        .await;
    // THEN it is refused like any attempt there, with the lock's time left
    assert!(
        matches!(r, Err(AppError::TooManyAttempts { retry_after: 40 })),
        "{r:?}"
    );
    // AND nothing changed
    assert_eq!(w.user(&alice.id).await, alice);
}

// ---- sessions ----

#[tokio::test]
async fn a_session_lasts_the_tenants_session_ttl() {
    // GIVEN sessions of 600 s
    let w = World::with_settings(|s| s.session_ttl_seconds = 600).await;
    w.user_named("alice").await;
    // WHEN alice signs in
    let signed = sign_in(&w, "alice", PASSWORD, OWNER)
        .await
        .expect("signed in");
    // THEN the session ends 600 s from now
    assert_eq!(signed.session.expires_at, at(600));
    assert_eq!(signed.session.created_at, at(0));
    // AND it authenticates until then, and not from then on
    w.advance(599);
    assert!(w.authenticate().execute(&signed.token).await.is_ok());
    w.advance(1);
    assert!(matches!(
        w.authenticate().execute(&signed.token).await,
        Err(AppError::Unauthenticated)
    ));
}

#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    // GIVEN alice signed in on her laptop and her phone
    let w = World::new().await;
    w.user_named("alice").await;
    let (laptop, laptop_auth) = w.session_of("alice", PASSWORD).await;
    let (phone, _) = w.session_of("alice", PASSWORD).await;
    // WHEN she changes her password on the laptop
    w.change_password()
        .execute(
            &laptop_auth,
            secret(PASSWORD),
            secret(NEW_PASSWORD),
            &from_ip(OWNER),
        )
        .await
        .expect("changed");
    // THEN the phone's session is revoked, the laptop's goes on
    assert!(matches!(
        w.authenticate().execute(&phone).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(w.authenticate().execute(&laptop).await.is_ok());
    // AND the new password signs in, the old one not
    assert!(sign_in(&w, "alice", NEW_PASSWORD, OWNER).await.is_ok());
    assert!(is_wrong(&sign_in(&w, "alice", PASSWORD, OWNER).await));
}

#[tokio::test]
async fn a_disabled_account_loses_its_sessions() {
    // GIVEN alice signed in
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (token, _) = w.session_of("alice", PASSWORD).await;
    // WHEN her account is disabled
    let disabled = User {
        status: Status::Disabled,
        ..w.user(&alice.id).await
    };
    w.store
        .commit(vec![Write::SaveUser(disabled)])
        .await
        .unwrap();
    // THEN her session no longer authenticates
    assert!(matches!(
        w.authenticate().execute(&token).await,
        Err(AppError::Unauthenticated)
    ));
}

#[tokio::test]
async fn an_unknown_token_is_unauthenticated() {
    // GIVEN alice signed in
    let w = World::new().await;
    w.user_named("alice").await;
    w.session_of("alice", PASSWORD).await;
    // WHEN a made-up token is presented THEN it is unauthenticated
    assert!(matches!(
        w.authenticate().execute(&secret("made-up-token")).await,
        Err(AppError::Unauthenticated)
    ));
}

#[tokio::test]
async fn signing_out_ends_that_session_only() {
    // GIVEN alice signed in twice
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (first, first_auth) = w.session_of("alice", PASSWORD).await;
    let (second, _) = w.session_of("alice", PASSWORD).await;
    // WHEN she signs the first out
    w.sign_out()
        .execute(&first_auth, &from_ip(OWNER))
        .await
        .expect("signed out");
    // THEN it no longer authenticates, the other still does
    assert!(matches!(
        w.authenticate().execute(&first).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(w.authenticate().execute(&second).await.is_ok());
    // AND the sign-out is audited
    let events = w.audited("sign_out");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].outcome, "success");
    assert_eq!(events[0].actor, alice.id.to_string());
    assert_eq!(events[0].target.as_deref(), Some(alice.id.as_str()));
    assert_eq!(events[0].ip.as_deref(), Some(OWNER));
}
