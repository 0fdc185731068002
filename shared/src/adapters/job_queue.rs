//! Jobs on AWS: the jobs queue (SQS FIFO, one message group per job, so one
//! job's pages run one after another while jobs of different tenants run side
//! by side) and the `job-worker` function's handling of a batch of messages.

use async_trait::async_trait;
use serde_json::{Value, json};

use crate::app::App;
use crate::ports::{JobPages, JobStore, SystemClock};
use crate::usecases::jobs::{Delivered, JobRunner, PageMessage, restart};

/// The jobs queue. Its deduplication id is the message's own
/// ([`PageMessage::dedup_id`]): SQS drops a repeat sent within five minutes.
pub struct SqsJobPages {
    client: aws_sdk_sqs::Client,
    queue_url: String,
}

impl SqsJobPages {
    pub fn new(client: aws_sdk_sqs::Client, queue_url: impl Into<String>) -> Self {
        Self {
            client,
            queue_url: queue_url.into(),
        }
    }
}

#[async_trait]
impl JobPages for SqsJobPages {
    async fn send(&self, page: &PageMessage) -> Result<(), String> {
        self.client
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(page.body())
            .message_group_id(page.group_id())
            .message_deduplication_id(page.dedup_id())
            .send()
            .await
            .map_err(|e| aws_sdk_sqs::error::DisplayErrorContext(&e).to_string())?;
        Ok(())
    }
}

/// The runner as the worker builds it from the app (the system clock waits
/// for the mail pace).
pub fn runner(app: &App) -> JobRunner<'_> {
    JobRunner {
        tenants: &*app.tenants,
        users: &*app.store,
        directory: &*app.store,
        jobs: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        sleeper: &SystemClock,
        links: &app.links,
        pace: app.job_pace,
    }
}

/// Handles an SQS event (`{"Records": [{"messageId", "body", ...}]}`) and
/// answers the partial batch response (`{"batchItemFailures": [...]}`): a
/// failed message is delivered again after the visibility timeout, and after
/// the queue's `maxReceiveCount` lands in the dead-letter queue. In a FIFO
/// batch the messages after a failed one are failed too, unprocessed, so a
/// job's pages never run out of order.
pub async fn handle_event(app: &App, pages: &dyn JobPages, event: &Value) -> Value {
    let records = event
        .get("Records")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut failed: Vec<Value> = Vec::new();
    for record in &records {
        let id = record
            .get("messageId")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !failed.is_empty() {
            failed.push(json!({ "itemIdentifier": id }));
            continue;
        }
        let body = record.get("body").and_then(Value::as_str).unwrap_or("");
        let Some(message) = PageMessage::parse(body) else {
            // Never ours: it fails until the dead-letter queue keeps it for
            // a person (the redrive leaves it there and says so).
            tracing::error!(message_id = %id, "job message unreadable");
            failed.push(json!({ "itemIdentifier": id }));
            continue;
        };
        match runner(app).deliver(pages, &message).await {
            Ok(done) => log_delivered(&message, &done),
            Err(e) => {
                tracing::warn!(job = %message.job, page = message.page, error = %e, "job page failed");
                failed.push(json!({ "itemIdentifier": id }));
            }
        }
    }
    json!({ "batchItemFailures": failed })
}

fn log_delivered(m: &PageMessage, done: &Delivered) {
    match done {
        Delivered::Ran { next } => {
            tracing::info!(job = %m.job, page = m.page, ?next, "job page ran");
        }
        Delivered::Repeat { resent } => {
            tracing::info!(job = %m.job, page = m.page, ?resent, "job page repeated");
        }
        Delivered::Idle(status) => {
            tracing::info!(job = %m.job, page = m.page, ?status, "job not running");
        }
    }
}

/// What a redrive of the jobs' dead-letter queue did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct JobsRedriven {
    /// Jobs whose current page was queued again (`{job}:{page}`).
    pub restarted: Vec<String>,
    /// Messages of jobs that no longer run (paused, over, gone): dropped.
    pub idle: usize,
    /// Messages that are not ours; left in the dead-letter queue.
    pub unreadable: usize,
}

/// Reads up to `max` messages of the jobs' dead-letter queue and, for each
/// job still running, queues the page it stands at (not the dead message's
/// page: the job may have moved on); then deletes the message. A message is
/// deleted only after its job was restarted (or found not running), so an
/// interrupted redrive loses nothing.
pub async fn redrive(
    client: &aws_sdk_sqs::Client,
    dlq_url: &str,
    jobs: &dyn JobStore,
    pages: &dyn JobPages,
    max: usize,
) -> Result<JobsRedriven, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let mut report = JobsRedriven::default();
    let mut seen = 0;
    while seen < max {
        let batch = (max - seen).min(10) as i32;
        let out = client
            .receive_message()
            .queue_url(dlq_url)
            .max_number_of_messages(batch)
            .visibility_timeout(60)
            .send()
            .await
            .map_err(|e| err(&aws_sdk_sqs::error::DisplayErrorContext(&e)))?;
        let messages = out.messages();
        if messages.is_empty() {
            break;
        }
        for m in messages {
            seen += 1;
            let Some(page) = m.body().and_then(PageMessage::parse) else {
                report.unreadable += 1;
                continue;
            };
            let restarted = restart(jobs, pages, &page.tenant, &page.job)
                .await
                .or_else(|e| match e {
                    crate::usecases::AppError::NotFound => Ok(None),
                    e => Err(e.to_string()),
                })?;
            match restarted {
                Some(at) => report.restarted.push(format!("{}:{at}", page.job)),
                None => report.idle += 1,
            }
            if let Some(handle) = m.receipt_handle() {
                client
                    .delete_message()
                    .queue_url(dlq_url)
                    .receipt_handle(handle)
                    .send()
                    .await
                    .map_err(|e| err(&aws_sdk_sqs::error::DisplayErrorContext(&e)))?;
            }
        }
    }
    Ok(report)
}
