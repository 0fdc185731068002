//! The work of a job: one page at a time (`run_page`, what a queue worker
//! calls once per message), and the local loop over its pages (`drive`, what
//! `latchkey serve` runs in a background task).
//!
//! Each page is safe to deliver twice, even at once: a user is acted on in
//! one unit with the job's mark of that user, written only if absent, so a
//! second delivery finds the mark and counts what the first one did; and the
//! page's counts are recorded on the job only while the job's next page is
//! this one, under the job's version.

use super::{job_event, tenant_of};
use crate::domain::jobs::{
    Counts, Job, JobId, JobStatus, MailPace, Outcome, Skip, may_run_jobs, plan,
};
use crate::domain::permissions::Actor;
use crate::domain::{Instant, Tenant, TenantId, User};
use crate::ports::{
    Clock, Committer, JobStore, JobWrite, Sleeper, StoreError, TenantStore, UserDirectory,
    UserReader, Write,
};
use crate::usecases::AppError;
use crate::usecases::reset::LinkConfig;
use futures_util::{StreamExt, TryStreamExt, stream};
use std::sync::Mutex;

/// The actor of the events the runner itself causes (a job done or failed).
const RUNNER: &str = "job";
/// Failed pages `drive` retries before it marks the job failed.
const PAGE_RETRIES: u32 = 3;
/// Users of a page acted on at once. One at a time, a page's units wait on
/// one another: at ~15 ms a unit on DynamoDB a job would do ~65 users a
/// second, below the mail rate of a large SES account. Units of different
/// users touch disjoint keys (their account, mark, link; audit and outbox
/// items spread over shards), and the mail pace is reserved in user order
/// before each unit, so acting on several at once changes neither what is
/// written nor how fast mail leaves.
pub const UNITS_AT_ONCE: usize = 10;

pub struct JobRunner<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub directory: &'a dyn UserDirectory,
    pub jobs: &'a dyn JobStore,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    /// Waits for the mail pace (the system clock sleeps; tests' fake clock moves).
    pub sleeper: &'a dyn Sleeper,
    pub links: &'a LinkConfig,
    pub pace: MailPace,
}

/// What became of one delivery of a page.
#[derive(Debug)]
pub enum PageRun {
    /// The page's counts are on the job, as returned. Its next page, if it
    /// still runs, is [`PageRun::next_page`].
    Recorded(Box<Job>),
    /// The job is not running (paused, ended): nothing was done. A resume
    /// starts the pages again from where they stopped.
    NotRunning(JobStatus),
    /// Another delivery recorded this page already (or it is not the next
    /// one): whatever it did is counted once.
    NotNext,
}

impl PageRun {
    /// The page to run next (the next queue message), if any.
    pub fn next_page(&self) -> Option<u64> {
        match self {
            Self::Recorded(job) if job.status == JobStatus::Running && !job.scanned => {
                Some(job.pages_done)
            }
            _ => None,
        }
    }
}

