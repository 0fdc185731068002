//! A tenant's compliance profile: the conformance report and applying a
//! profile (function `users`). The rules are `domain::compliance`'s.

use super::{AppError, RequestMeta};
use crate::domain::compliance::{self, Profile, Report};
use crate::domain::permissions::{Action, Actor, authorize};
use crate::domain::{AuditEvent, Settings, Tenant, TenantId};
use crate::ports::{Clock, Committer, StoreError, TenantStore, Write};

pub struct Compliance<'a> {
    pub tenants: &'a dyn TenantStore,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl Compliance<'_> {
    async fn tenant(&self, id: &TenantId) -> Result<Tenant, AppError> {
        self.tenants.get_tenant(id).await?.ok_or(AppError::NotFound)
    }

    /// `GET /v1/tenants/{tenant}/compliance[?profile=]`: the live settings
    /// against the tenant's profile (or `profile`, to see what another would
    /// ask). For the owner and holders of `audit.read`: an auditor's view.
    pub async fn report(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        profile: Option<Profile>,
    ) -> Result<Report, AppError> {
        let tenant = self.tenant(tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ReadAudit, false)?;
        let profile = profile.unwrap_or(tenant.settings.compliance_profile);
        Ok(compliance::report(&tenant.settings, profile))
    }

    /// Applies `profile` (owner only): every value looser than its floors is
    /// moved onto them, every other value kept, the profile chosen; audited
    /// as `settings.updated` with what changed.
    pub async fn apply(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        profile: Profile,
        meta: &RequestMeta,
    ) -> Result<Settings, AppError> {
        let mut tenant = self.tenant(tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ManageSettings, false)?;
        let settings = compliance::conform(&tenant.settings, profile);
        settings.validate()?;
        let changed = crate::domain::settings_changes(&tenant.settings, &settings);
        tenant.settings = settings.clone();
        let actor_id = match actor {
            Actor::User(u) => u.id.to_string(),
            Actor::Support => "support".to_owned(),
        };
        let event = AuditEvent::new(
            tenant_id,
            self.clock.now(),
            "settings.updated",
            &actor_id,
            "success",
        )
        .ip(meta.ip.clone())
        .detail("profile_applied", profile.as_str())
        .detail("changed", serde_json::Value::Object(changed));
        self.committer
            .commit(vec![Write::PutTenant(tenant), Write::Audit(event)])
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) | StoreError::Contention => AppError::Conflict,
                e => e.into(),
            })?;
        Ok(settings)
    }
}
