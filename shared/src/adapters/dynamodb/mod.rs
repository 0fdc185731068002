//! DynamoDB store: one table (`pk`, `sk`, index `gsi1` on `gsi1pk`/`gsi1sk`,
//! on-demand, TTL on `ttl`). Every lookup is a `GetItem` or a `Query` on a key;
//! every unit of writes is one `TransactWriteItems` whose condition failures are
//! mapped to domain errors from the per-item cancellation reasons.
//!
//! Keys (no key is written on every request of a tenant):
//! - tenant `TENANT#{t}` / `T`
//! - tenant logo `LOGO#{t}` / `L` (its own item: the tenant item, read on most
//!   requests, stays small)
//! - user `USER#{t}#{user_id}` / `U` (`gsi1pk` = `EMAIL#{t}#{email}` when it has one)
//! - username claim `UNAME#{t}#{username}` / `N` (the uniqueness item)
//! - reset token `RESET#{sha256}` / `R`, session `SESSION#{sha256}` / `S`
//! - audit `AUDIT#{t}#{yyyymmdd}#{shard}` / `{nanos}#{id}`
//! - user search index `UIDX#{t}` / `n:{username}\x1f{id}` and `e:{email}\x1f{id}`
//! - throttling counters `CTR#{key}` / `C`
//! - outbox `OUTBOX#{shard}` / `{nanos}#{id}`
//! - the data key that seals TOTP secrets `KEYRING#totp` / `K` (see `secrets`)

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::delete_item::DeleteItemError;
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, Delete, GlobalSecondaryIndex,
    KeySchemaElement, KeyType, KeysAndAttributes, Projection, ProjectionType, Put,
    ScalarAttributeType, StreamSpecification, StreamViewType, TimeToLiveSpecification,
    TransactWriteItem, Update,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

mod counters;
mod secrets;

use crate::adapters::field_sealing::{FieldKey, KeyWrap};
use crate::adapters::sealing::{LocalKeySealer, Sealed, Sealer};
use crate::domain::directory;
use crate::domain::{
    AUDIT_RETENTION_SECONDS, AuditEvent, Email, Instant, LogoType, ResetToken, Session, Tenant,
    TenantId, TokenHash, User, UserId, ttl_after,
};
use crate::ports::{
    AUDIT_LOOKBACK_DAYS, AuditReader, Committer, LogoReader, MAX_SEND_ATTEMPTS, MailOutbox,
    OutboxItem, Page, SessionReader, StoreError, TenantStore, TokenReader, UserDirectory,
    UserReader, Write,
};

const OUTBOX_SHARDS: u8 = 16;
const AUDIT_SHARDS: u8 = 8;
/// Queued mail older than a week is dropped by TTL (it would be stale anyway).
const OUTBOX_RETENTION_SECONDS: i64 = 7 * 86_400;
pub const EMAIL_INDEX: &str = "gsi1";

type Item = HashMap<String, AttributeValue>;

#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
    /// Records which DynamoDB actions this store performed (tests keep each
    /// function's IAM policy honest with it).
    recorder: Option<std::sync::Arc<std::sync::Mutex<std::collections::BTreeSet<&'static str>>>>,
    /// Wakes this process's dispatcher when it queued mail itself, so a local
    /// server does not have to poll the outbox shards often.
    mail_ready: std::sync::Arc<tokio::sync::Notify>,
    /// Requests sent to DynamoDB (a round-trip count for tests and benchmarks).
    round_trips: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Seals queued mail before it is stored (it can hold a live reset link).
    sealer: std::sync::Arc<dyn Sealer>,
    /// Seals users' TOTP secrets; `None` in a process that never reads one
    /// (it keeps the stored form as it is).
    keyring: Option<std::sync::Arc<secrets::Keyring>>,
    trips: std::sync::Arc<Trips>,
}

#[derive(Default)]
struct Trips {
    in_flight: std::sync::atomic::AtomicUsize,
    waits: std::sync::atomic::AtomicUsize,
}

struct InFlight(std::sync::Arc<Trips>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0
            .in_flight
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

fn unavailable<E: std::error::Error + 'static>(e: E) -> StoreError {
    StoreError::Unavailable(DisplayErrorContext(&e).to_string())
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}
fn n(v: impl ToString) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn doc<T: Serialize>(value: &T) -> Result<AttributeValue, StoreError> {
    serde_json::to_string(value)
        .map(AttributeValue::S)
        .map_err(|e| StoreError::Unavailable(format!("encode: {e}")))
}

fn from_doc<T: DeserializeOwned>(item: &Item) -> Result<T, StoreError> {
    let raw = item
        .get("doc")
        .and_then(|v| v.as_s().ok())
        .ok_or_else(|| StoreError::Unavailable("item without doc".into()))?;
    serde_json::from_str(raw).map_err(|e| StoreError::Unavailable(format!("decode: {e}")))
}

fn shard_of(id: &str, shards: u8) -> u8 {
    (id.bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
        % shards as u32) as u8
}

fn user_pk(t: &TenantId, id: &UserId) -> String {
    format!("USER#{t}#{id}")
}
fn uname_pk(t: &TenantId, key: &str) -> String {
    format!("UNAME#{t}#{key}")
}

