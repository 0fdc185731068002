//! Writes per partition key, counted on the wire (the hot-key test,
//! `tests/tests/suite/hot_keys.rs`): DynamoDB takes at most 1,000 write units a
//! second on one partition key, of the table or of an index, so a key that
//! takes a large share of a burst's writes caps the burst.
//!
//! How a request counts, from its body alone:
//! - every item written counts one write on its table partition (`pk`):
//!   `PutItem`, `UpdateItem`, `DeleteItem`, each `Put`/`Update`/`Delete` of a
//!   `TransactWriteItems` and each request of a `BatchWriteItem`; a
//!   `ConditionCheck` writes nothing. A write sent counts, refused or not
//!   (DynamoDB spends the partition's capacity on a refused write too);
//! - an index write counts on the index's own partition, named
//!   `gsi1:{gsi1pk}` or `gsi2:{gsi2pk}`, by DynamoDB's rule for when an index
//!   is written: `gsi1` projects ALL, so every write of an item that carries
//!   `gsi1pk` writes it (and one whose `gsi1pk` changed or went also removes
//!   the old entry, a write on the old key); `gsi2` is keys only, so it is
//!   written only when the item's `gsi2pk` appears, changes or goes (both the
//!   old key and the new one). An `UpdateItem` names no index key: it counts
//!   on the index keys the item had when last written.
//!
//! What an item held before is known only from writes this counter saw (the
//! item's index keys, remembered per `pk`/`sk`): a write of an item it never
//! saw counts its index keys as new, the most a write can cost. The tests
//! therefore count from before they create their data.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde_json::Value;

/// The index keys an item carried when last written: (`gsi1pk`, `gsi2pk`).
type IndexKeys = (Option<String>, Option<String>);

#[derive(Clone, Debug, Default)]
pub struct PartitionWrites {
    counts: Arc<Mutex<HashMap<String, u64>>>,
    items: Arc<Mutex<HashMap<(String, String), IndexKeys>>>,
}

/// One item write as a request names it.
enum ItemWrite<'a> {
    Put(&'a Value),
    Update(&'a Value),
    Delete(&'a Value),
}

fn s<'a>(item: &'a Value, name: &str) -> Option<&'a str> {
    item[name]["S"].as_str()
}

impl PartitionWrites {
    /// The writes per partition key since the last take, cleared (what the
    /// counter knows of items stays).
    pub fn take(&self) -> BTreeMap<String, u64> {
        std::mem::take(&mut *self.counts.lock().unwrap())
            .into_iter()
            .collect()
    }

