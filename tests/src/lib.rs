//! Test helpers: spin up the app on a random port with a per-test tenant (memory
//! store + outbox directory, or DynamoDB + SES on moto), read the mail it sent,
//! and build stores for the conformance suite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod capacity;
pub mod partitions;
pub mod round_trips;

use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use latchkey::seed::SeedFile;
use latchkey::serve::{self, MailKind, ServeArgs, Server, StoreKind};
use latchkey_shared::adapters::aws;
use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::adapters::memory::MemoryStore;
use latchkey_shared::domain::random_bytes;
use latchkey_shared::ports::{AuditReader, Clock, FakeClock, Store};

pub const MAIL_FROM: &str = "no-reply@latchkey.test";

/// Every password and token the helpers sent or received in this test process.
/// When a memory-store app is dropped, its whole audit log is searched for them:
/// no audit event of the whole run may hold a secret used in it.
static SECRETS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

pub fn remember_secret(secret: &str) {
    // Short strings ("short", "x") are test inputs, not meaningful secrets.
    if let (true, Ok(mut s)) = (secret.len() >= 8, SECRETS.lock()) {
        s.push(secret.to_owned());
    }
}

fn remember_seed_secrets(v: &Value) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("password" | "support_token" | "totp_secret", Value::String(secret)) => {
                        remember_secret(secret)
                    }
                    _ => remember_seed_secrets(v),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(remember_seed_secrets),
        _ => {}
    }
}

fn assert_audit_free_of_secrets(events: &[latchkey_shared::domain::AuditEvent]) {
    assert_text_free_of_secrets(&serde_json::to_string(events).unwrap_or_default());
}

/// Every audit item of a test's own table as stored (its attributes, not
/// the events read back: what DynamoDB holds is what must be free of
/// secrets), in one Scan of that small table rather than the tenant's
/// listing, which reads 64 shards for each of up to 31 days.
async fn stored_audit_items(client: &aws_sdk_dynamodb::Client, table: &str) -> String {
    let mut text = String::new();
    let mut start: Option<
        std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
    > = None;
    for _ in 0..1000 {
        let Ok(out) = client
            .scan()
            .table_name(table)
            .filter_expression("begins_with(pk, :a)")
            .expression_attribute_values(
                ":a",
                aws_sdk_dynamodb::types::AttributeValue::S("AUDIT#".into()),
            )
            .set_exclusive_start_key(start.clone())
            .send()
            .await
        else {
            return text;
        };
        for item in out.items() {
            text.push_str(&format!("{item:?}\n"));
        }
        // A key that does not move would read the same page for ever.
        match out.last_evaluated_key() {
            Some(k) if !k.is_empty() && start.as_ref() != Some(k) => start = Some(k.clone()),
            _ => return text,
        }
    }
    text
}

fn assert_text_free_of_secrets(text: &str) {
    let secrets = SECRETS.lock().map(|s| s.clone()).unwrap_or_default();
    for secret in secrets {
        assert!(
            !text.contains(&secret),
            "an audit event holds a password or token used in the tests"
        );
    }
    assert!(
        !text.contains("$argon2"),
        "an audit event holds a password hash"
    );
}

/// The moto server the test command started (`scripts/test.sh`).
pub fn moto_url() -> String {
    std::env::var("LATCHKEY_TEST_MOTO").unwrap_or_else(|_| {
        panic!("LATCHKEY_TEST_MOTO is not set: run the tests with scripts/test.sh, which installs and starts moto")
    })
}

/// One DynamoDB table per test process, created on first use by whichever test
/// gets there first (CreateTable of an existing table is a no-op).
pub fn table_name() -> String {
    format!("latchkey-test-{}", std::process::id())
}

/// A store on a moto table, without a TOTP key (as the functions that never
/// read a secret).
pub async fn dynamo_store(table: &str) -> DynamoStore {
    metered(table).await.0
}

