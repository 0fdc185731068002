//! Throttling rules: keys of the counters, the lockout backoff, and the one
//! admission rule every counter follows. Pure.
//!
//! Every attempt is *reserved* before its expensive or revealing work (a hash
//! check, a mail) by one atomic read-decide-write of its counter: the store runs
//! [`Admission`] rules under its lock (memory) or as a compare-and-set on the
//! counter's version (DynamoDB). So N parallel attempts get exactly the guesses
//! N sequential ones would, in every state of the counter (fresh, counting,
//! locked, lock expired).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Instant, TenantId};

/// Per-tenant limits (part of the settings object; every field has a default).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Consecutive failed sign-ins of one account from one client IP before that
    /// (account, IP) pair locks. Keyed by the pair so that an attacker's address
    /// cannot lock the owner out at theirs.
    pub lockout_threshold: u64,
    /// First lock length; each further failure doubles it, up to the max.
    pub lockout_base_seconds: u64,
    pub lockout_max_seconds: u64,
    /// Consecutive failed sign-ins of one account over all addresses before it
    /// locks for everyone (NIST SP 800-63B §5.2.2: at most 100). The user is
    /// emailed; a completed reset lifts the lock.
    pub account_failure_ceiling: u64,
    /// How long the ceiling lock lasts when no reset lifts it; each further
    /// failure after it expires locks it again at once.
    pub account_lock_seconds: u64,
    /// Sign-in attempts from one IP into this tenant per window that are checked
    /// (a successful one gives its slot back, so this bounds failures).
    pub sign_in_failures_per_ip: u64,
    /// Reset requests per account (its identifiers as the tenant's
    /// `reset_identifier` reads them) per window that send mail.
    pub reset_emails_per_account: u64,
    /// Reset requests from one IP into this tenant per window that send mail.
    pub reset_requests_per_ip: u64,
    pub window_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            lockout_threshold: 5,
            lockout_base_seconds: 60,
            lockout_max_seconds: 3600,
            account_failure_ceiling: 100,
            account_lock_seconds: 86_400,
            sign_in_failures_per_ip: 100,
            reset_emails_per_account: 3,
            reset_requests_per_ip: 30,
            window_seconds: 900,
        }
    }
}

/// Failed sign-ins are remembered this long after the last one.
pub const FAILURE_MEMORY_SECONDS: i64 = 86_400;

/// How long an (account, IP) pair stays locked after its `failures`-th failure.
pub fn lockout_seconds(limits: &Limits, failures: u64) -> u64 {
    backoff_seconds(
        limits.lockout_threshold,
        limits.lockout_base_seconds,
        limits.lockout_max_seconds,
        failures,
    )
}

/// `base` at the `threshold`-th failure, doubling with each further one, capped.
fn backoff_seconds(threshold: u64, base: u64, max: u64, failures: u64) -> u64 {
    let extra = failures.saturating_sub(threshold).min(20) as u32;
    base.saturating_mul(2u64.saturating_pow(extra)).min(max)
}

/// A counter as the rules see it: a live count (an expired counter reads as the
/// default) and its lock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CounterState {
    pub count: u64,
    pub locked_until: Option<Instant>,
    /// When the counter is forgotten (its TTL); meaningless on a default state.
    pub expires_at: Option<Instant>,
}

impl CounterState {
    pub fn is_locked(&self, now: Instant) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// What an attempt's reservation decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// The attempt may proceed; the counter now holds `after`. `locked_now` says
    /// this very reservation set the lock (the last allowed attempt).
    Admitted {
        after: CounterState,
        locked_now: bool,
    },
    /// Refused without doing the work; retry after this many seconds.
    Refused { retry_after: u64 },
}

/// One of the admission rules a counter follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Consecutive failures with a lock from the `threshold`-th attempt on,
    /// `lock_seconds(count)` long, set by the reservation itself (pessimistically:
    /// a success deletes the counter, and with it the lock). So once the lock
    /// ends exactly one attempt is admitted before the next lock.
    Lockout {
        threshold: u64,
        base_seconds: u64,
        max_seconds: u64,
    },
    /// At most `limit` attempts per fixed window ending at `window_end`.
    Window { limit: u64, window_end: Instant },
}

fn seconds_until(now: Instant, until: Instant) -> u64 {
    (until - now).whole_seconds().max(1) as u64
}

impl Admission {
    pub fn sign_in_pair(limits: &Limits) -> Self {
        Admission::Lockout {
            threshold: limits.lockout_threshold,
            base_seconds: limits.lockout_base_seconds,
            max_seconds: limits.lockout_max_seconds,
        }
    }