    /// Counts the writes of one request (`operation` as in `x-amz-target`).
    pub fn record(&self, operation: &str, body: &Value) {
        match operation {
            "PutItem" => self.write(ItemWrite::Put(&body["Item"])),
            "UpdateItem" => self.write(ItemWrite::Update(&body["Key"])),
            "DeleteItem" => self.write(ItemWrite::Delete(&body["Key"])),
            "TransactWriteItems" => {
                for item in body["TransactItems"].as_array().into_iter().flatten() {
                    if let Some(put) = item.get("Put") {
                        self.write(ItemWrite::Put(&put["Item"]));
                    } else if let Some(update) = item.get("Update") {
                        self.write(ItemWrite::Update(&update["Key"]));
                    } else if let Some(delete) = item.get("Delete") {
                        self.write(ItemWrite::Delete(&delete["Key"]));
                    }
                }
            }
            "BatchWriteItem" => {
                for requests in body["RequestItems"].as_object().into_iter().flatten() {
                    for r in requests.1.as_array().into_iter().flatten() {
                        if let Some(put) = r.get("PutRequest") {
                            self.write(ItemWrite::Put(&put["Item"]));
                        } else if let Some(delete) = r.get("DeleteRequest") {
                            self.write(ItemWrite::Delete(&delete["Key"]));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn write(&self, w: ItemWrite<'_>) {
        let key = match w {
            ItemWrite::Put(v) | ItemWrite::Update(v) | ItemWrite::Delete(v) => v,
        };
        let (Some(pk), Some(sk)) = (s(key, "pk"), s(key, "sk")) else {
            return;
        };
        let mut counts = self.counts.lock().unwrap();
        let mut items = self.items.lock().unwrap();
        let mut count = |partition: String| *counts.entry(partition).or_default() += 1;
        count(pk.to_owned());
        let id = (pk.to_owned(), sk.to_owned());
        let (old1, old2) = items.get(&id).cloned().unwrap_or_default();
        match w {
            ItemWrite::Put(item) => {
                let new1 = s(item, "gsi1pk").map(str::to_owned);
                let new2 = s(item, "gsi2pk").map(str::to_owned);
                if let Some(k) = &new1 {
                    count(format!("gsi1:{k}"));
                }
                if let Some(k) = old1.filter(|o| Some(o) != new1.as_ref()) {
                    count(format!("gsi1:{k}"));
                }
                if new2 != old2 || !items.contains_key(&id) {
                    for k in new2.iter().chain(old2.iter()) {
                        count(format!("gsi2:{k}"));
                    }
                }
                items.insert(id, (new1, new2));
            }
            ItemWrite::Update(_) => {
                if let Some(k) = old1 {
                    count(format!("gsi1:{k}"));
                }
            }
            ItemWrite::Delete(_) => {
                for k in old1.iter() {
                    count(format!("gsi1:{k}"));
                }
                for k in old2.iter() {
                    count(format!("gsi2:{k}"));
                }
                items.remove(&id);
            }
        }
    }
}

/// The family of a partition key: its prefix up to the first `#` (an index
/// partition keeps its `gsi1:`/`gsi2:` mark), e.g. `AUDIT`, `gsi2:PWSET`.
pub fn family(partition: &str) -> &str {
    partition.split_once('#').map_or(partition, |(f, _)| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user(gsi2: &str) -> Value {
        json!({"pk": {"S": "USER#t#1"}, "sk": {"S": "U"},
               "gsi1pk": {"S": "EMAIL#t#a"}, "gsi2pk": {"S": gsi2}})
    }

    #[test]
    fn writes_count_on_their_table_and_index_partitions() {
        let w = PartitionWrites::default();
        // GIVEN a user put with both index keys THEN its partition and both
        // index partitions take a write
        w.record("PutItem", &json!({"Item": user("PWSET#t#d1#0")}));
        assert_eq!(
            w.take(),
            BTreeMap::from([
                ("USER#t#1".to_owned(), 1),
                ("gsi1:EMAIL#t#a".to_owned(), 1),
                ("gsi2:PWSET#t#d1#0".to_owned(), 1),
            ])
        );
        // WHEN it is saved again with the same keys, in a transaction with an
        // update of it, a condition check and a counter THEN the keys-only
        // index is not written, the ALL index is, twice
        w.record(
            "TransactWriteItems",
            &json!({"TransactItems": [
                {"Put": {"Item": user("PWSET#t#d1#0")}},
                {"Update": {"Key": {"pk": {"S": "USER#t#1"}, "sk": {"S": "U"}}}},
                {"ConditionCheck": {"Key": {"pk": {"S": "X#1"}, "sk": {"S": "X"}}}},
                {"Update": {"Key": {"pk": {"S": "CTR#k"}, "sk": {"S": "C"}}}},
            ]}),
        );
        assert_eq!(
            w.take(),
            BTreeMap::from([
                ("CTR#k".to_owned(), 1),
                ("USER#t#1".to_owned(), 2),
                ("gsi1:EMAIL#t#a".to_owned(), 2),
            ])
        );
        // WHEN its expiry key moves THEN the old and the new one are written;
        // WHEN it is deleted THEN every index entry it had is
        w.record("PutItem", &json!({"Item": user("PWSET#t#d2#0")}));
        w.record(
            "BatchWriteItem",
            &json!({"RequestItems": {"t": [{"DeleteRequest": {"Key":
                {"pk": {"S": "USER#t#1"}, "sk": {"S": "U"}}}}]}}),
        );
        assert_eq!(
            w.take(),
            BTreeMap::from([
                ("USER#t#1".to_owned(), 2),
                ("gsi1:EMAIL#t#a".to_owned(), 2),
                ("gsi2:PWSET#t#d1#0".to_owned(), 1),
                ("gsi2:PWSET#t#d2#0".to_owned(), 2),
            ])
        );
        assert_eq!(family("gsi2:PWSET#t#d1#0"), "gsi2:PWSET");
        assert_eq!(family("KEYRING"), "KEYRING");
    }
}
