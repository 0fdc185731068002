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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
                    crate::after_seconds(now, secs)
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

/// A counter as stored: its state as written (an expired one included: stores
/// leave expiry to readers) and the version compare-and-set writes condition on
/// (`None` for a counter written before versions existed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoredCounter {
    pub state: CounterState,
    pub version: Option<u64>,
}

/// The live state of a counter read at `now`: an absent or expired one reads as
/// fresh.
pub fn live(stored: Option<&StoredCounter>, now: Instant) -> CounterState {
    stored
        .filter(|c| c.state.expires_at.is_some_and(|e| e > now))
        .map(|c| c.state)
        .unwrap_or_default()
}

/// A counter change written in the same atomic unit as the attempt it counts
/// (its audit event, its session, its mail). The store applies the unit only
/// when every change's condition holds on the counter as it is at commit time;
/// otherwise nothing of the unit is written and the caller decides again from a
/// fresh read. So parallel attempts get exactly the answers sequential ones
/// would, and an attempt's answer is never given before its count is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterChange {
    /// One more consecutive failure that sets no lock, written without reading
    /// the counter: holds while the counter is absent, or live, unlocked and
    /// more than one failure below `threshold` (the failure that reaches the
    /// threshold must compute its lock, so it goes through [`CounterChange::Set`]).
    Fail { threshold: u64, now: Instant },
    /// The state decided by [`Admission::decide`] from the counter read at
    /// `version`: holds while the version is unchanged.
    Set {
        state: CounterState,
        version: Option<u64>,
    },
    /// A success ends the count (failures are consecutive): holds unless the
    /// counter is locked at `now`.
    Clear { now: Instant },
    /// One more attempt in a fixed window: holds while the window has room.
    Take { limit: u64, window_end: Instant },
    /// Gives one slot of a window back (a successful sign-in: the per-IP limit
    /// bounds failures): holds while the counter exists above zero.
    Release,
}

/// What a change that holds does to its counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Write(StoredCounter),
    Delete,
}

impl CounterChange {
    /// The effect of the change on the counter as stored, or `None` when its
    /// condition fails. The memory store runs this; the DynamoDB store states the
    /// same conditions as condition expressions (the conformance tests hold both
    /// to it).
    pub fn apply(&self, current: Option<&StoredCounter>) -> Option<Applied> {
        let next_version = Some(current.and_then(|c| c.version).unwrap_or(0) + 1);
        match *self {
            CounterChange::Fail { threshold, now } => {
                let below = threshold.checked_sub(1).filter(|b| *b > 0)?;
                let remember = now + time::Duration::seconds(FAILURE_MEMORY_SECONDS);
                let state = match current {
                    None => CounterState {
                        count: 1,
                        locked_until: None,
                        expires_at: Some(remember),
                    },
                    Some(c) => {
                        let s = c.state;
                        let usable = s.expires_at.is_some_and(|e| e > now)
                            && s.count < below
                            && !s.is_locked(now);
                        if !usable {
                            return None;
                        }
                        CounterState {
                            count: s.count + 1,
                            locked_until: s.locked_until,
                            expires_at: Some(remember),
                        }
                    }
                };
                Some(Applied::Write(StoredCounter {
                    state,
                    version: next_version,
                }))
            }
            CounterChange::Set { state, version } => (current.and_then(|c| c.version) == version)
                .then_some(Applied::Write(StoredCounter {
                    state,
                    version: next_version,
                })),
            CounterChange::Clear { now } => {
                (!current.is_some_and(|c| c.state.is_locked(now))).then_some(Applied::Delete)
            }
            CounterChange::Take { limit, window_end } => {
                let count = current.map_or(0, |c| c.state.count);
                (count < limit).then_some(Applied::Write(StoredCounter {
                    state: CounterState {
                        count: count + 1,
                        locked_until: None,
                        expires_at: Some(window_end),
                    },
                    version: next_version,
                }))
            }
            CounterChange::Release => {
                let c = current.filter(|c| c.state.count > 0)?;
                Some(Applied::Write(StoredCounter {
                    state: CounterState {
                        count: c.state.count - 1,
                        ..c.state
                    },
                    version: next_version,
                }))
            }
        }
    }
}

/// One failure on a lockout counter read as `stored` (when it was read): the
/// change to write, what it does, or the refusal when the counter is locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    pub change: CounterChange,
    /// The count after this failure, when known (always when it locks).
    pub count: Option<u64>,
    pub locked_now: bool,
}

impl Admission {
    /// The failure to count on a lockout counter: without a read, the blind
    /// [`CounterChange::Fail`] (the store refuses it when it would be wrong);
    /// with one, the decision from it: a failure that sets no lock stays blind
    /// (parallel failures then do not contend), one that locks is a
    /// compare-and-set of the decided state.
    pub fn failure(
        &self,
        read: Option<Option<&StoredCounter>>,
        now: Instant,
    ) -> Result<Failure, u64> {
        let threshold = match *self {
            Admission::Lockout { threshold, .. } => threshold,
            // A failure on a window takes a slot, if the read leaves one.
            Admission::Window { limit, window_end } => {
                if let Some(stored) = read
                    && let Reservation::Refused { retry_after } =
                        self.decide(live(stored, now), now)
                {
                    return Err(retry_after);
                }
                return Ok(Failure {
                    change: CounterChange::Take { limit, window_end },
                    count: None,
                    locked_now: false,
                });
            }
        };
        let blind = Failure {
            change: CounterChange::Fail { threshold, now },
            count: None,
            locked_now: false,
        };
        let Some(stored) = read else {
            return Ok(blind);
        };
        match self.decide(live(stored, now), now) {
            Reservation::Refused { retry_after } => Err(retry_after),
            // The blind write holds exactly when it would write what was
            // decided: no lock to set, and no expired counter to start afresh.
            Reservation::Admitted {
                after,
                locked_now: false,
            } if stored.is_none_or(|c| c.state.expires_at.is_some_and(|e| e > now)) => {
                Ok(Failure {
                    count: Some(after.count),
                    ..blind
                })
            }
            Reservation::Admitted { after, locked_now } => Ok(Failure {
                change: CounterChange::Set {
                    state: after,
                    version: stored.and_then(|c| c.version),
                },
                count: Some(after.count),
                locked_now,
            }),
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

/// Sign-in attempts from one IP into tenants that do not exist, all together:
/// a made-up tenant id has no window of its own, so inventing ids buys no
/// extra hashing. `~` is in no tenant id, so no real tenant shares the key.
pub fn sign_in_unknown_tenant_ip_key(ip: &str, window_index: i64) -> String {
    format!("signin-ip#~unknown#{ip}#{window_index}")
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
#[path = "limits_tests.rs"]
mod tests;
