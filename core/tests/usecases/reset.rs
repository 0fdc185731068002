//! Forgot password (request a link), inspect a link, confirm a reset; the
//! tenant's logo in its mails; bounces that stop mail to an address.

use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use bytes::Bytes;
use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{
    EmailStatus, LogoType, MailKind, ResetIdentifier, ResetPurpose, Role, Status, Tenant, TenantId,
    TokenHash, User, UserId, ViolationCode,
};
use latchkey_core::memory::MemoryStore;
use latchkey_core::ports::{Committer, StoreError, TenantStore, TokenReader, UserReader, Write};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::branding::Logos;
use latchkey_core::usecases::mail_events::MarkUndeliverable;
use latchkey_core::usecases::reset::{ForgotRequest, RequestReset, issue_reset_token};
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;

use crate::world::*;

/// A new password the default policy accepts for alice of Acme.
const NEW: &str = "violet tuesday orbit quarry";

fn by_email(email: &str) -> ForgotRequest {
    ForgotRequest {
        username: None,
        email: Some(email.to_owned()),
    }
}

fn by_username(username: &str) -> ForgotRequest {
    ForgotRequest {
        username: Some(username.to_owned()),
        email: None,
    }
}

async fn forgot(w: &World, req: ForgotRequest, ip: &str) -> Result<(), AppError> {
    w.request_reset()
        .execute(&w.tenant, req, &from_ip(ip))
        .await
}

/// Asks for alice's link from 203.0.113.1 and returns the token it mailed.
async fn link_of(w: &World, email: &str) -> SecretString {
    let before: Vec<String> = w.mails().into_iter().map(|m| m.id).collect();
    forgot(w, by_email(email), "203.0.113.1").await.unwrap();
    let mail = w
        .mails_to(email)
        .into_iter()
        .find(|m| !before.contains(&m.id))
        .expect("a new reset mail");
    assert_eq!(mail.kind, MailKind::PasswordReset);
    token_in(&mail)
}

async fn confirm(w: &World, token: &SecretString, new: &str) -> Result<(), AppError> {
    w.confirm_reset()
        .confirm(&w.tenant, token, secret(new), &from_ip("203.0.113.1"))
        .await
}

async fn sign_in(w: &World, username: &str, password: &str, ip: &str) -> Result<(), AppError> {
    w.sign_in()
        .execute(&w.tenant, username, secret(password), None, &from_ip(ip))
        .await
        .map(|_| ())
}

fn codes(r: Result<(), AppError>) -> Vec<ViolationCode> {
    match r {
        Err(AppError::PasswordPolicy(v)) => v.into_iter().map(|v| v.code).collect(),
        other => panic!("expected a policy refusal, got {other:?}"),
    }
}

async fn save(w: &World, user: User) {
    w.store.commit(vec![Write::SaveUser(user)]).await.unwrap();
}

/// The user reader of the HTTP layer, counting its reads; with `lagging`, an
/// email index that still holds those (older) copies of the accounts.
struct Reads<'a> {
    store: &'a MemoryStore,
    count: AtomicUsize,
    lagging: Option<Vec<User>>,
}

impl<'a> Reads<'a> {
    fn new(store: &'a MemoryStore, lagging: Option<Vec<User>>) -> Self {
        Self {
            store,
            count: AtomicUsize::new(0),
            lagging,
        }
    }
    fn take(&self) -> usize {
        self.count.swap(0, Ordering::SeqCst)
    }
}

#[async_trait]
impl UserReader for Reads<'_> {
    async fn get_user(&self, tenant: &TenantId, id: &UserId) -> Result<Option<User>, StoreError> {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.store.get_user(tenant, id).await
    }
    async fn find_by_username(
        &self,
        tenant: &TenantId,
        key: &str,
    ) -> Result<Option<User>, StoreError> {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.store.find_by_username(tenant, key).await
    }
    async fn find_by_email(
        &self,
        tenant: &TenantId,
        key: &str,
        limit: usize,
    ) -> Result<Vec<User>, StoreError> {
        self.count.fetch_add(1, Ordering::SeqCst);
        match &self.lagging {
            Some(stale) => Ok(stale
                .iter()
                .filter(|u| u.email_key().as_deref() == Some(key))
                .cloned()
                .collect()),
            None => self.store.find_by_email(tenant, key, limit).await,
        }
    }
}

