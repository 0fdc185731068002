//! The tenant's settings and its audit log (function `users`).

use super::*;
use crate::domain::AuditFilter;

/// Pages of the stored log one filtered listing reads at most.
pub const MAX_AUDIT_PAGES: usize = 10;

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
        let changed = crate::domain::settings_changes(&tenant.settings, &settings);
        tenant.settings = settings.clone();
        let event = AuditEvent::new(
            tenant_id,
            self.clock.now(),
            "settings.updated",
            &actor_name(actor),
            "success",
        )
        .ip(meta.ip.clone())
        .detail("changed", serde_json::Value::Object(changed));
        self.committer
            .commit(vec![Write::PutTenant(tenant), Write::Audit(event)])
            .await?;
        Ok(settings)
    }

    /// The tenant's events, newest first, those `filter` names. The filter
    /// is applied to pages of the log as stored; one call reads at most
    /// [`MAX_AUDIT_PAGES`] of them, so a rare match in a long history answers a
    /// short page with a cursor to go on from, never an unbounded read.
    pub async fn audit_events(
        &self,
        actor: &Actor<'_>,
        tenant_id: &TenantId,
        cursor: Option<&str>,
        limit: usize,
        filter: &AuditFilter,
    ) -> Result<Page<AuditEvent>, AppError> {
        tenant_of(self.tenants, tenant_id).await?;
        authorize(actor, tenant_id, None, Action::ReadAudit, false)?;
        let limit = limit.clamp(1, 100);
        let now = self.clock.now();
        let mut at = filter.start(cursor);
        let mut items = Vec::new();
        for _ in 0..MAX_AUDIT_PAGES {
            let page = self
                .audit
                .list_audit(tenant_id, now, at.as_deref(), 100)
                .await?;
            for e in page.items {
                if filter.past(&e) {
                    return Ok(Page {
                        items,
                        next_cursor: None,
                    });
                }
                at = Some(e.sort_key());
                if filter.matches(&e) {
                    items.push(e);
                    if items.len() == limit {
                        return Ok(Page {
                            items,
                            next_cursor: at,
                        });
                    }
                }
            }
            match page.next_cursor {
                Some(next) => at = Some(next),
                None => {
                    return Ok(Page {
                        items,
                        next_cursor: None,
                    });
                }
            }
        }
        Ok(Page {
            items,
            next_cursor: at,
        })
    }
}

/// The settings rule (`domain::settings`) as this crate's error: `422
/// invalid_settings` with the fields at fault, or `422 invalid_branding`.
pub fn validate_settings(s: &Settings) -> Result<(), AppError> {
    Ok(s.validate()?)
}

impl Users<'_> {
    /// The usernames of the accounts a page of events names as actor or
    /// target (by id), read in one batch: what a person reads instead of ids.
    /// An account deleted since has no name here; its id stays in the event.
    pub async fn audit_names(
        &self,
        tenant_id: &TenantId,
        events: &[AuditEvent],
    ) -> Result<std::collections::HashMap<String, String>, AppError> {
        let ids: std::collections::BTreeSet<&str> = events
            .iter()
            .flat_map(|e| std::iter::once(e.actor.as_str()).chain(e.target.as_deref()))
            .filter(|id| !id.is_empty())
            .collect();
        let ids: Vec<UserId> = ids.into_iter().map(|id| UserId(id.to_owned())).collect();
        let users = self.users.get_users(tenant_id, &ids).await?;
        Ok(users
            .into_iter()
            .flatten()
            .map(|u| (u.id.as_str().to_owned(), u.username))
            .collect())
    }
}
