//! The `mailer` function's logic: DynamoDB stream records of new outbox items
//! in, SES sends out. Idempotent on redelivery (the item is claimed before and
//! deleted after sending; a record whose item is gone was sent already), and
//! partial batch failures are reported so only failed records are retried.

use serde_json::{Value, json};

use super::dispatch::{Delivery, deliver};
use super::dynamodb::{is_outbox_pk, outbox_item_key};
use crate::ports::{Clock, DeadLetters, MailOutbox, Mailer};

/// What happened to one stream record.
#[derive(Debug, PartialEq, Eq)]
pub enum RecordOutcome {
    Sent,
    AlreadySent,
    Ignored,
    Failed,
    /// Given up and reported to the dead-letter queue (not retried by the stream).
    DeadLettered,
}

fn outbox_key(record: &Value) -> Option<String> {
    let keys = &record["dynamodb"]["Keys"];
    let pk = keys["pk"]["S"].as_str()?;
    let sk = keys["sk"]["S"].as_str()?;
    is_outbox_pk(pk).then(|| outbox_item_key(pk, sk))
}

pub async fn process_record(
    outbox: &dyn MailOutbox,
    mailer: &dyn Mailer,
    dead_letters: &dyn DeadLetters,
    clock: &dyn Clock,
    record: &Value,
) -> RecordOutcome {
    if record["eventName"] != "INSERT" {
        return RecordOutcome::Ignored;
    }
    let Some(key) = outbox_key(record) else {
        return RecordOutcome::Ignored;
    };
    let item = match outbox.queued(&key).await {
        Ok(Some(item)) => item,
        Ok(None) => return RecordOutcome::AlreadySent,
        Err(e) => {
            tracing::error!(error = %e, "outbox unreadable");
            return RecordOutcome::Failed;
        }
    };
    match deliver(outbox, mailer, clock, &item).await {
        Delivery::Sent => RecordOutcome::Sent,
        // Busy: another invocation holds it; retry later (it is gone once sent).
        Delivery::Busy | Delivery::Failed { .. } => RecordOutcome::Failed,
        // The queue message names the item and why, so `latchkey ops
        // redrive-mail` can queue it again once the cause is fixed. If even the
        // queue fails, the stream retries the record.
        Delivery::GaveUp { reason } => match dead_letters.dead_letter(&item, &reason).await {
            Ok(()) => RecordOutcome::DeadLettered,
            Err(e) => {
                tracing::error!(error = %e, outbox_key = %item.key, "dead-letter queue unreachable");
                RecordOutcome::Failed
            }
        },
    }
}

/// Processes a stream batch and answers with the failed records' sequence
/// numbers (`ReportBatchItemFailures`).
pub async fn handle_batch(
    outbox: &dyn MailOutbox,
    mailer: &dyn Mailer,
    dead_letters: &dyn DeadLetters,
    clock: &dyn Clock,
    event: &Value,
) -> Value {
    let mut failures = Vec::new();
    for record in event["Records"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if process_record(outbox, mailer, dead_letters, clock, record).await
            == RecordOutcome::Failed
        {
            let id = record["dynamodb"]["SequenceNumber"]
                .as_str()
                .unwrap_or_default();
            failures.push(json!({"itemIdentifier": id}));
        }
    }
    json!({"batchItemFailures": failures})
}