/// The store's committer, counting the units it is given.
struct Commits<'a> {
    store: &'a MemoryStore,
    count: AtomicUsize,
}

#[async_trait]
impl Committer for Commits<'_> {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.store.commit(writes).await
    }
}

fn request_reset<'a>(
    w: &'a World,
    users: &'a Reads<'a>,
    commits: &'a Commits<'a>,
) -> RequestReset<'a> {
    RequestReset {
        tenants: &w.store,
        users,
        counters: &w.store,
        committer: commits,
        clock: &w.clock,
        links: &w.links,
    }
}

// ---- forgot password: the same answer for everyone ----

#[tokio::test]
async fn an_existing_and_an_unknown_account_get_the_same_answer_for_the_same_work() {
    // GIVEN alice, and a user reader and committer that count their calls
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let reads = Reads::new(&w.store, None);
    let commits = Commits {
        store: &w.store,
        count: AtomicUsize::new(0),
    };
    let reset = request_reset(&w, &reads, &commits);
    // WHEN someone asks for alice's link, then for an address nobody has
    let known = reset
        .execute(
            &w.tenant,
            by_email("Alice@Acme.test"),
            &from_ip("203.0.113.1"),
        )
        .await;
    let (known_reads, known_commits) = (reads.take(), commits.count.swap(0, Ordering::SeqCst));
    let unknown = reset
        .execute(
            &w.tenant,
            by_email("nobody@acme.test"),
            &from_ip("203.0.113.1"),
        )
        .await;
    let (unknown_reads, unknown_commits) = (reads.take(), commits.count.swap(0, Ordering::SeqCst));
    // THEN both are answered alike, after one lookup and one unit each
    assert!(known.is_ok() && unknown.is_ok());
    assert_eq!((known_reads, known_commits), (1, 1));
    assert_eq!((unknown_reads, unknown_commits), (1, 1));
    // AND only alice got mail: her link, on the deployment's public address
    let mails = w.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "alice@acme.test");
    assert_eq!(mails[0].kind, MailKind::PasswordReset);
    assert!(
        mails[0]
            .text
            .contains("https://login.example.test/t/acme/reset#token=")
    );
    // AND each request is audited with what happened
    let events = w.audited("password_reset.requested");
    let seen: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| (e.outcome.as_str(), e.target.as_deref()))
        .collect();
    assert_eq!(
        seen,
        vec![("sent", Some(alice.id.as_str())), ("no_match", None)]
    );
    assert!(
        events
            .iter()
            .all(|e| e.ip.as_deref() == Some("203.0.113.1"))
    );
}

#[tokio::test]
async fn the_link_is_stored_only_as_its_hash_and_lives_for_the_tenant_ttl() {
    // GIVEN a tenant whose links live ten minutes
    let w = World::with_settings(|s| s.reset_link_ttl_seconds = 600).await;
    let alice = w.user_named("alice").await;
    // WHEN alice asks for a link
    let token = link_of(&w, "alice@acme.test").await;
    // THEN the store knows the token by its hash only, issued to her
    let raw = TokenHash(token.expose_secret().to_owned());
    assert!(w.store.get_reset_token(&raw).await.unwrap().is_none());
    let record = w
        .store
        .get_reset_token(&TokenHash::of(&token))
        .await
        .unwrap()
        .expect("stored by its hash");
    assert_eq!(record.user_id, alice.id);
    assert_eq!(record.purpose, ResetPurpose::SelfService);
    assert_eq!(record.expires_at, at(600));
    // AND it works until its last second, and not at the end of it
    w.advance(599);
    let seen = w.confirm_reset().inspect(&w.tenant, &token).await.unwrap();
    assert_eq!(seen.expires_at, at(600));
    w.advance(1);
    assert!(matches!(
        w.confirm_reset().inspect(&w.tenant, &token).await,
        Err(AppError::InvalidToken)
    ));
    assert!(matches!(
        confirm(&w, &token, NEW).await,
        Err(AppError::InvalidToken)
    ));
    assert!(sign_in(&w, "alice", PASSWORD, "198.51.100.1").await.is_ok());
}

