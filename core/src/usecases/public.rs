//! What the hosted pages read before anyone signs in: a tenant's name, policy
//! and brand. Public, so it must not tell which tenants exist: an unknown
//! tenant reads as one with the default settings and no name, through the same
//! answer, so the HTTP layer cannot tell the two apart either.

use super::AppError;
use crate::domain::{Settings, TenantId};
use crate::ports::TenantStore;

pub struct PublicFace {
    /// `None` for a tenant that does not exist.
    pub name: Option<String>,
    pub settings: Settings,
    pub has_logo: bool,
}

pub async fn public_face(
    tenants: &dyn TenantStore,
    tenant: &TenantId,
) -> Result<PublicFace, AppError> {
    Ok(match tenants.get_tenant(tenant).await? {
        Some(t) => PublicFace {
            name: Some(t.name),
            settings: t.settings,
            has_logo: t.logo.is_some(),
        },
        None => PublicFace {
            name: None,
            settings: Settings::default(),
            has_logo: false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::MemoryStore;
    use crate::ports::{Committer, Write};

    #[tokio::test]
    async fn an_unknown_tenant_reads_as_the_defaults() {
        // GIVEN a store with one tenant whose policy is stricter than the default
        let store = MemoryStore::new();
        let id = TenantId::parse("acme").unwrap();
        let mut settings = Settings::default();
        settings.password_policy.min_length = 14;
        store
            .commit(vec![Write::PutTenant(crate::domain::Tenant {
                id: id.clone(),
                name: "Acme".into(),
                settings: settings.clone(),
                logo: None,
            })])
            .await
            .unwrap();
        // WHEN each is read THEN the real one is itself
        let acme = public_face(&store, &id).await.unwrap();
        assert_eq!(acme.name.as_deref(), Some("Acme"));
        assert_eq!(acme.settings, settings);
        // AND an unknown one is the defaults, nameless, as a tenant without a logo
        let other = public_face(&store, &TenantId::parse("nobody").unwrap())
            .await
            .unwrap();
        assert_eq!(other.name, None);
        assert_eq!(other.settings, Settings::default());
        assert!(!other.has_logo);
    }
}
