//! Sign-in, session authentication and sign-out.

use secrecy::SecretString;

use super::{AppError, RequestMeta, hash_password, verify_password};
use crate::domain::{
    AuditEvent, DUMMY_HASH, Session, Status, TenantId, TokenHash, User, needs_rehash, new_token,
    normalize_identifier,
};
use crate::ports::{Clock, Committer, SessionReader, TenantStore, UserReader, Write};

pub struct SignIn<'a> {
    pub tenants: &'a dyn TenantStore,
    pub users: &'a dyn UserReader,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
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
        meta: &RequestMeta,
    ) -> Result<SignedIn, AppError> {
        let tenant = self.tenants.get_tenant(tenant_id).await?;
        let user = match &tenant {
            Some(_) => {
                self.users
                    .find_by_username(tenant_id, &normalize_identifier(username))
                    .await?
            }
            None => None,
        };
        let phc = user
            .as_ref()
            .and_then(|u| u.password_hash.clone())
            .unwrap_or_else(|| DUMMY_HASH.to_owned());
        let password_ok = verify_password(password.clone(), phc.clone()).await?;
        let now = self.clock.now();

        let (Some(tenant), Some(mut user)) = (tenant, user) else {
            let event = AuditEvent::new(tenant_id, now, "sign_in", "anonymous", "failure")
                .ip(meta.ip.clone())
                .detail("reason", "unknown_user");
            self.committer.commit(vec![Write::Audit(event)]).await?;
            return Err(AppError::InvalidCredentials);
        };
        let failure = if !password_ok || user.password_hash.is_none() {
            Some("wrong_password")
        } else if user.status != Status::Active {
            Some("not_active")
        } else {
            None
        };
        if let Some(reason) = failure {
            let event = AuditEvent::new(tenant_id, now, "sign_in", user.id.as_str(), "failure")
                .target(user.id.as_str())
                .ip(meta.ip.clone())
                .detail("reason", reason);
            self.committer.commit(vec![Write::Audit(event)]).await?;
            return Err(AppError::InvalidCredentials);
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
            Write::Audit(
                AuditEvent::new(tenant_id, now, "sign_in", user.id.as_str(), "success")
                    .target(user.id.as_str())
                    .ip(meta.ip.clone()),
            ),
        ];
        // Upgrade hashes made with weaker parameters while we hold the password.
        if needs_rehash(&phc) {
            let mut upgraded = user.clone();
            upgraded.password_hash =
                Some(hash_password(password, user.password_salt.clone()).await?);
            writes.push(Write::SaveUser(upgraded.clone()));
            upgraded.version += 1;
            user = upgraded;
        }
        match self.committer.commit(writes).await {
            Ok(()) => {}
            // A concurrent change to the user lost us the rehash; the sign-in
            // itself is still good, so retry without it.
            Err(crate::ports::StoreError::Conflict(_) | crate::ports::StoreError::Contention) => {
                self.committer
                    .commit(vec![Write::PutSession(session.clone())])
                    .await?;
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
