//! Throttling counters: `CTR#{key}` / `C` with `n` (the count), `locked_until`,
//! `expires_at` (unix seconds; `ttl` holds the same for DynamoDB's TTL, which
//! deletes late, so readers ignore an expired counter) and `v` (the version a
//! compare-and-set is conditioned on).
//!
//! A [`CounterChange`] becomes one item of the unit's `TransactWriteItems`
//! whose condition expression states exactly the condition
//! [`CounterChange::apply`] checks in the memory store; the conformance tests
//! hold the two to the same results.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem, Update};
use std::collections::HashMap;

use super::keys::{counter_pk, uname_pk};
use super::{DynamoStore, Item, n, number, s, unavailable};
use crate::domain::{CounterChange, CounterState, TenantId, UserId};
use crate::ports::{CounterRead, Counters, StoreError, StoredCounter};

fn instant(item: &Item, name: &str) -> Option<time::OffsetDateTime> {
    number(item, name).and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
}

/// The counter as stored (an expired one too: [`crate::domain::live`] decides).
fn stored_counter(item: &Item) -> StoredCounter {
    StoredCounter {
        state: CounterState {
            count: number(item, "n").unwrap_or(0).max(0) as u64,
            locked_until: instant(item, "locked_until"),
            expires_at: instant(item, "expires_at"),
        },
        version: number(item, "v").map(|v| v.max(0) as u64),
    }
}

/// The names every counter expression uses (`ttl` is a reserved word).
fn names() -> HashMap<String, String> {
    [
        ("#n", "n"),
        ("#v", "v"),
        ("#e", "expires_at"),
        ("#t", "ttl"),
        ("#l", "locked_until"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn values(pairs: &[(&str, i64)]) -> HashMap<String, aws_sdk_dynamodb::types::AttributeValue> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), n(v))).collect()
}

fn used_names(expressions: &[&str]) -> HashMap<String, String> {
    names()
        .into_iter()
        .filter(|(k, _)| expressions.iter().any(|e| e.contains(k.as_str())))
        .collect()
}

/// One `Update` of the counter at `pk`, under `condition`.
fn conditional_update(
    table: &str,
    pk: String,
    update: &str,
    condition: &str,
    vals: HashMap<String, aws_sdk_dynamodb::types::AttributeValue>,
) -> Result<TransactWriteItem, StoreError> {
    let update = Update::builder()
        .table_name(table)
        .key("pk", s(pk))
        .key("sk", s("C"))
        .update_expression(update)
        .condition_expression(condition)
        .set_expression_attribute_names(Some(used_names(&[update, condition])))
        .set_expression_attribute_values(Some(vals))
        .build()
        .map_err(unavailable)?;
    Ok(TransactWriteItem::builder().update(update).build())
}

/// A condition that never holds, for a change that can never apply (a blind
/// failure whose threshold locks at once, a window of zero): the unit is
/// refused and the caller decides from a read. An `Update` (an action every
/// function that counts may take), never applied.
fn never(table: &str, pk: String) -> Result<TransactWriteItem, StoreError> {
    conditional_update(
        table,
        pk,
        "ADD #v :one",
        "attribute_exists(pk) AND attribute_not_exists(pk)",
        values(&[(":one", 1)]),
    )
}

/// Adds one to the count (and the version) and sets its expiry, under `condition`.
fn add_one(
    table: &str,
    pk: String,
    condition: &str,
    expires_at: i64,
    extra: &[(&str, i64)],
) -> Result<TransactWriteItem, StoreError> {
    let mut vals = values(&[(":exp", expires_at), (":one", 1)]);
    vals.extend(values(extra));
    conditional_update(
        table,
        pk,
        "SET #e = :exp, #t = :exp ADD #n :one, #v :one",
        condition,
        vals,
    )
}

