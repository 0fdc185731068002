//! DynamoDB capacity per request, metered on the wire: an SDK interceptor reads
//! each request and response body (DynamoDB's JSON protocol) and bills it by
//! DynamoDB's on-demand rules.
//!
//! Why not `ReturnConsumedCapacity`: moto answers it with constants (0.5 or 1
//! per call, 2 per transaction item, whatever the item's size: moto's
//! `dynamodb/responses.py`), so on moto it would measure nothing. The sizes are
//! real here: the bytes the adapter sends and receives.
//!
//! The rules (DynamoDB developer guide, "read/write request units"):
//! - item size: for every attribute, its name's UTF-8 length plus its value's
//!   size (S: UTF-8 length; N: about one byte per two significant digits, plus
//!   one; B: the raw bytes; BOOL and NULL: 1; M and L: 3 plus their elements,
//!   one byte more per element);
//! - a strongly consistent read: `ceil(size / 4 KB)` RRU, at least 1; eventually
//!   consistent: half that (at least 0.5); a `Query` sums the items it returned
//!   before rounding; a `BatchGetItem` rounds each item, and a key it did not
//!   find costs the minimum;
//! - a write: `ceil(size / 1 KB)` WRU, at least 1, and as much again for the
//!   index when the item carries `gsi1pk` (the table's one GSI projects ALL);
//!   inside `TransactWriteItems` twice that per item.
//!
//! One approximation, stated: `UpdateItem`, `DeleteItem` and `ConditionCheck`
//! are billed by the size of the item stored, which the request does not carry;
//! they are counted as one unit (every item they touch here is a counter, a
//! claim, a session or an outbox lease, all under 1 KB: docs/cost.md, section 3).

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use serde_json::Value;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Request units billed so far.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Units {
    pub read: f64,
    pub write: f64,
}

impl std::ops::Sub for Units {
    type Output = Units;
    fn sub(self, rhs: Units) -> Units {
        Units {
            read: self.read - rhs.read,
            write: self.write - rhs.write,
        }
    }
}

/// The interceptor; clone it to read the meter while the client uses it.
/// Besides the units it records, on the wire rather than inside the store,
/// which IAM actions the calls need (each item of a transaction is checked
/// by its own action; a query of an index names it, `dynamodb:Query:gsi1`)
/// and how many requests were sent and waited on one after another (requests
/// sent while another is in flight count as one wait), and the writes per
/// partition key (`crate::partitions`).
#[derive(Clone, Debug, Default)]
pub struct CapacityMeter {
    total: Arc<Mutex<Units>>,
    actions: Arc<Mutex<std::collections::BTreeSet<String>>>,
    /// (action, partition-key family): the family is a key's prefix up to its
    /// first `#`, what an IAM policy's `dynamodb:LeadingKeys` name.
    keys: Arc<Mutex<std::collections::BTreeSet<(String, String)>>>,
    requests: Arc<std::sync::atomic::AtomicUsize>,
    /// Writes per partition key (`crate::partitions` says how they count).
    partitions: crate::partitions::PartitionWrites,
    in_flight: Arc<std::sync::atomic::AtomicUsize>,
    waits: Arc<std::sync::atomic::AtomicUsize>,
}

impl CapacityMeter {
    pub fn units(&self) -> Units {
        *self.total.lock().unwrap()
    }

    /// The IAM actions of the calls since the last take, cleared.
    pub fn take_recorded(&self) -> std::collections::BTreeSet<String> {
        std::mem::take(&mut *self.actions.lock().unwrap())
    }

    /// The (action, partition-key family) pairs since the last take, cleared
    /// (e.g. `("dynamodb:PutItem", "USESS")`).
    pub fn take_recorded_keys(&self) -> std::collections::BTreeSet<(String, String)> {
        std::mem::take(&mut *self.keys.lock().unwrap())
    }

    /// The writes per partition key (table and index) since the last take,
    /// cleared.
    pub fn take_partition_writes(&self) -> std::collections::BTreeMap<String, u64> {
        self.partitions.take()
    }

