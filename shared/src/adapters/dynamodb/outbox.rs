//! The transactional outbox: queued mail, sealed at rest, in [`OUTBOX_SHARDS`]
//! shards (by a hash of the mail id): 32, so that a burst (a forgot-password
//! flood, a job mailing a tenant) puts no more than ~0.6 % of its writes on
//! one shard (the hot-key test, `docs/scale.md`).

use super::*;

pub(super) fn outbox_item(email: &Email, sealed: Sealed) -> Item {
    let b = |v: Vec<u8>| AttributeValue::B(aws_sdk_dynamodb::primitives::Blob::new(v));
    Item::from([
        (
            "pk".into(),
            s(outbox_pk(shard_of(&email.id, OUTBOX_SHARDS))),
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
pub(super) fn outbox_key(item: &Item) -> Option<String> {
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

impl DynamoStore {
    /// The stored form of a queued email: only routing metadata in the clear,
    /// the message itself sealed and bound to its id.
    pub(super) async fn sealed_outbox_item(&self, email: &Email) -> Result<Item, StoreError> {
        let plain = serde_json::to_vec(email).map_err(unavailable)?;
        let sealed = self.sealer.seal(&plain, email.id.as_bytes()).await?;
        Ok(outbox_item(email, sealed))
    }

    pub(super) async fn open_outbox_item(&self, item: &Item) -> Result<Email, StoreError> {
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

    /// The shards are read in parallel, each its oldest `limit` items; only
    /// the oldest `limit` of them all are opened (unsealed).
    async fn pending(&self, limit: usize) -> Result<Vec<OutboxItem>, StoreError> {
        let limit = limit.clamp(1, 100);
        let mut reads = tokio::task::JoinSet::new();
        for shard in 0..OUTBOX_SHARDS {
            let query = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression("pk = :pk")
                .expression_attribute_values(":pk", s(outbox_pk(shard)))
                .limit(limit as i32)
                .consistent_read(true);
            reads.spawn(query.send());
        }
        let mut found: Vec<(String, Item, u32)> = Vec::new();
        while let Some(read) = reads.join_next().await {
            let out = read.map_err(unavailable)?.map_err(unavailable)?;
            for item in out.items.unwrap_or_default() {
                let attempts = number(&item, "attempts").unwrap_or(0).max(0) as u32;
                if attempts >= MAX_SEND_ATTEMPTS {
                    continue;
                }
                // The sort key starts with the creation time (fixed width).
                if let Some(sk) = item.get("sk").and_then(|v| v.as_s().ok()).cloned() {
                    found.push((sk, item, attempts));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.truncate(limit);
        let mut pending = Vec::with_capacity(found.len());
        for (_, item, attempts) in found {
            if let (Some(key), Ok(email)) = (outbox_key(&item), self.open_outbox_item(&item).await)
            {
                pending.push(OutboxItem {
                    key,
                    email,
                    attempts,
                });
            }
        }
        Ok(pending)
    }

    async fn claim(
        &self,
        key: &str,
        now: Instant,
        lease_until: Instant,
    ) -> Result<bool, StoreError> {
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(false);
        };
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
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(false);
        };
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
        let Some((pk, sk)) = key.split_once('|') else {
            return Ok(());
        };
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