fn user_item(u: &User, version: u64, key: Option<&FieldKey>) -> Result<Item, StoreError> {
    let mut stored = u.clone();
    stored.version = version;
    let mut item = Item::from([
        ("pk".into(), s(user_pk(&u.tenant_id, &u.id))),
        ("sk".into(), s("U")),
        ("doc".into(), doc(&stored)?),
        ("version".into(), n(version)),
    ]);
    if let Some(email) = u.email_key() {
        item.insert("gsi1pk".into(), s(format!("EMAIL#{}#{email}", u.tenant_id)));
        item.insert("gsi1sk".into(), s(u.id.as_str()));
    }
    secrets::put_secrets(&mut item, u, key)?;
    Ok(item)
}

fn user_from_item(item: &Item, key: Option<&FieldKey>) -> Result<User, StoreError> {
    let mut user: User = from_doc(item)?;
    if let Some(v) = item.get("version").and_then(|v| v.as_n().ok()) {
        user.version = v.parse().unwrap_or(user.version);
    }
    secrets::take_secrets(item, &mut user, key);
    Ok(user)
}

fn put(table: &str, item: Item, condition: Option<&str>) -> Result<TransactWriteItem, StoreError> {
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .set_condition_expression(condition.map(str::to_owned))
        .build()
        .map_err(unavailable)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
            recorder: None,
            mail_ready: Default::default(),
            round_trips: Default::default(),
            trips: Default::default(),
            sealer: std::sync::Arc::new(LocalKeySealer::ephemeral()),
            keyring: None,
        }
    }

    /// Seals users' TOTP secrets under the deployment's data key, wrapped by
    /// `wrap` (KMS, or a configured key). Without it the store never opens
    /// nor seals a secret: it writes back what it read.
    pub fn with_secret_key(mut self, wrap: std::sync::Arc<dyn KeyWrap>) -> Self {
        self.keyring = Some(std::sync::Arc::new(secrets::Keyring::new(wrap)));
        self
    }

    async fn user_from(&self, item: &Item) -> Result<User, StoreError> {
        user_from_item(item, self.key_for_item(item).await?)
    }

    /// Seals queued mail with `sealer` instead of a key only this process knows
    /// (needed when another process, the mailer, sends it).
    pub fn with_sealer(mut self, sealer: std::sync::Arc<dyn Sealer>) -> Self {
        self.sealer = sealer;
        self
    }

    /// The stored form of a queued email: only routing metadata in the clear,
    /// the message itself sealed and bound to its id.
    async fn sealed_outbox_item(&self, email: &Email) -> Result<Item, StoreError> {
        let plain = serde_json::to_vec(email).map_err(unavailable)?;
        let sealed = self.sealer.seal(&plain, email.id.as_bytes()).await?;
        Ok(outbox_item(email, sealed))
    }

    async fn open_outbox_item(&self, item: &Item) -> Result<Email, StoreError> {
        let bytes = |name: &str| -> Result<Vec<u8>, StoreError> {
            Ok(item
                .get(name)
                .and_then(|v| v.as_b().ok())
                .ok_or(StoreError::Unavailable(format!(
                    "outbox item without {name}"
                )))?
                .as_ref()
                .to_vec())
        };
        let id = item
            .get("email_id")
            .and_then(|v| v.as_s().ok())
            .ok_or(StoreError::Unavailable("outbox item without id".into()))?;
        let sealed = Sealed {
            wrapped_key: bytes("dek")?,
            nonce: bytes("nonce")?,
            ciphertext: bytes("sealed")?,
        };
        let plain = self.sealer.open(&sealed, id.as_bytes()).await?;
        serde_json::from_slice(&plain).map_err(unavailable)
    }

    /// Starts recording the IAM actions of every call (for tests).
    pub fn recording(mut self) -> Self {
        self.recorder = Some(Default::default());
        self
    }

    /// The actions recorded since the last call, cleared.
    pub fn take_recorded(&self) -> std::collections::BTreeSet<&'static str> {
        self.recorder
            .as_ref()
            .and_then(|r| r.lock().ok().map(|mut set| std::mem::take(&mut *set)))
            .unwrap_or_default()
    }

    /// Requests sent to DynamoDB so far by this store (and its clones).
    pub fn round_trips(&self) -> usize {
        self.round_trips.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Counts a request; the guard, held until its answer arrives, lets
    /// requests sent while another is in flight count as one sequential wait.
    fn trip(&self) -> InFlight {
        use std::sync::atomic::Ordering::Relaxed;
        self.round_trips.fetch_add(1, Relaxed);
        if self.trips.in_flight.fetch_add(1, Relaxed) == 0 {
            self.trips.waits.fetch_add(1, Relaxed);
        }
        InFlight(self.trips.clone())
    }

    /// Sequential waits on DynamoDB so far: requests sent while another was in
    /// flight (e.g. two independent ones at once) count once.
    pub fn sequential_round_trips(&self) -> usize {
        self.trips.waits.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn record(&self, action: &'static str) {
        if let Some(Ok(mut set)) = self.recorder.as_ref().map(|r| r.lock()) {
            set.insert(action);
        }
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// Creates the table as the SAM template does (for local runs and tests).
    /// An existing table is left as it is.
    pub async fn create_table(&self) -> Result<(), StoreError> {
        let attr = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(unavailable)
        };
        let key = |name: &str, kind: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(kind)
                .build()
                .map_err(unavailable)
        };
        let gsi = GlobalSecondaryIndex::builder()
            .index_name(EMAIL_INDEX)
            .key_schema(key("gsi1pk", KeyType::Hash)?)
            .key_schema(key("gsi1sk", KeyType::Range)?)
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::All)
                    .build(),
            )
            .build()
            .map_err(unavailable)?;
        let create_trip = self.trip();
        let created = self
            .client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(attr("pk")?)
            .attribute_definitions(attr("sk")?)
            .attribute_definitions(attr("gsi1pk")?)
            .attribute_definitions(attr("gsi1sk")?)
            .key_schema(key("pk", KeyType::Hash)?)
            .key_schema(key("sk", KeyType::Range)?)
            .global_secondary_indexes(gsi)
            // As the template: the stream carries keys only, never an image of
            // an item (the mailer reads the sealed item itself).
            .stream_specification(
                StreamSpecification::builder()
                    .stream_enabled(true)
                    .stream_view_type(StreamViewType::KeysOnly)
                    .build()
                    .map_err(unavailable)?,
            )
            .send()
            .await;
        match created {
            Ok(_) => {}
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_in_use_exception()) =>
            {
                return Ok(());
            }
            Err(e) => return Err(unavailable(e)),
        }
        drop(create_trip);
        let _trip = self.trip();
        self.client
            .update_time_to_live()
            .table_name(&self.table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .enabled(true)
                    .attribute_name("ttl")
                    .build()
                    .map_err(unavailable)?,
            )
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    async fn get(&self, pk: String, sk: &str) -> Result<Option<Item>, StoreError> {
        self.record("dynamodb:GetItem");
        let _trip = self.trip();
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(unavailable)?;
        Ok(out.item)
    }

    /// Consistent reads of `keys` ((pk, sk) pairs) in `BatchGetItem`s of at
    /// most 100, found items by `pk`; unprocessed keys (throttling) are asked
    /// again a few times, then the read fails.
    async fn batch_get(
        &self,
        keys: &[(String, &str)],
    ) -> Result<HashMap<String, Item>, StoreError> {
        const BATCH_TRIES: u32 = 5;
        let mut found = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<&(String, &str)> = keys
            .iter()
            .filter(|(pk, _)| seen.insert(pk.clone()))
            .collect();
        for chunk in unique.chunks(100) {
            self.record("dynamodb:BatchGetItem");
            let mut request = KeysAndAttributes::builder().consistent_read(true);
            for (pk, sk) in chunk {
                request = request.keys(HashMap::from([
                    ("pk".to_owned(), s(pk.clone())),
                    ("sk".to_owned(), s(*sk)),
                ]));
            }
            let mut pending = Some(request.build().map_err(unavailable)?);
            for attempt in 0..BATCH_TRIES {
                let Some(request) = pending.take() else { break };
                if attempt > 0 {
                    crate::usecases::backoff(attempt).await;
                }
                let _trip = self.trip();
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(&self.table, request)
                    .send()
                    .await
                    .map_err(unavailable)?;
                let items = out.responses.unwrap_or_default().remove(&self.table);
                for item in items.unwrap_or_default() {
                    if let Some(pk) = item.get("pk").and_then(|v| v.as_s().ok()) {
                        found.insert(pk.clone(), item);
                    }
                }
                pending = out
                    .unprocessed_keys
                    .unwrap_or_default()
                    .remove(&self.table)
                    .filter(|k| !k.keys.is_empty());
            }
            if pending.is_some() {
                return Err(StoreError::Unavailable("reads stayed unprocessed".into()));
            }
        }
        Ok(found)
    }

    fn transact_item(
        &self,
        w: &Write,
        sealed: &mut HashMap<String, Item>,
        key: Option<&FieldKey>,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let t = &self.table;
        Ok(match w {
            Write::PutTenant(tenant) => vec![put(
                t,
                Item::from([
                    ("pk".into(), s(format!("TENANT#{}", tenant.id))),
                    ("sk".into(), s("T")),
                    ("doc".into(), doc(tenant)?),
                ]),
                None,
            )?],
            Write::PutLogo {
                tenant,
                kind,
                bytes,
            } => vec![put(
                t,
                Item::from([
                    ("pk".into(), s(format!("LOGO#{tenant}"))),
                    ("sk".into(), s("L")),
                    ("doc".into(), doc(kind)?),
                    (
                        "bytes".into(),
                        AttributeValue::B(aws_sdk_dynamodb::primitives::Blob::new(bytes.to_vec())),
                    ),
                ]),
                None,
            )?],
            Write::CreateUser(u) => vec![
                put(
                    t,
                    Item::from([
                        ("pk".into(), s(uname_pk(&u.tenant_id, &u.username_key()))),
                        ("sk".into(), s("N")),
                        ("user_id".into(), s(u.id.as_str())),
                    ]),
                    Some("attribute_not_exists(pk)"),
                )?,
                put(
                    t,
                    user_item(u, u.version, key)?,
                    Some("attribute_not_exists(pk)"),
                )?,
                index_entry(
                    t,
                    &u.tenant_id,
                    directory::name_entry(&u.username_key(), u.id.as_str()),
                    u,
                )?,
            ]
            .into_iter()
            .chain(
                u.email_key()
                    .map(|e| {
                        index_entry(
                            t,
                            &u.tenant_id,
                            directory::email_entry(&e, u.id.as_str()),
                            u,
                        )
                    })
                    .transpose()?,
            )
            .collect(),
            Write::ReindexEmail {
                tenant,
                user_id,
                username_key,
                old,
                new,
            } => {
                let mut items = Vec::new();
                if let Some(old) = old {
                    let delete = Delete::builder()
                        .table_name(t)
                        .key("pk", s(index_pk(tenant)))
                        .key("sk", s(directory::email_entry(old, user_id.as_str())))
                        .build()
                        .map_err(unavailable)?;
                    items.push(TransactWriteItem::builder().delete(delete).build());
                }
                if let Some(new) = new {
                    items.push(put(
                        t,
                        Item::from([
                            ("pk".into(), s(index_pk(tenant))),
                            (
                                "sk".into(),
                                s(directory::email_entry(new, user_id.as_str())),
                            ),
                            ("user_id".into(), s(user_id.as_str())),
                            ("username_key".into(), s(username_key.clone())),
                        ]),
                        None,
                    )?);
                }
                items
            }
            Write::SaveUser(u) => {
                let put = Put::builder()
                    .table_name(t)
                    .set_item(Some(user_item(u, u.version + 1, key)?))
                    .condition_expression("version = :expected")
                    .expression_attribute_values(":expected", n(u.version))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().put(put).build()]
            }
            Write::PutResetToken(tok) => vec![put(
                t,
                Item::from([
                    ("pk".into(), s(format!("RESET#{}", tok.hash.as_str()))),
                    ("sk".into(), s("R")),
                    ("doc".into(), doc(tok)?),
                    ("expires_at".into(), n(tok.expires_at.unix_timestamp())),
                    ("ttl".into(), n(ttl_after(tok.expires_at))),
                ]),
                Some("attribute_not_exists(pk)"),
            )?],
            Write::ConsumeResetToken { hash, at } => {
                let update = Update::builder()
                    .table_name(t)
                    .key("pk", s(format!("RESET#{}", hash.as_str())))
                    .key("sk", s("R"))
                    .update_expression("SET used_at = :at")
                    .condition_expression("attribute_exists(pk) AND attribute_not_exists(used_at)")
                    .expression_attribute_values(":at", n(at.unix_timestamp()))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().update(update).build()]
            }
            Write::PutSession(sess) => vec![put(
                t,
                Item::from([
                    ("pk".into(), s(format!("SESSION#{}", sess.hash.as_str()))),
                    ("sk".into(), s("S")),
                    ("doc".into(), doc(sess)?),
                    ("ttl".into(), n(ttl_after(sess.expires_at))),
                ]),
                None,
            )?],
            Write::DeleteSession(hash) => {
                let delete = Delete::builder()
                    .table_name(t)
                    .key("pk", s(format!("SESSION#{}", hash.as_str())))
                    .key("sk", s("S"))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().delete(delete).build()]
            }
            Write::Audit(e) => vec![put(t, audit_item(e)?, None)?],
            Write::DeleteCounter(key) => {
                let delete = Delete::builder()
                    .table_name(t)
                    .key("pk", s(counters::counter_pk(key)))
                    .key("sk", s("C"))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().delete(delete).build()]
            }
            Write::Counter { key, change } => vec![counters::counter_item(t, key, change)?],
            Write::Mail(email) => {
                let item = sealed
                    .remove(&email.id)
                    .ok_or(StoreError::Unavailable("mail was not sealed".into()))?;
                vec![put(t, item, None)?]
            }
        })
    }
}