pub(super) fn counter_item(
    table: &str,
    key: &str,
    change: &CounterChange,
) -> Result<TransactWriteItem, StoreError> {
    let pk = counter_pk(key);
    match *change {
        CounterChange::Fail { threshold, now } => {
            let Some(below) = threshold.checked_sub(1).filter(|b| *b > 0) else {
                return never(table, pk);
            };
            let remember = now + time::Duration::seconds(crate::domain::FAILURE_MEMORY_SECONDS);
            add_one(
                table,
                pk,
                "attribute_not_exists(pk) OR (#e > :now AND #n < :below \
                 AND (attribute_not_exists(#l) OR #l <= :now))",
                remember.unix_timestamp(),
                &[(":now", now.unix_timestamp()), (":below", below as i64)],
            )
        }
        CounterChange::Set { state, version } => {
            let expires_at = state.expires_at.map_or(0, |e| e.unix_timestamp());
            let mut item = Item::from([
                ("pk".into(), s(pk)),
                ("sk".into(), s("C")),
                ("n".into(), n(state.count)),
                ("expires_at".into(), n(expires_at)),
                ("ttl".into(), n(expires_at)),
                ("v".into(), n(version.unwrap_or(0) + 1)),
            ]);
            if let Some(until) = state.locked_until {
                item.insert("locked_until".into(), n(until.unix_timestamp()));
            }
            // A counter written before versions existed (or none) has no `v`.
            let (condition, vals) = match version {
                Some(v) => ("#v = :v", Some(values(&[(":v", v as i64)]))),
                None => ("attribute_not_exists(#v)", None),
            };
            let put = Put::builder()
                .table_name(table)
                .set_item(Some(item))
                .condition_expression(condition)
                .set_expression_attribute_names(Some(used_names(&[condition])))
                .set_expression_attribute_values(vals)
                .build()
                .map_err(unavailable)?;
            Ok(TransactWriteItem::builder().put(put).build())
        }
        CounterChange::Clear { now } => {
            let condition = "attribute_not_exists(#l) OR #l <= :now";
            let delete = Delete::builder()
                .table_name(table)
                .key("pk", s(pk))
                .key("sk", s("C"))
                .condition_expression(condition)
                .set_expression_attribute_names(Some(used_names(&[condition])))
                .set_expression_attribute_values(Some(values(&[(":now", now.unix_timestamp())])))
                .build()
                .map_err(unavailable)?;
            Ok(TransactWriteItem::builder().delete(delete).build())
        }
        CounterChange::Take { limit, window_end } => {
            if limit == 0 {
                return never(table, pk);
            }
            add_one(
                table,
                pk,
                "attribute_not_exists(#n) OR #n < :limit",
                window_end.unix_timestamp(),
                &[(":limit", limit as i64)],
            )
        }
        CounterChange::Release => conditional_update(
            table,
            pk,
            "ADD #n :minus, #v :one",
            "attribute_exists(pk) AND #n > :zero",
            values(&[(":minus", -1), (":one", 1), (":zero", 0)]),
        ),
    }
}

#[async_trait]
impl Counters for DynamoStore {
    /// One consistent `BatchGetItem` of the counters and the username claim.
    async fn read_counters(
        &self,
        keys: &[String],
        username: Option<(&TenantId, &str)>,
    ) -> Result<CounterRead, StoreError> {
        let mut wanted: Vec<(String, &'static str)> =
            keys.iter().map(|k| (counter_pk(k), "C")).collect();
        if let Some((tenant, key)) = username {
            wanted.push((uname_pk(tenant, key), "N"));
        }
        let found = self.batch_get(&wanted).await?;
        Ok(CounterRead {
            counters: keys
                .iter()
                .map(|k| found.get(&counter_pk(k)).map(stored_counter))
                .collect(),
            username_holder: username.and_then(|(tenant, key)| {
                found
                    .get(&uname_pk(tenant, key))
                    .and_then(|c| c.get("user_id"))
                    .and_then(|v| v.as_s().ok())
                    .map(|id| UserId(id.clone()))
            }),
        })
    }
}
