//! The sign-in lockout every check of an account's password shares: the
//! counters of one attempt, what a failure writes (its audit, the lock mail
//! with its unlock link), and the second factor's check.

use super::AppError;
use super::reset::LinkConfig;
use crate::domain::{
    Admission, AuditEvent, CounterChange, Instant, Limits, MailContext, Reservation, ResetToken,
    StoredCounter, TenantId, User, live, lockout_seconds, sign_in_account_key, sign_in_pair_key,
    totp,
};
use crate::ports::{Counters, Write};

/// The sign-in lockout, shared with every route that checks the account's
/// password (a wrong current password counts like a failed sign-in). Two
/// counters:
/// - the (account, client IP) pair: a short lock with backoff, so an attacker's
///   address cannot keep the owner out at theirs;
/// - the account over all addresses: a ceiling of consecutive failures that
///   locks it for everyone and mails the user, whose reset lifts it.
///
/// An attempt is counted in the same unit that records its answer (its audit
/// event, its session): the unit commits only if the counters still allow the
/// attempt at commit time, so no answer is ever given that its count could not
/// be stored, and parallel guesses get exactly the answers sequential ones would.
/// Accounts are named by the username typed (known or not), so a lock tells
/// nothing about whether the account exists.
pub struct Lockout<'a> {
    pub counters: &'a dyn Counters,
    pub tenant: &'a TenantId,
    pub username_key: &'a str,
    pub ip: Option<&'a str>,
    pub limits: &'a Limits,
}

/// What counting a failure decided, for its audit and mail.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counted {
    pub pair_count: u64,
    pub pair_locked_now: bool,
    pub ceiling_locked_now: bool,
    /// When the account-wide lock this failure set ends.
    pub ceiling_locked_until: Option<Instant>,
}

/// Tries of a unit whose counters moved before the attempt is refused: each
/// try reads the counters again, so a try fails only when another attempt on
/// the same counters committed in between.
pub const COUNTER_TRIES: u32 = 12;

impl Lockout<'_> {
    pub fn pair_key(&self) -> String {
        sign_in_pair_key(self.tenant, self.username_key, self.ip)
    }

    pub fn account_key(&self) -> String {
        sign_in_account_key(self.tenant, self.username_key)
    }

    /// The counters, in the order [`Lockout::failure`] reads them.
    pub fn keys(&self) -> [String; 2] {
        [self.pair_key(), self.account_key()]
    }

    fn rules(&self) -> [Admission; 2] {
        [
            Admission::sign_in_pair(self.limits),
            Admission::account_ceiling(self.limits),
        ]
    }

    /// When `read` (the [`Lockout::keys`] counters) refuses any attempt: the
    /// pair first, so a locked attacker's address learns nothing more.
    pub fn refusal(&self, read: &[Option<StoredCounter>], now: Instant) -> Option<u64> {
        self.rules().iter().zip(read).find_map(|(rule, c)| {
            match rule.decide(live(c.as_ref(), now), now) {
                Reservation::Refused { retry_after } => Some(retry_after),
                Reservation::Admitted { .. } => None,
            }
        })
    }

    /// The counter writes of one failure, decided from `read` when there is
    /// one (else blind: the store refuses them when they would be wrong), or
    /// the refusal. A pair that is locked refuses before the account counter
    /// is considered, so a locked attacker's address cannot push the account
    /// toward its ceiling.
    pub fn failure(
        &self,
        read: Option<&[Option<StoredCounter>]>,
        now: Instant,
    ) -> Result<(Vec<Write>, Counted), u64> {
        let at = |i: usize| read.map(|r| r.get(i).and_then(Option::as_ref));
        let [pair_rule, account_rule] = self.rules();
        let pair = pair_rule.failure(at(0), now)?;
        let account = account_rule.failure(at(1), now)?;
        let [pair_key, account_key] = self.keys();
        Ok((
            vec![
                Write::Counter {
                    key: pair_key,
                    change: pair.change,
                },
                Write::Counter {
                    key: account_key,
                    change: account.change,
                },
            ],
            Counted {
                pair_count: pair.count.unwrap_or_default(),
                pair_locked_now: pair.locked_now,
                ceiling_locked_now: account.locked_now,
                // Only a failure that locks sets `locked_until` (`Admission::decide`).
                ceiling_locked_until: match account.change {
                    CounterChange::Set { state, .. } => state.locked_until,
                    _ => None,
                },
            },
        ))
    }

    /// The writes that end the count after a success (both counters go, unless
    /// one is locked when they commit), or the refusal `read` shows.
    pub fn success(
        &self,
        read: Option<&[Option<StoredCounter>]>,
        now: Instant,
    ) -> Result<[Write; 2], u64> {
        if let Some(retry_after) = read.and_then(|r| self.refusal(r, now)) {
            return Err(retry_after);
        }
        let [pair_key, account_key] = self.keys();
        let clear = CounterChange::Clear { now };
        Ok([
            Write::Counter {
                key: pair_key,
                change: clear,
            },
            Write::Counter {
                key: account_key,
                change: clear,
            },
        ])
    }

    /// The writes that end the lock after a reserved success: both counters go.
    pub fn clear(&self) -> [Write; 2] {
        lift_locks(self.tenant, self.username_key, self.ip)
    }

    /// The refusal to give when a success's unit was refused by its counters
    /// (a lock set since): the time left on it, read afresh.
    pub async fn locked(&self, now: Instant) -> AppError {
        let read = self.counters.read_counters(&self.keys(), None).await;
        let retry_after = read
            .ok()
            .and_then(|r| self.refusal(&r.counters, now))
            .unwrap_or(1);
        AppError::TooManyAttempts { retry_after }
    }
}

