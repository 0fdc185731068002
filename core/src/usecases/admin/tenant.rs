//! The tenant's settings and its audit log (function `users`).

use super::*;

impl Users<'_> {
    pub async fn settings(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
    ) -> Result<Settings, AppError> {
        let tenant = tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ManageSettings, false)?;
        Ok(tenant.settings)
    }

    pub async fn put_settings(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        settings: Settings,
        meta: &RequestMeta,
    ) -> Result<Settings, AppError> {
        let mut tenant = tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ManageSettings, false)?;
        validate_settings(&settings)?;
        tenant.settings = settings.clone();
        let event = AuditEvent::new(
            tenant_id,
            self.clock.now(),
            "settings.updated",
            &actor_name(actor),
            "success",
        )
        .ip(meta.ip.clone());
        self.committer
            .commit(vec![Write::PutTenant(tenant), Write::Audit(event)])
            .await?;
        Ok(settings)
    }

    pub async fn audit_events(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<AuditEvent>, AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ReadAudit, false)?;
        Ok(self
            .audit
            .list_audit(tenant_id, self.clock.now(), cursor, limit.clamp(1, 100))
            .await?)
    }
}

/// The settings rule (`domain::settings`) as this crate's error: `422
/// invalid_settings` with the fields at fault, or `422 invalid_branding`.
pub fn validate_settings(s: &Settings) -> Result<(), AppError> {
    Ok(s.validate()?)
}
