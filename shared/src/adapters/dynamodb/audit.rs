//! The audit log: a tenant's events by day, in 8 shards, newest first.

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
        self.record_key("dynamodb:Query", &audit_pk(tenant, now, 0));
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
