//! A job driven through a queue (SQS on AWS): each message names one page;
//! the worker runs it and sends the next page's message. The chain is kept
//! alive without ever growing into two chains:
//! - a page's next message is sent only after the page is recorded;
//! - a message whose page was recorded already (a duplicate delivery, or a
//!   redelivery after the next send failed) sends the message of the page the
//!   job now stands at, under the same deduplication id a live chain would
//!   have used (the job's id, page and version): if the chain is alive the
//!   queue drops it, and if the send had failed it restarts the chain.

use serde::{Deserialize, Serialize};

use super::{JobRunner, PageRun};
use crate::domain::TenantId;
use crate::domain::jobs::{Job, JobId, JobStatus};
use crate::ports::{JobPages, JobStore};
use crate::usecases::AppError;

/// One queue message: run page `page` of a job. Carries no user and no
/// secret: everything else is read from the store when the page runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMessage {
    pub tenant: TenantId,
    pub job: JobId,
    pub page: u64,
    /// The job's version when the message was made: a resume moves it, so
    /// the resumed page is not taken for a repeat of the one sent before
    /// the pause.
    pub version: u64,
}

impl PageMessage {
    /// A message body read back, `None` unless it is one of ours (its job id
    /// becomes part of a store key: checked like a path segment).
    pub fn parse(body: &str) -> Option<Self> {
        let m: Self = serde_json::from_str(body).ok()?;
        JobId::parse(m.job.as_str())?;
        Some(m)
    }

    pub fn body(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The message that drives `job` on from where it stands, if it runs.
    pub fn next_of(job: &Job) -> Option<Self> {
        (job.status == JobStatus::Running && !job.scanned).then(|| Self {
            tenant: job.tenant_id.clone(),
            job: job.id.clone(),
            page: job.pages_done,
            version: job.version,
        })
    }

    /// Equal for two messages that would do the same: the queue keeps one.
    pub fn dedup_id(&self) -> String {
        format!("{}-{}-{}", self.job, self.page, self.version)
    }

    /// The queue's ordering group: one job's pages run one after another.
    pub fn group_id(&self) -> &str {
        self.job.as_str()
    }
}

/// What a delivery of a page message did.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivered {
    /// The page ran; the next one was sent (`Some`), or the job has ended.
    Ran { next: Option<u64> },
    /// The page had been recorded; the job's current page was sent again
    /// (`Some`) to keep the chain alive, or the job does not run.
    Repeat { resent: Option<u64> },
    /// The job is paused or over: nothing done, nothing sent (a resume sends
    /// the page again).
    Idle(JobStatus),
}

impl JobRunner<'_> {
    /// Handles one delivery of `message`. An error leaves the message to the
    /// queue: it is delivered again, and after a few failures lands in the
    /// dead-letter queue, which `latchkey ops redrive-jobs` sends back.
    pub async fn deliver(
        &self,
        pages: &dyn JobPages,
        message: &PageMessage,
    ) -> Result<Delivered, AppError> {
        let run = self
            .run_page(&message.tenant, &message.job, message.page)
            .await?;
        match run {
            PageRun::Recorded(job) => {
                let next = PageMessage::next_of(&job);
                send(pages, next.as_ref()).await?;
                Ok(Delivered::Ran {
                    next: next.map(|m| m.page),
                })
            }
            PageRun::NotNext => {
                let resent = restart(self.jobs, pages, &message.tenant, &message.job).await?;
                Ok(Delivered::Repeat { resent })
            }
            PageRun::NotRunning(status) => Ok(Delivered::Idle(status)),
        }
    }
}

/// Sends the message of the page `job` stands at, if it runs (a resume, a
/// repeat, a redrive). Returns the page sent.
pub async fn restart(
    jobs: &dyn JobStore,
    pages: &dyn JobPages,
    tenant: &TenantId,
    job: &JobId,
) -> Result<Option<u64>, AppError> {
    let job = jobs.get_job(tenant, job).await?.ok_or(AppError::NotFound)?;
    let next = PageMessage::next_of(&job);
    send(pages, next.as_ref()).await?;
    Ok(next.map(|m| m.page))
}

async fn send(pages: &dyn JobPages, message: Option<&PageMessage>) -> Result<(), AppError> {
    if let Some(m) = message {
        pages.send(m).await.map_err(|e| {
            tracing::warn!(job = %m.job, page = m.page, error = %e, "job page not queued");
            AppError::Internal(format!("job page not queued: {e}"))
        })?;
    }
    Ok(())
}
