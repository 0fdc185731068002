//! The embedded store: the same semantics as DynamoDB (atomic units, the same
//! conditions, the same expiry rules left to readers), held in one mutex.

use async_trait::async_trait;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

use crate::domain::directory;
use crate::domain::jobs::{Job, JobId, JobMark};
use crate::domain::{
    Applied, AuditEvent, Instant, LogoType, ResetToken, Session, Tenant, TenantId, TokenHash, User,
    UserId,
};
use crate::ports::{
    AUDIT_LOOKBACK_DAYS, AuditReader, Committer, CounterRead, Counters, ExpiryIndex, JobStore,
    JobWrite, LogoReader, MailOutbox, OutboxItem, Page, SessionLister, SessionReader, StoreError,
    StoredCounter, TenantStore, TokenReader, UserDirectory, UserReader, Write,
};

#[derive(Default)]
struct State {
    tenants: HashMap<TenantId, Tenant>,
    logos: HashMap<TenantId, (LogoType, bytes::Bytes)>,
    users: HashMap<(TenantId, UserId), User>,
    usernames: HashMap<(TenantId, String), UserId>,
    tokens: HashMap<String, ResetToken>,
    sessions: HashMap<String, Session>,
    audit: Vec<AuditEvent>,
    outbox: BTreeMap<String, OutboxItem>,
    claims: HashMap<String, Instant>,
    counters: HashMap<String, StoredCounter>,
    outbox_seq: u64,
    jobs: BTreeMap<(TenantId, JobId), Job>,
    job_marks: HashMap<(TenantId, JobId, UserId), JobMark>,
    /// The expiry index, as DynamoDB's `gsi2` holds it: accounts by the day
    /// their password was set, and the day each account is under now.
    expiry_days: BTreeMap<(TenantId, time::Date), std::collections::BTreeSet<UserId>>,
    expiry_day_of: HashMap<(TenantId, UserId), time::Date>,
    expiring_tenants: std::collections::BTreeSet<TenantId>,
}

impl State {
    /// Moves the account to the index day its record says (out of the old).
    fn reindex_expiry(&mut self, u: &User) {
        let key = (u.tenant_id.clone(), u.id.clone());
        if let Some(old) = self.expiry_day_of.remove(&key)
            && let Some(ids) = self.expiry_days.get_mut(&(u.tenant_id.clone(), old))
        {
            ids.remove(&u.id);
        }
        if let Some(day) = crate::domain::expiry::index_day(u) {
            self.expiry_days
                .entry((u.tenant_id.clone(), day))
                .or_default()
                .insert(u.id.clone());
            self.expiry_day_of.insert(key, day);
        }
    }
}

#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
    mail_ready: Notify,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a half-applied unit (writes
        // are applied only after every check passed), so the state stays usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every queued email, given-up ones included (tests and local tooling).
    pub fn outbox_items(&self) -> Vec<OutboxItem> {
        self.lock().outbox.values().cloned().collect()
    }

    /// Every audit event of a tenant, oldest first (tests and local tooling).
    pub fn audit_events(&self, tenant: &TenantId) -> Vec<AuditEvent> {
        self.lock()
            .audit
            .iter()
            .filter(|e| &e.tenant_id == tenant)
            .cloned()
            .collect()
    }
}