/// A store on a fresh moto table and the interceptor on its client, which
/// records the IAM actions of its calls (`CapacityMeter::take_recorded`).
pub async fn dynamo_store_recorded(table: &str) -> (DynamoStore, capacity::CapacityMeter) {
    metered(table).await
}

/// A store on a fresh moto table whose client bills every call it makes
/// (`capacity::CapacityMeter`), sealing TOTP secrets as sign-in and
/// change-password do (its data key wrapped by a key of this process).
pub async fn dynamo_store_metered(table: &str) -> (DynamoStore, capacity::CapacityMeter) {
    let (store, meter) = metered(table).await;
    let key = latchkey_shared::adapters::field_sealing::LocalKeyWrap::new(random_bytes::<32>());
    (store.with_secret_key(Arc::new(key)), meter)
}

async fn metered(table: &str) -> (DynamoStore, capacity::CapacityMeter) {
    let meter = capacity::CapacityMeter::default();
    let config = aws::load_config().await;
    // moto serves one request at a time: a burst of parallel attempts (the
    // security tests) waits in its accept queue longer than the SDK's default
    // 3.1 s connect timeout, which DynamoDB itself never makes anyone wait.
    let client = aws_sdk_dynamodb::Client::from_conf(
        aws_sdk_dynamodb::config::Builder::from(&config)
            .endpoint_url(moto_url())
            .timeout_config(
                aws_sdk_dynamodb::config::timeout::TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(60))
                    .build(),
            )
            // Likewise a response queued behind a burst stalls past the SDK's
            // 5 s grace for a stalled stream on a loaded machine: that is
            // moto's one-at-a-time server, not the product.
            .stalled_stream_protection(
                aws_sdk_dynamodb::config::StalledStreamProtectionConfig::disabled(),
            )
            .interceptor(meter.clone())
            .build(),
    );
    let store = DynamoStore::new(client, table);
    store.create_table().await.expect("create table on moto");
    (store, meter)
}

pub async fn ses_client() -> aws_sdk_sesv2::Client {
    let config = aws::load_config().await;
    aws::ses_client(&config, Some(&moto_url()))
}

/// SES refuses unverified senders; moto verifies an identity on creation.
pub async fn verify_sender(address: &str) {
    let ses = ses_client().await;
    let _ = ses
        .create_email_identity()
        .email_identity(address)
        .send()
        .await;
}

pub fn unique(prefix: &str) -> String {
    format!("{prefix}{}", hex_lower(&random_bytes::<5>()))
}

fn hex_lower(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn test_now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-22 09:00 UTC)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Memory,
    Dynamo,
}

pub enum AnyStore {
    Memory(Arc<MemoryStore>),
    Dynamo(Arc<DynamoStore>),
}

impl AnyStore {
    pub async fn new(mode: Mode) -> Self {
        match mode {
            Mode::Memory => Self::Memory(Arc::new(MemoryStore::new())),
            // Its own table: the served apps' mail dispatchers must not drain the
            // outbox items these tests inspect.
            Mode::Dynamo => Self::Dynamo(Arc::new(
                dynamo_store(&format!("{}-conformance", table_name())).await,
            )),
        }
    }
    /// A table of its own: moto runs a transaction by copying its table, so a
    /// parallel burst of units on the shared test table (with every other
    /// test's items) queues behind copies far longer than DynamoDB would take.
    pub async fn isolated(mode: Mode) -> Self {
        match mode {
            Mode::Memory => Self::new(mode).await,
            Mode::Dynamo => Self::Dynamo(Arc::new(
                dynamo_store(&format!("{}-{}", table_name(), unique("iso"))).await,
            )),
        }
    }
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Self::Memory(s) => s.clone(),
            Self::Dynamo(s) => s.clone(),
        }
    }
}

/// A mail as the tests see it, whichever way it was delivered.
#[derive(Debug, Clone)]
pub struct SentMail {
    pub to: String,
    pub kind: Option<String>,
    pub subject: String,
    pub body: String,
}