/// The writes that lift the account-wide lock of `username_key` and the lock
/// of its pair with `ip`: a success, a completed reset, a used unlock link.
/// Other addresses' pairs keep theirs (an attacker's stay locked).
pub fn lift_locks(tenant: &TenantId, username_key: &str, ip: Option<&str>) -> [Write; 2] {
    [
        Write::DeleteCounter(sign_in_pair_key(tenant, username_key, ip)),
        Write::DeleteCounter(sign_in_account_key(tenant, username_key)),
    ]
}

/// The audit events (and the mail with its unlock link, when the ceiling was
/// reached) of a failed attempt on an account's password.
pub fn failure_writes(
    reserved: Counted,
    limits: &Limits,
    mail: Option<(&MailContext<'_>, &User, &LinkConfig)>,
    event: impl Fn(&str, &str) -> AuditEvent,
) -> Vec<Write> {
    let mut writes = Vec::new();
    if reserved.pair_locked_now {
        writes.push(Write::Audit(
            event("sign_in.lockout", "locked")
                .detail("failures", reserved.pair_count)
                .detail("seconds", lockout_seconds(limits, reserved.pair_count)),
        ));
    }
    if reserved.ceiling_locked_now {
        writes.push(Write::Audit(
            event("sign_in.account_locked", "locked")
                .detail("failures", limits.account_failure_ceiling),
        ));
        if let Some((ctx, user, links)) = mail
            && let Some(to) = user.deliverable_email()
            && let Some(until) = reserved.ceiling_locked_until
        {
            let (token, record) = ResetToken::unlock(user, ctx.now, until);
            let link = links.unlock_link(&user.tenant_id, &token);
            writes.push(Write::Mail(ctx.account_locked(
                to,
                &user.username,
                &link,
                record.expires_at,
            )));
            writes.push(Write::PutResetToken(record));
        }
    }
    writes
}

/// The second factor a sign-in (or a sensitive MFA change) offers.
#[derive(Clone, Copy, Debug)]
pub enum SecondFactor<'a> {
    Totp(&'a str),
    /// One of the user's single-use recovery codes.
    Recovery(&'a str),
}

/// Checks `factor` against `user` at `now` and records its use on `user`
/// (the TOTP step, or the consumed recovery code), which the caller saves
/// conditioned on the user's version: of two racing uses of one code, one
/// commits. Returns whether a recovery code was used.
pub fn verify_second_factor(
    user: &mut User,
    factor: SecondFactor<'_>,
    now: Instant,
) -> Option<bool> {
    match factor {
        SecondFactor::Totp(code) => {
            // A secret this process cannot read (sealed, not opened) verifies
            // no code: it fails closed.
            let secret = user.totp_secret.as_ref()?.clear()?;
            let step = totp::verify(secret, code, now, user.totp_last_step)?;
            user.totp_last_step = Some(step);
            Some(false)
        }
        SecondFactor::Recovery(code) => {
            let i = crate::domain::recovery::find(&user.recovery_codes, &user.password_salt, code)?;
            user.recovery_codes.remove(i);
            Some(true)
        }
    }
}