fn number(item: &Item, name: &str) -> Option<i64> {
    item.get(name)?.as_n().ok()?.parse().ok()
}

fn audit_pk(tenant: &TenantId, at: Instant, shard: u8) -> String {
    format!(
        "AUDIT#{tenant}#{:04}{:02}{:02}#{shard}",
        at.year(),
        u8::from(at.month()),
        at.day()
    )
}

fn index_pk(tenant: &TenantId) -> String {
    format!("UIDX#{tenant}")
}

fn index_entry(
    table: &str,
    tenant: &TenantId,
    sk: String,
    u: &User,
) -> Result<TransactWriteItem, StoreError> {
    put(
        table,
        Item::from([
            ("pk".into(), s(index_pk(tenant))),
            ("sk".into(), s(sk)),
            ("user_id".into(), s(u.id.as_str())),
            ("username_key".into(), s(u.username_key())),
        ]),
        None,
    )
}

fn audit_item(e: &AuditEvent) -> Result<Item, StoreError> {
    Ok(Item::from([
        (
            "pk".into(),
            s(audit_pk(&e.tenant_id, e.at, shard_of(&e.id, AUDIT_SHARDS))),
        ),
        ("sk".into(), s(e.sort_key())),
        ("doc".into(), doc(e)?),
        (
            "ttl".into(),
            n(e.at.unix_timestamp() + AUDIT_RETENTION_SECONDS),
        ),
    ]))
}