fn check(state: &State, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::CreateUser(u) => {
            if state
                .usernames
                .contains_key(&(u.tenant_id.clone(), u.username_key()))
            {
                return Err(StoreError::UsernameTaken);
            }
            if state
                .users
                .contains_key(&(u.tenant_id.clone(), u.id.clone()))
            {
                return Err(StoreError::Conflict("user exists"));
            }
        }
        Write::SaveUser(u) => match state.users.get(&(u.tenant_id.clone(), u.id.clone())) {
            Some(stored) if stored.version == u.version => {}
            _ => return Err(StoreError::Conflict("user changed")),
        },
        Write::PutResetToken(t) => {
            if state.tokens.contains_key(t.hash.as_str()) {
                return Err(StoreError::Conflict("token exists"));
            }
        }
        Write::ConsumeResetToken { hash, .. } => match state.tokens.get(hash.as_str()) {
            Some(t) if t.used_at.is_none() => {}
            _ => return Err(StoreError::Conflict("token used or unknown")),
        },
        Write::Counter { key, change } => {
            if change.apply(state.counters.get(key)).is_none() {
                return Err(StoreError::CounterMoved(key.clone()));
            }
        }
        Write::TouchSession { hash, .. } => {
            if !state.sessions.contains_key(hash.as_str()) {
                return Err(StoreError::Conflict("session gone"));
            }
        }
        Write::RecordSignIn {
            tenant, user_id, ..
        } => {
            if !state.users.contains_key(&(tenant.clone(), user_id.clone())) {
                return Err(StoreError::Conflict("user gone"));
            }
        }
        Write::DeleteUser(u) => match state.users.get(&(u.tenant_id.clone(), u.id.clone())) {
            Some(stored) if stored.version == u.version => {}
            _ => return Err(StoreError::Conflict("user changed")),
        },
        Write::Job(JobWrite::Create(j)) => {
            if state
                .jobs
                .contains_key(&(j.tenant_id.clone(), j.id.clone()))
            {
                return Err(StoreError::Conflict("job exists"));
            }
        }
        Write::Job(JobWrite::Save(j)) => {
            match state.jobs.get(&(j.tenant_id.clone(), j.id.clone())) {
                Some(stored) if stored.version == j.version => {}
                _ => return Err(StoreError::Conflict("job changed")),
            }
        }
        Write::Job(JobWrite::Mark {
            tenant, job, user, ..
        }) => {
            if state
                .job_marks
                .contains_key(&(tenant.clone(), job.clone(), user.clone()))
            {
                return Err(StoreError::Conflict("job already acted on the user"));
            }
        }
        Write::PutTenant(_)
        | Write::PutLogo { .. }
        | Write::ReindexEmail { .. }
        | Write::DeleteCounter(_)
        | Write::PutSession(_)
        | Write::DeleteSession(_)
        | Write::Audit(_)
        | Write::Mail(_) => {}
    }
    Ok(())
}

fn apply(state: &mut State, w: Write) -> bool {
    match w {
        Write::PutTenant(t) => {
            if t.settings.password_max_age_days.is_some() {
                state.expiring_tenants.insert(t.id.clone());
            } else {
                state.expiring_tenants.remove(&t.id);
            }
            state.tenants.insert(t.id.clone(), t);
        }
        Write::PutLogo {
            tenant,
            kind,
            bytes,
        } => {
            state.logos.insert(tenant, (kind, bytes));
        }
        Write::CreateUser(u) => {
            state
                .usernames
                .insert((u.tenant_id.clone(), u.username_key()), u.id.clone());
            state.reindex_expiry(&u);
            state.users.insert((u.tenant_id.clone(), u.id.clone()), u);
        }
        Write::SaveUser(mut u) => {
            u.version += 1;
            state.reindex_expiry(&u);
            state.users.insert((u.tenant_id.clone(), u.id.clone()), u);
        }
        Write::PutResetToken(t) => {
            state.tokens.insert(t.hash.0.clone(), t);
        }
        Write::ConsumeResetToken { hash, at } => {
            if let Some(t) = state.tokens.get_mut(hash.as_str()) {
                t.used_at = Some(at);
            }
        }
        Write::PutSession(s) => {
            state.sessions.insert(s.hash.0.clone(), s);
        }
        Write::DeleteSession(session) => {
            state.sessions.remove(session.hash.as_str());
        }
        Write::TouchSession { hash, at } => {
            if let Some(s) = state.sessions.get_mut(hash.as_str()) {
                s.last_used_at = Some(at);
            }
        }
        Write::RecordSignIn {
            tenant,
            user_id,
            at,
        } => {
            if let Some(u) = state.users.get_mut(&(tenant, user_id)) {
                u.last_sign_in_at = Some(at);
            }
        }
        Write::DeleteUser(u) => {
            let claim = (u.tenant_id.clone(), u.username_key());
            if state.usernames.get(&claim) == Some(&u.id) {
                state.usernames.remove(&claim);
            }
            state.users.remove(&(u.tenant_id, u.id));
        }
        Write::Audit(e) => state.audit.push(e),
        Write::DeleteCounter(key) => {
            state.counters.remove(&key);
        }
        // `check` passed on the same state, so the change holds.
        Write::Counter { key, change } => match change.apply(state.counters.get(&key)) {
            Some(Applied::Write(c)) => {
                state.counters.insert(key, c);
            }
            Some(Applied::Delete) => {
                state.counters.remove(&key);
            }
            None => {}
        },
        // The memory store searches its users directly; nothing to move.
        Write::ReindexEmail { .. } => {}
        Write::Job(JobWrite::Create(j)) => {
            state.jobs.insert((j.tenant_id.clone(), j.id.clone()), j);
        }
        Write::Job(JobWrite::Save(mut j)) => {
            j.version += 1;
            state.jobs.insert((j.tenant_id.clone(), j.id.clone()), j);
        }
        Write::Job(JobWrite::Mark {
            tenant,
            job,
            user,
            mark,
        }) => {
            state.job_marks.insert((tenant, job, user), mark);
        }
        Write::Mail(email) => {
            state.outbox_seq += 1;
            let key = format!("{:020}#{}", state.outbox_seq, email.id);
            state.outbox.insert(
                key.clone(),
                OutboxItem {
                    key,
                    email,
                    attempts: 0,
                },
            );
            return true;
        }
    }
    false
}

