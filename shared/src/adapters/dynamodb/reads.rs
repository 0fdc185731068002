//! Tenants, logos and reset tokens: one `GetItem` each (sessions: `sessions`).

use super::*;

#[async_trait]
impl TenantStore for DynamoStore {
    async fn get_tenant(&self, id: &TenantId) -> Result<Option<Tenant>, StoreError> {
        self.get(tenant_pk(id), "T")
            .await?
            .map(|i| from_doc(&i))
            .transpose()
    }
}

#[async_trait]
impl LogoReader for DynamoStore {
    async fn get_logo(
        &self,
        tenant: &TenantId,
    ) -> Result<Option<(LogoType, bytes::Bytes)>, StoreError> {
        let Some(item) = self.get(logo_pk(tenant), "L").await? else {
            return Ok(None);
        };
        let kind: LogoType = from_doc(&item)?;
        let bytes = item
            .get("bytes")
            .and_then(|v| v.as_b().ok())
            .ok_or_else(|| StoreError::Unavailable("logo without bytes".into()))?;
        Ok(Some((kind, bytes::Bytes::copy_from_slice(bytes.as_ref()))))
    }
}

#[async_trait]
impl TokenReader for DynamoStore {
    async fn get_reset_token(&self, hash: &TokenHash) -> Result<Option<ResetToken>, StoreError> {
        let Some(item) = self.get(reset_pk(hash.as_str()), "R").await? else {
            return Ok(None);
        };
        let mut token: ResetToken = from_doc(&item)?;
        if let Some(at) = item.get("used_at").and_then(|v| v.as_n().ok()) {
            let at = at.parse::<i64>().unwrap_or_default();
            token.used_at = Some(
                time::OffsetDateTime::from_unix_timestamp(at)
                    .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
            );
        }
        Ok(Some(token))
    }
}
