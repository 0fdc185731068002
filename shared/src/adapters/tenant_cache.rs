//! A per-process cache of tenant records for the Lambda functions: every request
//! needs its tenant's settings, and reading them from DynamoDB each time would
//! cost a round trip on every sign-in, reset and confirm. A settings change is
//! seen by other function instances within the cache's TTL, at most
//! `app::env::MAX_TENANT_CACHE_SECONDS` (5 s).

use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::domain::{Instant, Tenant, TenantId};
use crate::ports::{Clock, StoreError, TenantStore};

pub struct CachedTenants {
    inner: Arc<dyn TenantStore>,
    clock: Arc<dyn Clock>,
    ttl: time::Duration,
    entries: Mutex<HashMap<TenantId, (Instant, Option<Tenant>)>>,
}

impl CachedTenants {
    pub fn new(inner: Arc<dyn TenantStore>, clock: Arc<dyn Clock>, ttl: time::Duration) -> Self {
        Self {
            inner,
            clock,
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }
}

/// Tenants one instance keeps at most (a few MB at most).
pub const MAX_CACHED_TENANTS: usize = 1024;

impl CachedTenants {
    /// How many tenants are cached now (tests).
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops a tenant's entry after this process changed the tenant, so that
    /// its own next request sees the change (other instances see it within
    /// the TTL).
    pub fn forget(&self, id: &TenantId) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(id);
        }
    }
}

#[async_trait]
impl TenantStore for CachedTenants {
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>, StoreError> {
        let now = self.clock.now();
        let cached = self.entries.lock().ok().and_then(|entries| {
            entries
                .get(id)
                .filter(|(at, _)| now - *at < self.ttl)
                .map(|(_, tenant)| tenant.clone())
        });
        if let Some(tenant) = cached {
            return Ok(tenant);
        }
        // Unknown tenants are cached too, so probing them costs no extra reads.
        let tenant = self.inner.get_tenant(id).await?;
        if let Ok(mut entries) = self.entries.lock() {
            // Bounded: probing random tenant ids must not grow the instance
            // without limit. Expired entries go first; if all are live, all go.
            if entries.len() >= MAX_CACHED_TENANTS {
                entries.retain(|_, (at, _)| now - *at < self.ttl);
                if entries.len() >= MAX_CACHED_TENANTS {
                    entries.clear();
                }
            }
            entries.insert(id.clone(), (now, tenant.clone()));
        }
        Ok(tenant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::memory::MemoryStore;
    use crate::domain::Settings;
    use crate::ports::{Committer, FakeClock, Write};

    #[tokio::test]
    async fn probing_unknown_tenants_stays_bounded() {
        let store = Arc::new(MemoryStore::new());
        let clock = Arc::new(FakeClock::new(time::OffsetDateTime::UNIX_EPOCH));
        let cache = CachedTenants::new(store, clock, time::Duration::seconds(30));
        for i in 0..(MAX_CACHED_TENANTS * 3) {
            let id = TenantId::parse(&format!("probe-{i}")).unwrap();
            assert_eq!(cache.get_tenant(&id).await.unwrap(), None);
        }
        assert!(cache.len() <= MAX_CACHED_TENANTS, "{}", cache.len());
        assert!(!cache.is_empty());
    }

    /// A store holding tenant `acme`, and a clock at the epoch.
    async fn acme() -> (Arc<MemoryStore>, Arc<FakeClock>, TenantId, Tenant) {
        let store = Arc::new(MemoryStore::new());
        let clock = Arc::new(FakeClock::new(time::OffsetDateTime::UNIX_EPOCH));
        let id = TenantId::parse("acme").unwrap();
        let tenant = Tenant {
            id: id.clone(),
            name: "Acme".into(),
            settings: Settings::default(),
            logo: None,
        };
        store
            .commit(vec![Write::PutTenant(tenant.clone())])
            .await
            .unwrap();
        (store, clock, id, tenant)
    }

    #[tokio::test]
    async fn serves_from_cache_until_the_ttl_passes() {
        let (store, clock, id, mut tenant) = acme().await;
        let cache = CachedTenants::new(store.clone(), clock.clone(), time::Duration::seconds(30));
        assert_eq!(cache.get_tenant(&id).await.unwrap().unwrap().name, "Acme");
        // GIVEN a change in the store WHEN within the TTL THEN the cached record
        tenant.name = "Acme 2".into();
        store.commit(vec![Write::PutTenant(tenant)]).await.unwrap();
        clock.advance(time::Duration::seconds(29));
        assert_eq!(cache.get_tenant(&id).await.unwrap().unwrap().name, "Acme");
        // AND after it, the fresh one
        clock.advance(time::Duration::seconds(2));
        assert_eq!(cache.get_tenant(&id).await.unwrap().unwrap().name, "Acme 2");
        // unknown tenants are cached as unknown
        let ghost = TenantId::parse("ghost").unwrap();
        assert!(cache.get_tenant(&ghost).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_forgotten_tenant_is_read_again_at_once() {
        let (store, clock, id, mut tenant) = acme().await;
        let cache = CachedTenants::new(store.clone(), clock.clone(), time::Duration::seconds(30));
        let other = TenantId::parse("other").unwrap();
        assert!(cache.get_tenant(&other).await.unwrap().is_none());
        assert_eq!(cache.get_tenant(&id).await.unwrap().unwrap().name, "Acme");
        // GIVEN a change this process made WHEN its entry is forgotten THEN
        // the next read is the stored record, within the TTL
        tenant.name = "Acme 2".into();
        store.commit(vec![Write::PutTenant(tenant)]).await.unwrap();
        cache.forget(&id);
        assert_eq!(cache.get_tenant(&id).await.unwrap().unwrap().name, "Acme 2");
        // AND only that entry went
        assert_eq!(cache.len(), 2);
    }

    /// Issue 22: a tightened setting holds on every instance within 5 s,
    /// whatever the environment asks for.
    #[tokio::test]
    async fn a_settings_change_reaches_every_instance_within_five_seconds() {
        use crate::app::env::{MAX_TENANT_CACHE_SECONDS, cache_seconds};
        assert_eq!(cache_seconds(None), 5);
        assert_eq!(cache_seconds(Some("30")), 5);
        assert_eq!(cache_seconds(Some("0")), 0);
        assert_eq!(cache_seconds(Some("2")), 2);
        assert_eq!(cache_seconds(Some("-1")), 0);
        assert_eq!(cache_seconds(Some("soon")), 5);
        // GIVEN an instance that cached acme at the longest lifetime allowed
        let (store, clock, id, mut tenant) = acme().await;
        let cache = CachedTenants::new(
            store.clone(),
            clock.clone(),
            time::Duration::seconds(cache_seconds(None)),
        );
        cache.get_tenant(&id).await.unwrap();
        // WHEN another instance requires MFA for admins
        tenant.settings.mfa_required_for = crate::domain::MfaRequiredFor::Admins;
        store.commit(vec![Write::PutTenant(tenant)]).await.unwrap();
        // THEN this one enforces it once 5 s have passed
        clock.advance(time::Duration::seconds(MAX_TENANT_CACHE_SECONDS));
        let seen = cache.get_tenant(&id).await.unwrap().unwrap();
        assert_eq!(
            seen.settings.mfa_required_for,
            crate::domain::MfaRequiredFor::Admins
        );
    }
}