#[async_trait]
impl Committer for MemoryStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let queued_mail = {
            let mut state = self.lock();
            for w in &writes {
                check(&state, w)?;
            }
            let mut mail = false;
            for w in writes {
                mail |= apply(&mut state, w);
            }
            mail
        };
        if queued_mail {
            self.mail_ready.notify_one();
        }
        Ok(())
    }
}

#[async_trait]
impl LogoReader for MemoryStore {
    async fn get_logo(
        &self,
        tenant: &TenantId,
    ) -> Result<Option<(LogoType, bytes::Bytes)>, StoreError> {
        Ok(self.lock().logos.get(tenant).cloned())
    }
}

#[async_trait]
impl TenantStore for MemoryStore {
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>, StoreError> {
        Ok(self.lock().tenants.get(id).cloned())
    }
}

#[async_trait]
impl UserReader for MemoryStore {
    async fn get_user(&self, tenant: &TenantId, id: &UserId) -> Result<Option<User>, StoreError> {
        Ok(self
            .lock()
            .users
            .get(&(tenant.clone(), id.clone()))
            .cloned())
    }

    async fn find_by_username(
        &self,
        tenant: &TenantId,
        username_key: &str,
    ) -> Result<Option<User>, StoreError> {
        let state = self.lock();
        Ok(state
            .usernames
            .get(&(tenant.clone(), username_key.to_owned()))
            .and_then(|id| state.users.get(&(tenant.clone(), id.clone())))
            .cloned())
    }

    async fn find_by_email(
        &self,
        tenant: &TenantId,
        email_key: &str,
        limit: usize,
    ) -> Result<Vec<User>, StoreError> {
        let state = self.lock();
        let mut found: Vec<User> = state
            .users
            .values()
            .filter(|u| &u.tenant_id == tenant && u.email_key().as_deref() == Some(email_key))
            .cloned()
            .collect();
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found.truncate(limit);
        Ok(found)
    }
}

#[async_trait]
impl TokenReader for MemoryStore {
    async fn get_reset_token(&self, hash: &TokenHash) -> Result<Option<ResetToken>, StoreError> {
        Ok(self.lock().tokens.get(hash.as_str()).cloned())
    }
}

#[async_trait]
impl SessionReader for MemoryStore {
    async fn get_session(&self, hash: &TokenHash) -> Result<Option<Session>, StoreError> {
        Ok(self.lock().sessions.get(hash.as_str()).cloned())
    }
}

#[async_trait]
impl SessionLister for MemoryStore {
    async fn list_sessions(
        &self,
        tenant: &TenantId,
        user: &UserId,
    ) -> Result<Vec<Session>, StoreError> {
        Ok(self
            .lock()
            .sessions
            .values()
            .filter(|s| &s.tenant_id == tenant && &s.user_id == user && s.is_listed())
            .cloned()
            .collect())
    }
}

