//! Audit events: who did what to whom, from where, with what outcome. Details
//! are built from non-secret values only; no constructor takes a password or token.

use serde::{Deserialize, Serialize};

use super::{Instant, TenantId, random_bytes};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: String,
    pub tenant_id: TenantId,
    #[serde(with = "time::serde::timestamp::nanoseconds")]
    pub at: Instant,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: String,
    pub target: Option<String>,
    pub ip: Option<String>,
    pub outcome: String,
    #[serde(default)]
    pub details: serde_json::Map<String, serde_json::Value>,
}

impl AuditEvent {
    pub fn new(tenant_id: &TenantId, at: Instant, kind: &str, actor: &str, outcome: &str) -> Self {
        Self {
            id: hex::encode(random_bytes::<10>()),
            tenant_id: tenant_id.clone(),
            at,
            kind: kind.to_owned(),
            actor: actor.to_owned(),
            target: None,
            ip: None,
            outcome: outcome.to_owned(),
            details: serde_json::Map::new(),
        }
    }
    /// The key events are ordered (and paged) by in both stores: time, then id.
    pub fn sort_key(&self) -> String {
        format!("{:020}#{}", self.at.unix_timestamp_nanos(), self.id)
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }
    pub fn ip(mut self, ip: Option<String>) -> Self {
        self.ip = ip;
        self
    }
    pub fn detail(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }
}

/// Audit events are kept 400 days, then DynamoDB's TTL removes them.
pub const AUDIT_RETENTION_SECONDS: i64 = 400 * 86_400;

/// Where a listing starts: the cursor (events strictly older than it), or else
/// an upper bound past every event already written at `now`.
pub fn audit_upper_bound(cursor: Option<&str>, now: Instant) -> String {
    match cursor {
        Some(c) => c.to_owned(),
        None => format!(
            "{:020}#~",
            (now + time::Duration::days(1)).unix_timestamp_nanos()
        ),
    }
}