impl JobRunner<'_> {
    /// Runs page `page` of the job: reads at most one page of the directory
    /// from where the job stands (100 users, fewer for a job that mails at
    /// a low rate), acts on each matching user once, paced, and records the
    /// page. The creator's rights are those of now: a creator who lost them
    /// (or was deleted) fails the job.
    pub async fn run_page(
        &self,
        tenant_id: &TenantId,
        id: &JobId,
        page: u64,
    ) -> Result<PageRun, AppError> {
        let job = self
            .jobs
            .get_job(tenant_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if job.status != JobStatus::Running {
            return Ok(PageRun::NotRunning(job.status));
        }
        if page != job.pages_done || job.scanned {
            return Ok(PageRun::NotNext);
        }
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        let Some(creator) = self.users.get_user(tenant_id, &job.created_by).await? else {
            return self.fail(job, "creator_gone").await;
        };
        if may_run_jobs(
            &Actor::User(&creator),
            tenant_id,
            job.reset_mfa,
            tenant.settings.require_mfa_for_admin_resets,
        )
        .is_err()
        {
            return self.fail(job, "creator_forbidden").await;
        }
        let listing = self
            .directory
            .search_users(
                tenant_id,
                job.filter.prefix(),
                job.cursor.as_deref(),
                self.pace.page_users(job.action),
            )
            .await?;
        let targets: Vec<User> = listing
            .items
            .into_iter()
            .filter(|u| job.filter.matches(u))
            .collect();
        let ids: Vec<_> = targets.iter().map(|u| u.id.clone()).collect();
        let marks = self.jobs.job_marks(tenant_id, &job.id, &ids).await?;
        let next_send_at = Mutex::new(job.next_send_at);
        let (job_ref, tenant_ref, creator_ref, slots) = (&job, &tenant, &creator, &next_send_at);
        let outcomes: Vec<Outcome> = stream::iter(targets.into_iter().zip(marks))
            .map(|(user, mark)| async move {
                match mark {
                    Some(m) => Ok(m.outcome),
                    None => {
                        self.act(job_ref, tenant_ref, creator_ref, user, slots)
                            .await
                    }
                }
            })
            .buffered(UNITS_AT_ONCE)
            .try_collect()
            .await?;
        let mut counts = Counts::default();
        for outcome in outcomes {
            counts.add(outcome);
        }
        let next_send_at = next_send_at.into_inner().unwrap_or_else(|e| e.into_inner());
        // A cursor that does not move would run the same page for ever.
        let next_cursor = listing
            .next_cursor
            .filter(|c| Some(c) != job.cursor.as_ref());
        self.record(job, page, counts, next_cursor, next_send_at)
            .await
    }

    /// Acts on one user (paced when it mails) and says how the user counts.
    async fn act(
        &self,
        job: &Job,
        tenant: &Tenant,
        creator: &User,
        mut user: User,
        next_send_at: &Mutex<Option<Instant>>,
    ) -> Result<Outcome, AppError> {
        let mut paced = false;
        for attempt in 0..5 {
            let plan = plan(
                job,
                creator,
                &user,
                tenant.settings.require_mfa_for_admin_resets,
            );
            if !plan.acts() {
                return Ok(plan.outcome());
            }
            if plan.send && !paced {
                // The slot is taken under the lock, before any wait: slots
                // go out one interval apart whatever the units' timing.
                let at = {
                    let mut slot = next_send_at.lock().unwrap_or_else(|e| e.into_inner());
                    let (at, next) = self.pace.slot(*slot, self.clock.now());
                    *slot = Some(next);
                    at
                };
                self.sleeper.sleep_until(at).await;
                paced = true;
            }
            let now = self.clock.now();
            let unit = super::user::writes(job, tenant, creator, &user, plan, self.links, now);
            match self.committer.commit(unit).await {
                Ok(()) => return Ok(plan.outcome()),
                Err(StoreError::Conflict(_) | StoreError::Contention) => {
                    // Another delivery marked the user, or the account changed.
                    let mark = self
                        .jobs
                        .job_marks(&tenant.id, &job.id, std::slice::from_ref(&user.id))
                        .await?;
                    if let Some(Some(m)) = mark.first() {
                        return Ok(m.outcome);
                    }
                    match self.users.get_user(&tenant.id, &user.id).await? {
                        Some(fresh) => user = fresh,
                        None => return Ok(Outcome::skipped(Skip::NotFound)),
                    }
                    crate::usecases::backoff(attempt).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Outcome::skipped(Skip::Conflict))
    }

    /// Adds the page's counts to the job, once: a pause or cancel that
    /// moved the job meanwhile is read again; another delivery's record of
    /// the same page makes this one a no-op.
    async fn record(
        &self,
        mut job: Job,
        page: u64,
        counts: Counts,
        next_cursor: Option<String>,
        next_send_at: Option<Instant>,
    ) -> Result<PageRun, AppError> {
        for attempt in 0..5 {
            let now = self.clock.now();
            let Ok(done) = job.record_page(page, &counts, next_cursor.clone(), next_send_at, now)
            else {
                return Ok(PageRun::NotNext);
            };
            let mut unit = vec![Write::Job(JobWrite::Save(job.clone()))];
            if let Some(kind) = done {
                unit.push(Write::Audit(job_event(&job, now, kind, RUNNER, None)));
            }
            match self.committer.commit(unit).await {
                Ok(()) => {
                    job.version += 1;
                    return Ok(PageRun::Recorded(Box::new(job)));
                }
                Err(StoreError::Conflict(_) | StoreError::Contention) => {
                    crate::usecases::backoff(attempt).await;
                    job = self
                        .jobs
                        .get_job(&job.tenant_id, &job.id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict)
    }

    /// Ends the job as failed, with why (audited `job.failed`).
    async fn fail(&self, mut job: Job, reason: &str) -> Result<PageRun, AppError> {
        for attempt in 0..5 {
            let now = self.clock.now();
            if job.fail(reason, now).is_err() {
                return Ok(PageRun::NotRunning(job.status));
            }
            let event = job_event(&job, now, "job.failed", RUNNER, None);
            match self
                .committer
                .commit(vec![
                    Write::Job(JobWrite::Save(job.clone())),
                    Write::Audit(event),
                ])
                .await
            {
                Ok(()) => return Ok(PageRun::NotRunning(JobStatus::Failed)),
                Err(StoreError::Conflict(_) | StoreError::Contention) => {
                    crate::usecases::backoff(attempt).await;
                    job = self
                        .jobs
                        .get_job(&job.tenant_id, &job.id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict)
    }

    /// Runs the job's pages one after the other while it is running, and
    /// returns it as it stands once it is not (paused, done, cancelled,
    /// failed). Pause and cancel take effect between pages. A page that
    /// keeps failing (the store is down) fails the job, so it does not sit
    /// "running" with nothing running it.
    pub async fn drive(&self, tenant_id: &TenantId, id: &JobId) -> Result<Job, AppError> {
        let mut failures = 0;
        loop {
            let job = self
                .jobs
                .get_job(tenant_id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if job.status != JobStatus::Running {
                return Ok(job);
            }
            match self.run_page(tenant_id, id, job.pages_done).await {
                Ok(_) => failures = 0,
                Err(e) if failures < PAGE_RETRIES => {
                    failures += 1;
                    tracing::warn!(job = %id, error = %e, "job page failed; retrying");
                    crate::usecases::backoff(failures).await;
                }
                Err(e) => {
                    tracing::error!(job = %id, error = %e, "job page keeps failing; the job fails");
                    let _ = self.fail(job, "page_failed").await;
                    return Err(e);
                }
            }
        }
    }
}