#[tokio::test]
async fn a_new_link_supersedes_every_older_one() {
    // GIVEN alice asked for a link twice
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let first = link_of(&w, "alice@acme.test").await;
    let second = link_of(&w, "alice@acme.test").await;
    // THEN the first link is dead, the second works
    assert_eq!(w.user(&alice.id).await.token_gen, 2);
    assert!(matches!(
        w.confirm_reset().inspect(&w.tenant, &first).await,
        Err(AppError::InvalidToken)
    ));
    assert!(matches!(
        confirm(&w, &first, NEW).await,
        Err(AppError::InvalidToken)
    ));
    confirm(&w, &second, NEW).await.unwrap();
}

#[tokio::test]
async fn the_tenant_rule_says_which_fields_a_request_needs() {
    // GIVEN alice on a tenant of each rule
    for (rule, incomplete) in [
        (
            ResetIdentifier::Email,
            vec![(None, None), (Some("alice"), Some("  "))],
        ),
        (
            ResetIdentifier::Username,
            vec![(None, Some("alice@acme.test"))],
        ),
        (
            ResetIdentifier::UsernameAndEmail,
            vec![(Some("alice"), None), (Some(" "), Some("alice@acme.test"))],
        ),
    ] {
        let w = World::with_settings(|s| s.reset_identifier = rule).await;
        w.user_named("alice").await;
        for (username, email) in incomplete {
            // WHEN a request lacks (or leaves blank) a field the rule reads
            let r = forgot(
                &w,
                ForgotRequest {
                    username: username.map(str::to_owned),
                    email: email.map(str::to_owned),
                },
                "203.0.113.1",
            )
            .await;
            // THEN it is refused as invalid, and nothing is sent
            assert!(
                matches!(r, Err(AppError::InvalidRequest(_))),
                "{rule:?} {username:?} {email:?}: {r:?}"
            );
        }
        assert!(w.mails().is_empty());
    }
}

#[tokio::test]
async fn a_username_tenant_finds_the_account_by_its_username_alone() {
    // GIVEN a tenant that asks for the username
    let w = World::with_settings(|s| s.reset_identifier = ResetIdentifier::Username).await;
    w.user_named("alice").await;
    // WHEN alice types her username, in any case
    forgot(&w, by_username("ALICE"), "203.0.113.1")
        .await
        .unwrap();
    // THEN her link goes to her address
    let mails = w.mails_to("alice@acme.test");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, MailKind::PasswordReset);
}

#[tokio::test]
async fn a_username_and_email_tenant_needs_both_to_match() {
    // GIVEN a tenant that asks for both
    let w = World::with_settings(|s| s.reset_identifier = ResetIdentifier::UsernameAndEmail).await;
    w.user_named("alice").await;
    let both = |email: &str| ForgotRequest {
        username: Some("alice".into()),
        email: Some(email.into()),
    };
    // WHEN the email is someone else's THEN the same answer, and nothing sent
    forgot(&w, both("mallory@evil.test"), "203.0.113.1")
        .await
        .unwrap();
    assert!(w.mails().is_empty());
    assert_eq!(w.audited("password_reset.requested")[0].outcome, "no_match");
    // WHEN both are hers THEN she gets her link
    forgot(&w, both("ALICE@acme.test"), "203.0.113.1")
        .await
        .unwrap();
    assert_eq!(w.mails_to("alice@acme.test").len(), 1);
}

// ---- forgot password: throttles that stay silent ----

#[tokio::test]
async fn an_account_gets_at_most_its_window_of_links_and_then_silence() {
    // GIVEN alice, and the default three links per account per window
    let w = World::new().await;
    w.user_named("alice").await;
    // WHEN four requests for her arrive from four addresses, with junk in the
    // username the tenant's rule ignores
    for i in 1..=4 {
        let r = forgot(
            &w,
            ForgotRequest {
                username: Some(format!("junk{i}")),
                email: Some("alice@acme.test".into()),
            },
            &format!("203.0.113.{i}"),
        )
        .await;
        // THEN every one gets the same answer
        assert!(r.is_ok());
    }
    // AND only three links went out; the fourth was audited as throttled
    assert_eq!(w.mails_to("alice@acme.test").len(), 3);
    let last = w.audited("password_reset.requested").pop().unwrap();
    assert_eq!(last.outcome, "throttled");
    assert_eq!(last.details["reason"], json!("account"));
    // AND an unknown address is throttled alike
    for _ in 0..4 {
        forgot(&w, by_email("nobody@acme.test"), "198.51.100.7")
            .await
            .unwrap();
    }
    let last = w.audited("password_reset.requested").pop().unwrap();
    assert_eq!(last.outcome, "throttled");
    // WHEN the window has passed THEN alice gets a link again
    w.advance(900);
    forgot(&w, by_email("alice@acme.test"), "203.0.113.9")
        .await
        .unwrap();
    assert_eq!(w.mails_to("alice@acme.test").len(), 4);
}

