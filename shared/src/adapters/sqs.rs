//! The mailer's dead-letter queue: one message per mail given up, naming the
//! outbox item and why (never the body, which may hold a live link).

use async_trait::async_trait;
use serde_json::json;

use crate::ports::{DeadLetters, OutboxItem};

pub struct SqsDeadLetters {
    client: aws_sdk_sqs::Client,
    queue_url: String,
}

impl SqsDeadLetters {
    pub fn new(client: aws_sdk_sqs::Client, queue_url: impl Into<String>) -> Self {
        Self {
            client,
            queue_url: queue_url.into(),
        }
    }
}

/// The message body `latchkey ops redrive-mail` reads.
pub fn dead_letter_body(item: &OutboxItem, reason: &str) -> String {
    json!({
        "outbox_key": item.key,
        "mail_id": item.email.id,
        "kind": item.email.kind,
        "tenant": item.email.tenant_id,
        "attempts": item.attempts,
        "reason": reason,
    })
    .to_string()
}

#[async_trait]
impl DeadLetters for SqsDeadLetters {
    async fn dead_letter(&self, item: &OutboxItem, reason: &str) -> Result<(), String> {
        self.client
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(dead_letter_body(item, reason))
            .send()
            .await
            .map_err(|e| aws_sdk_sqs::error::DisplayErrorContext(&e).to_string())?;
        Ok(())
    }
}

/// Without a queue (local runs), given-up mail is only logged; it stays in the
/// store with its attempts at the maximum.
pub struct LogDeadLetters;

#[async_trait]
impl DeadLetters for LogDeadLetters {
    async fn dead_letter(&self, item: &OutboxItem, reason: &str) -> Result<(), String> {
        tracing::error!(outbox_key = %item.key, mail_id = %item.email.id, %reason, "mail given up");
        Ok(())
    }
}

/// What a redrive did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Redriven {
    /// Queued again (a fresh outbox item the mailer picks up from the stream).
    pub requeued: Vec<String>,
    /// Already gone (sent since, or expired): nothing to do.
    pub gone: usize,
    /// Messages that named no outbox item; left in the queue.
    pub unreadable: usize,
}

/// Reads up to `max` dead-letter messages, queues each named outbox item again
/// and deletes the message. A message is deleted only after its item was
/// requeued (or found gone), so an interrupted redrive loses nothing.
pub async fn redrive(
    client: &aws_sdk_sqs::Client,
    queue_url: &str,
    store: &super::dynamodb::DynamoStore,
    clock: &dyn crate::ports::Clock,
    max: usize,
) -> Result<Redriven, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let mut report = Redriven::default();
    let mut seen = 0;
    while seen < max {
        let batch = client
            .receive_message()
            .queue_url(queue_url)
            .max_number_of_messages(((max - seen).min(10)) as i32)
            .wait_time_seconds(1)
            .send()
            .await
            .map_err(|e| aws_sdk_sqs::error::DisplayErrorContext(&e).to_string())?;
        let messages = batch.messages();
        if messages.is_empty() {
            break;
        }
        for m in messages {
            seen += 1;
            let key = m
                .body()
                .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
                .and_then(|v| v["outbox_key"].as_str().map(str::to_owned));
            let Some(key) = key else {
                report.unreadable += 1;
                continue;
            };
            match store
                .requeue_outbox_item(&key, clock.now())
                .await
                .map_err(|e| err(&e))?
            {
                Some(new_key) => report.requeued.push(new_key),
                None => report.gone += 1,
            }
            if let Some(handle) = m.receipt_handle() {
                client
                    .delete_message()
                    .queue_url(queue_url)
                    .receipt_handle(handle)
                    .send()
                    .await
                    .map_err(|e| aws_sdk_sqs::error::DisplayErrorContext(&e).to_string())?;
            }
        }
    }
    Ok(report)
}