impl SentMail {
    pub fn token(&self) -> String {
        token_in(&self.body)
    }
}

/// The token of the first reset link (`#token=...`) in a mail's text,
/// remembered as a secret the audit scans look for.
pub fn token_in(text: &str) -> String {
    let start = text.find("#token=").expect("mail has a reset link") + 7;
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    remember_secret(&token);
    token
}

/// The real SES adapter (sending to moto), keeping a copy of what SES accepted.
/// Reading moto's `/moto-api/data.json` for every mail check would dump all of
/// moto's state each time, which grows with every transaction it runs.
pub struct SesCopy {
    ses: latchkey_shared::adapters::ses::SesMailer,
    accepted: std::sync::Mutex<Vec<latchkey_shared::domain::Email>>,
}

#[async_trait::async_trait]
impl latchkey_shared::ports::Mailer for SesCopy {
    async fn send(
        &self,
        email: &latchkey_shared::domain::Email,
    ) -> Result<(), latchkey_shared::ports::MailError> {
        self.ses.send(email).await?;
        if let Ok(mut accepted) = self.accepted.lock() {
            accepted.push(email.clone());
        }
        Ok(())
    }
}

pub struct TestApp {
    pub mode: Mode,
    ses_copy: Option<Arc<SesCopy>>,
    pub server: Server,
    pub url: String,
    pub tenant: String,
    pub clock: Arc<FakeClock>,
    pub http: reqwest::Client,
    outbox: PathBuf,
}

/// A user line of a seed file, with sane defaults for the tests.
pub fn user(username: &str, tenant: &str, password: &str) -> Value {
    json!({"username": username, "email": format!("{username}@{tenant}.test"), "password": password})
}

/// The password of `alice`, the account every [`TestApp::with_alice`] tenant has.
pub const ALICE_PW: &str = "Original-Password-Walrus-7";

impl TestApp {
    /// A fresh tenant with `settings`, the active account `alice` (password
    /// [`ALICE_PW`]) and `extra` seed users; an `"email": "@"` becomes
    /// `{username}@{tenant}.test`.
    pub async fn with_alice(mode: Mode, settings: Value, extra: Vec<Value>) -> Self {
        Self::spawn_with(mode, |t| {
            let mut users = vec![user("alice", t, ALICE_PW)];
            for mut u in extra {
                if u.get("email") == Some(&json!("@")) {
                    u["email"] = json!(format!("{}@{t}.test", u["username"].as_str().unwrap_or_default()));
                }
                users.push(u);
            }
            json!({"tenants": [{"id": t, "name": "Test Org", "settings": settings, "users": users}]})
        })
        .await
    }

    /// Starts the app with one fresh tenant holding `users` (seed-file JSON) and
    /// `settings` (a subset of the settings object).
    pub async fn spawn(mode: Mode, settings: Value, users: Vec<Value>) -> Self {
        Self::spawn_with(mode, |tenant| {
            json!({"tenants": [{"id": tenant, "name": "Test Org", "settings": settings, "users": users}]})
        })
        .await
    }