/// The store, recording the kinds of writes of every unit attempted.
struct Recording<'a> {
    store: &'a MemoryStore,
    units: std::sync::Mutex<Vec<Vec<&'static str>>>,
}

#[async_trait]
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

#[tokio::test]
async fn a_throttled_request_does_the_same_work_for_a_known_and_an_unknown_account() {
    // GIVEN alice, whose window of links is used up, and an unknown address
    // whose window is used up too
    let w = World::new().await;
    w.user_named("alice").await;
    for i in 0..3 {
        forgot(&w, by_email("alice@acme.test"), &format!("203.0.113.{i}"))
            .await
            .unwrap();
        forgot(&w, by_email("nobody@acme.test"), &format!("203.0.113.{i}"))
            .await
            .unwrap();
    }
    let attempted = |email: &'static str| {
        let w = &w;
        async move {
            let recording = Recording {
                store: &w.store,
                units: Default::default(),
            };
            let use_case = RequestReset {
                committer: &recording,
                ..w.request_reset()
            };
            use_case
                .execute(&w.tenant, by_email(email), &from_ip("198.51.100.9"))
                .await
                .unwrap();
            recording.units.into_inner().unwrap()
        }
    };
    // WHEN each is asked for once more
    let known = attempted("alice@acme.test").await;
    let unknown = attempted("nobody@acme.test").await;
    // THEN both attempt exactly one unit, their audit, and no token is minted
    // nor mail rendered for alice before the throttle is decided
    assert_eq!(known, vec![vec!["audit"]]);
    assert_eq!(unknown, known);
    assert_eq!(w.mails_to("alice@acme.test").len(), 3);
}

#[tokio::test]
async fn an_address_gets_at_most_its_window_of_requests_and_then_silence() {
    // GIVEN a tenant allowing two requests per IP per window, and two users
    let w = World::with_settings(|s| s.limits.reset_requests_per_ip = 2).await;
    w.user_named("alice").await;
    w.user_named("bob").await;
    // WHEN one address asks for nobody, then alice, then bob
    forgot(&w, by_email("nobody@acme.test"), "203.0.113.66")
        .await
        .unwrap();
    forgot(&w, by_email("alice@acme.test"), "203.0.113.66")
        .await
        .unwrap();
    let third = forgot(&w, by_email("bob@acme.test"), "203.0.113.66").await;
    // THEN the third gets the same answer, sends nothing, and is audited
    assert!(third.is_ok());
    assert!(w.mails_to("bob@acme.test").is_empty());
    let last = w.audited("password_reset.requested").pop().unwrap();
    assert_eq!(last.outcome, "throttled");
    assert_eq!(last.details["reason"], json!("ip"));
    // AND bob's own slot was not used up: from another address he gets a link
    forgot(&w, by_email("bob@acme.test"), "198.51.100.2")
        .await
        .unwrap();
    assert_eq!(w.mails_to("bob@acme.test").len(), 1);
}

// ---- forgot password: who gets a link ----