    /// Requests sent so far.
    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Sequential waits on DynamoDB so far.
    pub fn sequential(&self) -> usize {
        self.waits.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn record(&self, operation: &str, body: &Value) {
        let mut actions = self.actions.lock().unwrap();
        let mut keys = self.keys.lock().unwrap();
        let mut on = |action: String, pk: Option<&str>| {
            if let Some(pk) = pk {
                let family = pk.split_once('#').map_or(pk, |(f, _)| f);
                keys.insert((action.clone(), family.to_owned()));
            }
            actions.insert(action);
        };
        let pk = |v: &Value| v["pk"]["S"].as_str().map(str::to_owned);
        match operation {
            "TransactWriteItems" => {
                for item in body["TransactItems"].as_array().into_iter().flatten() {
                    for (key, action, field) in [
                        ("Put", "PutItem", "Item"),
                        ("Update", "UpdateItem", "Key"),
                        ("Delete", "DeleteItem", "Key"),
                        ("ConditionCheck", "ConditionCheckItem", "Key"),
                    ] {
                        if let Some(part) = item.get(key) {
                            on(format!("dynamodb:{action}"), pk(&part[field]).as_deref());
                        }
                    }
                }
            }
            "Query" => {
                let action = match body["IndexName"].as_str() {
                    Some(index) => format!("dynamodb:Query:{index}"),
                    None => "dynamodb:Query".to_owned(),
                };
                on(
                    action,
                    body["ExpressionAttributeValues"][":pk"]["S"].as_str(),
                );
            }
            "BatchGetItem" => {
                for request in body["RequestItems"].as_object().into_iter().flatten() {
                    for key in request.1["Keys"].as_array().into_iter().flatten() {
                        on("dynamodb:BatchGetItem".into(), pk(key).as_deref());
                    }
                }
            }
            "PutItem" => on("dynamodb:PutItem".into(), pk(&body["Item"]).as_deref()),
            other => on(format!("dynamodb:{other}"), pk(&body["Key"]).as_deref()),
        }
    }

    fn add(&self, u: Units) {
        let mut t = self.total.lock().unwrap();
        t.read += u.read;
        t.write += u.write;
    }
}

/// What the request said, kept until its response is read.
#[derive(Clone, Debug)]
struct Sent {
    operation: String,
    body: Value,
}
impl Storable for Sent {
    type Storer = StoreReplace<Self>;
}

impl Intercept for CapacityMeter {
    fn name(&self) -> &'static str {
        "CapacityMeter"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let req = context.request();
        let operation = req
            .headers()
            .get("x-amz-target")
            .and_then(|t| t.rsplit('.').next())
            .unwrap_or_default()
            .to_owned();
        let body = req
            .body()
            .bytes()
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or(Value::Null);
        use std::sync::atomic::Ordering::SeqCst;
        self.record(&operation, &body);
        self.partitions.record(&operation, &body);
        self.requests.fetch_add(1, SeqCst);
        if self.in_flight.fetch_add(1, SeqCst) == 0 {
            self.waits.fetch_add(1, SeqCst);
        }
        cfg.interceptor_state().store_put(Sent { operation, body });
        Ok(())
    }

