//! Use cases: each depends only on the ports it names, takes "now" from a Clock,
//! and returns the one error enum, [`AppError`], that `http` maps to responses.

pub mod account;
pub mod admin;
pub mod branding;
pub mod compliance;
mod crypto;
mod error;
pub mod expiry;
pub mod gate;
pub mod jobs;
pub mod links;
pub mod lockout;
pub mod mail_events;
pub mod mfa;
pub mod my_sessions;
pub mod public;
pub mod report;
pub mod reset;
pub mod return_to;
pub mod sessions;
pub mod support;
pub mod unlock;

pub use crypto::*;
pub use error::*;

/// Where a request came from, for audit events and per-IP limits. The IP is the
/// socket peer (locally) or API Gateway's `sourceIp`, never a client header.
#[derive(Clone, Debug, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    /// The shipped locale the request's `Accept-Language` asks for, if any: the
    /// language of a mail this request causes for its own user (forgot-password,
    /// confirm, own change), when the user chose none.
    pub locale: Option<crate::domain::Locale>,
    /// The request's `User-Agent` header, as sent: a new session keeps only a
    /// short summary of it (`domain::user_agent_summary`), never the header.
    pub user_agent: Option<String>,
}

/// The recipient's language, in the contract's order: their own `locale`, then
/// (only when their own request caused the mail) that request's language, then
/// the tenant's default.
pub(crate) fn recipient_locale(
    user: &crate::domain::User,
    own_request: Option<&RequestMeta>,
    tenant: &crate::domain::Tenant,
) -> crate::domain::Locale {
    user.locale
        .or_else(|| own_request.and_then(|m| m.locale))
        .unwrap_or(tenant.settings.default_locale)
}

/// The rendering context of a mail from `tenant` to `user`.
pub(crate) fn mail_context<'a>(
    tenant: &'a crate::domain::Tenant,
    links: &'a reset::LinkConfig,
    now: crate::domain::Instant,
    user: &crate::domain::User,
    own_request: Option<&RequestMeta>,
) -> crate::domain::MailContext<'a> {
    crate::domain::MailContext {
        tenant,
        from: &links.mail_from,
        logo_url: tenant.logo.map(|_| links.logo_link(&tenant.id)),
        now,
        locale: recipient_locale(user, own_request, tenant),
    }
}

/// Waits a short random time before retrying a unit that lost to a concurrent
/// transaction, so that contenders spread out instead of colliding again.
pub async fn backoff(attempt: u32) {
    use rand::Rng;
    let max_ms = 10u64 << attempt.min(5);
    let ms = rand::thread_rng().gen_range(1..=max_ms);
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}