#[tokio::test]
async fn an_ineligible_account_is_told_to_contact_its_admin_without_a_link() {
    // GIVEN a disabled user and an admin (the tenant lets no admin self-serve)
    let w = World::new().await;
    let carol = w.create(w.account("carol").status(Status::Disabled)).await;
    let dave = w.create(w.account("dave").role(Role::Admin)).await;
    // WHEN each asks for a link
    forgot(&w, by_email("carol@acme.test"), "203.0.113.1")
        .await
        .unwrap();
    forgot(&w, by_email("dave@acme.test"), "203.0.113.1")
        .await
        .unwrap();
    // THEN each is mailed to contact the administrator, with no link
    for to in ["carol@acme.test", "dave@acme.test"] {
        let mails = w.mails_to(to);
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].kind, MailKind::ContactAdmin);
        assert!(!mails[0].text.contains("token="));
    }
    // AND the reason is audited (never shown)
    let events = w.audited("password_reset.requested");
    let seen: Vec<(&str, Option<&str>, &serde_json::Value)> = events
        .iter()
        .map(|e| {
            (
                e.outcome.as_str(),
                e.target.as_deref(),
                &e.details["reason"],
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("ineligible", Some(carol.id.as_str()), &json!("not_active")),
            (
                "ineligible",
                Some(dave.id.as_str()),
                &json!("admin_self_service_disabled")
            ),
        ]
    );
    // AND neither account got a link to use
    assert_eq!(w.user(&carol.id).await.token_gen, 0);
    assert_eq!(w.user(&dave.id).await.token_gen, 0);
}

#[tokio::test]
async fn after_a_hard_bounce_an_address_gets_no_more_mail() {
    // GIVEN alice and bob sharing one address, and carol elsewhere
    let w = World::new().await;
    let alice = w
        .create(w.account("alice").email(Some("shared@acme.test")))
        .await;
    let bob = w
        .create(w.account("bob").email(Some("shared@acme.test")))
        .await;
    let carol = w.user_named("carol").await;
    let mark = MarkUndeliverable {
        users: &w.store,
        committer: &w.store,
        clock: &w.clock,
    };
    // WHEN the mail provider reports a permanent bounce of the address (any case)
    let changed = mark
        .execute(
            &w.tenant,
            "SHARED@acme.test",
            EmailStatus::Bounced,
            "550 no such user",
        )
        .await
        .unwrap();
    // THEN both accounts at it are marked, each audited with the address masked
    assert_eq!(changed, 2);
    for id in [&alice.id, &bob.id] {
        assert_eq!(w.user(id).await.email_status, EmailStatus::Bounced);
    }
    assert_eq!(
        w.user(&carol.id).await.email_status,
        EmailStatus::Deliverable
    );
    let events = w.audited("email.undeliverable");
    assert_eq!(events.len(), 2);
    for e in &events {
        assert_eq!(e.details["email"], json!("S***@a***.test"));
        assert_eq!(e.details["email_status"], json!("bounced"));
        assert_eq!(e.details["detail"], json!("550 no such user"));
    }
    // AND the same report again changes nothing and audits nothing more
    let again = mark
        .execute(&w.tenant, "shared@acme.test", EmailStatus::Bounced, "550")
        .await
        .unwrap();
    assert_eq!(again, 0);
    assert_eq!(w.audited("email.undeliverable").len(), 2);
    // WHEN a link is asked for the address THEN nothing is sent, same answer
    forgot(&w, by_email("shared@acme.test"), "203.0.113.1")
        .await
        .unwrap();
    assert!(w.mails().is_empty());
    let events = w.audited("password_reset.requested");
    assert_eq!(events.len(), 2);
    for e in &events {
        assert_eq!(e.outcome, "undeliverable");
        assert_eq!(e.details["email_status"], json!("bounced"));
    }
    assert_eq!(w.user(&alice.id).await.token_gen, 0);
    // AND a complaint later moves the status on
    let complained = mark
        .execute(
            &w.tenant,
            "shared@acme.test",
            EmailStatus::Complained,
            "abuse",
        )
        .await
        .unwrap();
    assert_eq!(complained, 2);
}

#[tokio::test]
async fn a_request_that_loses_a_race_reads_the_account_again_and_sends_its_link() {
    // GIVEN an email index that still holds alice as she was, while her
    // record has changed since (another write moved its version)
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let mut changed = alice.clone();
    changed.locale = Some(latchkey_core::domain::Locale::De);
    save(&w, changed).await;
    let reads = Reads::new(&w.store, Some(vec![alice.clone()]));
    let commits = Commits {
        store: &w.store,
        count: AtomicUsize::new(0),
    };
    // WHEN she asks for a link
    request_reset(&w, &reads, &commits)
        .execute(
            &w.tenant,
            by_email("alice@acme.test"),
            &from_ip("203.0.113.1"),
        )
        .await
        .unwrap();
    // THEN the stale copy's unit conflicted, the fresh read got her link out,
    // and her change was kept
    let mails = w.mails_to("alice@acme.test");
    assert_eq!(mails.len(), 1);
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.token_gen, 1);
    assert_eq!(stored.locale, Some(latchkey_core::domain::Locale::De));
    confirm(&w, &token_in(&mails[0]), NEW).await.unwrap();
}