    /// Users are given as a function of the tenant id (for unique emails).
    pub async fn spawn_with(mode: Mode, seed: impl FnOnce(&str) -> Value) -> Self {
        let tenant = unique("t-");
        let seed_json = seed(&tenant);
        remember_seed_secrets(&seed_json);
        let seed: SeedFile = serde_json::from_value(seed_json).expect("valid seed");
        let outbox = std::env::temp_dir().join(unique("latchkey-outbox-"));
        let mut args = ServeArgs::local(outbox.clone());
        args.mail_from = MAIL_FROM.into();
        if mode == Mode::Dynamo {
            args.store = StoreKind::Dynamodb;
            // A table per app: moto copies the whole table on every transaction,
            // so small tables keep the suite fast.
            args.table = Some(format!("{}-{tenant}", table_name()));
            args.dynamodb_endpoint = Some(moto_url());
            args.create_table = true;
            args.mail = MailKind::Ses;
            args.ses_endpoint = Some(moto_url());
            verify_sender(MAIL_FROM).await;
        }
        let clock = Arc::new(FakeClock::new(test_now()));
        let ses_copy = match mode {
            Mode::Dynamo => Some(Arc::new(SesCopy {
                ses: latchkey_shared::adapters::ses::SesMailer::new(ses_client().await, None),
                accepted: Default::default(),
            })),
            Mode::Memory => None,
        };
        let mailer = ses_copy
            .clone()
            .map(|m| m as Arc<dyn latchkey_shared::ports::Mailer>);
        let server = serve::start_with_mailer(&args, seed, clock.clone(), mailer)
            .await
            .expect("server starts");
        Self {
            mode,
            ses_copy,
            url: server.url.clone(),
            server,
            tenant,
            clock,
            http: reqwest::Client::new(),
            outbox,
        }
    }

