//! The audit log: a tenant's events by day, in [`AUDIT_SHARDS`] shards (by a
//! hash of the event id), newest first.
//!
//! 8 shards: at 1,000 forgot-password requests a second that is ~125 writes
//! a second per shard, a quarter of a key's capacity, but ~1/8 of a burst's
//! audit events (over the 1 % of the hot-key test, which states the
//! exception: `docs/scale.md`); 64 would meet 1 % but make every listing
//! read 64 shards a day. A listing reads a day's shards in parallel and
//! merges them: each shard is read a few events at a time, and only the
//! shards that may still hold one of the page's events are read again.

use tokio::task::JoinSet;

use super::*;

pub(super) fn audit_item(e: &AuditEvent) -> Result<Item, StoreError> {
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

/// One shard of a day as read so far: where its next read starts, and
/// whether it holds more (below what was read).
struct ShardRead {
    pk: String,
    last_sk: Option<String>,
    more: bool,
    /// Events the next read asks for (doubles with each read of the shard).
    chunk: usize,
}

/// One read of a shard: up to `limit` events below `upper` (and below
/// `after` when given), newest first, and whether the shard holds more.
async fn read_shard(
    client: Client,
    table: String,
    pk: String,
    upper: String,
    after: Option<String>,
    limit: usize,
) -> Result<(Vec<(String, AuditEvent)>, bool), StoreError> {
    let mut query = client
        .query()
        .table_name(&table)
        .key_condition_expression("pk = :pk AND sk < :upper")
        .expression_attribute_values(":pk", s(pk.clone()))
        .expression_attribute_values(":upper", s(upper))
        .scan_index_forward(false)
        .limit(limit.clamp(1, 100) as i32);
    if let Some(sk) = after {
        query = query
            .exclusive_start_key("pk", s(pk))
            .exclusive_start_key("sk", s(sk));
    }
    let out = query.send().await.map_err(unavailable)?;
    let events = out
        .items()
        .iter()
        .filter_map(|item| {
            let sk = item.get("sk").and_then(|v| v.as_s().ok())?;
            from_doc::<AuditEvent>(item).ok().map(|e| (sk.clone(), e))
        })
        .collect();
    Ok((events, out.last_evaluated_key().is_some()))
}

impl DynamoStore {
    /// The newest `need` events of `day` below `upper` (all of them when the
    /// day holds fewer), and maybe some older ones, which a caller sorting and
    /// keeping `need` drops: only the newest `need` are complete.
    async fn audit_day(
        &self,
        tenant: &TenantId,
        day: Instant,
        upper: &str,
        need: usize,
    ) -> Result<Vec<(String, AuditEvent)>, StoreError> {
        let first = need.div_ceil(AUDIT_SHARDS as usize) + 1;
        let mut shards: Vec<ShardRead> = (0..AUDIT_SHARDS)
            .map(|shard| ShardRead {
                pk: audit_pk(tenant, day, shard),
                last_sk: None,
                more: true,
                chunk: first,
            })
            .collect();
        let mut found: Vec<(String, AuditEvent)> = Vec::new();
        loop {
            // The `need`-th newest event read so far: a shard whose reads
            // stopped at or below it holds nothing newer, so the page is
            // settled once no shard with more stopped above it.
            found.sort_by(|a, b| b.0.cmp(&a.0));
            let bound = found.get(need.saturating_sub(1)).map(|(sk, _)| sk.clone());
            let mut reads = JoinSet::new();
            for (i, shard) in shards.iter().enumerate() {
                let unsettled = match (&bound, &shard.last_sk) {
                    (Some(bound), Some(last)) => last > bound,
                    _ => true,
                };
                if shard.more && unsettled {
                    reads.spawn({
                        let read = read_shard(
                            self.client.clone(),
                            self.table.clone(),
                            shard.pk.clone(),
                            upper.to_owned(),
                            shard.last_sk.clone(),
                            shard.chunk,
                        );
                        async move { (i, read.await) }
                    });
                }
            }
            if reads.is_empty() {
                return Ok(found);
            }
            while let Some(done) = reads.join_next().await {
                let (i, read) = done.map_err(unavailable)?;
                let (events, more) = read?;
                let shard = &mut shards[i];
                shard.more = more && !events.is_empty();
                shard.chunk = (shard.chunk * 2).min(100);
                if let Some((sk, _)) = events.last() {
                    shard.last_sk = Some(sk.clone());
                }
                found.extend(events);
            }
        }
    }
}

#[async_trait]
impl AuditReader for DynamoStore {
    /// Walks day buckets backwards, merging each day's shards newest first,
    /// until the page is full or the lookback is used up.
    async fn list_audit(
        &self,
        tenant: &TenantId,
        now: Instant,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<AuditEvent>, StoreError> {
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
            // One more than the page: whether another page follows.
            let need = limit + 1 - found.len();
            found.extend(self.audit_day(tenant, day, &upper, need).await?);
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
