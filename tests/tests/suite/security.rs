//! The attacks of issue 13, performed against the use cases on both stores
//! (memory and DynamoDB on moto): parallel guesses after an expired lock and
//! from one address, the owner at a second address while an attacker's is
//! locked, the ceiling over all addresses, and no live link at rest.

use secrecy::SecretString;
use std::sync::Arc;

use latchkey_shared::domain::{Settings, Status, TenantId};
use latchkey_shared::ports::{Clock, Write};
use latchkey_shared::usecases::reset::{ForgotRequest, RequestReset};
use latchkey_shared::usecases::sessions::SignIn;
use latchkey_shared::usecases::{AppError, RequestMeta};
use latchkey_tests::{AnyStore, Mode};

use super::conformance::{OLD_PASSWORD, World};

const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.7";

/// What one sign-in attempt came to: a password check happened exactly when
/// the answer is 201 or 401; 429 means it was refused before any hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Signed,
    Wrong,
    Refused,
    Busy,
    Other,
}

impl Outcome {
    fn hashed(self) -> bool {
        matches!(self, Outcome::Signed | Outcome::Wrong)
    }
}

async fn attempt(w: &World, username: &str, password: &str, ip: &str) -> Outcome {
    let r = SignIn {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        &w.tenant.id,
        username,
        SecretString::from(password.to_owned()),
        None,
        &RequestMeta {
            ip: Some(ip.to_owned()),
            ..Default::default()
        },
    )
    .await;
    match r {
        Ok(_) => Outcome::Signed,
        Err(AppError::InvalidCredentials) => Outcome::Wrong,
        Err(AppError::TooManyAttempts { .. }) => Outcome::Refused,
        // 503: the process's bound on hashes in flight turned it away before
        // any check (a parallel burst is hashed until its count is stored).
        Err(AppError::Busy { .. }) => Outcome::Busy,
        Err(e) => {
            eprintln!("unexpected answer: {e:?}");
            Outcome::Other
        }
    }
}

