//! Drives running jobs in this process (`latchkey serve`): one background
//! task per job, never two for the same job (two would be correct, thanks to
//! the per-user marks, but would double the work and the mail rate).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use crate::domain::TenantId;
use crate::domain::jobs::{JobId, MailPace};
use crate::ports::{Clock, Store, SystemClock};
use crate::usecases::jobs::JobRunner;
use crate::usecases::reset::LinkConfig;

/// Starts driving a job that was just created or resumed.
pub trait JobLauncher: Send + Sync {
    fn launch(&self, tenant: TenantId, job: JobId);
}

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

impl JobLauncher for LocalJobs {
    fn launch(&self, tenant: TenantId, job: JobId) {
        let first = self
            .running
            .lock()
            .map(|mut r| r.insert(job.clone()))
            .unwrap_or(false);
        if !first {
            return;
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
            .drive(&tenant, &job)
            .await;
            match outcome {
                Ok(j) => tracing::info!(job = %job, status = ?j.status, "job driven"),
                Err(e) => tracing::warn!(job = %job, error = %e, "job stopped"),
            }
            if let Ok(mut r) = running.lock() {
                r.remove(&job);
            }
        });
    }
}
