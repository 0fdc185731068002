//! The traits use cases depend on. Each use case names only the ones it uses, so
//! a test states its world in a few lines. Writes go through [`Committer`] as one
//! atomic unit: DynamoDB runs them as one `TransactWriteItems`, the memory store
//! under one lock, both checking the same conditions.

use async_trait::async_trait;
use std::sync::Mutex;

use crate::domain::jobs::{Job, JobId, JobMark};
use crate::domain::{
    AuditEvent, Email, Instant, LogoType, ResetToken, Session, Tenant, TenantId, TokenHash, User,
    UserId,
};
pub use crate::domain::{CounterChange, CounterState, StoredCounter};

/// "Now", injected everywhere time matters.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemClock;
impl Clock for SystemClock {
    fn now(&self) -> Instant {
        time::OffsetDateTime::now_utc()
    }
}

/// A clock tests move by hand.
pub struct FakeClock(Mutex<Instant>);
impl FakeClock {
    pub fn new(at: Instant) -> Self {
        Self(Mutex::new(at))
    }
    pub fn advance(&self, by: time::Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += by;
        }
    }
    pub fn set(&self, at: Instant) {
        if let Ok(mut t) = self.0.lock() {
            *t = at;
        }
    }
}
impl Clock for FakeClock {
    fn now(&self) -> Instant {
        match self.0.lock() {
            Ok(t) => *t,
            Err(p) => *p.into_inner(),
        }
    }
}

/// Waiting for a time on a clock (a job's mail pace). The system clock
/// sleeps; the fake clock moves itself there, so a test of pacing takes no
/// time and reads the instants each mail was queued at.
#[async_trait]
pub trait Sleeper: Send + Sync {
    /// Returns once the clock reads `at` or later.
    async fn sleep_until(&self, at: Instant);
}

#[async_trait]
impl Sleeper for SystemClock {
    async fn sleep_until(&self, at: Instant) {
        if let Ok(wait) = std::time::Duration::try_from(at - self.now()) {
            tokio::time::sleep(wait).await;
        }
    }
}