// ---- inspect and confirm ----

#[tokio::test]
async fn inspecting_a_link_shows_whose_it_is_and_does_not_use_it() {
    // GIVEN alice's link on a tenant with its own policy
    let w = World::with_settings(|s| s.password_policy.min_length = 20).await;
    w.user_named("alice").await;
    let token = link_of(&w, "alice@acme.test").await;
    // WHEN the page inspects it, twice
    for _ in 0..2 {
        let seen = w.confirm_reset().inspect(&w.tenant, &token).await.unwrap();
        // THEN it names the account, the expiry and the tenant's policy
        assert_eq!(seen.username, "alice");
        assert_eq!(seen.expires_at, at(3600));
        assert_eq!(seen.policy.min_length, 20);
    }
    // AND the link still works
    confirm(&w, &token, NEW).await.unwrap();
}

#[tokio::test]
async fn a_link_sets_the_new_password_once_and_tells_the_user() {
    // GIVEN alice's link, and a session of hers
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (bearer, _) = w.session_of("alice", PASSWORD).await;
    let token = link_of(&w, "alice@acme.test").await;
    w.advance(60);
    // WHEN she sets a new password through it
    confirm(&w, &token, NEW).await.unwrap();
    // THEN only the new password signs in, and her old session is gone
    assert!(matches!(
        sign_in(&w, "alice", PASSWORD, "198.51.100.1").await,
        Err(AppError::InvalidCredentials)
    ));
    assert!(sign_in(&w, "alice", NEW, "198.51.100.1").await.is_ok());
    assert!(matches!(
        w.authenticate().execute(&bearer).await,
        Err(AppError::Unauthenticated)
    ));
    // AND the account keeps the old hash in its history
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.cred_gen, alice.cred_gen + 1);
    assert_eq!(stored.password_history, vec![alice.password_hash.unwrap()]);
    assert_eq!(stored.password_changed_at, Some(at(60)));
    assert_eq!(stored.status, Status::Active);
    // AND she is told by mail, and the reset is audited
    let told = w.mails_to("alice@acme.test").pop().unwrap();
    assert_eq!(told.kind, MailKind::PasswordChanged);
    let done = w.audited("password_reset.completed");
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].outcome, "success");
    assert_eq!(done[0].target.as_deref(), Some(alice.id.as_str()));
    assert_eq!(done[0].ip.as_deref(), Some("203.0.113.1"));
    assert_eq!(done[0].details["purpose"], json!("self_service"));
    assert!(!done[0].details.contains_key("activated"));
    // AND the link cannot be used again
    assert!(matches!(
        confirm(&w, &token, "another fine passphrase 7").await,
        Err(AppError::InvalidToken)
    ));
    assert!(sign_in(&w, "alice", NEW, "198.51.100.1").await.is_ok());
}

#[tokio::test]
async fn an_activation_link_activates_a_pending_account() {
    // GIVEN a pending account with an activation link issued by an admin
    let w = World::new().await;
    let mut erin = w
        .create(
            w.account("erin")
                .status(Status::PendingActivation)
                .password(None),
        )
        .await;
    let (token, record) = issue_reset_token(
        &mut erin,
        w.now(),
        86_400,
        ResetPurpose::Activation,
        "admin",
    );
    w.store
        .commit(vec![
            Write::PutResetToken(record),
            Write::SaveUser(erin.clone()),
        ])
        .await
        .unwrap();
    // WHEN erin sets her first password through it
    confirm(&w, &token, NEW).await.unwrap();
    // THEN the account is active and signs in
    assert_eq!(w.user(&erin.id).await.status, Status::Active);
    assert!(sign_in(&w, "erin", NEW, "198.51.100.1").await.is_ok());
    // AND the audit says it was an activation
    let done = w.audited("password_reset.completed").pop().unwrap();
    assert_eq!(done.details["purpose"], json!("activation"));
    assert_eq!(done.details["activated"], json!(true));
}