fn outbox_item(email: &Email, sealed: Sealed) -> Item {
    let b = |v: Vec<u8>| AttributeValue::B(aws_sdk_dynamodb::primitives::Blob::new(v));
    Item::from([
        (
            "pk".into(),
            s(format!("OUTBOX#{}", shard_of(&email.id, OUTBOX_SHARDS))),
        ),
        (
            "sk".into(),
            s(format!(
                "{:020}#{}",
                email.created_at.unix_timestamp_nanos(),
                email.id
            )),
        ),
        ("email_id".into(), s(email.id.clone())),
        ("kind".into(), s(format!("{:?}", email.kind))),
        ("dek".into(), b(sealed.wrapped_key)),
        ("nonce".into(), b(sealed.nonce)),
        ("sealed".into(), b(sealed.ciphertext)),
        ("attempts".into(), n(0)),
        (
            "ttl".into(),
            n(email.created_at.unix_timestamp() + OUTBOX_RETENTION_SECONDS),
        ),
    ])
}

/// The key of an outbox item as one string (`pk|sk`), for ack/nack.
fn outbox_key(item: &Item) -> Option<String> {
    let pk = item.get("pk")?.as_s().ok()?;
    let sk = item.get("sk")?.as_s().ok()?;
    Some(outbox_item_key(pk, sk))
}