#[async_trait]
impl MailOutbox for MemoryStore {
    async fn queued(&self, key: &str) -> Result<Option<OutboxItem>, StoreError> {
        Ok(self.lock().outbox.get(key).cloned())
    }

    async fn pending(&self, limit: usize) -> Result<Vec<OutboxItem>, StoreError> {
        Ok(self
            .lock()
            .outbox
            .values()
            .filter(|i| i.attempts < crate::ports::MAX_SEND_ATTEMPTS)
            .take(limit)
            .cloned()
            .collect())
    }

    async fn claim(
        &self,
        key: &str,
        now: Instant,
        lease_until: Instant,
    ) -> Result<bool, StoreError> {
        let mut state = self.lock();
        if !state.outbox.contains_key(key) {
            return Ok(false);
        }
        match state.claims.get(key) {
            Some(until) if *until > now => Ok(false),
            _ => {
                state.claims.insert(key.to_owned(), lease_until);
                Ok(true)
            }
        }
    }

    async fn ack(&self, key: &str) -> Result<bool, StoreError> {
        let mut state = self.lock();
        state.claims.remove(key);
        Ok(state.outbox.remove(key).is_some())
    }

    async fn nack(&self, key: &str) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.claims.remove(key);
        if let Some(item) = state.outbox.get_mut(key) {
            item.attempts += 1;
        }
        Ok(())
    }

    async fn give_up(&self, key: &str) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.claims.remove(key);
        if let Some(item) = state.outbox.get_mut(key) {
            item.attempts = item.attempts.max(crate::ports::MAX_SEND_ATTEMPTS);
        }
        Ok(())
    }

    async fn wait_for_mail(&self, max: Duration) {
        let _ = tokio::time::timeout(max, self.mail_ready.notified()).await;
    }
}

#[async_trait]
impl Counters for MemoryStore {
    async fn read_counters(
        &self,
        keys: &[String],
        username: Option<(&TenantId, &str)>,
    ) -> Result<CounterRead, StoreError> {
        let state = self.lock();
        Ok(CounterRead {
            counters: keys
                .iter()
                .map(|k| state.counters.get(k).copied())
                .collect(),
            username_holder: username.and_then(|(tenant, key)| {
                state
                    .usernames
                    .get(&(tenant.clone(), key.to_owned()))
                    .cloned()
            }),
        })
    }
}

#[async_trait]
impl UserDirectory for MemoryStore {
    async fn search_users(
        &self,
        tenant: &TenantId,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError> {
        let state = self.lock();
        let users: Vec<&User> = state
            .users
            .values()
            .filter(|u| &u.tenant_id == tenant)
            .collect();
        let mut names: Vec<(String, &User)> = users
            .iter()
            .filter(|u| u.username_key().starts_with(prefix))
            .map(|u| (directory::name_entry(&u.username_key(), u.id.as_str()), *u))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut emails: Vec<(String, &User)> = if prefix.is_empty() {
            Vec::new()
        } else {
            users
                .iter()
                .filter(|u| !u.username_key().starts_with(prefix))
                .filter_map(|u| {
                    let e = u.email_key()?;
                    e.starts_with(prefix)
                        .then(|| (directory::email_entry(&e, u.id.as_str()), *u))
                })
                .collect()
        };
        emails.sort_by(|a, b| a.0.cmp(&b.0));
        let entries = names.into_iter().chain(emails);
        let after: Vec<(String, &User)> = match cursor {
            None => entries.collect(),
            Some(c) if directory::cursor_phase(c) == 'n' => entries
                .filter(|(sk, _)| !sk.starts_with("n:") || sk.as_str() > c)
                .collect(),
            Some(c) => entries
                .filter(|(sk, _)| sk.starts_with("e:") && sk.as_str() > c)
                .collect(),
        };
        let more = after.len() > limit;
        let page: Vec<(String, &User)> = after.into_iter().take(limit).collect();
        let next_cursor = if more {
            page.last().map(|(sk, _)| sk.clone())
        } else {
            None
        };
        Ok(Page {
            items: page.into_iter().map(|(_, u)| u.clone()).collect(),
            next_cursor,
        })
    }
}

#[async_trait]
impl JobStore for MemoryStore {
    async fn get_job(&self, tenant: &TenantId, id: &JobId) -> Result<Option<Job>, StoreError> {
        Ok(self.lock().jobs.get(&(tenant.clone(), id.clone())).cloned())
    }

