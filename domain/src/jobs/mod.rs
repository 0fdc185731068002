//! Jobs: reset or expire everyone matching a search (issue 27). The model is
//! pure: what a job asks for, which users it matches, what it does to each
//! one, how its counters move page by page, which state changes are legal,
//! when it will end and how fast its mail may leave. Stores keep a [`Job`] as
//! one document changed under its `version`, and one [`JobMark`] per user the
//! job acted on, so that a page delivered twice acts on each user once.

use serde::{Deserialize, Serialize};

use super::{Instant, TenantId, UserId};

mod filter;
mod pace;
mod plan;
mod view;

pub use filter::{FilterInput, JobFilter, JobRefused, check_reset_mfa, job_reason};
pub use pace::MailPace;
pub use plan::{Counts, JobMark, Outcome, Plan, Skip, may_run_jobs, plan};
pub use view::JobView;

/// Users read from the directory per page, at most (the fan-out unit).
pub const JOB_PAGE_USERS: usize = 100;
/// Directory entries a create or a dry run reads before it answers: past
/// this, `matched` is a lower bound (`matched_exact: false`) that the job
/// makes exact as it reads on. 20,000 entries are 200 pages (a query and a
/// batch read each, about 4 s on DynamoDB): well inside API Gateway's 29 s,
/// where counting a million users (10,000 pages) would not be.
pub const COUNT_ENTRIES: usize = 20_000;
/// Users a dry run shows.
pub const DRY_RUN_SAMPLE: usize = 20;
/// The longest reason kept (a ticket reference and a few words).
pub const MAX_JOB_REASON_CHARS: usize = 500;
/// The longest search prefix (an email address at most).
pub const MAX_JOB_QUERY_CHARS: usize = 254;
/// A page's mail should take at most this long at the set rate, so that a
/// pause or a cancel, honoured between pages, takes effect within about that.
pub const PAGE_MAIL_SECONDS: f64 = 10.0;

/// `j_{created unix seconds, 12 digits}_{16 hex}`: ids sort by creation, so a
/// listing newest first is one reverse range read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobId(String);

impl JobId {
    pub fn generate(now: Instant) -> Self {
        let secs = now.unix_timestamp().clamp(0, 999_999_999_999);
        Self(format!(
            "j_{secs:012}_{}",
            hex::encode(super::random_bytes::<8>())
        ))
    }

    /// `None` for anything this server did not make (a path segment is
    /// checked before it becomes part of a store key).
    pub fn parse(s: &str) -> Option<Self> {
        let rest = s.strip_prefix("j_")?;
        let (secs, random) = rest.split_once('_')?;
        let ok = secs.len() == 12
            && secs.bytes().all(|b| b.is_ascii_digit())
            && random.len() == 16
            && random
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum JobAction {
    /// Mail an admin-style reset link; the current password keeps working.
    SendLink,
    /// Force a change at next sign-in; end every session and link.
    Expire,
    ExpireAndSend,
}

impl JobAction {
    pub fn expires(self) -> bool {
        matches!(self, Self::Expire | Self::ExpireAndSend)
    }
    pub fn sends(self) -> bool {
        matches!(self, Self::SendLink | Self::ExpireAndSend)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum JobStatus {
    Running,
    Paused,
    Done,
    Cancelled,
    Failed,
}

impl JobStatus {
    pub fn is_final(self) -> bool {
        matches!(self, Self::Done | Self::Cancelled | Self::Failed)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
        }
    }
}

/// A state change someone asks for (the runner's own are the last page's
/// record, [`Job::record_page`], and [`Job::fail`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    Pause,
    Resume,
    Cancel,
}

/// The job has ended (done, cancelled or failed): nothing can change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the job is {0:?}")]
pub struct JobFinished(pub JobStatus);

/// A page was already recorded (a second delivery) or is not the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("page {page} is not the job's next page ({next})")]
pub struct NotNextPage {
    pub page: u64,
    pub next: u64,
}

/// A reset-or-expire job. Pages are read in directory order from `cursor`;
/// `pages_done` names the next page, so a page's result is recorded once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: JobId,
    pub tenant_id: TenantId,
    pub created_by: UserId,
    pub filter: JobFilter,
    pub action: JobAction,
    pub reset_mfa: bool,
    pub reason: String,
    pub status: JobStatus,
    /// Users the filter matched when the job was created, or (while
    /// `matched_exact` is false) at least matches: the count stopped at
    /// [`COUNT_ENTRIES`], and the pages raise it as they read on.
    pub matched: u64,
    #[serde(default = "exact")]
    pub matched_exact: bool,
    pub counts: Counts,
    pub pages_done: u64,
    /// Where the next page starts in the directory (`None`: the beginning,
    /// or nothing left once `scanned`).
    pub cursor: Option<String>,
    pub scanned: bool,
    /// When the job's next mail may leave (see [`MailPace`]).
    #[serde(with = "time::serde::timestamp::option", default)]
    pub next_send_at: Option<Instant>,
    /// Seconds spent running before the current run (pauses excluded).
    pub active_seconds: u64,
    #[serde(with = "time::serde::timestamp::option", default)]
    pub running_since: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    #[serde(with = "time::serde::timestamp")]
    pub created_at: Instant,
    #[serde(with = "time::serde::timestamp")]
    pub updated_at: Instant,
    pub version: u64,
}

fn exact() -> bool {
    true
}

/// What a new job is given.
pub struct JobSpec {
    pub filter: JobFilter,
    pub action: JobAction,
    pub reset_mfa: bool,
    pub reason: String,
}

impl Job {
    /// A job that starts running at `now`.
    pub fn new(
        tenant: &TenantId,
        creator: &UserId,
        spec: JobSpec,
        matched: u64,
        now: Instant,
    ) -> Self {
        Self {
            id: JobId::generate(now),
            tenant_id: tenant.clone(),
            created_by: creator.clone(),
            filter: spec.filter,
            action: spec.action,
            reset_mfa: spec.reset_mfa,
            reason: spec.reason,
            status: JobStatus::Running,
            matched,
            matched_exact: true,
            counts: Counts::default(),
            pages_done: 0,
            cursor: None,
            scanned: false,
            next_send_at: None,
            active_seconds: 0,
            running_since: Some(now),
            failure: None,
            created_at: now,
            updated_at: now,
            version: 0,
        }
    }