/// The outbox key (for `queued`, `claim`, `ack`, `nack`) of the item at (`pk`, `sk`) (the
/// mailer builds it from a stream record's keys).
pub fn outbox_item_key(pk: &str, sk: &str) -> String {
    format!("{pk}|{sk}")
}

/// Whether a table key belongs to the outbox.
pub fn is_outbox_pk(pk: &str) -> bool {
    pk.starts_with("OUTBOX#")
}

/// The domain error of a unit whose `part`-th item of `write` failed its condition.
fn condition_failed(write: &Write, part: usize) -> StoreError {
    match (write, part) {
        (Write::CreateUser(_), 0) => StoreError::UsernameTaken,
        (Write::CreateUser(_), _) => StoreError::Conflict("user exists"),
        (Write::SaveUser(_), _) => StoreError::Conflict("user changed"),
        (Write::ConsumeResetToken { .. }, _) => StoreError::Conflict("token used or unknown"),
        (Write::Counter { key, .. }, _) => StoreError::CounterMoved(key.clone()),
        _ => StoreError::Conflict("condition failed"),
    }
}

impl DynamoStore {
    /// One transaction item as its own request; `false` when its condition failed.
    async fn write_one(&self, item: &TransactWriteItem) -> Result<bool, StoreError> {
        let _trip = self.trip();
        let failed = if let Some(p) = &item.put {
            let out = self
                .client
                .put_item()
                .table_name(p.table_name())
                .set_item(Some(p.item().clone()))
                .set_condition_expression(p.condition_expression().map(str::to_owned))
                .set_expression_attribute_names(p.expression_attribute_names().cloned())
                .set_expression_attribute_values(p.expression_attribute_values().cloned())
                .send()
                .await;
            match out {
                Ok(_) => false,
                Err(e) => match e.into_service_error() {
                    PutItemError::ConditionalCheckFailedException(_) => true,
                    other => return Err(unavailable(other)),
                },
            }
        } else if let Some(u) = &item.update {
            let out = self
                .client
                .update_item()
                .table_name(u.table_name())
                .set_key(Some(u.key().clone()))
                .update_expression(u.update_expression())
                .set_condition_expression(u.condition_expression().map(str::to_owned))
                .set_expression_attribute_names(u.expression_attribute_names().cloned())
                .set_expression_attribute_values(u.expression_attribute_values().cloned())
                .send()
                .await;
            match out {
                Ok(_) => false,
                Err(e) => match e.into_service_error() {
                    UpdateItemError::ConditionalCheckFailedException(_) => true,
                    other => return Err(unavailable(other)),
                },
            }
        } else if let Some(d) = &item.delete {
            let out = self
                .client
                .delete_item()
                .table_name(d.table_name())
                .set_key(Some(d.key().clone()))
                .set_condition_expression(d.condition_expression().map(str::to_owned))
                .set_expression_attribute_names(d.expression_attribute_names().cloned())
                .set_expression_attribute_values(d.expression_attribute_values().cloned())
                .send()
                .await;
            match out {
                Ok(_) => false,
                Err(e) => match e.into_service_error() {
                    DeleteItemError::ConditionalCheckFailedException(_) => true,
                    other => return Err(unavailable(other)),
                },
            }
        } else {
            return Err(StoreError::Unavailable("an empty transaction item".into()));
        };
        Ok(!failed)
    }
}

