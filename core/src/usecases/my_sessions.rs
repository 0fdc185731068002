//! The sessions a person can see and end (`/v1/me/sessions`): their live
//! sessions, with where and from what browser each was opened, and the end of
//! one of them or of all but the caller's. The admin routes over another
//! user's sessions (`admin::Accounts`) show and end them the same way.

use serde::Serialize;

use super::sessions::Authenticated;
use super::{AppError, RequestMeta};
use crate::domain::{AuditEvent, Instant, Session, SessionId, Tenant, TenantId, User, rfc3339};
use crate::ports::{Clock, Committer, SessionLister, TenantStore, Write};

/// One session as a person sees it: never its token nor its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionView {
    pub id: SessionId,
    #[serde(serialize_with = "instant")]
    pub created_at: Instant,
    /// Its last recorded use (its creation when none since), accurate to a
    /// minute: a use is recorded at most once a minute.
    #[serde(serialize_with = "instant")]
    pub last_used_at: Instant,
    pub ip: Option<String>,
    /// A short summary such as "Firefox on Windows", or `None` when the
    /// browser was not recognised.
    pub user_agent: Option<String>,
    /// Whether it is the session of the request that lists it.
    pub current: bool,
}

fn instant<S: serde::Serializer>(at: &Instant, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*at))
}

impl SessionView {
    pub fn of(session: &Session, current: Option<&SessionId>) -> Self {
        Self {
            id: session.id.clone(),
            created_at: session.created_at,
            last_used_at: session.last_seen(),
            ip: session.ip.clone(),
            user_agent: session.user_agent.clone(),
            current: current == Some(&session.id),
        }
    }
}

/// The live sessions of `user` (unexpired, of its current generation, not
/// idle past `tenant`'s timeout), newest first.
pub(crate) async fn live_sessions(
    lister: &dyn SessionLister,
    tenant: &Tenant,
    user: &User,
    now: Instant,
) -> Result<Vec<Session>, AppError> {
    let idle = tenant.settings.session_idle_timeout_seconds;
    let mut live: Vec<Session> = lister
        .list_sessions(&user.tenant_id, &user.id)
        .await?
        .into_iter()
        .filter(|s| s.is_live(now, user) && !s.is_idle(now, idle))
        .collect();
    live.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    Ok(live)
}

/// Sessions ended per unit: each is two items on DynamoDB (the session and
/// its entry in the user's list), and a transaction holds at most 100.
const SESSIONS_PER_UNIT: usize = 40;

/// Ends `sessions`, with `audit` in the first unit: a few units when there
/// are many. A unit that fails leaves the ones before it ended (asking again
/// ends the rest).
pub(crate) async fn end_sessions(
    committer: &dyn Committer,
    sessions: Vec<Session>,
    audit: Option<AuditEvent>,
) -> Result<(), AppError> {
    let mut audit = audit.map(Write::Audit);
    let mut chunks = sessions.chunks(SESSIONS_PER_UNIT).peekable();
    if chunks.peek().is_none() {
        return match audit {
            Some(event) => Ok(committer.commit(vec![event]).await?),
            None => Ok(()),
        };
    }
    for chunk in chunks {
        let mut writes: Vec<Write> = audit.take().into_iter().collect();
        writes.extend(chunk.iter().cloned().map(Write::DeleteSession));
        committer.commit(writes).await?;
    }
    Ok(())
}

/// The audit event of ending sessions of `user`: `scope` is `one`, `others`
/// (all but the caller's) or `all`; `count` how many live ones ended.
pub(crate) fn revoked_event(
    tenant: &TenantId,
    now: Instant,
    actor: &str,
    user: &User,
    scope: &str,
    count: usize,
    meta: &RequestMeta,
) -> AuditEvent {
    AuditEvent::new(tenant, now, "sessions.revoked", actor, "success")
        .target(user.id.as_str())
        .ip(meta.ip.clone())
        .detail("scope", scope)
        .detail("count", count)
}

pub struct MySessions<'a> {
    pub tenants: &'a dyn TenantStore,
    pub sessions: &'a dyn SessionLister,
    pub committer: &'a dyn Committer,
    pub clock: &'a dyn Clock,
}

impl MySessions<'_> {
    async fn live(&self, auth: &Authenticated) -> Result<(Vec<Session>, Instant), AppError> {
        let tenant = self
            .tenants
            .get_tenant(&auth.user.tenant_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        Ok((
            live_sessions(self.sessions, &tenant, &auth.user, now).await?,
            now,
        ))
    }

    /// `GET /v1/me/sessions`: the caller's live sessions, theirs marked `current`.
    pub async fn list(&self, auth: &Authenticated) -> Result<Vec<SessionView>, AppError> {
        let (live, _) = self.live(auth).await?;
        Ok(live
            .iter()
            .map(|s| SessionView::of(s, Some(&auth.session.id)))
            .collect())
    }

    /// `DELETE /v1/me/sessions/{id}`: ends one of the caller's live sessions
    /// (the current one too: that is signing out). Another user's session,
    /// or one that already ended, is `404`.
    pub async fn revoke(
        &self,
        auth: &Authenticated,
        id: &str,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let (live, now) = self.live(auth).await?;
        let session = live
            .into_iter()
            .find(|s| s.id.as_str() == id)
            .ok_or(AppError::NotFound)?;
        let user = &auth.user;
        let event = revoked_event(&user.tenant_id, now, user.id.as_str(), user, "one", 1, meta)
            .detail("session_id", session.id.as_str());
        end_sessions(self.committer, vec![session], Some(event)).await
    }

    /// `DELETE /v1/me/sessions?scope=others`: signs out everywhere but here.
    pub async fn revoke_others(
        &self,
        auth: &Authenticated,
        meta: &RequestMeta,
    ) -> Result<(), AppError> {
        let (live, now) = self.live(auth).await?;
        let others: Vec<Session> = live
            .into_iter()
            .filter(|s| s.id != auth.session.id)
            .collect();
        let user = &auth.user;
        let event = revoked_event(
            &user.tenant_id,
            now,
            user.id.as_str(),
            user,
            "others",
            others.len(),
            meta,
        );
        end_sessions(self.committer, others, Some(event)).await
    }
}