    pub fn account_ceiling(limits: &Limits) -> Self {
        Admission::Lockout {
            threshold: limits.account_failure_ceiling,
            base_seconds: limits.account_lock_seconds,
            max_seconds: limits.account_lock_seconds,
        }
    }

    pub fn window(limit: u64, window_end: Instant) -> Self {
        Admission::Window { limit, window_end }
    }

    /// The decision for one attempt against the counter's live `state`; on
    /// admission, the state the store must write (atomically with the read).
    pub fn decide(&self, state: CounterState, now: Instant) -> Reservation {
        match *self {
            Admission::Lockout {
                threshold,
                base_seconds,
                max_seconds,
            } => {
                if let Some(until) = state.locked_until.filter(|u| *u > now) {
                    return Reservation::Refused {
                        retry_after: seconds_until(now, until),
                    };
                }
                let count = state.count + 1;
                let locked_until = (count >= threshold).then(|| {
                    let secs = backoff_seconds(threshold, base_seconds, max_seconds, count);
                    now + time::Duration::seconds(secs as i64)
                });
                let remember = now + time::Duration::seconds(FAILURE_MEMORY_SECONDS);
                Reservation::Admitted {
                    after: CounterState {
                        count,
                        locked_until,
                        expires_at: Some(locked_until.map_or(remember, |u| u.max(remember))),
                    },
                    locked_now: locked_until.is_some(),
                }
            }
            Admission::Window { limit, window_end } => {
                if state.count >= limit {
                    return Reservation::Refused {
                        retry_after: seconds_until(now, window_end),
                    };
                }
                Reservation::Admitted {
                    after: CounterState {
                        count: state.count + 1,
                        locked_until: None,
                        expires_at: Some(window_end),
                    },
                    locked_now: false,
                }
            }
        }
    }
}

/// A fixed window: its index and when it ends.
pub fn window(limits: &Limits, now: Instant) -> (i64, Instant) {
    let w = limits.window_seconds.max(1) as i64;
    let index = now.unix_timestamp().div_euclid(w);
    let end = time::OffsetDateTime::from_unix_timestamp((index + 1) * w).unwrap_or(now);
    (index, end)
}

/// Failed sign-ins of a username (known or not, so locks do not reveal
/// accounts) from one client address.
pub fn sign_in_pair_key(tenant: &TenantId, username_key: &str, ip: Option<&str>) -> String {
    format!(
        "signin#{tenant}#{}#{}",
        short_hash(username_key),
        short_hash(ip.unwrap_or("-"))
    )
}

/// Failed sign-ins of a username over all addresses (the ceiling).
pub fn sign_in_account_key(tenant: &TenantId, username_key: &str) -> String {
    format!("signin-acct#{tenant}#{}", short_hash(username_key))
}

/// Sign-in attempts from one IP into one tenant: a tenant's attackers never
/// throttle another tenant's users.
pub fn sign_in_ip_key(tenant: &TenantId, ip: &str, window_index: i64) -> String {
    format!("signin-ip#{tenant}#{ip}#{window_index}")
}

/// Reset requests for one account, named by the identifiers the tenant's rule
/// reads (normalized; junk in an ignored field changes nothing), known or
/// unknown alike so both cost the same counter write.
pub fn reset_identifier_key(tenant: &TenantId, identifier: &str, window_index: i64) -> String {
    format!(
        "reset-id#{tenant}#{}#{window_index}",
        short_hash(identifier)
    )
}

pub fn reset_ip_key(tenant: &TenantId, ip: &str, window_index: i64) -> String {
    format!("reset-ip#{tenant}#{ip}#{window_index}")
}