#[async_trait]
impl Committer for DynamoStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        if writes.is_empty() {
            return Ok(());
        }
        let mut sealed = HashMap::new();
        for w in &writes {
            if let Write::Mail(email) = w {
                sealed.insert(email.id.clone(), self.sealed_outbox_item(email).await?);
            }
        }
        let seals = writes.iter().any(|w| match w {
            Write::CreateUser(u) | Write::SaveUser(u) => secrets::has_clear_secret(u),
            _ => false,
        });
        let key = if seals { self.field_key().await? } else { None };
        // Which write each transaction item came from, to map cancellation reasons.
        let mut origin = Vec::new();
        let mut items = Vec::new();
        for w in &writes {
            for (i, item) in self
                .transact_item(w, &mut sealed, key)?
                .into_iter()
                .enumerate()
            {
                // Inside TransactWriteItems, IAM checks each item's own action.
                if item.put.is_some() {
                    self.record("dynamodb:PutItem");
                }
                if item.update.is_some() {
                    self.record("dynamodb:UpdateItem");
                }
                if item.delete.is_some() {
                    self.record("dynamodb:DeleteItem");
                }
                origin.push((w, i));
                items.push(item);
            }
        }
        // A unit of one item is that item's own conditional write: the same
        // atomicity and condition at half the capacity of a transaction.
        if let ([item], [(write, part)]) = (items.as_slice(), origin.as_slice()) {
            let outcome = self.write_one(item).await?;
            return match outcome {
                true => {
                    if matches!(write, Write::Mail(_)) {
                        self.mail_ready.notify_one();
                    }
                    Ok(())
                }
                false => Err(condition_failed(write, *part)),
            };
        }
        let _trip = self.trip();
        let result = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        let err = match result {
            Ok(_) => {
                if writes.iter().any(|w| matches!(w, Write::Mail(_))) {
                    self.mail_ready.notify_one();
                }
                return Ok(());
            }
            Err(e) => e,
        };
        if let SdkError::ServiceError(_) = &err {
            if let TransactWriteItemsError::TransactionCanceledException(cancel) =
                err.into_service_error()
            {
                for (reason, (write, part)) in cancel.cancellation_reasons().iter().zip(&origin) {
                    if reason.code() == Some("ConditionalCheckFailed") {
                        return Err(condition_failed(write, *part));
                    }
                }
                // Cancelled for another reason, e.g. a transaction conflict with a
                // concurrent transaction on the same item: nothing was written.
                return Err(StoreError::Contention);
            }
            return Err(StoreError::Unavailable("transaction failed".into()));
        }
        Err(unavailable(err))
    }
}

#[async_trait]
impl TenantStore for DynamoStore {
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>, StoreError> {
        self.get(format!("TENANT#{id}"), "T")
            .await?
            .map(|i| from_doc(&i))
            .transpose()
    }
}

#[async_trait]
impl LogoReader for DynamoStore {
    async fn get_logo(
        &self,
        tenant: &TenantId,
    ) -> Result<Option<(LogoType, bytes::Bytes)>, StoreError> {
        let Some(item) = self.get(format!("LOGO#{tenant}"), "L").await? else {
            return Ok(None);
        };
        let kind: LogoType = from_doc(&item)?;
        let bytes = item
            .get("bytes")
            .and_then(|v| v.as_b().ok())
            .ok_or_else(|| StoreError::Unavailable("logo without bytes".into()))?;
        Ok(Some((kind, bytes::Bytes::copy_from_slice(bytes.as_ref()))))
    }
}

#[async_trait]
impl UserReader for DynamoStore {
    async fn get_user(&self, tenant: &TenantId, id: &UserId) -> Result<Option<User>, StoreError> {
        match self.get(user_pk(tenant, id), "U").await? {
            Some(item) => self.user_from(&item).await.map(Some),
            None => Ok(None),
        }
    }

    async fn find_by_username(
        &self,
        tenant: &TenantId,
        username_key: &str,
    ) -> Result<Option<User>, StoreError> {
        let claim = self.get(uname_pk(tenant, username_key), "N").await?;
        let id = claim
            .as_ref()
            .and_then(|c| c.get("user_id"))
            .and_then(|v| v.as_s().ok())
            .cloned();
        // An unknown username costs the same two reads as a known one, so the
        // number of round trips (and their time) does not tell them apart.
        // `~` sorts after every generated id and is never one.
        let id = UserId(id.unwrap_or_else(|| "~".to_owned()));
        self.get_user(tenant, &id).await
    }

    async fn find_by_email(
        &self,
        tenant: &TenantId,
        email_key: &str,
        limit: usize,
    ) -> Result<Vec<User>, StoreError> {
        self.record("dynamodb:Query:gsi1");
        let _trip = self.trip();
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(EMAIL_INDEX)
            .key_condition_expression("gsi1pk = :pk")
            .expression_attribute_values(":pk", s(format!("EMAIL#{tenant}#{email_key}")))
            .limit(limit.clamp(1, 100) as i32)
            .send()
            .await
            .map_err(unavailable)?;
        let mut users = Vec::new();
        for item in out.items() {
            users.push(self.user_from(item).await?);
        }
        Ok(users)
    }
}

#[async_trait]
impl TokenReader for DynamoStore {
    async fn get_reset_token(&self, hash: &TokenHash) -> Result<Option<ResetToken>, StoreError> {
        let Some(item) = self.get(format!("RESET#{}", hash.as_str()), "R").await? else {
            return Ok(None);
        };
        let mut token: ResetToken = from_doc(&item)?;
        if let Some(at) = item.get("used_at").and_then(|v| v.as_n().ok()) {
            let at = at.parse::<i64>().unwrap_or_default();
            token.used_at = Some(
                time::OffsetDateTime::from_unix_timestamp(at)
                    .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
            );
        }
        Ok(Some(token))
    }
}

#[async_trait]
impl SessionReader for DynamoStore {
    async fn get_session(&self, hash: &TokenHash) -> Result<Option<Session>, StoreError> {
        self.get(format!("SESSION#{}", hash.as_str()), "S")
            .await?
            .map(|i| from_doc(&i))
            .transpose()
    }
}

#[async_trait]
impl MailOutbox for DynamoStore {
    /// Mail queued by this process wakes the dispatcher at once; mail queued by
    /// others is found by the next poll after `max`.
    async fn wait_for_mail(&self, max: std::time::Duration) {
        let _ = tokio::time::timeout(max, self.mail_ready.notified()).await;
    }

