//! The tenant's logo and a person's own language: small changes with the same
//! rules as every other (authorized, audited, one atomic unit).

use bytes::Bytes;

use super::{AppError, RequestMeta};
use crate::domain::permissions::{Action, Actor, authorize};
use crate::domain::{AuditEvent, Locale, LogoType, TenantId, User, check_logo};
use crate::ports::{Clock, Committer, LogoReader, StoreError, TenantStore, Write};

pub struct Logos<'a> {
    pub tenants: &'a dyn TenantStore,
    pub logos: &'a dyn LogoReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl Logos<'_> {
    /// Replaces the logo (owner only). The bytes decide what it is, never a
    /// file name or a declared content type.
    pub async fn put(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        bytes: Bytes,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let mut tenant = self
            .tenants
            .get_tenant(tenant_id)
            .await?
            .ok_or(AppError::NotFound)?;
        authorize(actor, tenant_id, None, Action::ManageSettings, false)?;
        let kind = check_logo(&bytes).map_err(AppError::InvalidLogo)?;
        tenant.logo = Some(kind);
        let actor_id = match actor {
            Actor::User(u) => u.id.to_string(),
            Actor::Support => "support".to_owned(),
        };
        let event = AuditEvent::new(
            tenant_id,
            self.clock.now(),
            "branding.logo_updated",
            &actor_id,
            "success",
        )
        .ip(meta.ip.clone())
        .detail("content_type", kind.content_type())
        .detail("bytes", bytes.len());
        self.committer
            .commit(vec![
                Write::PutLogo {
                    tenant: tenant_id.clone(),
                    kind,
                    bytes,
                },
                Write::PutTenant(tenant),
                Write::Audit(event),
            ])
            .await?;
        Ok(())
    }

    /// The logo, public (it is on the sign-in page): `404` when there is none.
    pub async fn get(&self, tenant_id: &TenantId) -> Result<(LogoType, Bytes), AppError> {
        self.logos
            .get_logo(tenant_id)
            .await?
            .ok_or(AppError::NotFound)
    }
}

/// Sets (or with `None` clears) the signed-in user's own language.
pub async fn set_own_locale(
    committer: &dyn Committer,
    clock: &dyn Clock,
    user: &User,
    locale: Option<Locale>,
    meta: &RequestMeta,
) -> Result<User, AppError> {
    let mut updated = user.clone();
    updated.locale = locale;
    let event = AuditEvent::new(
        &user.tenant_id,
        clock.now(),
        "user.locale_changed",
        user.id.as_str(),
        "success",
    )
    .target(user.id.as_str())
    .ip(meta.ip.clone())
    .detail("locale", locale.map(Locale::as_str));
    committer
        .commit(vec![Write::SaveUser(updated.clone()), Write::Audit(event)])
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) | StoreError::Contention => AppError::Conflict,
            other => other.into(),
        })?;
    updated.version += 1;
    Ok(updated)
}