    async fn list_jobs(
        &self,
        tenant: &TenantId,
        cursor: Option<&JobId>,
        limit: usize,
    ) -> Result<Page<Job>, StoreError> {
        let state = self.lock();
        let mut older = state
            .jobs
            .iter()
            .filter(|((t, id), _)| t == tenant && cursor.is_none_or(|c| id < c))
            .map(|(_, j)| j)
            .collect::<Vec<_>>();
        older.reverse();
        let more = older.len() > limit;
        let items: Vec<Job> = older.into_iter().take(limit).cloned().collect();
        let next_cursor = if more {
            items.last().map(|j| j.id.to_string())
        } else {
            None
        };
        Ok(Page { items, next_cursor })
    }

    async fn job_marks(
        &self,
        tenant: &TenantId,
        job: &JobId,
        users: &[UserId],
    ) -> Result<Vec<Option<JobMark>>, StoreError> {
        let state = self.lock();
        Ok(users
            .iter()
            .map(|u| {
                state
                    .job_marks
                    .get(&(tenant.clone(), job.clone(), u.clone()))
                    .copied()
            })
            .collect())
    }
}

#[async_trait]
impl AuditReader for MemoryStore {
    async fn list_audit(
        &self,
        tenant: &TenantId,
        now: Instant,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<AuditEvent>, StoreError> {
        let upper = crate::domain::audit_upper_bound(cursor, now);
        let state = self.lock();
        let mut events: Vec<(String, &AuditEvent)> = state
            .audit
            .iter()
            .filter(|e| &e.tenant_id == tenant)
            .map(|e| (e.sort_key(), e))
            .filter(|(sk, _)| sk.as_str() < upper.as_str())
            .collect();
        events.sort_by(|a, b| b.0.cmp(&a.0));
        let more = events.len() > limit;
        let page: Vec<(String, &AuditEvent)> = events.into_iter().take(limit).collect();
        let next_cursor = if more {
            page.last().map(|(sk, _)| sk.clone())
        } else {
            None
        };
        let _ = AUDIT_LOOKBACK_DAYS;
        Ok(Page {
            items: page.into_iter().map(|(_, e)| e.clone()).collect(),
            next_cursor,
        })
    }
}

#[async_trait]
impl ExpiryIndex for MemoryStore {
    async fn expiring_tenants(
        &self,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<TenantId>, StoreError> {
        let state = self.lock();
        let after: Vec<TenantId> = state
            .expiring_tenants
            .iter()
            .filter(|t| cursor.is_none_or(|c| t.as_str() > c))
            .cloned()
            .collect();
        Ok(page_of(after, limit.max(1), |t| t.as_str().to_owned()))
    }

    async fn passwords_set_on(
        &self,
        tenant: &TenantId,
        day: time::Date,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError> {
        let state = self.lock();
        let ids: Vec<&UserId> = state
            .expiry_days
            .get(&(tenant.clone(), day))
            .map(|ids| {
                ids.iter()
                    .filter(|id| cursor.is_none_or(|c| id.as_str() > c))
                    .collect()
            })
            .unwrap_or_default();
        let users: Vec<User> = ids
            .into_iter()
            .filter_map(|id| state.users.get(&(tenant.clone(), id.clone())).cloned())
            .collect();
        Ok(page_of(users, limit.max(1), |u| u.id.as_str().to_owned()))
    }
}

/// The first `limit` of `items` (in order) and, when more follow, the cursor
/// of the last one given.
fn page_of<T>(mut items: Vec<T>, limit: usize, key: impl Fn(&T) -> String) -> Page<T> {
    let more = items.len() > limit;
    items.truncate(limit);
    let next_cursor = if more { items.last().map(key) } else { None };
    Page { items, next_cursor }
}