/// `n` attempts at once; the last `right` of them (spawned last, so the
/// least likely to win a slot) with the right password.
async fn burst(
    w: &Arc<World>,
    usernames: impl Fn(usize) -> String,
    n: usize,
    right: usize,
    ip: &str,
) -> Vec<Outcome> {
    let mut tasks = Vec::new();
    for i in 0..n {
        let w = w.clone();
        let name = usernames(i);
        let ip = ip.to_owned();
        tasks.push(tokio::spawn(async move {
            let pw = if i >= n - right {
                OLD_PASSWORD.to_owned()
            } else {
                format!("Wrong-Guess-{i}")
            };
            attempt(&w, &name, &pw, &ip).await
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

async fn world_with(mode: Mode, limits: serde_json::Value) -> Arc<World> {
    let mut w = World::isolated(mode).await;
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["limits"] = limits;
    w.tenant.settings = serde_json::from_value(settings).unwrap();
    w.tenant.settings.validate().unwrap();
    w.store
        .commit(vec![Write::PutTenant(w.tenant.clone())])
        .await
        .unwrap();
    Arc::new(w)
}

pub async fn parallel_guesses_after_an_expired_lock_get_one_check(mode: Mode) {
    // GIVEN alice's pair lock from five failures at one address, now expired
    let w = world_with(mode, serde_json::json!({"lockout_threshold": 5})).await;
    w.add_user("alice", Status::Active).await;
    for i in 0..5 {
        assert_eq!(
            attempt(&w, "alice", &format!("nope-{i}"), ATTACKER).await,
            Outcome::Wrong
        );
    }
    assert_eq!(
        attempt(&w, "alice", OLD_PASSWORD, ATTACKER).await,
        Outcome::Refused
    );
    w.clock.advance(time::Duration::seconds(61));
    // WHEN 60 wrong guesses arrive at once
    let out = burst(&w, |_| "alice".into(), 60, 0, ATTACKER).await;
    // THEN exactly one was checked, the rest refused before any hash
    assert_eq!(out.iter().filter(|o| o.hashed()).count(), 1, "{out:?}");
    assert!(out.iter().all(|o| *o != Outcome::Other), "{out:?}");
    // AND after the next (longer) lock expires, 59 wrong + 1 right: one slot,
    // so the right password cannot ride in on the burst
    w.clock.advance(time::Duration::seconds(121));
    let out = burst(&w, |_| "alice".into(), 60, 1, ATTACKER).await;
    let wrong = out.iter().filter(|o| **o == Outcome::Wrong).count();
    if out.contains(&Outcome::Signed) {
        // The right password won the one slot. Its success clears the count
        // (failures are consecutive), so reservations still retrying their
        // compare-and-set afterwards (DynamoDB under load) meet a fresh counter:
        // the sequential order "right, then wrong guesses" allows `threshold`
        // more checks, and no more.
        assert!(wrong <= 5, "{out:?}");
    } else {
        assert_eq!(wrong, 1, "{out:?}");
    }
}

pub async fn parallel_attempts_from_one_ip_respect_its_limit(mode: Mode) {
    // GIVEN a per-IP limit of 50 checks per window
    let w = world_with(
        mode,
        serde_json::json!({"sign_in_failures_per_ip": 50, "window_seconds": 900}),
    )
    .await;
    // WHEN 120 attempts on distinct usernames arrive at once from one address
    let out = burst(&w, |i| format!("sprayed-{i}"), 120, 0, ATTACKER).await;
    let checked = out.iter().filter(|o| o.hashed()).count();
    // THEN no more than 50 were checked (memory: exactly 50; DynamoDB may refuse
    // a few more, failing closed when it cannot win a counter's race)
    assert!(checked <= 50, "{checked} checked: {out:?}");
    if mode == Mode::Memory {
        // the first 50 reserved a slot each; each was then checked, or turned
        // away busy (the process's hashing bound) without an answer
        let busy = out.iter().filter(|o| **o == Outcome::Busy).count();
        assert_eq!(checked + busy, 50, "{out:?}");
    } else {
        assert!(checked >= 10, "{checked} checked");
    }
    assert!(out.iter().all(|o| *o != Outcome::Other), "{out:?}");
    // AND another tenant's users at the same address are not throttled by it
    let other = World::new(mode).await;
    other.add_user("bea", Status::Active).await;
    assert_eq!(
        attempt(&other, "bea", OLD_PASSWORD, ATTACKER).await,
        Outcome::Signed
    );
}

pub async fn the_owner_signs_in_at_home_while_an_attackers_address_is_locked(mode: Mode) {
    let w = world_with(mode, serde_json::json!({"lockout_threshold": 5})).await;
    w.add_user("olivia", Status::Active).await;
    // GIVEN an attacker who locked (olivia, attacker address)
    for i in 0..5 {
        attempt(&w, "olivia", &format!("guess-{i}"), ATTACKER).await;
    }
    assert_eq!(
        attempt(&w, "olivia", OLD_PASSWORD, ATTACKER).await,
        Outcome::Refused
    );
    // THEN the owner at her own address still signs in
    assert_eq!(
        attempt(&w, "olivia", OLD_PASSWORD, OWNER).await,
        Outcome::Signed
    );
    // AND her success does not unlock the attacker's address
    assert_eq!(
        attempt(&w, "olivia", OLD_PASSWORD, ATTACKER).await,
        Outcome::Refused
    );
}

pub async fn the_ceiling_locks_everyone_and_mails_the_user(mode: Mode) {
    // GIVEN a ceiling of 10 failures over all addresses, 3 per address
    let w = world_with(
        mode,
        serde_json::json!({"lockout_threshold": 3, "account_failure_ceiling": 10}),
    )
    .await;
    let owner = w.add_user("olivia", Status::Active).await;
    // WHEN failures come from five addresses, two each (no pair lock)
    for ip in [
        "192.0.2.1",
        "192.0.2.2",
        "192.0.2.3",
        "192.0.2.4",
        "192.0.2.5",
    ] {
        for i in 0..2 {
            assert_eq!(
                attempt(&w, "olivia", &format!("guess-{i}"), ip).await,
                Outcome::Wrong
            );
        }
    }
    // THEN the account is locked for everyone, the owner's address too
    assert_eq!(
        attempt(&w, "olivia", OLD_PASSWORD, OWNER).await,
        Outcome::Refused
    );
    // AND the user was told, with the way to unlock it
    let mails: Vec<_> = queued(&w)
        .await
        .into_iter()
        .filter(|m| m.kind == latchkey_shared::domain::MailKind::AccountLocked)
        .collect();
    assert_eq!(mails.len(), 1);
    assert_eq!(Some(&mails[0].to), owner.email.as_ref());
    assert!(
        mails[0].text.contains("/unlock#token="),
        "{}",
        mails[0].text
    );
}

/// The mail queued for this world's tenant (the DynamoDB table is shared by
/// the conformance worlds).
pub(crate) async fn queued(w: &World) -> Vec<latchkey_shared::domain::Email> {
    use latchkey_shared::ports::MailOutbox;
    let items = match &w.any {
        AnyStore::Memory(s) => s.pending(1000).await.unwrap(),
        AnyStore::Dynamo(s) => s.pending(1000).await.unwrap(),
    };
    items
        .into_iter()
        .map(|i| i.email)
        .filter(|e| e.tenant_id == w.tenant.id)
        .collect()
}

async fn forgot(w: &World, username: Option<&str>, email: Option<&str>) {
    RequestReset {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        &w.tenant.id,
        ForgotRequest {
            username: username.map(str::to_owned),
            email: email.map(str::to_owned),
        },
        &RequestMeta {
            ip: Some(OWNER.into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

pub async fn junk_in_an_ignored_field_buys_no_extra_mail(mode: Mode) {
    // GIVEN reset by email with 2 mails per account per window
    let w = world_with(
        mode,
        serde_json::json!({"reset_emails_per_account": 2, "reset_requests_per_ip": 100}),
    )
    .await;
    let alice = w.add_user("alice", Status::Active).await;
    let email = alice.email.clone().unwrap();
    // WHEN the attacker varies the username field the rule ignores
    for i in 0..6 {
        forgot(&w, Some(&format!("junk-{i}")), Some(&email)).await;
    }
    // THEN only two links were queued for her
    let links = queued(&w)
        .await
        .into_iter()
        .filter(|m| m.to == email && m.text.contains("#token="))
        .count();
    assert_eq!(links, 2);
}

/// Every item of the table and every record of its stream, as text.
async fn everything_at_rest(any: &AnyStore) -> String {
    let AnyStore::Dynamo(store) = any else {
        unreachable!()
    };
    let config = latchkey_shared::adapters::aws::load_config().await;
    let client =
        latchkey_shared::adapters::aws::dynamodb_client(&config, Some(&latchkey_tests::moto_url()));
    let mut text = String::new();
    let mut start = None;
    loop {
        let out = client
            .scan()
            .table_name(store.table())
            .set_exclusive_start_key(start)
            .send()
            .await
            .unwrap();
        for item in out.items() {
            text.push_str(&format!("{item:?}\n"));
        }
        start = out.last_evaluated_key().cloned();
        if start.is_none() {
            break;
        }
    }
    let table = client
        .describe_table()
        .table_name(store.table())
        .send()
        .await
        .unwrap();
    let table = table.table().unwrap();
    let spec = table.stream_specification().unwrap();
    assert_eq!(
        spec.stream_view_type(),
        Some(&aws_sdk_dynamodb::types::StreamViewType::KeysOnly)
    );
    let arn = table.latest_stream_arn().unwrap().to_owned();
    let mut sconf = aws_sdk_dynamodbstreams::config::Builder::from(&config);
    sconf = sconf.endpoint_url(latchkey_tests::moto_url());
    let streams = aws_sdk_dynamodbstreams::Client::from_conf(sconf.build());
    let desc = streams
        .describe_stream()
        .stream_arn(&arn)
        .send()
        .await
        .unwrap();
    let mut records = 0;
    for shard in desc.stream_description().unwrap().shards() {
        let it = streams
            .get_shard_iterator()
            .stream_arn(&arn)
            .shard_id(shard.shard_id().unwrap())
            .shard_iterator_type(aws_sdk_dynamodbstreams::types::ShardIteratorType::TrimHorizon)
            .send()
            .await
            .unwrap();
        let out = streams
            .get_records()
            .shard_iterator(it.shard_iterator().unwrap())
            .send()
            .await
            .unwrap();
        for r in out.records() {
            records += 1;
            let image = r.dynamodb().unwrap();
            assert!(image.new_image().is_none() && image.old_image().is_none());
            text.push_str(&format!("{r:?}\n"));
        }
    }
    assert!(records > 0, "the stream recorded the writes");
    text
}

pub async fn no_usable_reset_link_at_rest() {
    // GIVEN a reset link queued on DynamoDB (moto)
    let w = World::new(Mode::Dynamo).await;
    let alice = w.add_user("alice", Status::Active).await;
    forgot(&w, None, alice.email.as_deref()).await;
    let mail = queued(&w)
        .await
        .into_iter()
        .find(|m| Some(&m.to) == alice.email.as_ref() && m.text.contains("#token="))
        .expect("the mailer can open what was queued");
    let token = latchkey_tests::token_in(&mail.text);
    assert!(token.len() >= 40);
    // THEN neither the table nor its stream holds the token, the link, or the body
    let at_rest = everything_at_rest(&w.any).await;
    assert!(
        !at_rest.contains(&token),
        "a live token is stored in the clear"
    );
    assert!(!at_rest.contains("#token="));
    assert!(!at_rest.contains("Someone asked to reset"));
    assert!(at_rest.contains("OUTBOX#"), "the mail is queued");
}

/// A tenant id nobody created still answers (for the pages' neutral view).
pub async fn unknown_tenant_probe(mode: Mode) {
    let w = World::new(mode).await;
    let ghost = TenantId::parse("no-such-tenant-xyz").unwrap();
    let out = SignIn {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        &ghost,
        "olivia",
        SecretString::from("whatever-it-is"),
        None,
        &RequestMeta::default(),
    )
    .await;
    assert!(matches!(out, Err(AppError::InvalidCredentials)));
    let _ = w.clock.now();
}

macro_rules! security_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn parallel_guesses_after_an_expired_lock_get_one_check() {
                super::parallel_guesses_after_an_expired_lock_get_one_check($mode).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn parallel_attempts_from_one_ip_respect_its_limit() {
                super::parallel_attempts_from_one_ip_respect_its_limit($mode).await
            }
            #[tokio::test]
            async fn the_owner_signs_in_at_home_while_an_attackers_address_is_locked() {
                super::the_owner_signs_in_at_home_while_an_attackers_address_is_locked($mode).await
            }
            #[tokio::test]
            async fn the_ceiling_locks_everyone_and_mails_the_user() {
                super::the_ceiling_locks_everyone_and_mails_the_user($mode).await
            }
            #[tokio::test]
            async fn junk_in_an_ignored_field_buys_no_extra_mail() {
                super::junk_in_an_ignored_field_buys_no_extra_mail($mode).await
            }
            #[tokio::test]
            async fn unknown_tenant_probe() {
                super::unknown_tenant_probe($mode).await
            }
        }
    };
}

security_suite!(memory, latchkey_tests::Mode::Memory);
security_suite!(dynamodb, latchkey_tests::Mode::Dynamo);

#[tokio::test]
async fn dynamodb_no_usable_reset_link_at_rest() {
    no_usable_reset_link_at_rest().await
}

/// The envelope the Lambdas use: data keys from KMS (moto), opened by another
/// instance (the mailer) through `Decrypt`, bound to the item's id.
#[tokio::test]
async fn kms_envelope_opens_in_another_instance_only_for_its_item() {
    use latchkey_shared::adapters::aws;
    use latchkey_shared::adapters::sealing::{KmsSealer, Sealer};
    let config = aws::load_config().await;
    let kms = aws::kms_client(&config, Some(&latchkey_tests::moto_url()));
    let key = kms
        .create_key()
        .send()
        .await
        .unwrap()
        .key_metadata()
        .unwrap()
        .key_id()
        .to_owned();
    let sender = KmsSealer::new(kms, key.clone());
    let sealed = sender.seal(b"link #token=abcdef", b"mail-1").await.unwrap();
    assert!(!sealed.ciphertext.windows(6).any(|w| w == b"abcdef"));
    let mailer = KmsSealer::new(
        aws::kms_client(&config, Some(&latchkey_tests::moto_url())),
        key,
    );
    assert_eq!(
        mailer.open(&sealed, b"mail-1").await.unwrap(),
        b"link #token=abcdef"
    );
    assert!(mailer.open(&sealed, b"mail-2").await.is_err());
}
