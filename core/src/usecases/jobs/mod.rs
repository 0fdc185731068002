//! Jobs: reset or expire everyone matching a search (issue 27). `Jobs` holds
//! what a caller asks for (create with a dry run, read, list, pause, resume,
//! cancel); `runner` holds the work (`run_page`, one page of at most 100
//! users, and `drive`, the local loop over pages); `user` what a job does to
//! one account. The rules themselves are `domain::jobs`.

use serde::Deserialize;

use super::reset::LinkConfig;
use super::{AppError, RequestMeta};
use crate::domain::jobs::{
    DRY_RUN_SAMPLE, FilterInput, JOB_PAGE_USERS, Job, JobAction, JobFilter, JobId, JobRefused,
    JobSpec, MailPace, Transition, check_reset_mfa, job_reason, may_run_jobs,
};
use crate::domain::permissions::Actor;
use crate::domain::{AuditEvent, Instant, Tenant, TenantId, User};
use crate::ports::{
    Clock, Committer, JobStore, JobWrite, Page, StoreError, TenantStore, UserDirectory, UserReader,
    Write,
};

mod queue;
mod runner;
mod user;

pub use queue::{Delivered, PageMessage, restart};
pub use runner::{JobRunner, PageRun, UNITS_AT_ONCE};

/// `POST .../password-reset-jobs`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobRequest {
    pub filter: FilterInput,
    pub action: JobAction,
    #[serde(default)]
    pub reset_mfa: bool,
    #[serde(default)]
    pub dry_run: bool,
    /// Required for a job (the incident's ticket); a dry run may leave it out.
    #[serde(default)]
    pub reason: Option<String>,
}

/// What a create answers.
#[derive(Debug)]
pub enum Created {
    /// `200 {"matched", "matched_exact", "sample"}`: nothing was written.
    DryRun {
        matched: u64,
        /// False when the count stopped at its budget: `matched` is a floor.
        exact: bool,
        sample: Vec<User>,
    },
    /// `202 {"job_id", "matched"}`: the job runs (start a runner on it).
    Started(Box<Job>),
}

pub struct Jobs<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub directory: &'a dyn UserDirectory,
    pub jobs: &'a dyn JobStore,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
    pub pace: MailPace,
    /// Directory entries counted before answering ([`crate::domain::jobs::COUNT_ENTRIES`]).
    pub count_entries: usize,
}

fn invalid(r: JobRefused) -> AppError {
    AppError::InvalidRequest(r.to_string())
}

async fn tenant_of(tenants: &dyn TenantStore, id: &TenantId) -> Result<Tenant, AppError> {
    tenants.get_tenant(id).await?.ok_or(AppError::NotFound)
}

fn caller(actor: &Actor<'_>) -> Result<User, AppError> {
    match actor {
        Actor::User(u) => Ok((*u).clone()),
        Actor::Support => Err(AppError::Forbidden),
    }
}

/// The audit event of a job's state change (`job.created`, `job.paused`, ...).
pub(crate) fn job_event(
    job: &Job,
    now: Instant,
    kind: &str,
    actor: &str,
    meta: Option<&RequestMeta>,
) -> AuditEvent {
    let mut event = AuditEvent::new(&job.tenant_id, now, kind, actor, "success")
        .ip(meta.and_then(|m| m.ip.clone()))
        .detail("job_id", job.id.as_str())
        .detail("matched", job.matched)
        .detail("processed", job.counts.processed)
        .detail("sent", job.counts.sent);
    if !job.counts.skipped.is_empty() {
        event = event.detail(
            "skipped",
            serde_json::to_value(&job.counts.skipped).unwrap_or_default(),
        );
    }
    if let Some(f) = &job.failure {
        event = event.detail("failure", f.as_str());
    }
    event
}

