//! Sessions: the session item (`SESSION#{sha256}` / `S`, read on every
//! authenticated request by its token's hash) and, for a session with an id,
//! its entry in its user's list (`USESS#{t}#{user_id}` / `{session id}`),
//! so that a user's sessions are one `Query` on a key, never a scan.
//!
//! The entry is written and deleted in the same unit as the session, holds
//! what finding the session needs (its hash, and its expiry for the TTL) and
//! never changes: a session's use
//! (`last_used_at`, an attribute beside the document, at most once a minute)
//! is written on the session item only, which a listing reads in one
//! `BatchGetItem`.

use super::*;

/// The attribute a session's recorded use is kept in (beside its document,
/// so recording it rewrites nothing else).
const LAST_USED_AT: &str = "last_used_at";

fn delete(table: &str, pk: String, sk: &str) -> Result<TransactWriteItem, StoreError> {
    let delete = Delete::builder()
        .table_name(table)
        .key("pk", s(pk))
        .key("sk", s(sk))
        .build()
        .map_err(unavailable)?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}

/// The items of a stored session: the session, and its entry when it has an id.
pub(super) fn put_session(
    table: &str,
    sess: &Session,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    let mut item = Item::from([
        ("pk".into(), s(session_pk(sess.hash.as_str()))),
        ("sk".into(), s("S")),
        ("doc".into(), doc(sess)?),
        ("ttl".into(), n(ttl_after(sess.expires_at))),
    ]);
    if let Some(at) = sess.last_used_at {
        item.insert(LAST_USED_AT.into(), n(at.unix_timestamp()));
    }
    let mut items = vec![put(table, item, None)?];
    if sess.is_listed() {
        items.push(put(
            table,
            Item::from([
                (
                    "pk".into(),
                    s(user_sessions_pk(&sess.tenant_id, &sess.user_id)),
                ),
                ("sk".into(), s(sess.id.as_str())),
                ("hash".into(), s(sess.hash.as_str())),
                ("expires_at".into(), n(sess.expires_at.unix_timestamp())),
                ("ttl".into(), n(ttl_after(sess.expires_at))),
            ]),
            None,
        )?);
    }
    Ok(items)
}

/// The items that end a session: its item and its entry.
pub(super) fn delete_session(
    table: &str,
    sess: &Session,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    let mut items = vec![delete(table, session_pk(sess.hash.as_str()), "S")?];
    if sess.is_listed() {
        items.push(delete(
            table,
            user_sessions_pk(&sess.tenant_id, &sess.user_id),
            sess.id.as_str(),
        )?);
    }
    Ok(items)
}

/// Records a use of the session, only if it is still stored: an update of
/// a deleted (revoked) session would bring back an item without a document.
pub(super) fn touch_session(
    table: &str,
    hash: &TokenHash,
    at: Instant,
) -> Result<TransactWriteItem, StoreError> {
    let update = Update::builder()
        .table_name(table)
        .key("pk", s(session_pk(hash.as_str())))
        .key("sk", s("S"))
        .update_expression("SET #u = :at")
        .condition_expression("attribute_exists(pk)")
        .expression_attribute_names("#u", LAST_USED_AT)
        .expression_attribute_values(":at", n(at.unix_timestamp()))
        .build()
        .map_err(unavailable)?;
    Ok(TransactWriteItem::builder().update(update).build())
}

fn session_from(item: &Item) -> Result<Session, StoreError> {
    let mut session: Session = from_doc(item)?;
    let recorded =
        number(item, LAST_USED_AT).and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok());
    session.last_used_at = session.last_used_at.max(recorded);
    Ok(session)
}

#[async_trait]
impl SessionReader for DynamoStore {
    async fn get_session(&self, hash: &TokenHash) -> Result<Option<Session>, StoreError> {
        self.get(session_pk(hash.as_str()), "S")
            .await?
            .map(|i| session_from(&i))
            .transpose()
    }
}

#[async_trait]
impl SessionLister for DynamoStore {
    async fn list_sessions(
        &self,
        tenant: &TenantId,
        user: &UserId,
    ) -> Result<Vec<Session>, StoreError> {
        let pk = user_sessions_pk(tenant, user);
        let mut hashes = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            self.record_key("dynamodb:Query", &pk);
            let _trip = self.trip();
            let out = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression("pk = :pk")
                .expression_attribute_values(":pk", s(pk.clone()))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(unavailable)?;
            hashes.extend(
                out.items()
                    .iter()
                    .filter_map(|i| i.get("hash").and_then(|v| v.as_s().ok()).cloned()),
            );
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => break,
            }
        }
        let keys: Vec<(String, &str)> = hashes.iter().map(|h| (session_pk(h), "S")).collect();
        let mut items = self.batch_get(&keys).await?;
        // An entry whose session is gone (TTL deletes the two at different
        // moments) lists nothing.
        hashes
            .iter()
            .filter_map(|h| items.remove(&session_pk(h)))
            .map(|item| session_from(&item))
            .collect()
    }
}
