//! The `mailer` function's logic: DynamoDB stream records of new outbox items
//! in, SES sends out. Idempotent on redelivery (the item is claimed before and
//! deleted after sending; a record whose item is gone was sent already), and
//! partial batch failures are reported so only failed records are retried.

use serde_json::{Value, json};
use time::Duration;

use crate::ports::{Clock, MailOutbox, Mailer};

/// What happened to one stream record.
#[derive(Debug, PartialEq, Eq)]
pub enum RecordOutcome {
    Sent,
    AlreadySent,
    Ignored,
    Failed,
}

fn outbox_key(record: &Value) -> Option<String> {
    let keys = &record["dynamodb"]["Keys"];
    let pk = keys["pk"]["S"].as_str()?;
    let sk = keys["sk"]["S"].as_str()?;
    pk.starts_with("OUTBOX#").then(|| format!("{pk}|{sk}"))
}

pub async fn process_record(
    outbox: &dyn MailOutbox,
    mailer: &dyn Mailer,
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
    let now = clock.now();
    match outbox.claim(&key, now, now + Duration::seconds(60)).await {
        Ok(true) => {}
        // Another invocation holds it; retry later (it will be gone if sent).
        Ok(false) => return RecordOutcome::Failed,
        Err(e) => {
            tracing::error!(error = %e, "could not claim queued mail");
            return RecordOutcome::Failed;
        }
    }
    match mailer.send(&item.email).await {
        Ok(()) => {
            tracing::info!(mail_id = %item.email.id, kind = ?item.email.kind, "mail sent");
            if let Err(e) = outbox.ack(&key).await {
                tracing::error!(error = %e, mail_id = %item.email.id, "mail sent but not removed from outbox");
            }
            RecordOutcome::Sent
        }
        Err(e) => {
            tracing::error!(error = %e, mail_id = %item.email.id, attempts = item.attempts + 1, "mail send failed; the record will be retried");
            if let Err(e) = outbox.nack(&key).await {
                tracing::error!(error = %e, "could not record failed send");
            }
            RecordOutcome::Failed
        }
    }
}

/// Processes a stream batch and answers with the failed records' sequence
/// numbers (`ReportBatchItemFailures`).
pub async fn handle_batch(
    outbox: &dyn MailOutbox,
    mailer: &dyn Mailer,
    clock: &dyn Clock,
    event: &Value,
) -> Value {
    let mut failures = Vec::new();
    for record in event["Records"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if process_record(outbox, mailer, clock, record).await == RecordOutcome::Failed {
            let id = record["dynamodb"]["SequenceNumber"]
                .as_str()
                .unwrap_or_default();
            failures.push(json!({"itemIdentifier": id}));
        }
    }
    json!({"batchItemFailures": failures})
}
