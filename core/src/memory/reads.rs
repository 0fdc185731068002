//! The memory store's reads: every port's lookups and listings over the one
//! locked state the commits of `mod.rs` write.

use super::*;

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
        // Name entries then email entries (those of users a name entry
        // listed left out), each in index order, after the cursor.
        let mut phases: Vec<char> = match cursor.map(directory::cursor_phase) {
            Some('e') => vec!['e'],
            _ => vec!['n', 'e'],
        };
        if prefix.is_empty() {
            phases.retain(|p| *p == 'n');
        }
        let mut page: Vec<(String, &User)> = Vec::new();
        let mut more = false;
        'phases: for phase in phases {
            let start = format!("{phase}:{prefix}");
            let after = cursor
                .filter(|c| directory::cursor_phase(c) == phase)
                .map(str::to_owned);
            // A cursor before the prefix's entries starts at their first.
            let from = (
                tenant.clone(),
                after.clone().unwrap_or_default().max(start.clone()),
            );
            let entries = state
                .directory
                .range(from..)
                .take_while(|((t, entry), _)| t == tenant && entry.starts_with(&start))
                .filter(|((_, entry), _)| Some(entry) != after.as_ref());
            for ((_, entry), id) in entries {
                let Some(u) = state.users.get(&(tenant.clone(), id.clone())) else {
                    continue;
                };
                if phase == 'e' && u.username_key().starts_with(prefix) {
                    continue;
                }
                if page.len() == limit {
                    more = true;
                    break 'phases;
                }
                page.push((entry.clone(), u));
            }
        }
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