    pub fn email_of(&self, username: &str) -> String {
        format!("{username}@{}.test", self.tenant)
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.url))
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn forgot(&self, body: Value) -> reqwest::Response {
        self.post(
            &format!("/v1/tenants/{}/password-resets", self.tenant),
            body,
        )
        .await
    }

    pub async fn inspect(&self, token: &str) -> reqwest::Response {
        self.post(
            &format!("/v1/tenants/{}/password-resets/inspect", self.tenant),
            json!({"token": token}),
        )
        .await
    }

    pub async fn confirm(&self, token: &str, new_password: &str) -> reqwest::Response {
        remember_secret(token);
        remember_secret(new_password);
        self.post(
            &format!("/v1/tenants/{}/password-resets/confirm", self.tenant),
            json!({"token": token, "new_password": new_password}),
        )
        .await
    }

    pub async fn sign_in(&self, username: &str, password: &str) -> reqwest::Response {
        remember_secret(password);
        self.post(
            &format!("/v1/tenants/{}/sessions", self.tenant),
            json!({"username": username, "password": password}),
        )
        .await
    }

    /// Signs in and returns the session token (asserting 201).
    pub async fn session(&self, username: &str, password: &str) -> String {
        let resp = self.sign_in(username, password).await;
        assert_eq!(resp.status(), 201, "sign-in of {username} should succeed");
        let body: Value = resp.json().await.unwrap();
        let token = body["token"].as_str().unwrap().to_owned();
        remember_secret(&token);
        token
    }

    pub async fn authed_post(&self, path: &str, token: &str, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.url))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn change_password(
        &self,
        token: &str,
        current: &str,
        new: &str,
    ) -> reqwest::Response {
        remember_secret(token);
        remember_secret(current);
        remember_secret(new);
        self.authed_post(
            "/v1/me/password",
            token,
            json!({"current_password": current, "new_password": new}),
        )
        .await
    }

    pub async fn sign_in_with_code(
        &self,
        username: &str,
        password: &str,
        code: &str,
    ) -> reqwest::Response {
        remember_secret(password);
        self.post(
            &format!("/v1/tenants/{}/sessions", self.tenant),
            json!({"username": username, "password": password, "totp_code": code}),
        )
        .await
    }

    pub async fn me(&self, token: &str) -> reqwest::Response {
        self.http
            .get(format!("{}/v1/me", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// Every mail sent to `to` so far.
    pub async fn mails_to(&self, to: &str) -> Vec<SentMail> {
        match self.mode {
            Mode::Memory => {
                let mut out = Vec::new();
                let Ok(mut dir) = tokio::fs::read_dir(&self.outbox).await else {
                    return out;
                };
                let mut names = Vec::new();
                while let Ok(Some(entry)) = dir.next_entry().await {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".json") && !name.starts_with('.') {
                        names.push(entry.path());
                    }
                }
                names.sort();
                for path in names {
                    let v: Value =
                        serde_json::from_slice(&tokio::fs::read(&path).await.unwrap()).unwrap();
                    if v["to"] == to {
                        out.push(SentMail {
                            to: to.to_owned(),
                            kind: v["kind"].as_str().map(str::to_owned),
                            subject: v["subject"].as_str().unwrap_or_default().to_owned(),
                            body: v["text"].as_str().unwrap_or_default().to_owned(),
                        });
                    }
                }
                out
            }
            Mode::Dynamo => self
                .ses_copy
                .as_ref()
                .and_then(|c| c.accepted.lock().ok().map(|a| a.clone()))
                .unwrap_or_default()
                .into_iter()
                .filter(|e| e.to == to)
                .map(|e| SentMail {
                    to: e.to.clone(),
                    kind: serde_json::to_value(e.kind)
                        .ok()
                        .and_then(|k| k.as_str().map(str::to_owned)),
                    subject: e.subject.clone(),
                    body: e.text.clone(),
                })
                .collect(),
        }
    }

    /// Waits (up to 30 s: moto on a loaded 2-core machine can take that long)
    /// until `count` mails were sent to `to`.
    pub async fn wait_for_mails(&self, to: &str, count: usize) -> Vec<SentMail> {
        for _ in 0..300 {
            let mails = self.mails_to(to).await;
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {count} mail(s) to {to}, got {:?}",
            self.mails_to(to).await
        );
    }

    /// Waits until the app's dispatcher has sent everything queued: the outbox of
    /// the store the app uses (the memory store, or this app's DynamoDB table)
    /// holds nothing sendable. A mail is acknowledged (removed) only after the
    /// mailer accepted it, so an empty outbox means every queued mail is in
    /// [`Self::mails_to`]. Panics after 30 s rather than pass on a slow dispatcher.
    pub async fn drain_mail(&self) {
        // Every 250 ms: a look at the outbox is a query of each of its 32
        // shards, and moto serves one request at a time for every test.
        for _ in 0..120 {
            match self.server.app.store.pending(1).await {
                Ok(items) if items.is_empty() => return,
                _ => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        }
        panic!("the mail dispatcher did not drain the outbox in 30 s");
    }

    /// Asserts that exactly `count` mails reached `to` once the dispatcher has
    /// drained the outbox (no sleep decides it: a slow dispatcher makes the
    /// wait longer, never the assertion vacuous).
    pub async fn assert_mail_count_stays(&self, to: &str, count: usize) {
        self.drain_mail().await;
        let mails = self.mails_to(to).await;
        assert_eq!(mails.len(), count, "mails to {to}: {mails:?}");
    }

    /// This tenant's whole audit log, newest first, from whichever store the
    /// app uses.
    pub async fn audit_log(&self) -> Vec<latchkey_shared::domain::AuditEvent> {
        let tenant =
            latchkey_shared::domain::TenantId::try_from(self.tenant.clone()).expect("tenant id");
        audit_log_of(&*self.server.app.store, &tenant, self.clock.now()).await
    }

    /// Requests a reset for `username` (by email) and returns the link's token.
    pub async fn reset_token(&self, username: &str) -> String {
        let to = self.email_of(username);
        let before = self.mails_to(&to).await;
        let resp = self.forgot(json!({"email": to})).await;
        assert_eq!(resp.status(), 202);
        // Mails sent at the same (fake) instant have no reliable order: the new
        // link is the one that was not there before.
        let mails = self.wait_for_mails(&to, before.len() + 1).await;
        let old: Vec<String> = before
            .iter()
            .filter(|m| m.body.contains("#token="))
            .map(SentMail::token)
            .collect();
        let mail = mails
            .iter()
            .find(|m| m.body.contains("#token=") && !old.contains(&m.token()))
            .unwrap_or_else(|| panic!("no new reset link in {mails:?}"));
        assert_eq!(mail.kind.as_deref(), Some("password_reset"), "{mail:?}");
        let token = mail.token();
        remember_secret(&token);
        token
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.outbox);
        let _ = std::fs::remove_file(ServeArgs::local(self.outbox.clone()).totp_key_file);
        if let (Some(memory), Ok(tenant), false) = (
            &self.server.memory,
            latchkey_shared::domain::TenantId::try_from(self.tenant.clone()),
            std::thread::panicking(),
        ) {
            assert_audit_free_of_secrets(&memory.audit_events(&tenant));
        }
        // On DynamoDB, the same audit scan, then drop this app's table: moto's
        // data.json (read for every mail check) and its transactions slow down
        // with every table it keeps.
        if self.mode == Mode::Dynamo {
            let table = format!("{}-{}", table_name(), self.tenant);
            let tenant = latchkey_shared::domain::TenantId::try_from(self.tenant.clone()).ok();
            let scan = !std::thread::panicking() && tenant.is_some();
            let (tx, rx) = std::sync::mpsc::channel();
            // On its own thread and runtime: this (runtime) thread is inside
            // `drop` and cannot drive async work.
            std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async {
                    let config = aws::load_config().await;
                    let client = aws::dynamodb_client(&config, Some(&moto_url()));
                    if let (true, Some(_)) = (scan, &tenant) {
                        let _ = tx.send(stored_audit_items(&client, &table).await);
                    }
                    drop(tx);
                    let _ = client.delete_table().table_name(table).send().await;
                });
            });
            if scan {
                let stored = rx
                    .recv_timeout(Duration::from_secs(180))
                    .expect("the DynamoDB audit log is read for the secret scan");
                assert_text_free_of_secrets(&stored);
            }
        }
    }
}