impl Jobs<'_> {
    /// Counts the users a filter matches now, and the first
    /// [`DRY_RUN_SAMPLE`] of them, in directory order, reading at most
    /// `count_entries` entries; the bool says whether it read them all.
    async fn count(
        &self,
        tenant: &TenantId,
        filter: &JobFilter,
    ) -> Result<(u64, bool, Vec<User>), AppError> {
        let (mut matched, mut sample, mut cursor) = (0u64, Vec::new(), None::<String>);
        let mut read = 0usize;
        loop {
            let page = self
                .directory
                .search_users(tenant, filter.prefix(), cursor.as_deref(), JOB_PAGE_USERS)
                .await?;
            read += page.items.len();
            for u in page.items.into_iter().filter(|u| filter.matches(u)) {
                matched += 1;
                if sample.len() < DRY_RUN_SAMPLE {
                    sample.push(u);
                }
            }
            match page.next_cursor {
                // A cursor that does not move would loop for ever.
                Some(_) if read >= self.count_entries => return Ok((matched, false, sample)),
                Some(next) if cursor.as_ref() != Some(&next) => cursor = Some(next),
                _ => return Ok((matched, true, sample)),
            }
        }
    }

    /// A dry run (count and sample, nothing written) or a new running job.
    /// The caller's rights are checked first, MFA included, as for a reset.
    pub async fn create(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        request: JobRequest,
        meta: &RequestMeta,
    ) -> Result<Created, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        may_run_jobs(
            actor,
            tenant_id,
            request.reset_mfa,
            tenant.settings.require_mfa_for_admin_resets,
        )?;
        let creator = caller(actor)?;
        let filter = request.filter.check().map_err(invalid)?;
        check_reset_mfa(request.action, request.reset_mfa).map_err(invalid)?;
        if request.dry_run {
            let (matched, exact, sample) = self.count(tenant_id, &filter).await?;
            return Ok(Created::DryRun {
                matched,
                exact,
                sample,
            });
        }
        let reason = job_reason(request.reason.as_deref().unwrap_or("")).map_err(invalid)?;
        let (matched, exact, _) = self.count(tenant_id, &filter).await?;
        let now = self.clock.now();
        let spec = JobSpec {
            filter,
            action: request.action,
            reset_mfa: request.reset_mfa,
            reason,
        };
        let mut job = Job::new(tenant_id, &creator.id, spec, matched, now);
        job.matched_exact = exact;
        let event = job_event(&job, now, "job.created", creator.id.as_str(), Some(meta))
            .detail(
                "action",
                serde_json::to_value(job.action).unwrap_or_default(),
            )
            .detail("filter", job.view(now, &self.pace).filter)
            .detail("reset_mfa", job.reset_mfa)
            .detail("reason", job.reason.as_str());
        self.committer
            .commit(vec![
                Write::Job(JobWrite::Create(job.clone())),
                Write::Audit(event),
            ])
            .await?;
        Ok(Created::Started(Box::new(job)))
    }

    /// Reading and stopping a job need the rights to run one, not the MFA
    /// rule: stopping is always safe, and who may start one may watch it.
    async fn readable(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &str,
    ) -> Result<(Tenant, JobId), AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        may_run_jobs(actor, tenant_id, false, false)?;
        let id = JobId::parse(id).ok_or(AppError::NotFound)?;
        Ok((tenant, id))
    }

    pub async fn get(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &str,
    ) -> Result<Job, AppError> {
        let (_, id) = self.readable(actor, tenant_id, id).await?;
        self.jobs
            .get_job(tenant_id, &id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The tenant's jobs, newest first; `cursor` is a previous page's.
    pub async fn list(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<Job>, AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        may_run_jobs(actor, tenant_id, false, false)?;
        let cursor = match cursor {
            None => None,
            Some(c) => Some(
                JobId::parse(c)
                    .ok_or_else(|| AppError::InvalidRequest("cursor: not one of ours".into()))?,
            ),
        };
        Ok(self
            .jobs
            .list_jobs(tenant_id, cursor.as_ref(), limit.clamp(1, 100))
            .await?)
    }

    pub async fn pause(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &str,
        meta: &RequestMeta,
    ) -> Result<Job, AppError> {
        self.transition(actor, tenant_id, id, Transition::Pause, meta)
            .await
    }

    /// Resuming starts resets again: it needs what creating needs, MFA
    /// included. When the answer is `running`, start a runner on the job.
    pub async fn resume(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &str,
        meta: &RequestMeta,
    ) -> Result<Job, AppError> {
        self.transition(actor, tenant_id, id, Transition::Resume, meta)
            .await
    }

    pub async fn cancel(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &str,
        meta: &RequestMeta,
    ) -> Result<Job, AppError> {
        self.transition(actor, tenant_id, id, Transition::Cancel, meta)
            .await
    }

    async fn transition(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        id: &str,
        t: Transition,
        meta: &RequestMeta,
    ) -> Result<Job, AppError> {
        let (tenant, id) = self.readable(actor, tenant_id, id).await?;
        let who = caller(actor)?;
        // A page recorded meanwhile moves the job's version: read it again.
        for attempt in 0..5 {
            let mut job = self
                .jobs
                .get_job(tenant_id, &id)
                .await?
                .ok_or(AppError::NotFound)?;
            if t == Transition::Resume {
                may_run_jobs(
                    actor,
                    tenant_id,
                    job.reset_mfa,
                    tenant.settings.require_mfa_for_admin_resets,
                )?;
            }
            let now = self.clock.now();
            let Some(kind) = job.apply(t, now).map_err(|_| AppError::JobFinished)? else {
                return Ok(job);
            };
            let event = job_event(&job, now, kind, who.id.as_str(), Some(meta));
            match self
                .committer
                .commit(vec![
                    Write::Job(JobWrite::Save(job.clone())),
                    Write::Audit(event),
                ])
                .await
            {
                Ok(()) => {
                    job.version += 1;
                    return Ok(job);
                }
                Err(StoreError::Conflict(_) | StoreError::Contention) => {
                    super::backoff(attempt).await
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict)
    }
}
