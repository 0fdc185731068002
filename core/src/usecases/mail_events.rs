//! What mail providers tell us about addresses: a permanent bounce or a
//! complaint marks every account of the tenant at that address undeliverable,
//! so nothing more is sent there until the address changes.

use super::AppError;
use crate::domain::{AuditEvent, EmailStatus, TenantId, mask_email};
use crate::ports::{Clock, Committer, StoreError, UserReader, Write};

/// Accounts sharing one address that one event marks at most.
const MAX_ACCOUNTS_PER_ADDRESS: usize = 25;

pub struct MarkUndeliverable<'a> {
    pub users: &'a dyn UserReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl MarkUndeliverable<'_> {
    /// Returns how many accounts changed. Each is saved conditioned on its
    /// version (re-read and retried on a race) and audited, the address masked.
    pub async fn execute(
        &self,
        tenant: &TenantId,
        address: &str,
        status: EmailStatus,
        detail: &str,
    ) -> Result<usize, AppError> {
        let key = crate::domain::identity::email_key(address);
        let found = self
            .users
            .find_by_email(tenant, &key, MAX_ACCOUNTS_PER_ADDRESS)
            .await?;
        let mut changed = 0;
        for candidate in found {
            for attempt in 0..5 {
                // The index may lag: decide on the record itself.
                let Some(mut user) = self.users.get_user(tenant, &candidate.id).await? else {
                    break;
                };
                if user.email_key().as_deref() != Some(key.as_str()) || user.email_status == status
                {
                    break;
                }
                user.email_status = status;
                let event = AuditEvent::new(
                    tenant,
                    self.clock.now(),
                    "email.undeliverable",
                    "ses",
                    "success",
                )
                .target(user.id.as_str())
                .detail("email", mask_email(address))
                .detail(
                    "email_status",
                    serde_json::to_value(status).unwrap_or_default(),
                )
                .detail("detail", detail.to_owned());
                match self
                    .committer
                    .commit(vec![Write::SaveUser(user), Write::Audit(event)])
                    .await
                {
                    Ok(()) => {
                        changed += 1;
                        break;
                    }
                    Err(StoreError::Conflict(_) | StoreError::Contention) => {
                        super::backoff(attempt).await
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(changed)
    }
}
