//! Use cases: each depends only on the ports it names, takes "now" from a Clock,
//! and returns the one error enum, [`AppError`], that `http` maps to responses.

pub mod account;
pub mod admin;
mod crypto;
mod error;
pub mod mail_events;
pub mod reset;
pub mod sessions;
pub mod support;

pub use crypto::*;
pub use error::*;

/// Where a request came from, for audit events and per-IP limits. The IP is the
/// socket peer (locally) or API Gateway's `sourceIp`, never a client header.
#[derive(Clone, Debug, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
}

/// Waits a short random time before retrying a unit that lost to a concurrent
/// transaction, so that contenders spread out instead of colliding again.
pub(crate) async fn backoff(attempt: u32) {
    use rand::Rng;
    let max_ms = 10u64 << attempt.min(5);
    let ms = rand::thread_rng().gen_range(1..=max_ms);
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}
