//! Sign-in, session authentication and sign-out.

use secrecy::SecretString;

pub use super::lockout::{
    COUNTER_TRIES, Counted, Lockout, SecondFactor, failure_writes, verify_second_factor,
};
use super::reset::LinkConfig;
use super::{AppError, RequestMeta, hash_password, verify_password_detailed};
use crate::domain::{
    Admission, AuditEvent, CounterChange, DUMMY_HASH, Instant, MustChangeReason, Session, Status,
    StoredCounter, TenantId, TokenHash, User, expiry, needs_rehash, normalize_identifier,
    sign_in_ip_key, sign_in_unknown_tenant_ip_key, window,
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
            // "This wasn't me": off until a new password is set.
            (Some(_), Some(u)) if u.is_reported() => Some("reported"),
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
                        (&phc, raw_form),
                        password,
                        meta,
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
                // The must-change of an expired password is not given up for
                // a concurrent change: the caller signs in again.
                Err(StoreError::Conflict(_)) if signed.expired => {
                    return Err(AppError::Conflict);
                }
                // A concurrent change to the user lost us the rehash; the
                // sign-in itself is still good: commit it without the rehash
                // (recording the sign-in on its own).
                Err(StoreError::Conflict(_))
                    if writes.iter().any(|w| matches!(w, Write::SaveUser(_))) =>
                {
                    writes.retain(|w| !matches!(w, Write::SaveUser(_)));
                    writes.push(record_sign_in(&signed.user, now));
                    signed.user.version = signed.user.version.saturating_sub(1);
                }
                // The account was deleted while it signed in.
                Err(StoreError::Conflict(_)) => return Err(AppError::InvalidCredentials),
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
        (phc, raw_form): (&str, bool),
        password: SecretString,
        meta: &RequestMeta,
        event: &(dyn Fn(&str, &str) -> AuditEvent + Sync),
    ) -> Result<Answer, AppError> {
        let now = self.clock.now();
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

        // The first sign-in after the password expired may only change it:
        // the flag is stored, so every session of the account is restricted
        // until the change, and the pages say why.
        let expired =
            !user.must_change_password && expiry::is_expired(&user, &tenant.settings, now);
        if expired {
            user.require_change(MustChangeReason::Expired);
        }
        let (token, session) = Session::issue(
            &user,
            now,
            tenant.settings.session_ttl_seconds,
            meta.ip.clone(),
            meta.user_agent.as_deref(),
        );
        let mut success = event("sign_in", "success").detail("mfa", mfa_used);
        if expired {
            success = success.detail("password_expired", true);
        }
        let mut writes = vec![Write::PutSession(session.clone()), Write::Audit(success)];
        if recovery_used {
            // The code dies in the same conditional write that accepts it.
            let left = user.recovery_codes.len();
            writes.push(Write::Audit(
                event("mfa.recovery_code_used", "success").detail("left", left),
            ));
            let ctx = super::mail_context(tenant, self.links, now, &user, None);
            if let Some(to) = user.deliverable_email() {
                writes.extend(super::report::change_mail(
                    &ctx,
                    self.links,
                    &user,
                    to,
                    crate::domain::Change::RecoveryCodeUsed { left },
                    crate::domain::AskedBy::Themselves,
                    user.id.as_str(),
                ));
            }
        }
        // Weaker parameters, or a hash of the typed form from before passwords
        // were normalized: upgrade it while we hold the password.
        let rehash = needs_rehash(phc) || raw_form;
        if rehash {
            user.password_hash = Some(hash_password(password, user.password_salt.clone()).await?);
        }
        if rehash || mfa_used || expired {
            // Saving the used TOTP step is conditioned on the user's version, so of
            // two sign-ins racing with one code only one commits.
            user.last_sign_in_at = Some(now);
            writes.push(Write::SaveUser(user.clone()));
            user.version += 1;
        } else {
            writes.push(record_sign_in(&user, now));
            user.last_sign_in_at = Some(now);
        }
        Ok(Answer::Success(
            Box::new(Signed {
                signed: SignedIn {
                    token,
                    session,
                    user,
                },
                mfa_used,
                expired,
            }),
            writes,
        ))
    }
}

/// Records `user`'s sign-in at `now` without a save of the whole account.
fn record_sign_in(user: &User, now: Instant) -> Write {
    Write::RecordSignIn {
        tenant: user.tenant_id.clone(),
        user_id: user.id.clone(),
        at: now,
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
    /// This sign-in found the password expired and stores the must-change.
    expired: bool,
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
    /// The session's tenant, for its idle timeout (a cached reader is fine:
    /// a changed timeout applies once the cache has it).
    pub tenants: &'a dyn TenantStore,
    /// Records the session's use, at most once a minute.
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

pub struct Authenticated {
    pub session: Session,
    pub user: User,
    /// The user's tenant, as read to authenticate (its idle timeout): what
    /// the restricted-session gate and the account page read too, so a
    /// request reads it once.
    pub tenant: crate::domain::Tenant,
}

impl Authenticate<'_> {
    /// The live session of `bearer` and its user. A session that expired, was
    /// revoked, or went unused for longer than its tenant's idle timeout is
    /// refused alike. A request records its use when the last recorded one
    /// is a minute old or more ([`crate::domain::SESSION_TOUCH_SECONDS`]), not on every
    /// request (requests racing at the same moment may each write it once:
    /// the write is not conditioned on the value, so none of them is refused
    /// for it); the idle timeout is accurate to that minute.
    pub async fn execute(&self, bearer: &SecretString) -> Result<Authenticated, AppError> {
        let hash = TokenHash::of(bearer);
        let mut session = self
            .sessions
            .get_session(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let (user, tenant) = tokio::join!(
            self.users.get_user(&session.tenant_id, &session.user_id),
            self.tenants.get_tenant(&session.tenant_id)
        );
        let user = user?.ok_or(AppError::Unauthenticated)?;
        let tenant = tenant?.ok_or(AppError::Unauthenticated)?;
        let now = self.clock.now();
        if !session.is_live(now, &user)
            || session.is_idle(now, tenant.settings.session_idle_timeout_seconds)
        {
            return Err(AppError::Unauthenticated);
        }
        if session.needs_touch(now) {
            let touch = Write::TouchSession {
                hash: session.hash.clone(),
                at: now,
            };
            match self.committer.commit(vec![touch]).await {
                Ok(()) => session.last_used_at = Some(now),
                // Revoked between the read and now.
                Err(StoreError::Conflict(_)) => return Err(AppError::Unauthenticated),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Authenticated {
            session,
            user,
            tenant,
        })
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
                Write::DeleteSession(auth.session.clone()),
                Write::Audit(event),
            ])
            .await?;
        Ok(())
    }
}
