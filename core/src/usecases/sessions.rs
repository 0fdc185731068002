//! Sign-in, session authentication and sign-out.

use secrecy::SecretString;

use super::reset::LinkConfig;
use super::{AppError, RequestMeta, hash_password, verify_password_detailed};
use crate::domain::{
    Admission, AuditEvent, CounterChange, DUMMY_HASH, Instant, Limits, MailContext, Reservation,
    ResetToken, Session, Status, StoredCounter, TenantId, TokenHash, User, live, lockout_seconds,
    needs_rehash, new_token, normalize_identifier, sign_in_account_key, sign_in_ip_key,
    sign_in_pair_key, sign_in_unknown_tenant_ip_key, totp, window,
};
use crate::ports::{
    Clock, Committer, Counters, SessionReader, StoreError, TenantStore, UserReader, Write,
};

pub struct SignIn<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub counters: &'a dyn Counters,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
    pub links: &'a LinkConfig,
}

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
        [
            Write::DeleteCounter(self.pair_key()),
            Write::DeleteCounter(self.account_key()),
        ]
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

pub struct SignedIn {
    pub token: SecretString,
    pub session: Session,
    pub user: User,
}

impl SignIn<'_> {
    /// Same work whatever the outcome: one Argon2 verify (against a dummy hash when
    /// there is no account or no password) and one audit write.
    pub async fn execute(
        &self,
        tenant_id: &TenantId,
        username: &str,
        password: SecretString,
        totp_code: Option<&str>,
        meta: &RequestMeta,
    ) -> Result<SignedIn, AppError> {
        let factor = totp_code
            .filter(|c| !c.trim().is_empty())
            .map(SecondFactor::Totp);
        self.execute_with(tenant_id, username, password, factor, meta)
            .await
    }

    /// Sign-in with any second factor (a TOTP code or a recovery code).
    pub async fn execute_with(
        &self,
        tenant_id: &TenantId,
        username: &str,
        password: SecretString,
        factor: Option<SecondFactor<'_>>,
        meta: &RequestMeta,
    ) -> Result<SignedIn, AppError> {
        let tenant = self.tenants.get_tenant(tenant_id).await?;
        let limits = tenant
            .as_ref()
            .map(|t| t.settings.limits.clone())
            .unwrap_or_default();
        let username_key = normalize_identifier(username);
        let now = self.clock.now();
        let throttled = |reason: &str| {
            AuditEvent::new(tenant_id, now, "sign_in", "anonymous", "throttled")
                .ip(meta.ip.clone())
                .detail("reason", reason)
        };

        let lockout = Lockout {
            counters: self.counters,
            tenant: tenant_id,
            username_key: &username_key,
            ip: meta.ip.as_deref(),
            limits: &limits,
        };
        // Per-IP attempts into this tenant (a spray over many usernames from
        // one address) and the lockout: one read of the three counters and, in
        // the same round trip, the username's account.
        let (window_index, window_end) = window(&limits, now);
        // A tenant that does not exist has no window of its own: all of them
        // share one per address, so made-up tenant ids buy no extra hashes.
        let ip_key = meta.ip.as_deref().map(|ip| match &tenant {
            Some(_) => sign_in_ip_key(tenant_id, ip, window_index),
            None => sign_in_unknown_tenant_ip_key(ip, window_index),
        });
        let ip_rule = Admission::window(limits.sign_in_failures_per_ip, window_end);
        let keys: Vec<String> = ip_key.iter().cloned().chain(lockout.keys()).collect();
        let first = self
            .counters
            .read_counters(
                &keys,
                tenant.as_ref().map(|_| (tenant_id, username_key.as_str())),
            )
            .await?;
        // Every attempt is reserved before its hash, on all three counters in
        // one unit (decided from the read; a counter that moved since is read
        // and decided again; a full window or a live lock refuses without a
        // write), while the account is read: an unknown username
        // costs the same read as a known one (of an id no account has), so the
        // round trips do not tell them apart.
        let reservation = self.reserve(
            &lockout,
            ip_key.as_ref().map(|k| (k.clone(), ip_rule)),
            &keys,
            first.counters,
            now,
        );
        let account = async {
            match &tenant {
                Some(_) => {
                    let id = first
                        .username_holder
                        .clone()
                        .unwrap_or_else(|| crate::domain::UserId("~".into()));
                    self.users.get_user(tenant_id, &id).await
                }
                None => Ok(None),
            }
        };
        let (reservation, user) = tokio::join!(reservation, account);
        let reserved = match reservation? {
            Ok(counted) => counted,
            Err((reason, retry_after)) => {
                self.committer
                    .commit(vec![Write::Audit(throttled(reason))])
                    .await?;
                return Err(AppError::TooManyAttempts { retry_after });
            }
        };
        let user = user?;
        let phc = user
            .as_ref()
            .and_then(|u| u.password_hash.clone())
            .unwrap_or_else(|| DUMMY_HASH.to_owned());
        let (password_ok, raw_form) =
            match verify_password_detailed(password.clone(), phc.clone()).await {
                Ok(verified) => verified,
                // Refused before its hash: the password was never checked, so
                // the attempt gives its reserved failure back (a flood that
                // makes the server busy must not lock out the owner whose
                // right password it turned away).
                Err(busy @ AppError::Busy { .. }) => {
                    self.give_back(&keys).await;
                    return Err(busy);
                }
                Err(e) => return Err(e),
            };

        let failure = match (&tenant, &user) {
            (Some(_), Some(u)) if !password_ok || u.password_hash.is_none() => {
                Some("wrong_password")
            }
            (Some(_), Some(u)) if u.status != Status::Active => Some("not_active"),
            (Some(_), Some(_)) => None,
            _ => Some("unknown_user"),
        };
        let actor = user.as_ref().map(|u| u.id.to_string());
        let actor = actor.as_deref().unwrap_or("anonymous");
        let event = |kind: &str, outcome: &str| {
            let e = AuditEvent::new(tenant_id, now, kind, actor, outcome).ip(meta.ip.clone());
            match &user {
                Some(u) => e.target(u.id.as_str()),
                None => e,
            }
        };
        // A sign-in may be anyone's (a guesser's, for a lockout): its language
        // never picks the mail's, only the account's and the tenant's do.
        let mail_ctx = match (&tenant, &user) {
            (Some(t), Some(u)) => Some(super::mail_context(t, self.links, now, u, None)),
            _ => None,
        };
        let lock_mail = match (&mail_ctx, &user) {
            (Some(ctx), Some(u)) => Some((ctx, u, self.links)),
            _ => None,
        };
        let answer = match failure {
            Some(reason) => Answer::Failure(
                Some(Box::new(
                    event("sign_in", "failure").detail("reason", reason),
                )),
                AppError::InvalidCredentials,
            ),
            None => match (&tenant, &user) {
                (Some(tenant), Some(user)) => {
                    self.success(
                        tenant,
                        user.clone(),
                        factor,
                        &phc,
                        raw_form,
                        password,
                        &event,
                    )
                    .await?
                }
                _ => Answer::Failure(None, AppError::InvalidCredentials),
            },
        };
        let (mut signed, mut writes) = match answer {
            // The reservation already counted it (pessimistically): only its
            // audit, and the lock's event and mail when it set one.
            Answer::Failure(audit, e) => {
                let mut writes: Vec<Write> = audit.into_iter().map(|e| Write::Audit(*e)).collect();
                writes.extend(failure_writes(reserved, &limits, lock_mail, event));
                self.committer.commit(writes).await?;
                return Err(e);
            }
            Answer::Success(signed, writes) => (signed, writes),
        };
        writes.extend(lockout.clear());
        // A success gives its per-IP slot back: that limit bounds failures, so
        // an office behind one address is not throttled by its own sign-ins.
        if let Some(key) = &ip_key {
            writes.push(Write::Counter {
                key: key.clone(),
                change: CounterChange::Release,
            });
        }
        for attempt in 0..COUNTER_TRIES {
            match self.committer.commit(writes.clone()).await {
                Ok(()) => return Ok(signed.signed),
                // The slot is gone already (its window rolled over): no slot to give.
                Err(StoreError::CounterMoved(_)) => {
                    writes.retain(|w| !matches!(w, Write::Counter { .. }));
                }
                // Another unit touched the same items at the same moment (e.g.
                // an attempt reserving on this address's window): nothing was
                // written; try again.
                Err(StoreError::Contention) => super::backoff(attempt.min(3)).await,
                // Of two sign-ins racing with one code, one commits.
                Err(StoreError::Conflict(_)) if signed.mfa_used => {
                    return Err(AppError::InvalidMfaCode);
                }
                // A concurrent change to the user lost us the rehash; the
                // sign-in itself is still good: commit it without the rehash.
                Err(StoreError::Conflict(_))
                    if writes.iter().any(|w| matches!(w, Write::SaveUser(_))) =>
                {
                    writes.retain(|w| !matches!(w, Write::SaveUser(_)));
                    signed.user.version = signed.user.version.saturating_sub(1);
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Internal("sign-in kept conflicting".into()))
    }

    /// Gives back the failure an attempt reserved on `keys` (its per-IP slot
    /// and its lockout counts), best effort: one unit, or when a counter has
    /// gone meanwhile (its window rolled over, a success cleared it), each
    /// counter on its own. A lock the reservation itself set stays: it was
    /// earned by the failures before it.
    async fn give_back(&self, keys: &[String]) {
        let release = |key: &String| Write::Counter {
            key: key.clone(),
            change: CounterChange::Release,
        };
        if self
            .committer
            .commit(keys.iter().map(release).collect())
            .await
            .is_err()
        {
            for key in keys {
                let _ = self.committer.commit(vec![release(key)]).await;
            }
        }
    }

    /// Reserves one attempt on the per-IP window and the lockout counters in
    /// one unit, decided from `read` (the counters of `keys`); when one moved
    /// since it was read, reads them again and decides again. The attempt that
    /// reaches a threshold sets the lock itself. Refused: which limit, and when
    /// to come back.
    async fn reserve(
        &self,
        lockout: &Lockout<'_>,
        ip: Option<(String, Admission)>,
        keys: &[String],
        mut read: Vec<Option<StoredCounter>>,
        now: Instant,
    ) -> Result<Result<Counted, (&'static str, u64)>, AppError> {
        let skip = usize::from(ip.is_some());
        for attempt in 0..COUNTER_TRIES {
            let mut writes = Vec::new();
            if let Some((key, rule)) = &ip {
                match rule.failure(Some(read.first().and_then(Option::as_ref)), now) {
                    Ok(f) => writes.push(Write::Counter {
                        key: key.clone(),
                        change: f.change,
                    }),
                    Err(retry_after) => return Ok(Err(("ip", retry_after))),
                }
            }
            let (counting, counted) =
                match lockout.failure(Some(read.get(skip..).unwrap_or_default()), now) {
                    Ok(decided) => decided,
                    Err(retry_after) => return Ok(Err(("account_locked", retry_after))),
                };
            writes.extend(counting);
            match self.committer.commit(writes).await {
                Ok(()) => return Ok(Ok(counted)),
                Err(StoreError::CounterMoved(_)) => {}
                Err(StoreError::Contention) => super::backoff(attempt.min(3)).await,
                Err(e) => return Err(e.into()),
            }
            read = self.counters.read_counters(keys, None).await?.counters;
        }
        // Failing closed is the only safe answer for a limit.
        Ok(Err(("contention", 1)))
    }

    /// A right password: the second factor when the account has one, then the
    /// session and what it writes. A missing or wrong factor is a failure
    /// (counted like a wrong password: "code needed" tells the password was right).
    #[allow(clippy::too_many_arguments)]
    async fn success(
        &self,
        tenant: &crate::domain::Tenant,
        mut user: User,
        factor: Option<SecondFactor<'_>>,
        phc: &str,
        raw_form: bool,
        password: SecretString,
        event: &(dyn Fn(&str, &str) -> AuditEvent + Sync),
    ) -> Result<Answer, AppError> {
        let now = self.clock.now();
        let tenant_id = &tenant.id;
        let mut mfa_used = false;
        let mut recovery_used = false;
        if user.mfa_enabled && user.totp_secret.is_some() {
            let Some(factor) = factor else {
                return Ok(Answer::Failure(None, AppError::MfaRequired));
            };
            match verify_second_factor(&mut user, factor, now) {
                Some(recovery) => {
                    mfa_used = true;
                    recovery_used = recovery;
                }
                None => {
                    return Ok(Answer::Failure(
                        Some(Box::new(
                            event("sign_in", "failure").detail("reason", "invalid_mfa_code"),
                        )),
                        AppError::InvalidMfaCode,
                    ));
                }
            }
        }

        let (token, hash) = new_token();
        let session = Session {
            hash,
            tenant_id: tenant_id.clone(),
            user_id: user.id.clone(),
            cred_gen: user.cred_gen,
            created_at: now,
            expires_at: crate::domain::after_seconds(now, tenant.settings.session_ttl_seconds),
        };
        let mut writes = vec![
            Write::PutSession(session.clone()),
            Write::Audit(event("sign_in", "success").detail("mfa", mfa_used)),
        ];
        if recovery_used {
            // The code dies in the same conditional write that accepts it.
            let left = user.recovery_codes.len();
            writes.push(Write::Audit(
                event("mfa.recovery_code_used", "success").detail("left", left),
            ));
            let ctx = super::mail_context(tenant, self.links, now, &user, None);
            if let Some(to) = user.deliverable_email() {
                writes.push(Write::Mail(ctx.recovery_code_used(
                    to,
                    &user.username,
                    left,
                )));
            }
        }
        // Weaker parameters, or a hash of the typed form from before passwords
        // were normalized: upgrade it while we hold the password.
        let rehash = needs_rehash(phc) || raw_form;
        if rehash {
            user.password_hash = Some(hash_password(password, user.password_salt.clone()).await?);
        }
        if rehash || mfa_used {
            // Saving the used TOTP step is conditioned on the user's version, so of
            // two sign-ins racing with one code only one commits.
            writes.push(Write::SaveUser(user.clone()));
            user.version += 1;
        }
        Ok(Answer::Success(
            Box::new(Signed {
                signed: SignedIn {
                    token,
                    session,
                    user,
                },
                mfa_used,
            }),
            writes,
        ))
    }
}

/// What a sign-in answers, before its count is stored with it.
enum Answer {
    /// Counted as a failure: its audit event (if any) and the error to give.
    Failure(Option<Box<AuditEvent>>, AppError),
    /// The session and the writes that make it.
    Success(Box<Signed>, Vec<Write>),
}

struct Signed {
    signed: SignedIn,
    mfa_used: bool,
}

impl std::ops::Deref for Signed {
    type Target = SignedIn;
    fn deref(&self) -> &SignedIn {
        &self.signed
    }
}

impl std::ops::DerefMut for Signed {
    fn deref_mut(&mut self) -> &mut SignedIn {
        &mut self.signed
    }
}

pub struct Authenticate<'a> {
    pub sessions: &'a dyn SessionReader,
    pub users: &'a dyn UserReader,
    pub clock: &'a dyn Clock,
}

pub struct Authenticated {
    pub session: Session,
    pub user: User,
}

impl Authenticate<'_> {
    pub async fn execute(&self, bearer: &SecretString) -> Result<Authenticated, AppError> {
        let hash = TokenHash::of(bearer);
        let session = self
            .sessions
            .get_session(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let user = self
            .users
            .get_user(&session.tenant_id, &session.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if !session.is_live(self.clock.now(), &user) {
            return Err(AppError::Unauthenticated);
        }
        Ok(Authenticated { session, user })
    }
}

pub struct SignOut<'a> {
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl SignOut<'_> {
    pub async fn execute(&self, auth: &Authenticated, meta: &RequestMeta) -> Result<(), AppError> {
        let user = &auth.user;
        let event = AuditEvent::new(
            &user.tenant_id,
            self.clock.now(),
            "sign_out",
            user.id.as_str(),
            "success",
        )
        .target(user.id.as_str())
        .ip(meta.ip.clone());
        self.committer
            .commit(vec![
                Write::DeleteSession(auth.session.hash.clone()),
                Write::Audit(event),
            ])
            .await?;
        Ok(())
    }
}