/// A tenant's whole audit log on any store, newest first.
pub async fn audit_log_of(
    store: &dyn AuditReader,
    tenant: &latchkey_shared::domain::TenantId,
    now: time::OffsetDateTime,
) -> Vec<latchkey_shared::domain::AuditEvent> {
    let mut events = Vec::new();
    let mut cursor: Option<String> = None;
    // Tests span days at most; an empty page ends the history.
    for _ in 0..100 {
        let page = store
            .list_audit(tenant, now, cursor.as_deref(), 100)
            .await
            .expect("audit log readable");
        let empty = page.items.is_empty();
        events.extend(page.items);
        match page.next_cursor {
            Some(next) if !empty => cursor = Some(next),
            _ => break,
        }
    }
    events
}

/// The mails moto's SES accepted for `to`, read from `/moto-api/data.json`.
pub async fn moto_mails_to(to: &str) -> Vec<SentMail> {
    let data: Value = reqwest::get(format!("{}/moto-api/data.json", moto_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    data["ses"]["Message"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|m| {
            m["destinations"]["ToAddresses"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == to))
        })
        .map(|m| SentMail {
            to: to.to_owned(),
            kind: kind_from_subject(m["subject"].as_str().unwrap_or_default()),
            subject: m["subject"].as_str().unwrap_or_default().to_owned(),
            body: m["body"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

/// SES messages on moto carry no kind; the subject lines tell them apart.
fn kind_from_subject(subject: &str) -> Option<String> {
    let kind = if subject.starts_with("Reset your") {
        "password_reset"
    } else if subject.starts_with("About your") {
        "contact_admin"
    } else if subject.contains("was changed") {
        "password_changed"
    } else if subject.starts_with("Activate") {
        "activation"
    } else if subject.contains("was locked") {
        "account_locked"
    } else {
        return None;
    };
    Some(kind.to_owned())
}

/// Serves one API Gateway event as `f`'s Lambda would: its router over `app`
/// (a clone shares the store and caches), through the Lambda adapter.
pub async fn lambda_handle(
    app: &latchkey_shared::app::App,
    f: latchkey_shared::http::Function,
    req: lambda_http::Request,
) -> Result<lambda_http::Response<lambda_http::Body>, lambda_http::Error> {
    let router = latchkey_shared::lambda::router(app.clone(), f);
    latchkey_shared::lambda::handle(&router, f, req).await
}