    fn read_after_attempt(
        &self,
        _context: &aws_sdk_dynamodb::config::interceptors::FinalizerInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Only an attempt that was sent is in flight (saturating: an attempt
        // that failed before sending, after one that was sent, ends none).
        if cfg.load::<Sent>().is_some() {
            use std::sync::atomic::Ordering::SeqCst;
            let _ = self
                .in_flight
                .fetch_update(SeqCst, SeqCst, |v| Some(v.saturating_sub(1)));
        }
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(sent) = cfg.load::<Sent>() else {
            return Ok(());
        };
        let response = context.response();
        let answer: Value = response
            .body()
            .bytes()
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or(Value::Null);
        // A refused request (a failed condition, a cancelled transaction) is
        // billed too: DynamoDB charges the write it attempted.
        self.add(bill(&sent.operation, &sent.body, &answer));
        Ok(())
    }
}

/// The units of one call, from what was sent and what came back.
pub fn bill(operation: &str, sent: &Value, answer: &Value) -> Units {
    let strong = |v: &Value| v["ConsistentRead"].as_bool().unwrap_or(false);
    let read = |bytes: usize, strong: bool| {
        let units = bytes.div_ceil(4096).max(1) as f64;
        if strong { units } else { units / 2.0 }
    };
    let write = |item: &Value| {
        let size = item_size(item);
        let units = size.div_ceil(1024).max(1) as f64;
        let index = if item.get("gsi1pk").is_some() {
            units
        } else {
            0.0
        };
        units + index
    };
    match operation {
        "GetItem" => Units {
            read: read(answer.get("Item").map(item_size).unwrap_or(0), strong(sent)),
            write: 0.0,
        },
        "Query" | "Scan" => {
            let bytes = answer["Items"]
                .as_array()
                .map(|items| items.iter().map(item_size).sum())
                .unwrap_or(0);
            Units {
                read: read(bytes, strong(sent)),
                write: 0.0,
            }
        }
        "BatchGetItem" => {
            let mut units = 0.0;
            for (table, request) in sent["RequestItems"].as_object().into_iter().flatten() {
                let asked = request["Keys"].as_array().map_or(0, Vec::len);
                let found = answer["Responses"][table].as_array();
                let found_n = found.map_or(0, Vec::len);
                let unprocessed = answer["UnprocessedKeys"][table]["Keys"]
                    .as_array()
                    .map_or(0, Vec::len);
                for item in found.into_iter().flatten() {
                    units += read(item_size(item), strong(request));
                }
                let missing = asked.saturating_sub(found_n + unprocessed);
                units += missing as f64 * read(0, strong(request));
            }
            Units {
                read: units,
                write: 0.0,
            }
        }
        "PutItem" => Units {
            read: 0.0,
            write: write(&sent["Item"]),
        },
        "UpdateItem" | "DeleteItem" => Units {
            read: 0.0,
            write: 1.0,
        },
        "BatchWriteItem" => {
            let mut units = 0.0;
            for requests in sent["RequestItems"].as_object().into_iter().flatten() {
                for r in requests.1.as_array().into_iter().flatten() {
                    units += match r.get("PutRequest") {
                        Some(put) => write(&put["Item"]),
                        None => 1.0,
                    };
                }
            }
            Units {
                read: 0.0,
                write: units,
            }
        }
        "TransactWriteItems" => {
            let units: f64 = sent["TransactItems"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| match t.get("Put") {
                    Some(put) => 2.0 * write(&put["Item"]),
                    None => 2.0,
                })
                .sum();
            Units {
                read: 0.0,
                write: units,
            }
        }
        _ => Units::default(),
    }
}

/// An item's size by DynamoDB's rule (an item is a map of attribute values).
pub fn item_size(item: &Value) -> usize {
    item.as_object()
        .map(|attrs| {
            attrs
                .iter()
                .map(|(name, value)| name.len() + value_size(value))
                .sum()
        })
        .unwrap_or(0)
}

fn value_size(v: &Value) -> usize {
    let Some((kind, inner)) = v.as_object().and_then(|o| o.iter().next()) else {
        return 0;
    };
    match kind.as_str() {
        "S" => inner.as_str().map_or(0, str::len),
        "N" => inner.as_str().map_or(0, number_size),
        "B" => inner.as_str().map_or(0, |b| b.len() * 3 / 4),
        "BOOL" | "NULL" => 1,
        "SS" => strings(inner).map(str::len).sum(),
        "NS" => strings(inner).map(number_size).sum(),
        "BS" => strings(inner).map(|b| b.len() * 3 / 4).sum(),
        "M" => {
            3 + inner.as_object().map_or(0, |m| {
                m.iter()
                    .map(|(name, value)| name.len() + value_size(value) + 1)
                    .sum()
            })
        }
        "L" => {
            3 + inner
                .as_array()
                .map_or(0, |l| l.iter().map(|value| value_size(value) + 1).sum())
        }
        _ => 0,
    }
}

fn strings(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

/// About one byte per two significant digits, plus one.
fn number_size(n: &str) -> usize {
    let digits = n
        .trim_start_matches('-')
        .split(['e', 'E'])
        .next()
        .unwrap_or("")
        .replace('.', "");
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    significant.max(1).div_ceil(2) + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn calls_are_billed_by_dynamodb_s_rules() {
        // GIVEN a 30-byte item WHEN read strongly THEN 1 RRU; eventually: 0.5
        let small = json!({"pk": {"S": "USER#a"}, "sk": {"S": "U"}, "n": {"N": "12345"}});
        assert_eq!(item_size(&small), 2 + 6 + 2 + 1 + 1 + 4);
        let get = bill(
            "GetItem",
            &json!({"ConsistentRead": true}),
            &json!({"Item": small}),
        );
        assert_eq!(get.read, 1.0);
        assert_eq!(bill("GetItem", &json!({}), &json!({})).read, 0.5);
        // GIVEN an item of 5,000 bytes WHEN put THEN 5 WRU; with gsi1pk 10; in
        // a transaction 20; read strongly 2 RRU
        let big = json!({"pk": {"S": "x".repeat(4994)}, "gsi1pk": {"S": ""}});
        assert_eq!(item_size(&big), 2 + 4994 + 6);
        assert_eq!(
            bill(
                "PutItem",
                &json!({"Item": {"pk": {"S": "x".repeat(4998)}}}),
                &json!({})
            )
            .write,
            5.0
        );
        assert_eq!(
            bill("PutItem", &json!({"Item": big}), &json!({})).write,
            10.0
        );
        assert_eq!(
            bill(
                "TransactWriteItems",
                &json!({"TransactItems": [{"Put": {"Item": big}}, {"Update": {}}]}),
                &json!({})
            )
            .write,
            22.0
        );
        // GIVEN a batch of 3 keys, 1 found WHEN read strongly THEN 3 RRU
        let batch = bill(
            "BatchGetItem",
            &json!({"RequestItems": {"t": {"Keys": [{}, {}, {}], "ConsistentRead": true}}}),
            &json!({"Responses": {"t": [small]}}),
        );
        assert_eq!(batch.read, 3.0);
        // GIVEN a query returning 3 items of 3,000 bytes THEN ceil(9000/4096)/2
        let item = json!({"pk": {"S": "y".repeat(2998)}});
        let q = bill(
            "Query",
            &json!({}),
            &json!({"Items": [item.clone(), item.clone(), item]}),
        );
        assert_eq!(q.read, 1.5);
        // numbers: significant digits
        assert_eq!(number_size("1700000000"), 2);
        assert_eq!(number_size("123456"), 4);
        assert_eq!(number_size("0"), 2);
    }
}