    async fn queued(&self, key: &str) -> Result<Option<OutboxItem>, StoreError> {
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(None);
        };
        let Some(item) = self.get(pk.to_owned(), sk).await? else {
            return Ok(None);
        };
        Ok(Some(OutboxItem {
            key: key.to_owned(),
            email: self.open_outbox_item(&item).await?,
            attempts: number(&item, "attempts").unwrap_or(0).max(0) as u32,
        }))
    }

    async fn pending(&self, limit: usize) -> Result<Vec<OutboxItem>, StoreError> {
        self.record("dynamodb:Query");
        let mut found = Vec::new();
        for shard in 0..OUTBOX_SHARDS {
            let _trip = self.trip();
            let out = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression("pk = :pk")
                .expression_attribute_values(":pk", s(format!("OUTBOX#{shard}")))
                .limit(limit.clamp(1, 100) as i32)
                .consistent_read(true)
                .send()
                .await
                .map_err(unavailable)?;
            for item in out.items() {
                let attempts = item
                    .get("attempts")
                    .and_then(|v| v.as_n().ok())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if attempts >= MAX_SEND_ATTEMPTS {
                    continue;
                }
                if let (Some(key), Ok(email)) =
                    (outbox_key(item), self.open_outbox_item(item).await)
                {
                    found.push(OutboxItem {
                        key,
                        email,
                        attempts,
                    });
                }
            }
        }
        found.sort_by_key(|i| i.email.created_at);
        found.truncate(limit);
        Ok(found)
    }

    async fn claim(
        &self,
        key: &str,
        now: Instant,
        lease_until: Instant,
    ) -> Result<bool, StoreError> {
        self.record("dynamodb:UpdateItem");
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(false);
        };
        let _trip = self.trip();
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .update_expression("SET claimed_until = :until")
            .condition_expression(
                "attribute_exists(pk) AND (attribute_not_exists(claimed_until) OR claimed_until < :now)",
            )
            .expression_attribute_values(":until", n(lease_until.unix_timestamp()))
            .expression_attribute_values(":now", n(now.unix_timestamp()))
            .send()
            .await;
        match out {
            Ok(_) => Ok(true),
            Err(e) => match e.into_service_error() {
                UpdateItemError::ConditionalCheckFailedException(_) => Ok(false),
                other => Err(unavailable(other)),
            },
        }
    }

    async fn ack(&self, key: &str) -> Result<bool, StoreError> {
        self.record("dynamodb:DeleteItem");
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(false);
        };
        let _trip = self.trip();
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .condition_expression("attribute_exists(pk)")
            .send()
            .await;
        match out {
            Ok(_) => Ok(true),
            Err(e) => match e.into_service_error() {
                DeleteItemError::ConditionalCheckFailedException(_) => Ok(false),
                other => Err(unavailable(other)),
            },
        }
    }

    async fn nack(&self, key: &str) -> Result<(), StoreError> {
        self.update_outbox_attempts(key, "ADD attempts :n REMOVE claimed_until", 1)
            .await
    }

    async fn give_up(&self, key: &str) -> Result<(), StoreError> {
        self.update_outbox_attempts(
            key,
            "SET attempts = :n REMOVE claimed_until",
            MAX_SEND_ATTEMPTS.into(),
        )
        .await
    }
}

impl DynamoStore {
    /// One change to an outbox item's attempts that also releases its claim
    /// (`:n` is the number the expression uses); a missing item is an error.
    async fn update_outbox_attempts(
        &self,
        key: &str,
        expression: &str,
        value: i64,
    ) -> Result<(), StoreError> {
        self.record("dynamodb:UpdateItem");
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(());
        };
        let _trip = self.trip();
        self.client
            .update_item()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .update_expression(expression)
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":n", n(value))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }
}

impl DynamoStore {
    /// Queues a given-up outbox item again (operator redrive): the sealed item
    /// is copied, as it is, to a fresh key with no attempts, and the old one is
    /// deleted, in one transaction. The copy is a new stream `INSERT`, so the
    /// mailer sends it like any new mail. Returns the new key, or None if the
    /// item is gone (already sent or expired).
    pub async fn requeue_outbox_item(
        &self,
        key: &str,
        now: Instant,
    ) -> Result<Option<String>, StoreError> {
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(None);
        };
        let Some(mut item) = self.get(pk.to_owned(), sk).await? else {
            return Ok(None);
        };
        let id = item
            .get("email_id")
            .and_then(|v| v.as_s().ok())
            .cloned()
            .unwrap_or_default();
        // A fresh key, later than the old one even when the clock has not moved.
        let old_nanos: i128 = sk
            .split('#')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let new_sk = format!("{:020}#{id}", now.unix_timestamp_nanos().max(old_nanos + 1));
        item.insert("sk".into(), s(new_sk.clone()));
        item.insert("attempts".into(), n(0));
        item.remove("claimed_until");
        let delete = Delete::builder()
            .table_name(&self.table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .condition_expression("attribute_exists(pk)")
            .build()
            .map_err(unavailable)?;
        let _trip = self.trip();
        self.client
            .transact_write_items()
            .transact_items(put(&self.table, item, Some("attribute_not_exists(pk)"))?)
            .transact_items(TransactWriteItem::builder().delete(delete).build())
            .send()
            .await
            .map_err(unavailable)?;
        Ok(Some(outbox_item_key(pk, &new_sk)))
    }
}

