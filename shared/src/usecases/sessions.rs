//! Sign-in, session authentication and sign-out.

use secrecy::SecretString;

use super::{AppError, RequestMeta, hash_password, verify_password};
use crate::domain::{
    AuditEvent, DUMMY_HASH, Instant, Limits, Session, Status, TenantId, TokenHash, User,
    lockout_seconds, needs_rehash, new_token, normalize_identifier, sign_in_ip_key, sign_in_key,
    totp, window,
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
}

/// Failed sign-ins of one username are counted for a day after the last one.
const FAILURE_MEMORY_SECONDS: i64 = 86_400;

fn retry_after(now: Instant, until: Instant) -> u64 {
    (until - now).whole_seconds().max(1) as u64
}

/// The sign-in lockout, shared with the own-password change (a wrong current
/// password counts like a failed sign-in).
pub struct Lockout<'a> {
    pub counters: &'a dyn Counters,
    pub key: String,
    pub limits: &'a Limits,
}

impl Lockout<'_> {
    /// Reserves an attempt before the password is checked, so that N concurrent
    /// guesses cannot all be verified: the counter is atomic, and attempts past
    /// the threshold are refused until the lock expires.
    pub async fn reserve(&self, now: Instant) -> Result<u64, AppError> {
        let state = self
            .counters
            .increment(
                &self.key,
                now,
                now + time::Duration::seconds(FAILURE_MEMORY_SECONDS),
            )
            .await?;
        match state.locked_until {
            Some(until) if until > now => Err(AppError::TooManyAttempts {
                retry_after: retry_after(now, until),
            }),
            // Past the threshold with no lock yet: a burst raced the lock.
            None if state.count > self.limits.lockout_threshold => Err(AppError::TooManyAttempts {
                retry_after: self.limits.lockout_base_seconds,
            }),
            _ => Ok(state.count),
        }
    }

    /// The writes for a failed attempt: a lock once the threshold is reached.
    pub fn on_failure(&self, count: u64, now: Instant) -> Option<Write> {
        (count >= self.limits.lockout_threshold).then(|| {
            let until = now + time::Duration::seconds(lockout_seconds(self.limits, count) as i64);
            Write::SetLock {
                key: self.key.clone(),
                until,
                expires_at: until.max(now + time::Duration::seconds(FAILURE_MEMORY_SECONDS)),
            }
        })
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

        // Per-IP failures first: a spray over many usernames from one address.
        let (window_index, window_end) = window(&limits, now);
        let ip_key = meta
            .ip
            .as_deref()
            .map(|ip| sign_in_ip_key(ip, window_index));
        let ip_failures = match &ip_key {
            Some(key) => self.counters.read(key, now).await?.count,
            None => 0,
        };
        if ip_failures >= limits.sign_in_failures_per_ip {
            self.committer
                .commit(vec![Write::Audit(throttled("ip"))])
                .await?;
            return Err(AppError::TooManyAttempts {
                retry_after: retry_after(now, window_end),
            });
        }
        // Per-username lockout, keyed by the name typed (known or not), so a
        // lock tells nothing about whether the account exists.
        let lockout = Lockout {
            counters: self.counters,
            key: sign_in_key(tenant_id, &username_key),
            limits: &limits,
        };
        let attempt = match lockout.reserve(now).await {
            Ok(n) => n,
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
        let password_ok = verify_password(password.clone(), phc.clone()).await?;

        let failure = match (&tenant, &user) {
            (Some(_), Some(u)) if !password_ok || u.password_hash.is_none() => {
                Some("wrong_password")
            }
            (Some(_), Some(u)) if u.status != Status::Active => Some("not_active"),
            (Some(_), Some(_)) => None,
            _ => Some("unknown_user"),
        };
        if let Some(reason) = failure {
            let actor = user.as_ref().map(|u| u.id.as_str()).unwrap_or("anonymous");
            let mut event = AuditEvent::new(tenant_id, now, "sign_in", actor, "failure")
                .ip(meta.ip.clone())
                .detail("reason", reason);
            if let Some(u) = &user {
                event = event.target(u.id.as_str());
            }
            let mut writes = vec![Write::Audit(event)];
            if let Some(lock) = lockout.on_failure(attempt, now) {
                writes.push(lock);
                let mut locked =
                    AuditEvent::new(tenant_id, now, "sign_in.lockout", actor, "locked")
                        .ip(meta.ip.clone())
                        .detail("failures", attempt)
                        .detail("seconds", lockout_seconds(&limits, attempt));
                if let Some(u) = &user {
                    locked = locked.target(u.id.as_str());
                }
                writes.push(Write::Audit(locked));
            }
            if let Some(key) = &ip_key {
                self.counters.increment(key, now, window_end).await?;
            }
            self.committer.commit(writes).await?;
            return Err(AppError::InvalidCredentials);
        }
        let (Some(tenant), Some(mut user)) = (tenant, user) else {
            return Err(AppError::InvalidCredentials);
        };

        // MFA is asked for only after a correct password.
        let mut mfa_used = false;
        if let (true, Some(secret)) = (user.mfa_enabled, user.totp_secret.clone()) {
            let Some(code) = totp_code.filter(|c| !c.trim().is_empty()) else {
                return Err(AppError::MfaRequired);
            };
            match totp::verify(&secret, code, now, user.totp_last_step) {
                Some(step) => {
                    user.totp_last_step = Some(step);
                    mfa_used = true;
                }
                None => {
                    let event =
                        AuditEvent::new(tenant_id, now, "sign_in", user.id.as_str(), "failure")
                            .target(user.id.as_str())
                            .ip(meta.ip.clone())
                            .detail("reason", "invalid_mfa_code");
                    let mut writes = vec![Write::Audit(event)];
                    writes.extend(lockout.on_failure(attempt, now));
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
            Write::DeleteCounter(lockout.key.clone()),
            Write::Audit(
                AuditEvent::new(tenant_id, now, "sign_in", user.id.as_str(), "success")
                    .target(user.id.as_str())
                    .ip(meta.ip.clone())
                    .detail("mfa", mfa_used),
            ),
        ];
        // Upgrade hashes made with weaker parameters while we hold the password.
        let rehash = needs_rehash(&phc);
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