#[tokio::test]
async fn a_link_checks_the_account_when_it_is_used() {
    // GIVEN alice's link, then her account is disabled
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let token = link_of(&w, "alice@acme.test").await;
    let mut disabled = w.user(&alice.id).await;
    disabled.status = Status::Disabled;
    save(&w, disabled).await;
    // WHEN the link is used THEN it is refused, and the account keeps its password
    assert!(matches!(
        w.confirm_reset().inspect(&w.tenant, &token).await,
        Err(AppError::InvalidToken)
    ));
    assert!(matches!(
        confirm(&w, &token, NEW).await,
        Err(AppError::InvalidToken)
    ));
    assert_eq!(w.user(&alice.id).await.password_hash, alice.password_hash);
}

#[tokio::test]
async fn a_link_of_one_tenant_is_refused_at_another() {
    // GIVEN alice's link at acme, and a tenant `other`
    let w = World::new().await;
    w.user_named("alice").await;
    let token = link_of(&w, "alice@acme.test").await;
    let other = TenantId::parse("other").unwrap();
    let mut t: Tenant = w.store.get_tenant(&w.tenant).await.unwrap().unwrap();
    t.id = other.clone();
    w.store.commit(vec![Write::PutTenant(t)]).await.unwrap();
    // WHEN the link is presented at `other` THEN it is not a link there
    assert!(matches!(
        w.confirm_reset().inspect(&other, &token).await,
        Err(AppError::InvalidToken)
    ));
    assert!(matches!(
        w.confirm_reset()
            .confirm(&other, &token, secret(NEW), &from_ip("203.0.113.1"))
            .await,
        Err(AppError::InvalidToken)
    ));
    // AND it still works where it was issued
    confirm(&w, &token, NEW).await.unwrap();
}

#[tokio::test]
async fn the_policy_and_history_are_checked_before_the_link_is_used() {
    // GIVEN alice's link
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let token = link_of(&w, "alice@acme.test").await;
    // WHEN she picks a short password, her username, or her current password
    // THEN each is refused with its reason
    assert_eq!(
        codes(confirm(&w, &token, "short").await),
        vec![ViolationCode::TooShort]
    );
    assert_eq!(
        codes(confirm(&w, &token, "my name is alice, hello").await),
        vec![ViolationCode::ContainsContext]
    );
    assert_eq!(
        codes(confirm(&w, &token, PASSWORD).await),
        vec![ViolationCode::ReusedPassword]
    );
    // AND none of that used the link or changed the account
    assert_eq!(w.user(&alice.id).await.password_hash, alice.password_hash);
    confirm(&w, &token, NEW).await.unwrap();
    // WHEN a later reset goes back to the previous password THEN it is refused
    w.advance(900);
    let again = link_of(&w, "alice@acme.test").await;
    assert_eq!(
        codes(confirm(&w, &again, PASSWORD).await),
        vec![ViolationCode::ReusedPassword]
    );
}

#[tokio::test]
async fn a_password_past_the_hashing_ceiling_is_refused_unhashed() {
    // GIVEN accounts whose current passwords are 1024 and 1025 characters
    // long (the ceiling up to which a candidate is hashed at all)
    let w = World::new().await;
    let at_ceiling: String = "xq7 ".repeat(256);
    let past_ceiling = format!("{at_ceiling}z");
    w.create(w.account("frank").password(Some(&at_ceiling)))
        .await;
    w.create(w.account("grace").password(Some(&past_ceiling)))
        .await;
    // WHEN each picks their current password again through a link
    let frank = link_of(&w, "frank@acme.test").await;
    let grace = link_of(&w, "grace@acme.test").await;
    // THEN both are too long; the one at the ceiling was hashed (and found
    // reused), the one past it never was
    assert_eq!(
        codes(confirm(&w, &frank, &at_ceiling).await),
        vec![ViolationCode::TooLong, ViolationCode::ReusedPassword]
    );
    assert_eq!(
        codes(confirm(&w, &grace, &past_ceiling).await),
        vec![ViolationCode::TooLong]
    );
}

