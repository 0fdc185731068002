//! What starts a job once it is created or resumed: in `latchkey serve`, a
//! background task per job ([`LocalJobs`]); on AWS, the first page's message
//! on the jobs queue ([`QueuedJobs`]), which the `job-worker` function
//! carries on page after page.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use crate::domain::jobs::{Job, JobId, MailPace};
use crate::ports::{Clock, JobPages, Store, SystemClock};
use crate::usecases::jobs::{JobRunner, PageMessage};
use crate::usecases::reset::LinkConfig;

/// Starts driving a job that was just created or resumed (or kicks one that
/// runs: starting a running job again is harmless).
#[async_trait]
pub trait JobLauncher: Send + Sync {
    async fn launch(&self, job: &Job) -> Result<(), String>;
}

/// One background task per job, never two for the same job (two would be
/// correct, thanks to the per-user marks, but would double the work and the
/// mail rate).
pub struct LocalJobs {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    links: LinkConfig,
    pace: MailPace,
    running: Arc<Mutex<HashSet<JobId>>>,
}

impl LocalJobs {
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        links: LinkConfig,
        pace: MailPace,
    ) -> Self {
        Self {
            store,
            clock,
            links,
            pace,
            running: Default::default(),
        }
    }
}

#[async_trait]
impl JobLauncher for LocalJobs {
    async fn launch(&self, job: &Job) -> Result<(), String> {
        let (tenant, id) = (job.tenant_id.clone(), job.id.clone());
        let first = self
            .running
            .lock()
            .map(|mut r| r.insert(id.clone()))
            .unwrap_or(false);
        if !first {
            return Ok(());
        }
        let (store, clock, links, pace, running) = (
            self.store.clone(),
            self.clock.clone(),
            self.links.clone(),
            self.pace,
            self.running.clone(),
        );
        tokio::spawn(async move {
            let outcome = JobRunner {
                tenants: &*store,
                users: &*store,
                directory: &*store,
                jobs: &*store,
                committer: &*store,
                clock: &*clock,
                sleeper: &SystemClock,
                links: &links,
                pace,
            }
            .drive(&tenant, &id)
            .await;
            match outcome {
                Ok(j) => tracing::info!(job = %id, status = ?j.status, "job driven"),
                Err(e) => tracing::warn!(job = %id, error = %e, "job stopped"),
            }
            if let Ok(mut r) = running.lock() {
                r.remove(&id);
            }
        });
        Ok(())
    }
}

/// Sends the job's current page to the jobs queue; the worker does the rest.
pub struct QueuedJobs {
    pub pages: Arc<dyn JobPages>,
}

#[async_trait]
impl JobLauncher for QueuedJobs {
    async fn launch(&self, job: &Job) -> Result<(), String> {
        match PageMessage::next_of(job) {
            Some(m) => self.pages.send(&m).await,
            None => Ok(()),
        }
    }
}
