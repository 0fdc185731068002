//! Platform support's lookup: which accounts of a tenant are its owners and
//! admins (the only accounts support acts on), so a reset can name the right
//! `user_id`. Audited in the tenant's log like every support action.

use super::{AppError, RequestMeta};
use crate::domain::{AuditEvent, Role, TenantId, User, normalize_identifier};
use crate::ports::{Clock, Committer, TenantStore, UserDirectory, Write};

/// Matches one lookup returns at most.
pub const MAX_MATCHES: usize = 50;
/// Directory pages (of 100) one lookup reads at most: a prefix narrows it; a
/// bare listing of a huge tenant stops here rather than reading everyone.
const MAX_PAGES: usize = 20;

pub struct SupportLookup<'a> {
    pub tenants: &'a dyn TenantStore,
    pub directory: &'a dyn UserDirectory,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl SupportLookup<'_> {
    /// The tenant's owners and admins (or only `role`) whose username or email
    /// starts with `q`. `identity` is the support caller, for the audit.
    pub async fn execute(
        &self,
        tenant_id: &TenantId,
        role: Option<Role>,
        q: &str,
        identity: &str,
        meta: &RequestMeta,
    ) -> Result<Vec<User>, AppError> {
        if role == Some(Role::User) {
            return Err(AppError::InvalidRequest(
                "support looks up owners and admins only (role=owner|admin)".into(),
            ));
        }
        self.tenants
            .get_tenant(tenant_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let prefix = normalize_identifier(q);
        let wanted = |u: &User| match role {
            Some(r) => u.role == r,
            None => u.is_admin_like(),
        };
        let mut found = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = self
                .directory
                .search_users(tenant_id, &prefix, cursor.as_deref(), 100)
                .await?;
            found.extend(page.items.into_iter().filter(|u| wanted(u)));
            cursor = page.next_cursor;
            if cursor.is_none() || found.len() >= MAX_MATCHES {
                break;
            }
        }
        found.truncate(MAX_MATCHES);
        let event = AuditEvent::new(
            tenant_id,
            self.clock.now(),
            "support.lookup",
            "support",
            "success",
        )
        .ip(meta.ip.clone())
        .detail("support_identity", identity.to_owned())
        .detail("role", serde_json::to_value(role).unwrap_or_default())
        .detail("q", prefix)
        .detail("results", found.len());
        self.committer.commit(vec![Write::Audit(event)]).await?;
        Ok(found)
    }
}

/// A support action's reason (the ticket it answers), as audited; a missing
/// or overlong one is `400` before anything is read.
pub fn ticket(raw: &str) -> Result<String, AppError> {
    crate::domain::permissions::support_reason(raw).ok_or_else(|| {
        AppError::InvalidRequest(format!(
            "reason (a ticket reference) is required, at most {} characters",
            crate::domain::permissions::MAX_SUPPORT_REASON_CHARS
        ))
    })
}