fn short_hash(s: &str) -> String {
    hex::encode(&Sha256::digest(s.as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Instant {
        time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s).unwrap()
    }

    fn admitted(r: Reservation) -> CounterState {
        match r {
            Reservation::Admitted { after, .. } => after,
            Reservation::Refused { .. } => panic!("refused: {r:?}"),
        }
    }

    #[test]
    fn backoff_grows_from_the_threshold_and_is_capped() {
        let l = Limits::default();
        assert_eq!(lockout_seconds(&l, 5), 60);
        assert_eq!(lockout_seconds(&l, 6), 120);
        assert_eq!(lockout_seconds(&l, 7), 240);
        assert_eq!(lockout_seconds(&l, 40), 3600);
    }

    #[test]
    fn lockout_admits_threshold_attempts_then_exactly_one_per_expired_lock() {
        // GIVEN the default pair rule (5 attempts, 60 s, doubling)
        let rule = Admission::sign_in_pair(&Limits::default());
        let mut state = CounterState::default();
        // WHEN five attempts arrive at once
        for i in 1..=5 {
            let r = rule.decide(state, at(0));
            state = admitted(r);
            assert_eq!(state.count, i);
            // THEN only the fifth sets the lock, and it does so itself
            assert_eq!(
                r,
                Reservation::Admitted {
                    after: state,
                    locked_now: i == 5
                }
            );
        }
        assert_eq!(state.locked_until, Some(at(60)));
        assert_eq!(
            rule.decide(state, at(59)),
            Reservation::Refused { retry_after: 1 }
        );
        // WHEN the lock has expired, the next attempt is admitted and relocks at once
        let after = admitted(rule.decide(state, at(60)));
        assert_eq!(after.count, 6);
        assert_eq!(after.locked_until, Some(at(60 + 120)));
        assert_eq!(
            rule.decide(after, at(61)),
            Reservation::Refused { retry_after: 119 }
        );
        assert_eq!(after.expires_at, Some(at(60 + FAILURE_MEMORY_SECONDS)));
    }

    #[test]
    fn a_lock_longer_than_the_memory_is_remembered_as_long_as_it_lasts() {
        let rule = Admission::Lockout {
            threshold: 1,
            base_seconds: 2 * FAILURE_MEMORY_SECONDS as u64,
            max_seconds: 2 * FAILURE_MEMORY_SECONDS as u64,
        };
        let s = admitted(rule.decide(CounterState::default(), at(0)));
        assert_eq!(s.expires_at, Some(at(2 * FAILURE_MEMORY_SECONDS)));
    }

    #[test]
    fn ceiling_locks_for_its_own_length() {
        let l = Limits::default();
        let rule = Admission::account_ceiling(&l);
        let s = CounterState {
            count: 99,
            ..Default::default()
        };
        let r = rule.decide(s, at(0));
        let after = admitted(r);
        assert_eq!(after.locked_until, Some(at(86_400)));
        assert!(matches!(
            r,
            Reservation::Admitted {
                locked_now: true,
                ..
            }
        ));
        // and the following expired-lock attempt locks again for the same length
        let again = admitted(rule.decide(after, at(86_400)));
        assert_eq!(again.locked_until, Some(at(2 * 86_400)));
    }

    #[test]
    fn window_admits_up_to_its_limit() {
        let rule = Admission::window(2, at(900));
        let s1 = admitted(rule.decide(CounterState::default(), at(0)));
        let s2 = admitted(rule.decide(s1, at(1)));
        assert_eq!(s2.count, 2);
        assert_eq!(s2.expires_at, Some(at(900)));
        assert_eq!(
            rule.decide(s2, at(100)),
            Reservation::Refused { retry_after: 800 }
        );
    }

    #[test]
    fn keys_separate_tenants_addresses_and_accounts() {
        let a = TenantId::parse("a").unwrap();
        let b = TenantId::parse("b").unwrap();
        assert_ne!(
            sign_in_ip_key(&a, "1.2.3.4", 1),
            sign_in_ip_key(&b, "1.2.3.4", 1)
        );
        assert_ne!(
            sign_in_ip_key(&a, "1.2.3.4", 1),
            sign_in_ip_key(&a, "1.2.3.4", 2)
        );
        assert_ne!(
            sign_in_pair_key(&a, "olivia", Some("1.1.1.1")),
            sign_in_pair_key(&a, "olivia", Some("2.2.2.2"))
        );
        assert_ne!(
            sign_in_pair_key(&a, "olivia", None),
            sign_in_pair_key(&a, "oliver", None)
        );
        assert_ne!(
            sign_in_account_key(&a, "olivia"),
            sign_in_account_key(&b, "olivia")
        );
        assert_ne!(
            reset_ip_key(&a, "1.1.1.1", 3),
            reset_ip_key(&b, "1.1.1.1", 3)
        );
        assert_ne!(
            reset_identifier_key(&a, "x", 3),
            reset_identifier_key(&a, "x", 4)
        );
    }

    #[test]
    fn window_index_and_end() {
        let l = Limits::default();
        let now = time::OffsetDateTime::from_unix_timestamp(1800 + 17).unwrap();
        let (i, end) = window(&l, now);
        assert_eq!(i, 2);
        assert_eq!(end.unix_timestamp(), 2700);
    }
}
