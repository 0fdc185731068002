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
    /// The user search index, as DynamoDB's `UIDX#{t}` holds it (a name
    /// entry and an email entry per user, `domain::directory`), kept with
    /// every write of a user: a search reads a range of it, not every user
    /// (a job over a million users reads ten thousand pages).
    directory: BTreeMap<(TenantId, String), UserId>,
}

/// The search index entries of `u`: its name entry, and its email entry if any.
fn directory_entries(u: &User) -> impl Iterator<Item = (TenantId, String)> + '_ {
    let name = directory::name_entry(&u.username_key(), u.id.as_str());
    let email = u
        .email_key()
        .map(|e| directory::email_entry(&e, u.id.as_str()));
    std::iter::once(name)
        .chain(email)
        .map(|entry| (u.tenant_id.clone(), entry))
}

impl State {
    /// Puts `u` in the users and the search index in place of what it was.
    fn put_user(&mut self, u: User) {
        let key = (u.tenant_id.clone(), u.id.clone());
        self.reindex_expiry(&u);
        if let Some(old) = self.users.get(&key) {
            for entry in directory_entries(old) {
                self.directory.remove(&entry);
            }
        }
        for entry in directory_entries(&u) {
            self.directory.insert(entry, u.id.clone());
        }
        self.users.insert(key, u);
    }

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
            state.put_user(u);
        }
        Write::SaveUser(mut u) => {
            u.version += 1;
            state.put_user(u);
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
            if let Some(old) = state.users.remove(&(u.tenant_id, u.id)) {
                for entry in directory_entries(&old) {
                    state.directory.remove(&entry);
                }
            }
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
        // The index follows every write of the user itself (`put_user`).
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

mod reads;
