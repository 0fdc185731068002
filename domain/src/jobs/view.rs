//! A job as the API shows it.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{Job, JobAction, JobStatus, MailPace};
use crate::Instant;

/// A job as the API shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobView {
    pub id: String,
    pub status: JobStatus,
    pub action: JobAction,
    pub filter: serde_json::Value,
    pub reset_mfa: bool,
    pub reason: String,
    pub created_by: String,
    pub matched: u64,
    pub matched_exact: bool,
    pub processed: u64,
    pub sent: u64,
    pub skipped: BTreeMap<String, u64>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eta_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

impl Job {
    pub fn view(&self, now: Instant, pace: &MailPace) -> JobView {
        // The stored filter, with its instant as the API writes instants.
        let mut filter = match serde_json::to_value(&self.filter) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        if let Some(t) = self.filter.changed_before {
            filter.insert("changed_before".into(), crate::rfc3339(t).into());
        }
        if !self.filter.all {
            filter.remove("all");
        }
        JobView {
            id: self.id.to_string(),
            status: self.status,
            action: self.action,
            filter: filter.into(),
            reset_mfa: self.reset_mfa,
            reason: self.reason.clone(),
            created_by: self.created_by.to_string(),
            matched: self.matched,
            matched_exact: self.matched_exact,
            processed: self.counts.processed,
            sent: self.counts.sent,
            skipped: self.counts.skipped.clone(),
            created_at: crate::rfc3339(self.created_at),
            updated_at: crate::rfc3339(self.updated_at),
            eta_seconds: self.eta_seconds(now, pace),
            failure: self.failure.clone(),
        }
    }
}
