//! Throttling rules: keys of the counters and the lockout backoff. Pure.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Instant, TenantId};

/// Per-tenant limits (part of the settings object; every field has a default).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Failed sign-ins (per username) before the account locks.
    pub lockout_threshold: u64,
    /// First lock length; each further failure doubles it, up to the max.
    pub lockout_base_seconds: u64,
    pub lockout_max_seconds: u64,
    /// Failed sign-ins from one IP per window before that IP is refused.
    pub sign_in_failures_per_ip: u64,
    /// Reset requests per identifier (account) per window that send mail.
    pub reset_emails_per_account: u64,
    /// Reset requests from one IP per window that send mail.
    pub reset_requests_per_ip: u64,
    pub window_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            lockout_threshold: 5,
            lockout_base_seconds: 60,
            lockout_max_seconds: 3600,
            sign_in_failures_per_ip: 100,
            reset_emails_per_account: 3,
            reset_requests_per_ip: 30,
            window_seconds: 900,
        }
    }
}

/// How long an account stays locked after its `failures`-th failure.
pub fn lockout_seconds(limits: &Limits, failures: u64) -> u64 {
    let extra = failures.saturating_sub(limits.lockout_threshold).min(20) as u32;
    limits
        .lockout_base_seconds
        .saturating_mul(2u64.saturating_pow(extra))
        .min(limits.lockout_max_seconds)
}

/// A fixed window: its index and when it ends.
pub fn window(limits: &Limits, now: Instant) -> (i64, Instant) {
    let w = limits.window_seconds.max(1) as i64;
    let index = now.unix_timestamp().div_euclid(w);
    let end = time::OffsetDateTime::from_unix_timestamp((index + 1) * w).unwrap_or(now);
    (index, end)
}

/// Failed sign-ins of a username (known or not, so locks do not reveal accounts).
pub fn sign_in_key(tenant: &TenantId, username_key: &str) -> String {
    format!("signin#{tenant}#{}", short_hash(username_key))
}

pub fn sign_in_ip_key(ip: &str, window_index: i64) -> String {
    format!("signin-ip#{ip}#{window_index}")
}

/// Reset requests for one identifier (whatever was typed, so known and unknown
/// accounts cost the same counter write).
pub fn reset_identifier_key(tenant: &TenantId, identifier: &str, window_index: i64) -> String {
    format!(
        "reset-id#{tenant}#{}#{window_index}",
        short_hash(identifier)
    )
}

pub fn reset_ip_key(ip: &str, window_index: i64) -> String {
    format!("reset-ip#{ip}#{window_index}")
}

fn short_hash(s: &str) -> String {
    hex::encode(&Sha256::digest(s.as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_from_the_threshold_and_is_capped() {
        let l = Limits::default();
        assert_eq!(lockout_seconds(&l, 5), 60);
        assert_eq!(lockout_seconds(&l, 6), 120);
        assert_eq!(lockout_seconds(&l, 7), 240);
        assert_eq!(lockout_seconds(&l, 40), 3600);
    }
}
