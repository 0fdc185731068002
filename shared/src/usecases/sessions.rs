//! Sign-in, session authentication and sign-out.

use secrecy::SecretString;

use super::reset::LinkConfig;
use super::{AppError, RequestMeta, hash_password, verify_password_detailed};
use crate::domain::{
    Admission, AuditEvent, DUMMY_HASH, Instant, Limits, MailContext, Reservation, Session, Status,
    TenantId, TokenHash, User, lockout_seconds, needs_rehash, new_token, normalize_identifier,
    sign_in_account_key, sign_in_ip_key, sign_in_pair_key, totp, window,
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
/// counters, both reserved before the password is checked:
/// - the (account, client IP) pair: a short lock with backoff, so an attacker's
///   address cannot keep the owner out at theirs;
/// - the account over all addresses: a ceiling of consecutive failures that
///   locks it for everyone and mails the user, whose reset lifts it.
///
/// Accounts are named by the username typed (known or not), so a lock tells
/// nothing about whether the account exists.
pub struct Lockout<'a> {
    pub counters: &'a dyn Counters,
    pub tenant: &'a TenantId,
    pub username_key: &'a str,
    pub ip: Option<&'a str>,
    pub limits: &'a Limits,
}

/// What reserving an attempt decided, for the failure's audit and mail.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reserved {
    pub pair_count: u64,
    pub pair_locked_now: bool,
    pub ceiling_locked_now: bool,
}

fn refused(r: Reservation) -> Option<u64> {
    match r {
        Reservation::Refused { retry_after } => Some(retry_after),
        Reservation::Admitted { .. } => None,
    }
}

impl Lockout<'_> {
    pub fn pair_key(&self) -> String {
        sign_in_pair_key(self.tenant, self.username_key, self.ip)
    }

    pub fn account_key(&self) -> String {
        sign_in_account_key(self.tenant, self.username_key)
    }

    /// Reserves one attempt on both counters. A pair that is locked is refused
    /// before the account counter is touched, so a locked attacker's address
    /// cannot push the account toward its ceiling.
    pub async fn reserve(&self, now: Instant) -> Result<Reserved, AppError> {
        let mut reserved = Reserved::default();
        let pair = self
            .counters
            .reserve(&self.pair_key(), now, Admission::sign_in_pair(self.limits))
            .await
            .map_err(contended)?;
        if let Some(retry_after) = refused(pair) {
            return Err(AppError::TooManyAttempts { retry_after });
        }
        if let Reservation::Admitted { after, locked_now } = pair {
            reserved.pair_count = after.count;
            reserved.pair_locked_now = locked_now;
        }
        let account = self
            .counters
            .reserve(
                &self.account_key(),
                now,
                Admission::account_ceiling(self.limits),
            )
            .await
            .map_err(contended)?;
        if let Some(retry_after) = refused(account) {
            return Err(AppError::TooManyAttempts { retry_after });
        }
        reserved.ceiling_locked_now = matches!(
            account,
            Reservation::Admitted {
                locked_now: true,
                ..
            }
        );
        Ok(reserved)
    }

    /// The writes that end the lock after a success: both counters go.
    pub fn clear(&self) -> [Write; 2] {
        [
            Write::DeleteCounter(self.pair_key()),
            Write::DeleteCounter(self.account_key()),
        ]
    }
}

/// A counter that could not be reserved under contention refuses the attempt:
/// failing closed is the only safe answer for a limit.
fn contended(e: StoreError) -> AppError {
    match e {
        StoreError::Contention => AppError::TooManyAttempts { retry_after: 1 },
        e => e.into(),
    }
}