#[async_trait]
impl Sleeper for FakeClock {
    async fn sleep_until(&self, at: Instant) {
        if at > self.now() {
            self.set(at);
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A condition failed: the item changed since it was read (optimistic
    /// concurrency), a token was already consumed, or an item already exists.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The unit was cancelled because a concurrent transaction touched the same
    /// items (DynamoDB's `TransactionConflict`): nothing was written; retry after
    /// a short random backoff.
    #[error("contention")]
    Contention,
    #[error("username taken")]
    UsernameTaken,
    /// A [`Write::Counter`]'s condition failed on the counter named: nothing
    /// was written; decide again from a fresh read.
    #[error("counter moved")]
    CounterMoved(String),
    /// The backend failed; the detail is for logs only.
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

/// One write of an atomic unit.
#[derive(Clone, Debug)]
pub enum Write {
    PutTenant(Tenant),
    /// Replaces the tenant's logo (the bytes were checked: `domain::check_logo`).
    PutLogo {
        tenant: TenantId,
        kind: LogoType,
        bytes: bytes::Bytes,
    },
    /// Creates the user and claims its username; `UsernameTaken` if claimed.
    CreateUser(User),
    /// Replaces the user if its stored `version` equals `user.version`; stores
    /// `version + 1`. Fails with `Conflict` otherwise.
    SaveUser(User),
    PutResetToken(ResetToken),
    /// Marks the token used, if it exists and is unused; `Conflict` otherwise.
    ConsumeResetToken {
        hash: TokenHash,
        at: Instant,
    },
    /// Stores the session (a new one, or one whose generation moved) and,
    /// when it has an id, its entry in its user's list of sessions.
    PutSession(Session),
    /// Ends the session: its item and its entry in its user's list.
    DeleteSession(Session),
    /// Records a use of the session at `at` (its `last_used_at`), if it still
    /// exists; `Conflict` when it is gone (revoked meanwhile).
    TouchSession {
        hash: TokenHash,
        at: Instant,
    },
    /// Records a successful sign-in on the user (`last_sign_in_at`) without
    /// moving its `version`; `Conflict` when the user is gone. Never in the
    /// same unit as a `SaveUser` of that user (one write per item a unit):
    /// set the field on the saved user instead.
    RecordSignIn {
        tenant: TenantId,
        user_id: UserId,
        at: Instant,
    },
    /// Deletes the user if its stored `version` equals `user.version`
    /// (`Conflict` otherwise), with its username claim (the username is free
    /// again) and its search entries. Its sessions are not part of the unit
    /// (they are many): they die with it (a session of a missing user never
    /// authenticates) and are deleted after it.
    DeleteUser(User),
    Audit(AuditEvent),
    /// Queues an email (transactional outbox): it leaves only if the unit commits.
    Mail(Email),
    /// Moves a user's entry in the search index from one email to another.
    ReindexEmail {
        tenant: TenantId,
        user_id: UserId,
        username_key: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// Clears a counter (e.g. failed sign-ins after a reset), unconditionally.
    DeleteCounter(String),
    /// Counts an attempt (or its success) in the unit that answers it, under
    /// the change's condition; `CounterMoved(key)` when it does not hold.
    Counter {
        key: String,
        change: CounterChange,
    },
    /// A reset-or-expire job's own items.
    Job(JobWrite),
}

/// The writes of a job (see `domain::jobs`).
#[derive(Clone, Debug)]
pub enum JobWrite {
    /// Creates the job; `Conflict` if its id exists.
    Create(Job),
    /// Replaces the job if its stored `version` equals `job.version`; stores
    /// `version + 1`. `Conflict` otherwise (a page, a pause or a cancel won).
    Save(Job),
    /// Records that the job acted on a user, only if it has not: `Conflict`
    /// otherwise. Written in the unit that changes the user, so a page
    /// delivered twice acts on each user once.
    Mark {
        tenant: TenantId,
        job: JobId,
        user: UserId,
        mark: JobMark,
    },
}

/// What one round trip read for an attempt: the counters asked for, in order
/// (`None`: absent), and the holder of a username when one was asked for.
#[derive(Clone, Debug, Default)]
pub struct CounterRead {
    pub counters: Vec<Option<StoredCounter>>,
    pub username_holder: Option<UserId>,
}

/// Throttling counters (with TTL). Reads only: counting is a
/// [`Write::Counter`] in the unit that answers the attempt, so an answer and its
/// count are stored together or not at all.
#[async_trait]
pub trait Counters: Send + Sync {
    /// Consistent reads of `keys` and, in the same round trip when `username`
    /// names one, who holds that username (sign-in reads its counters and its
    /// account's id at once: DynamoDB's `BatchGetItem`).
    async fn read_counters(
        &self,
        keys: &[String],
        username: Option<(&TenantId, &str)>,
    ) -> Result<CounterRead, StoreError>;
}

#[async_trait]
pub trait TenantStore: Send + Sync {
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>, StoreError>;
}

/// The tenant's logo, read only when a page or mail shows it.
#[async_trait]
pub trait LogoReader: Send + Sync {
    async fn get_logo(
        &self,
        tenant: &TenantId,
    ) -> Result<Option<(LogoType, bytes::Bytes)>, StoreError>;
}

#[async_trait]
pub trait UserReader: Send + Sync {
    async fn get_user(&self, tenant: &TenantId, id: &UserId) -> Result<Option<User>, StoreError>;
    /// `username_key` is the normalized (lower-cased) username.
    async fn find_by_username(
        &self,
        tenant: &TenantId,
        username_key: &str,
    ) -> Result<Option<User>, StoreError>;
    /// Accounts whose normalized email is `email_key` (emails need not be unique).
    async fn find_by_email(
        &self,
        tenant: &TenantId,
        email_key: &str,
        limit: usize,
    ) -> Result<Vec<User>, StoreError>;
    /// Several accounts of one tenant, in order (`None`: no such account).
    /// One read at a time unless a store can do better (DynamoDB: one
    /// `BatchGetItem` per 100).
    async fn get_users(
        &self,
        tenant: &TenantId,
        ids: &[UserId],
    ) -> Result<Vec<Option<User>>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.get_user(tenant, id).await?);
        }
        Ok(out)
    }
}

pub const AUDIT_LOOKBACK_DAYS: i64 = 31;

/// One page of a listing, and where the next one starts.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The tenant's user directory: prefix search on username or email through a
/// purpose-built index (never a scan or a filter over the tenant's users).
#[async_trait]
pub trait UserDirectory: Send + Sync {
    /// Users whose username starts with `prefix` (in username order), then those
    /// whose email starts with it (in email order, without repeats). An empty
    /// prefix lists everyone by username. `cursor` comes from a previous page.
    async fn search_users(
        &self,
        tenant: &TenantId,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError>;
}

/// The expiry index (see `domain::expiry`): accounts by the day their current
/// password was set, and the tenants whose passwords expire. Each read is a
/// query of one key, never a scan or a filter over a tenant's users. Stores
/// keep it in step with every write of an account or a tenant themselves.
#[async_trait]
pub trait ExpiryIndex: Send + Sync {
    /// Tenants whose settings set `password_max_age_days`, after `cursor`.
    async fn expiring_tenants(
        &self,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<TenantId>, StoreError>;
    /// The accounts of `tenant` indexed under `day` (`domain::expiry::index_day`),
    /// after `cursor`. The index may lag a write by a moment (DynamoDB's is
    /// eventually consistent): callers check each account's own record.
    async fn passwords_set_on(
        &self,
        tenant: &TenantId,
        day: time::Date,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError>;
}

#[async_trait]
pub trait AuditReader: Send + Sync {
    /// The tenant's events, newest first, older than `cursor` if given. One call
    /// looks back at most [`AUDIT_LOOKBACK_DAYS`] days from the cursor (or `now`);
    /// a short page still returns a cursor while older history may exist.
    async fn list_audit(
        &self,
        tenant: &TenantId,
        now: Instant,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<AuditEvent>, StoreError>;
}

/// A tenant's jobs and the marks of the users they acted on.
#[async_trait]
pub trait JobStore: Send + Sync {
    async fn get_job(&self, tenant: &TenantId, id: &JobId) -> Result<Option<Job>, StoreError>;
    /// The tenant's jobs, newest first, older than `cursor` (a job id) if given.
    async fn list_jobs(
        &self,
        tenant: &TenantId,
        cursor: Option<&JobId>,
        limit: usize,
    ) -> Result<Page<Job>, StoreError>;
    /// The job's mark of each of `users`, in order (`None`: not acted on).
    async fn job_marks(
        &self,
        tenant: &TenantId,
        job: &JobId,
        users: &[UserId],
    ) -> Result<Vec<Option<JobMark>>, StoreError>;
}

#[async_trait]
pub trait TokenReader: Send + Sync {
    async fn get_reset_token(&self, hash: &TokenHash) -> Result<Option<ResetToken>, StoreError>;
}

#[async_trait]
pub trait SessionReader: Send + Sync {
    async fn get_session(&self, hash: &TokenHash) -> Result<Option<Session>, StoreError>;
}

/// A user's sessions, for the person (and their admins) to see and end.
/// Never a scan: each store keeps a per-user list (see the DynamoDB key schema).
#[async_trait]
pub trait SessionLister: Send + Sync {
    /// The stored sessions of `user` that carry an id (expired or revoked by
    /// a generation change included: the caller decides which are live), in
    /// no particular order.
    async fn list_sessions(
        &self,
        tenant: &TenantId,
        user: &UserId,
    ) -> Result<Vec<Session>, StoreError>;
}

#[async_trait]
pub trait Committer: Send + Sync {
    /// Applies every write or none.
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError>;
}

/// After this many failed sends an item stays stored for an operator and is no
/// longer retried (on AWS the `mailer` function's dead-letter queue plays this role).
pub const MAX_SEND_ATTEMPTS: u32 = 8;

/// A queued email waiting in the outbox.
#[derive(Clone, Debug)]
pub struct OutboxItem {
    pub key: String,
    pub email: Email,
    pub attempts: u32,
}

/// The outbox side the mail dispatcher reads.
#[async_trait]
pub trait MailOutbox: Send + Sync {
    /// Up to `limit` queued emails, oldest first.
    async fn pending(&self, limit: usize) -> Result<Vec<OutboxItem>, StoreError>;
    /// One queued email by key, if it is still queued (the stream-fed mailer
    /// reads the item itself, so a redelivered record finds nothing to send).
    async fn queued(&self, key: &str) -> Result<Option<OutboxItem>, StoreError>;
    /// Claims an item for sending until `lease_until`, if no other worker holds
    /// an unexpired claim. Two workers that read the same item send it once.
    async fn claim(
        &self,
        key: &str,
        now: Instant,
        lease_until: Instant,
    ) -> Result<bool, StoreError>;
    /// Removes a sent email. Returns false if it was already gone (another worker
    /// sent it), which the dispatcher treats as success.
    async fn ack(&self, key: &str) -> Result<bool, StoreError>;
    /// Records a failed attempt (and releases the claim) so it is retried.
    async fn nack(&self, key: &str) -> Result<(), StoreError>;
    /// Stops retrying an item (a permanent refusal): it stays stored, with its
    /// attempts at the maximum, for an operator to redrive.
    async fn give_up(&self, key: &str) -> Result<(), StoreError>;
    /// Waits until mail may be pending (or `max` passed). Polling stores sleep.
    async fn wait_for_mail(&self, max: std::time::Duration) {
        tokio::time::sleep(max).await;
    }
}

/// Every store port at once, for wiring.
pub trait Store:
    TenantStore
    + LogoReader
    + UserReader
    + UserDirectory
    + AuditReader
    + JobStore
    + TokenReader
    + SessionReader
    + SessionLister
    + Committer
    + MailOutbox
    + Counters
    + ExpiryIndex
{
}
impl<T> Store for T where
    T: TenantStore
        + LogoReader
        + UserReader
        + UserDirectory
        + AuditReader
        + JobStore
        + TokenReader
        + SessionReader
        + SessionLister
        + Committer
        + MailOutbox
        + Counters
        + ExpiryIndex
{
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The provider throttled us: retry later, more slowly.
    #[error("throttled: {0}")]
    Throttled(String),
    /// The provider refused this message for good (rejected, unverified
    /// sender): retrying cannot help; an operator must look.
    #[error("refused permanently: {0}")]
    Permanent(String),
    /// The provider refused or failed; detail for logs only.
    #[error("mail send failed: {0}")]
    Failed(String),
}

/// Where mail that will not be sent is reported (the mailer's SQS dead-letter
/// queue on AWS), by outbox key and reason, so an operator can redrive it.
#[async_trait]
pub trait DeadLetters: Send + Sync {
    async fn dead_letter(&self, item: &OutboxItem, reason: &str) -> Result<(), String>;
}

/// How often a password was seen in known breaches (0: never). An error means
/// the service could not be asked; callers then skip the check (fail open).
#[async_trait]
pub trait BreachedPasswords: Send + Sync {
    async fn times_seen(&self, password: &secrecy::SecretString) -> Result<u64, String>;
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: &Email) -> Result<(), MailError>;
}

/// The queue of a job's pages (SQS on AWS): one message per page, sent when
/// the page before it is recorded. Sending the same message twice must be
/// harmless: the queue drops a repeat of [`crate::usecases::jobs::PageMessage::dedup_id`]
/// (SQS FIFO's deduplication), and a page run twice acts once anyway.
#[async_trait]
pub trait JobPages: Send + Sync {
    async fn send(&self, page: &crate::usecases::jobs::PageMessage) -> Result<(), String>;
}
