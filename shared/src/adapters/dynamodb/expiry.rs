//! The expiry index (`gsi2`, keys only): tenants whose passwords expire, and
//! a tenant's accounts by the day their password was set. Queries of one
//! partition key each, then one `BatchGetItem` for the accounts of a page.

use super::*;
use crate::ports::ExpiryIndex;

/// The `gsi2sk` of each item of a query's answer.
fn sort_keys(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| i.get("gsi2sk").and_then(|v| v.as_s().ok()).cloned())
        .collect()
}

impl DynamoStore {
    /// One page of the index partition `gsi2pk`, after the entry `after`
    /// (whose table key is `table_key(after)`): its sort keys, and whether
    /// the partition holds more.
    async fn index_page(
        &self,
        gsi2pk: &str,
        after: Option<(&str, (String, &str))>,
        limit: usize,
    ) -> Result<(Vec<String>, bool), StoreError> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(EXPIRY_INDEX)
            .key_condition_expression("gsi2pk = :pk")
            .expression_attribute_values(":pk", s(gsi2pk))
            .limit(limit.clamp(1, 100) as i32);
        if let Some((sk, (pk, table_sk))) = after {
            query = query
                .exclusive_start_key("gsi2pk", s(gsi2pk))
                .exclusive_start_key("gsi2sk", s(sk))
                .exclusive_start_key("pk", s(pk))
                .exclusive_start_key("sk", s(table_sk));
        }
        let out = query.send().await.map_err(unavailable)?;
        Ok((sort_keys(out.items()), out.last_evaluated_key().is_some()))
    }
}

#[async_trait]
impl ExpiryIndex for DynamoStore {
    async fn expiring_tenants(
        &self,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<TenantId>, StoreError> {
        let after = cursor.and_then(TenantId::parse);
        let (keys, more) = self
            .index_page(
                EXPIRING_TENANTS_GSI_PK,
                after.as_ref().map(|t| (t.as_str(), (tenant_pk(t), "T"))),
                limit,
            )
            .await?;
        let items: Vec<TenantId> = keys.iter().filter_map(|k| TenantId::parse(k)).collect();
        let next_cursor = if more {
            items.last().map(|t| t.as_str().to_owned())
        } else {
            None
        };
        Ok(Page { items, next_cursor })
    }

    /// The cursor is `{shard}:{user_id}`: the shards are read one after the
    /// other, each in id order.
    async fn passwords_set_on(
        &self,
        tenant: &TenantId,
        day: time::Date,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError> {
        let limit = limit.clamp(1, 100);
        let (mut shard, mut after) = match cursor.and_then(|c| c.split_once(':')) {
            Some((shard, id)) => (
                shard.parse::<u8>().unwrap_or(EXPIRY_SHARDS),
                Some(id.to_owned()),
            ),
            None => (0, None),
        };
        let mut ids: Vec<String> = Vec::new();
        let mut next_cursor = None;
        while shard < EXPIRY_SHARDS {
            let pk = expiry_gsi_pk(tenant, day, shard);
            let start = after
                .as_deref()
                .map(|id| (id, (user_pk(tenant, &UserId(id.to_owned())), "U")));
            let (keys, more) = self.index_page(&pk, start, limit - ids.len()).await?;
            after = keys.last().cloned().or(after);
            ids.extend(keys);
            if ids.len() >= limit {
                let rest = more || shard + 1 < EXPIRY_SHARDS;
                if let (true, Some(last)) = (rest, ids.last()) {
                    next_cursor = Some(format!("{shard}:{last}"));
                }
                break;
            }
            if !more {
                shard += 1;
                after = None;
            }
        }
        let keys: Vec<(String, &str)> = ids
            .iter()
            .map(|id| (user_pk(tenant, &UserId(id.clone())), "U"))
            .collect();
        let mut found = self.batch_get(&keys).await?;
        let mut users = Vec::with_capacity(ids.len());
        for (pk, _) in &keys {
            if let Some(item) = found.remove(pk) {
                users.push(self.user_from(&item).await?);
            }
        }
        Ok(Page {
            items: users,
            next_cursor,
        })
    }
}
