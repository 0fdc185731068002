//! DynamoDB store: one table (`pk`, `sk`, index `gsi1` on `gsi1pk`/`gsi1sk`,
//! keys-only index `gsi2` on `gsi2pk`/`gsi2sk`, on-demand, TTL on `ttl`). Every lookup is a `GetItem` or a `Query` on a key;
//! every unit of writes is one `TransactWriteItems` whose condition failures are
//! mapped to domain errors from the per-item cancellation reasons.
//!
//! The key schema is in [`keys`]; each item family's reads are in its own
//! module (`users`, `sessions`, `outbox`, `audit`, `reads`, `counters`,
//! `secrets`), and
//! every write goes through [`commit`].

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

mod audit;
mod commit;
mod counters;
mod expiry;
mod keys;
mod outbox;
mod reads;
mod secrets;
mod sessions;
mod users;

use audit::*;
use keys::*;
pub use outbox::{is_outbox_pk, outbox_item_key};
use users::*;

use crate::adapters::field_sealing::{FieldKey, KeyWrap};
use crate::adapters::sealing::{LocalKeySealer, Sealed, Sealer};
use crate::domain::directory;
use crate::domain::{
    AUDIT_RETENTION_SECONDS, AuditEvent, Email, Instant, LogoType, ResetToken, Session, Tenant,
    TenantId, TokenHash, User, UserId, ttl_after,
};
use crate::ports::{
    AUDIT_LOOKBACK_DAYS, AuditReader, Committer, LogoReader, MAX_SEND_ATTEMPTS, MailOutbox,
    OutboxItem, Page, SessionLister, SessionReader, StoreError, TenantStore, TokenReader,
    UserDirectory, UserReader, Write,
};

/// Queued mail older than a week is dropped by TTL (it would be stale anyway).
const OUTBOX_RETENTION_SECONDS: i64 = 7 * 86_400;
pub const EMAIL_INDEX: &str = "gsi1";
/// The expiry index (keys only): see `keys`.
pub const EXPIRY_INDEX: &str = "gsi2";

type Item = HashMap<String, AttributeValue>;

/// What a recording store saw: IAM actions, and (action, key family) pairs,
/// the family being a partition key's prefix up to its first `#`.
#[derive(Default)]
struct Recorded {
    actions: std::collections::BTreeSet<&'static str>,
    keys: std::collections::BTreeSet<(&'static str, String)>,
}

#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
    /// Records which DynamoDB actions this store performed, and on which
    /// partition-key families (tests keep each function's IAM policy, its
    /// actions and its `dynamodb:LeadingKeys`, honest with it).
    recorder: Option<std::sync::Arc<std::sync::Mutex<Recorded>>>,
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

fn put(table: &str, item: Item, condition: Option<&str>) -> Result<TransactWriteItem, StoreError> {
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .set_condition_expression(condition.map(str::to_owned))
        .build()
        .map_err(unavailable)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

fn number(item: &Item, name: &str) -> Option<i64> {
    item.get(name)?.as_n().ok()?.parse().ok()
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

    /// Seals queued mail with `sealer` instead of a key only this process knows
    /// (needed when another process, the mailer, sends it).
    pub fn with_sealer(mut self, sealer: std::sync::Arc<dyn Sealer>) -> Self {
        self.sealer = sealer;
        self
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
            .and_then(|r| r.lock().ok().map(|mut r| std::mem::take(&mut r.actions)))
            .unwrap_or_default()
    }

    /// The (action, partition-key family) pairs recorded since the last call
    /// (e.g. `("dynamodb:PutItem", "USESS")`), cleared.
    pub fn take_recorded_keys(&self) -> std::collections::BTreeSet<(&'static str, String)> {
        self.recorder
            .as_ref()
            .and_then(|r| r.lock().ok().map(|mut r| std::mem::take(&mut r.keys)))
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
        if let Some(Ok(mut r)) = self.recorder.as_ref().map(|r| r.lock()) {
            r.actions.insert(action);
        }
    }

    /// Records `action` on the item(s) of partition key `pk`.
    fn record_key(&self, action: &'static str, pk: &str) {
        if let Some(Ok(mut r)) = self.recorder.as_ref().map(|r| r.lock()) {
            r.actions.insert(action);
            let family = pk.split_once('#').map_or(pk, |(family, _)| family);
            r.keys.insert((action, family.to_owned()));
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
        let expiry_gsi = GlobalSecondaryIndex::builder()
            .index_name(EXPIRY_INDEX)
            .key_schema(key("gsi2pk", KeyType::Hash)?)
            .key_schema(key("gsi2sk", KeyType::Range)?)
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::KeysOnly)
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
            .attribute_definitions(attr("gsi2pk")?)
            .attribute_definitions(attr("gsi2sk")?)
            .key_schema(key("pk", KeyType::Hash)?)
            .key_schema(key("sk", KeyType::Range)?)
            .global_secondary_indexes(gsi)
            .global_secondary_indexes(expiry_gsi)
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
        self.record_key("dynamodb:GetItem", &pk);
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
            for (pk, _) in chunk {
                self.record_key("dynamodb:BatchGetItem", pk);
            }
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
}