#[tokio::test]
async fn breached_passwords_are_refused_only_where_the_tenant_asks() {
    // GIVEN a password seen in breaches, on a tenant that does not check them
    let mut w = World::new().await;
    w.breaches.seen.insert(NEW.to_owned());
    w.user_named("alice").await;
    let token = link_of(&w, "alice@acme.test").await;
    // WHEN alice picks it THEN it is accepted, and no check was audited
    confirm(&w, &token, NEW).await.unwrap();
    assert!(w.audited("password.breach_check").is_empty());
    // GIVEN the tenant now refuses breached passwords
    w.set_settings(|s| s.password_policy.block_breached = true)
        .await;
    w.advance(900);
    let token = link_of(&w, "alice@acme.test").await;
    // WHEN she picks a breached one THEN it is refused as breached
    w.breaches.seen.insert("another fine passphrase 7".into());
    assert_eq!(
        codes(confirm(&w, &token, "another fine passphrase 7").await),
        vec![ViolationCode::BreachedPassword]
    );
    // WHEN the breach service is down THEN the reset goes through, audited
    w.breaches.down = true;
    let zed = w.user_named("zed").await;
    let zed_token = link_of(&w, "zed@acme.test").await;
    confirm(&w, &zed_token, "another fine passphrase 7")
        .await
        .unwrap();
    let skipped = w.audited("password.breach_check");
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].outcome, "unavailable");
    assert_eq!(skipped[0].actor, zed.id.as_str());
    assert_eq!(skipped[0].target.as_deref(), Some(zed.id.as_str()));
}

#[tokio::test]
async fn a_completed_reset_lifts_the_lock_of_the_account() {
    // GIVEN alice locked out (pair and account ceiling) by wrong passwords
    let w = World::with_settings(|s| {
        s.limits.lockout_threshold = 10;
        s.limits.account_failure_ceiling = 10;
    })
    .await;
    w.user_named("alice").await;
    for _ in 0..10 {
        let _ = sign_in(&w, "alice", "wrong guess", "203.0.113.1").await;
    }
    assert!(matches!(
        sign_in(&w, "alice", PASSWORD, "203.0.113.1").await,
        Err(AppError::TooManyAttempts { .. })
    ));
    // WHEN she resets her password from that address
    let token = link_of(&w, "alice@acme.test").await;
    confirm(&w, &token, NEW).await.unwrap();
    // THEN she signs in from there, and from anywhere else
    assert!(sign_in(&w, "alice", NEW, "203.0.113.1").await.is_ok());
    assert!(sign_in(&w, "alice", NEW, "198.51.100.1").await.is_ok());
}

// ---- the tenant's logo ----

/// A 1×1 PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[tokio::test]
async fn the_owner_s_logo_is_served_and_shown_in_the_tenant_s_mail() {
    // GIVEN the tenant's owner, and no logo yet
    let w = World::new().await;
    let owner = w.create(w.account("olga").role(Role::Owner)).await;
    w.user_named("alice").await;
    let logos = Logos {
        tenants: &w.store,
        logos: &w.store,
        committer: &w.store,
        clock: &w.clock,
    };
    assert!(matches!(
        logos.get(&w.tenant).await,
        Err(AppError::NotFound)
    ));
    // WHEN she uploads a PNG
    logos
        .put(
            &Actor::User(&owner),
            &w.tenant,
            Bytes::from_static(PNG_1X1),
            &from_ip("203.0.113.5"),
        )
        .await
        .unwrap();
    // THEN it is served with its type, and audited
    let (kind, bytes) = logos.get(&w.tenant).await.unwrap();
    assert_eq!((kind, bytes.as_ref()), (LogoType::Png, PNG_1X1));
    let event = w.audited("branding.logo_updated").pop().unwrap();
    assert_eq!(event.actor, owner.id.as_str());
    assert_eq!(event.details["content_type"], json!("image/png"));
    // AND a reset mail shows it from the deployment's address
    forgot(&w, by_email("alice@acme.test"), "203.0.113.1")
        .await
        .unwrap();
    let mail = w.mails_to("alice@acme.test").pop().unwrap();
    assert!(
        mail.html
            .contains("src=\"https://login.example.test/t/acme/logo\"")
    );
}
