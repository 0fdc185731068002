//! What a job is for: the filter of a request, checked, and the rule that
//! matches users against it; the request's other checked fields.

use serde::{Deserialize, Serialize};

use super::{JobAction, MAX_JOB_QUERY_CHARS, MAX_JOB_REASON_CHARS};
use crate::{Instant, Role, Source, Status, User, normalize_identifier};

/// The filter as a request gives it (`changed_before` in RFC 3339).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterInput {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub changed_before: Option<String>,
    #[serde(default)]
    pub all: bool,
}

/// Which users a job is for; every criterion given must hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobFilter {
    /// A normalized prefix of the username or the email (as the user search).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Users whose password dates from before this instant (the account's
    /// creation when it never had one set).
    #[serde(
        default,
        with = "time::serde::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub changed_before: Option<Instant>,
    #[serde(default)]
    pub all: bool,
}

/// Why a job request is refused (`400 invalid_request` with `field`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {detail}")]
pub struct JobRefused {
    pub field: &'static str,
    pub detail: &'static str,
}

fn refused(field: &'static str, detail: &'static str) -> JobRefused {
    JobRefused { field, detail }
}

impl FilterInput {
    /// The filter a job keeps. Everyone is only ever matched on purpose: a
    /// filter names at least one criterion, or is `all: true` and nothing else,
    /// so that a console bug sending `{}` cannot reset a whole tenant.
    pub fn check(self) -> Result<JobFilter, JobRefused> {
        let q = match self.q.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(q) if q.chars().count() > MAX_JOB_QUERY_CHARS => {
                return Err(refused("filter.q", "at most 254 characters"));
            }
            Some(q) => Some(normalize_identifier(q)),
        };
        let changed_before = match self.changed_before.as_deref() {
            None => None,
            Some(s) => Some(
                time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| refused("filter.changed_before", "an RFC 3339 date-time"))?,
            ),
        };
        let filter = JobFilter {
            q,
            role: self.role,
            status: self.status,
            source: self.source,
            changed_before,
            all: self.all,
        };
        let criteria = filter.q.is_some()
            || filter.role.is_some()
            || filter.status.is_some()
            || filter.source.is_some()
            || filter.changed_before.is_some();
        match (criteria, filter.all) {
            (false, false) => Err(refused(
                "filter",
                "name at least one criterion, or all: true for every user",
            )),
            (true, true) => Err(refused("filter.all", "all: true stands alone")),
            _ => Ok(filter),
        }
    }
}

impl JobFilter {
    /// The directory prefix that lists a superset of the matches.
    pub fn prefix(&self) -> &str {
        self.q.as_deref().unwrap_or("")
    }

    /// Whether `user` is one of the job's users. The prefix is checked again
    /// here: a directory index may lag a changed email.
    pub fn matches(&self, user: &User) -> bool {
        let q = self.q.as_deref().is_none_or(|q| {
            user.username_key().starts_with(q) || user.email_key().is_some_and(|e| e.starts_with(q))
        });
        q && self.role.is_none_or(|r| user.role == r)
            && self.status.is_none_or(|s| user.status == s)
            && self.source.is_none_or(|s| user.source == s)
            && self
                .changed_before
                .is_none_or(|t| user.password_changed_at.unwrap_or(user.created_at) < t)
    }
}

/// A job's reason as audited: trimmed, present, bounded.
pub fn job_reason(raw: &str) -> Result<String, JobRefused> {
    let reason = raw.trim();
    if reason.is_empty() {
        return Err(refused("reason", "required (e.g. the incident's ticket)"));
    }
    if reason.chars().count() > MAX_JOB_REASON_CHARS {
        return Err(refused("reason", "at most 500 characters"));
    }
    Ok(reason.to_owned())
}

/// `reset_mfa` rides on a link (completing it removes the second factor): an
/// action that sends none cannot carry it.
pub fn check_reset_mfa(action: JobAction, reset_mfa: bool) -> Result<(), JobRefused> {
    if reset_mfa && !action.sends() {
        return Err(refused("reset_mfa", "needs send_link or expire_and_send"));
    }
    Ok(())
}
