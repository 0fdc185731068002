//! Back to the product: where a hosted page may send a person after signing
//! in, resetting or activating. The pages ask the server; the rule is
//! `domain::return_target`, over the tenant's stored `return_urls`.

use super::AppError;
use crate::domain::{TenantId, return_target};
use crate::ports::TenantStore;

pub struct ReturnTarget<'a> {
    pub tenants: &'a dyn TenantStore,
}

impl ReturnTarget<'_> {
    /// `candidate` when the tenant allows it, else `None` (the page then
    /// goes to the account page). An unknown tenant allows nothing, with the
    /// same answer as a refused URL: tenants are not enumerable this way.
    pub async fn execute(
        &self,
        tenant_id: &TenantId,
        candidate: &str,
    ) -> Result<Option<String>, AppError> {
        Ok(self
            .tenants
            .get_tenant(tenant_id)
            .await?
            .and_then(|t| return_target(&t.settings, candidate)))
    }
}