#[async_trait]
impl UserDirectory for DynamoStore {
    async fn search_users(
        &self,
        tenant: &TenantId,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError> {
        self.record("dynamodb:Query");
        let limit = limit.clamp(1, 100);
        let mut phases: Vec<char> = match cursor.map(directory::cursor_phase) {
            Some('e') => vec!['e'],
            _ => vec!['n', 'e'],
        };
        if prefix.is_empty() {
            phases.retain(|p| *p == 'n');
        }
        let mut found: Vec<(String, UserId)> = Vec::new();
        let mut more = false;
        'phases: for phase in phases {
            let mut start = cursor
                .filter(|c| directory::cursor_phase(c) == phase)
                .map(str::to_owned);
            loop {
                let _trip = self.trip();
                let mut query = self
                    .client
                    .query()
                    .table_name(&self.table)
                    .key_condition_expression("pk = :pk AND begins_with(sk, :p)")
                    .expression_attribute_values(":pk", s(index_pk(tenant)))
                    .expression_attribute_values(":p", s(format!("{phase}:{prefix}")))
                    .limit((limit + 1) as i32);
                if let Some(sk) = &start {
                    query = query
                        .exclusive_start_key("pk", s(index_pk(tenant)))
                        .exclusive_start_key("sk", s(sk.clone()));
                }
                let out = query.send().await.map_err(unavailable)?;
                for item in out.items() {
                    let (Some(sk), Some(id), Some(name)) = (
                        item.get("sk").and_then(|v| v.as_s().ok()),
                        item.get("user_id").and_then(|v| v.as_s().ok()),
                        item.get("username_key").and_then(|v| v.as_s().ok()),
                    ) else {
                        continue;
                    };
                    // In the email phase, users whose username matched were listed already.
                    if phase == 'e' && name.starts_with(prefix) {
                        continue;
                    }
                    if found.len() == limit {
                        more = true;
                        break 'phases;
                    }
                    found.push((sk.clone(), UserId(id.clone())));
                }
                match out
                    .last_evaluated_key()
                    .and_then(|k| k.get("sk"))
                    .and_then(|v| v.as_s().ok())
                {
                    Some(sk) => start = Some(sk.clone()),
                    None => break,
                }
            }
        }
        let next_cursor = if more {
            found.last().map(|(sk, _)| sk.clone())
        } else {
            None
        };
        // One BatchGetItem for the page, not a GetItem per user.
        let keys: Vec<(String, &str)> = found
            .iter()
            .map(|(_, id)| (user_pk(tenant, id), "U"))
            .collect();
        let mut items = self.batch_get(&keys).await?;
        let mut users = Vec::with_capacity(found.len());
        for (_, id) in &found {
            if let Some(item) = items.remove(&user_pk(tenant, id)) {
                users.push(self.user_from(&item).await?);
            }
        }
        Ok(Page {
            items: users,
            next_cursor,
        })
    }
}

#[async_trait]
impl AuditReader for DynamoStore {
    /// Walks day buckets backwards (each spread over shards), merging newest
    /// first, until the page is full or the lookback is used up.
    async fn list_audit(
        &self,
        tenant: &TenantId,
        now: Instant,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<AuditEvent>, StoreError> {
        self.record("dynamodb:Query");
        let limit = limit.clamp(1, 100);
        let upper = crate::domain::audit_upper_bound(cursor, now);
        let upper_nanos: i128 = upper
            .split('#')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let start = time::OffsetDateTime::from_unix_timestamp_nanos(upper_nanos).unwrap_or(now);
        let retention_floor = now - time::Duration::seconds(AUDIT_RETENTION_SECONDS);
        let mut found: Vec<(String, AuditEvent)> = Vec::new();
        let mut oldest_day_start = start;
        for back in 0..AUDIT_LOOKBACK_DAYS {
            let day = start - time::Duration::days(back);
            if day < retention_floor {
                break;
            }
            oldest_day_start = day.replace_time(time::Time::MIDNIGHT);
            for shard in 0..AUDIT_SHARDS {
                let _trip = self.trip();
                let out = self
                    .client
                    .query()
                    .table_name(&self.table)
                    .key_condition_expression("pk = :pk AND sk < :upper")
                    .expression_attribute_values(":pk", s(audit_pk(tenant, day, shard)))
                    .expression_attribute_values(":upper", s(upper.clone()))
                    .scan_index_forward(false)
                    .limit((limit + 1) as i32)
                    .send()
                    .await
                    .map_err(unavailable)?;
                for item in out.items() {
                    if let (Some(sk), Ok(e)) = (
                        item.get("sk").and_then(|v| v.as_s().ok()),
                        from_doc::<AuditEvent>(item),
                    ) {
                        found.push((sk.clone(), e));
                    }
                }
            }
            // Every event of an older day is older than all of these.
            if found.len() > limit {
                break;
            }
        }
        found.sort_by(|a, b| b.0.cmp(&a.0));
        let more = found.len() > limit;
        found.truncate(limit);
        let next_cursor = if more {
            found.last().map(|(sk, _)| sk.clone())
        } else if oldest_day_start > retention_floor {
            // Older history may exist beyond this call's lookback.
            Some(format!("{:020}#", oldest_day_start.unix_timestamp_nanos()))
        } else {
            None
        };
        Ok(Page {
            items: found.into_iter().map(|(_, e)| e).collect(),
            next_cursor,
        })
    }
}
