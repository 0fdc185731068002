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

/// Which events a reader asked for (each optional; all of them hold).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditFilter {
    /// The account acted on or acting (target or actor).
    pub user_id: Option<String>,
    /// The event type, e.g. `password_reset.requested`.
    pub kind: Option<String>,
    pub outcome: Option<String>,
    /// Events at or after this instant.
    pub from: Option<Instant>,
    /// Events at or before this instant.
    pub to: Option<Instant>,
}

impl AuditFilter {
    pub fn matches(&self, e: &AuditEvent) -> bool {
        let user = self
            .user_id
            .as_deref()
            .is_none_or(|u| e.actor == u || e.target.as_deref() == Some(u));
        user && self.kind.as_deref().is_none_or(|k| e.kind == k)
            && self.outcome.as_deref().is_none_or(|o| e.outcome == o)
            && self.from.is_none_or(|f| e.at >= f)
            && self.to.is_none_or(|t| e.at <= t)
    }

    /// Whether a listing (newest first) that reached `e` can stop: it and all
    /// after it are older than the filter's start.
    pub fn past(&self, e: &AuditEvent) -> bool {
        self.from.is_some_and(|f| e.at < f)
    }

    /// Where a listing starts: the cursor, or just past the filter's end,
    /// whichever is older (sort keys are fixed width, so they order as strings).
    pub fn start(&self, cursor: Option<&str>) -> Option<String> {
        let end = self
            .to
            .map(|t| format!("{:020}#~", t.unix_timestamp_nanos()));
        match (cursor, end) {
            (Some(c), Some(e)) => Some(e.min(c.to_owned())),
            (Some(c), None) => Some(c.to_owned()),
            (None, e) => e,
        }
    }
}

/// The events as CSV for a spreadsheet: a header row, every field quoted, and
/// a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) neutralised with a leading `'` (CWE-1236: an
/// attacker's username or ticket text must not execute on the reader's machine).
pub fn audit_csv(events: &[AuditEvent]) -> String {
    fn cell(v: &str) -> String {
        let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{v}")
        } else {
            v.to_owned()
        };
        format!("\"{}\"", v.replace('"', "\"\""))
    }
    let mut out = String::from(
        "\"id\",\"at\",\"type\",\"actor\",\"target\",\"ip\",\"outcome\",\"details\"\r\n",
    );
    for e in events {
        let details = serde_json::Value::Object(e.details.clone()).to_string();
        let row = [
            e.id.as_str(),
            &super::rfc3339(e.at),
            &e.kind,
            &e.actor,
            e.target.as_deref().unwrap_or_default(),
            e.ip.as_deref().unwrap_or_default(),
            &e.outcome,
            &details,
        ]
        .map(cell)
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, actor: &str, target: Option<&str>, at: i64) -> AuditEvent {
        let tenant = TenantId::parse("acme").unwrap();
        let at = time::OffsetDateTime::from_unix_timestamp(at).unwrap();
        let e = AuditEvent::new(&tenant, at, kind, actor, "success");
        match target {
            Some(t) => e.target(t),
            None => e,
        }
    }

    #[test]
    fn a_filter_holds_on_every_field_it_names() {
        let e = event("password.set", "u_admin", Some("u_alice"), 1_000);
        assert!(AuditFilter::default().matches(&e));
        let by = |f: AuditFilter| f.matches(&e);
        assert!(by(AuditFilter {
            user_id: Some("u_alice".into()),
            ..Default::default()
        }));
        assert!(by(AuditFilter {
            user_id: Some("u_admin".into()),
            ..Default::default()
        }));
        assert!(!by(AuditFilter {
            user_id: Some("u_bob".into()),
            ..Default::default()
        }));
        assert!(!by(AuditFilter {
            kind: Some("sign_in".into()),
            ..Default::default()
        }));
        assert!(!by(AuditFilter {
            outcome: Some("failure".into()),
            ..Default::default()
        }));
        let at = |s: i64| Some(time::OffsetDateTime::from_unix_timestamp(s).unwrap());
        assert!(by(AuditFilter {
            from: at(1_000),
            to: at(1_000),
            ..Default::default()
        }));
        assert!(!by(AuditFilter {
            from: at(1_001),
            ..Default::default()
        }));
        assert!(!by(AuditFilter {
            to: at(999),
            ..Default::default()
        }));
        assert!(
            AuditFilter {
                from: at(1_001),
                ..Default::default()
            }
            .past(&e)
        );
        assert!(
            !AuditFilter {
                from: at(1_000),
                ..Default::default()
            }
            .past(&e)
        );
    }

    #[test]
    fn a_listing_starts_at_the_older_of_cursor_and_end() {
        let to = Some(time::OffsetDateTime::from_unix_timestamp(2_000).unwrap());
        let f = AuditFilter {
            to,
            ..Default::default()
        };
        let end = format!("{:020}#~", 2_000i128 * 1_000_000_000);
        assert_eq!(f.start(None), Some(end.clone()));
        let older = format!("{:020}#a", 1_000i128 * 1_000_000_000);
        assert_eq!(f.start(Some(&older)), Some(older.clone()));
        let newer = format!("{:020}#a", 3_000i128 * 1_000_000_000);
        assert_eq!(f.start(Some(&newer)), Some(end));
        assert_eq!(AuditFilter::default().start(None), None);
    }

    #[test]
    fn csv_quotes_every_field_and_neutralises_formulas() {
        let e = event("support.reset", "=HYPERLINK(\"http://x\")", Some("+1"), 0)
            .detail("reason", "@SUM(A1)");
        let csv = audit_csv(&[e]);
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("\"id\",\"at\",\"type\",\"actor\",\"target\",\"ip\",\"outcome\",\"details\"")
        );
        let row = lines.next().unwrap();
        assert!(row.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{row}");
        assert!(row.contains(",\"'+1\","), "{row}");
        assert!(row.contains("@SUM(A1)"), "{row}");
        assert!(row.contains(",\"1970-01-01T00:00:00Z\","), "{row}");
        assert!(row.starts_with('"') && row.ends_with('"'), "{row}");
    }
}