    fn stop_clock(&mut self, now: Instant) {
        if let Some(since) = self.running_since.take() {
            let ran = (now - since).whole_seconds().max(0) as u64;
            self.active_seconds = self.active_seconds.saturating_add(ran);
        }
    }

    fn end(&mut self, status: JobStatus, now: Instant) {
        self.stop_clock(now);
        self.status = status;
        self.updated_at = now;
    }

    /// Applies a requested change. `Ok(None)`: already in the state asked
    /// for (pausing a paused job changes nothing and is not audited again);
    /// `Ok(Some(kind))`: the audit event's type.
    pub fn apply(
        &mut self,
        t: Transition,
        now: Instant,
    ) -> Result<Option<&'static str>, JobFinished> {
        use JobStatus::*;
        match (t, self.status) {
            (Transition::Pause, Paused)
            | (Transition::Resume, Running)
            | (Transition::Cancel, Cancelled) => Ok(None),
            (_, s @ (Done | Cancelled | Failed)) => Err(JobFinished(s)),
            (Transition::Pause, Running) => {
                self.end(Paused, now);
                Ok(Some("job.paused"))
            }
            (Transition::Resume, Paused) if self.scanned => {
                // A page in flight when the job was paused reached the end.
                self.end(Done, now);
                Ok(Some("job.done"))
            }
            (Transition::Resume, Paused) => {
                self.status = Running;
                self.running_since = Some(now);
                self.updated_at = now;
                Ok(Some("job.resumed"))
            }
            (Transition::Cancel, Running | Paused) => {
                self.end(Cancelled, now);
                Ok(Some("job.cancelled"))
            }
        }
    }

    /// The runner stops the job for good (its creator lost the right to run it).
    pub fn fail(&mut self, reason: &str, now: Instant) -> Result<(), JobFinished> {
        if self.status.is_final() {
            return Err(JobFinished(self.status));
        }
        self.failure = Some(reason.to_owned());
        self.end(JobStatus::Failed, now);
        Ok(())
    }

    /// Records page `page`'s counts and where the next page starts (`None`:
    /// the directory is exhausted). Returns `Some("job.done")` when this
    /// finishes the job. Counts are recorded whatever the status: the users
    /// were acted on even if the job was cancelled meanwhile.
    pub fn record_page(
        &mut self,
        page: u64,
        counts: &Counts,
        next_cursor: Option<String>,
        next_send_at: Option<Instant>,
        now: Instant,
    ) -> Result<Option<&'static str>, NotNextPage> {
        if page != self.pages_done || self.scanned {
            return Err(NotNextPage {
                page,
                next: self.pages_done,
            });
        }
        self.counts.merge(counts);
        self.pages_done += 1;
        self.scanned = next_cursor.is_none();
        if !self.matched_exact {
            // Every user a page matched is processed: what the count did not
            // reach is known once the pages have read it.
            self.matched = self.matched.max(self.counts.processed);
            if self.scanned {
                self.matched = self.counts.processed;
                self.matched_exact = true;
            }
        }
        self.cursor = next_cursor;
        self.next_send_at = next_send_at.max(self.next_send_at);
        self.updated_at = now;
        if self.scanned && matches!(self.status, JobStatus::Running | JobStatus::Paused) {
            self.end(JobStatus::Done, now);
            return Ok(Some("job.done"));
        }
        Ok(None)
    }

    /// Seconds spent running so far, pauses excluded.
    pub fn ran_seconds(&self, now: Instant) -> u64 {
        let current = self
            .running_since
            .map_or(0, |s| (now - s).whole_seconds().max(0) as u64);
        self.active_seconds.saturating_add(current)
    }

    /// Seconds until a running job is likely done: the users left at the
    /// rate seen so far, or before any was seen, at the mail rate when the
    /// job mails (each user a mail: the longest it can take). `None` when not
    /// running, when the number matched is not known yet, or when nothing
    /// says yet.
    pub fn eta_seconds(&self, now: Instant, pace: &MailPace) -> Option<u64> {
        if self.status != JobStatus::Running || !self.matched_exact {
            return None;
        }
        let left = self.matched.saturating_sub(self.counts.processed);
        let ran = self.ran_seconds(now);
        if self.counts.processed > 0 && ran > 0 {
            let eta = u128::from(left) * u128::from(ran) / u128::from(self.counts.processed);
            return Some(u64::try_from(eta).unwrap_or(u64::MAX));
        }
        self.action
            .sends()
            .then(|| (left as f64 * pace.interval_seconds()).ceil() as u64)
    }
}

#[cfg(test)]
mod tests;