/// The audit events (and the mail, when the ceiling was reached) of a failed
/// attempt on an account's password.
pub fn failure_writes(
    reserved: Reserved,
    limits: &Limits,
    mail: Option<(&MailContext<'_>, &User, &str)>,
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
        if let Some((ctx, user, forgot)) = mail
            && let Some(to) = user.deliverable_email()
        {
            writes.push(Write::Mail(ctx.account_locked(to, &user.username, forgot)));
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
            let secret = user.totp_secret.clone()?;
            let step = totp::verify(&secret, code, now, user.totp_last_step)?;
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

        // Per-IP attempts into this tenant first: a spray over many usernames
        // from one address. Reserved like the lockout, before any hash.
        let (window_index, window_end) = window(&limits, now);
        let ip_key = meta
            .ip
            .as_deref()
            .map(|ip| sign_in_ip_key(tenant_id, ip, window_index));
        if let Some(key) = &ip_key {
            let rule = Admission::window(limits.sign_in_failures_per_ip, window_end);
            let refusal = match self.counters.reserve(key, now, rule).await {
                Ok(r) => refused(r).map(|retry_after| AppError::TooManyAttempts { retry_after }),
                Err(e) => Some(contended(e)),
            };
            if let Some(e) = refusal {
                self.committer
                    .commit(vec![Write::Audit(throttled("ip"))])
                    .await?;
                return Err(e);
            }
        }
        let lockout = Lockout {
            counters: self.counters,
            tenant: tenant_id,
            username_key: &username_key,
            ip: meta.ip.as_deref(),
            limits: &limits,
        };
        let reserved = match lockout.reserve(now).await {
            Ok(r) => r,
            Err(e) => {
                self.committer
                    .commit(vec![Write::Audit(throttled("account_locked"))])
                    .await?;
                return Err(e);
            }
        };

        let user = match &tenant {
            Some(_) => {
                self.users
                    .find_by_username(tenant_id, &username_key)
                    .await?
            }
            None => None,
        };
        let phc = user
            .as_ref()
            .and_then(|u| u.password_hash.clone())
            .unwrap_or_else(|| DUMMY_HASH.to_owned());
        let (password_ok, raw_form) =
            verify_password_detailed(password.clone(), phc.clone()).await?;

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
        let forgot = self.links.forgot_link(tenant_id);
        // A sign-in may be anyone's (a guesser's, for a lockout): its language
        // never picks the mail's, only the account's and the tenant's do.
        let mail_ctx = match (&tenant, &user) {
            (Some(t), Some(u)) => Some(super::mail_context(t, self.links, now, u, None)),
            _ => None,
        };
        let lock_mail = match (&mail_ctx, &user) {
            (Some(ctx), Some(u)) => Some((ctx, u, forgot.as_str())),
            _ => None,
        };
        if let Some(reason) = failure {
            let mut writes = vec![Write::Audit(
                event("sign_in", "failure").detail("reason", reason),
            )];
            writes.extend(failure_writes(reserved, &limits, lock_mail, event));
            self.committer.commit(writes).await?;
            return Err(AppError::InvalidCredentials);
        }
        let (Some(tenant), Some(mut user)) = (tenant.clone(), user.clone()) else {
            return Err(AppError::InvalidCredentials);
        };

        // MFA is asked for only after a correct password.
        let mut mfa_used = false;
        let mut recovery_used = false;
        if user.mfa_enabled && user.totp_secret.is_some() {
            let Some(factor) = factor else {
                return Err(AppError::MfaRequired);
            };
            match verify_second_factor(&mut user, factor, now) {
                Some(recovery) => {
                    mfa_used = true;
                    recovery_used = recovery;
                }
                None => {
                    let mut writes = vec![Write::Audit(
                        event("sign_in", "failure").detail("reason", "invalid_mfa_code"),
                    )];
                    writes.extend(failure_writes(reserved, &limits, lock_mail, event));
                    self.committer.commit(writes).await?;
                    return Err(AppError::InvalidMfaCode);
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
            expires_at: now + time::Duration::seconds(tenant.settings.session_ttl_seconds as i64),
        };
        let mut writes = vec![
            Write::PutSession(session.clone()),
            Write::Audit(event("sign_in", "success").detail("mfa", mfa_used)),
        ];
        writes.extend(lockout.clear());
        if recovery_used {
            // The code dies in the same conditional write that accepts it.
            let left = user.recovery_codes.len();
            writes.push(Write::Audit(
                event("mfa.recovery_code_used", "success").detail("left", left),
            ));
            if let (Some(ctx), Some(to)) = (&mail_ctx, user.deliverable_email()) {
                writes.push(Write::Mail(ctx.recovery_code_used(
                    to,
                    &user.username,
                    left,
                )));
            }
        }
        // Upgrade hashes made with weaker parameters while we hold the password.
        // Weaker parameters, or a hash of the typed form from before passwords
        // were normalized: upgrade it while we hold the password.
        let rehash = needs_rehash(&phc) || raw_form;
        if rehash {
            user.password_hash = Some(hash_password(password, user.password_salt.clone()).await?);
        }
        if rehash || mfa_used {
            // Saving the used TOTP step is conditioned on the user's version, so of
            // two sign-ins racing with one code only one commits.
            writes.push(Write::SaveUser(user.clone()));
            user.version += 1;
        }
        match self.committer.commit(writes.clone()).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_) | StoreError::Contention) if mfa_used => {
                return Err(AppError::InvalidMfaCode);
            }
            // A concurrent change to the user lost us the rehash; the sign-in
            // itself is still good, so commit it without the rehash.
            Err(StoreError::Conflict(_) | StoreError::Contention) => {
                writes.retain(|w| !matches!(w, Write::SaveUser(_)));
                self.committer.commit(writes).await?;
            }
            Err(e) => return Err(e.into()),
        }
        // A success gives its per-IP slot back: that limit bounds failures, so an
        // office behind one address is not throttled by its own sign-ins.
        if let Some(key) = &ip_key {
            self.counters.release(key, now).await?;
        }
        Ok(SignedIn {
            token,
            session,
            user,
        })
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
