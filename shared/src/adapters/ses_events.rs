//! SES event publishing (configuration set -> SNS -> the `ses-events`
//! function): bounces and complaints mark the address undeliverable.

use serde_json::Value;

use super::ses::TENANT_TAG;
use crate::domain::{EmailStatus, TenantId};

/// One address SES says not to send to again, and for which tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undeliverable {
    pub tenant: TenantId,
    pub address: String,
    pub status: EmailStatus,
    /// E.g. the bounce subtype, for the audit log.
    pub detail: String,
}

/// The addresses one SES event (as published to SNS) makes undeliverable.
/// Only permanent bounces and complaints count: a transient bounce (a full
/// mailbox) and a reject (SES refused our message) say nothing about the
/// address. Events from mail without the tenant tag are not ours.
pub fn undeliverable(event: &Value) -> Vec<Undeliverable> {
    // Event publishing says `eventType`; feedback notifications `notificationType`.
    let kind = event["eventType"]
        .as_str()
        .or_else(|| event["notificationType"].as_str())
        .unwrap_or_default();
    let Some(tenant) = event["mail"]["tags"][TENANT_TAG][0]
        .as_str()
        .and_then(TenantId::parse)
    else {
        return Vec::new();
    };
    let (status, recipients, detail) = match kind {
        "Bounce" if event["bounce"]["bounceType"] == "Permanent" => (
            EmailStatus::Bounced,
            &event["bounce"]["bouncedRecipients"],
            event["bounce"]["bounceSubType"]
                .as_str()
                .unwrap_or("Permanent")
                .to_owned(),
        ),
        "Complaint" => (
            EmailStatus::Complained,
            &event["complaint"]["complainedRecipients"],
            event["complaint"]["complaintFeedbackType"]
                .as_str()
                .unwrap_or("complaint")
                .to_owned(),
        ),
        _ => return Vec::new(),
    };
    recipients
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r["emailAddress"].as_str())
        .map(|address| Undeliverable {
            tenant: tenant.clone(),
            address: address.to_owned(),
            status,
            detail: detail.clone(),
        })
        .collect()
}

/// The SES events in an SNS batch (`Records[].Sns.Message`, JSON text).
/// A message that is not JSON is skipped (logged): retrying cannot fix it.
pub fn from_sns(batch: &Value) -> Vec<Undeliverable> {
    batch["Records"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r["Sns"]["Message"].as_str())
        .filter_map(|m| match serde_json::from_str::<Value>(m) {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::warn!(error = %e, "SNS message is not an SES event");
                None
            }
        })
        .flat_map(|e| undeliverable(&e))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, extra: Value) -> Value {
        let mut e = json!({
            "eventType": kind,
            "mail": {"tags": {"latchkey-tenant": ["acme"]}, "destination": ["a@x.test"]},
        });
        if let (Some(o), Some(x)) = (e.as_object_mut(), extra.as_object()) {
            o.extend(x.clone());
        }
        e
    }

    #[test]
    fn permanent_bounces_and_complaints_only() {
        let hard = event(
            "Bounce",
            json!({"bounce": {"bounceType": "Permanent", "bounceSubType": "NoEmail",
                "bouncedRecipients": [{"emailAddress": "a@x.test"}, {"emailAddress": "b@x.test"}]}}),
        );
        let got = undeliverable(&hard);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].status, EmailStatus::Bounced);
        assert_eq!(got[0].tenant.as_str(), "acme");
        assert_eq!(got[1].address, "b@x.test");
        let soft = event(
            "Bounce",
            json!({"bounce": {"bounceType": "Transient", "bouncedRecipients": [{"emailAddress": "a@x.test"}]}}),
        );
        assert!(undeliverable(&soft).is_empty());
        let complaint = event(
            "Complaint",
            json!({"complaint": {"complainedRecipients": [{"emailAddress": "a@x.test"}]}}),
        );
        assert_eq!(undeliverable(&complaint)[0].status, EmailStatus::Complained);
        assert!(undeliverable(&event("Reject", json!({}))).is_empty());
        let mut foreign = hard.clone();
        foreign["mail"]["tags"] = json!({});
        assert!(undeliverable(&foreign).is_empty(), "not our mail");
    }
}
