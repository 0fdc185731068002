use secrecy::SecretString;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

use super::AppError;
use crate::domain;

/// Each Argon2id hash holds 19 MiB and a core for ~20 ms. Unbounded, a flood
/// of parallel sign-ins grows the process by gigabytes; bounded, the excess
/// waits a little and is then told to come back (503 + Retry-After), and the
/// process stays the size it was.
fn slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Semaphore::new(HASH_SLOTS_PER_CORE * cores)
    })
}

/// Hashes in flight per core. A slot is held for the hash alone (never across
/// a store call), so one per core keeps every core busy; more only time-slice
/// the same cores. Measured (latency bench, 2 cores, 8 clients flooding
/// sign-in): the same 83 sign-ins/s at 1 and at 4 per core, but `GET
/// /password-policy` beside the flood at p99 4.2-6.4 ms with 1 per core and
/// 8.4-9.9 ms with 4, and 2 x 19 MiB of hash memory at most instead of 8 x.
/// The waiting sign-ins queue here, in order, at no cost but their wait.
pub const HASH_SLOTS_PER_CORE: usize = 1;
/// How long a request waits for a hashing slot before it gets `503 busy`.
pub const HASH_QUEUE_WAIT: Duration = Duration::from_secs(3);

tokio::task_local! {
    /// The hashing slots of one task instead of the process's: a test makes
    /// its own sign-in busy without starving every other test of slots.
    static TASK_SLOTS: (&'static Semaphore, Duration);
}

async fn slot() -> Result<SemaphorePermit<'static>, AppError> {
    match TASK_SLOTS.try_with(|s| *s) {
        Ok((sem, wait)) => slot_of(sem, wait).await,
        Err(_) => slot_of(slots(), HASH_QUEUE_WAIT).await,
    }
}

/// Runs `f` with `sem` as its hashing slots, waiting at most `wait` for one
/// (tests: a busy server for one request).
pub async fn with_hash_slots<F: std::future::Future>(
    sem: &'static Semaphore,
    wait: Duration,
    f: F,
) -> F::Output {
    TASK_SLOTS.scope((sem, wait), f).await
}

async fn slot_of(sem: &Semaphore, wait: Duration) -> Result<SemaphorePermit<'_>, AppError> {
    match tokio::time::timeout(wait, sem.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(AppError::Busy { retry_after: 1 }),
    }
}

/// Argon2 is CPU-bound for ~20 ms: run it on the blocking pool so a flood of
/// sign-ins cannot starve the async executor, and keep the caller's span.
pub async fn hash_password(password: SecretString, salt: String) -> Result<String, AppError> {
    let _slot = slot().await?;
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(|| domain::hash_password(&password, &salt)))
        .await
        .map_err(|e| AppError::Internal(format!("hash task failed: {e}")))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn verify_password(password: SecretString, phc: String) -> Result<bool, AppError> {
    Ok(verify_password_detailed(password, phc).await?.0)
}

/// (verified, verified only before normalization: rehash).
pub async fn verify_password_detailed(
    password: SecretString,
    phc: String,
) -> Result<(bool, bool), AppError> {
    let _slot = slot().await?;
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        span.in_scope(|| domain::verify_password_detailed(&password, &phc))
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_slots_a_hash_waits_then_is_refused_as_busy() {
        // GIVEN two slots, both taken
        let sem = Semaphore::new(2);
        let a = slot_of(&sem, Duration::from_millis(10)).await.unwrap();
        let _b = slot_of(&sem, Duration::from_millis(10)).await.unwrap();
        // THEN a third waits its time and gets 503 busy with a Retry-After
        assert!(matches!(
            slot_of(&sem, Duration::from_millis(20)).await,
            Err(AppError::Busy { retry_after: 1 })
        ));
        // AND once a slot frees up, a waiter gets it
        drop(a);
        assert!(slot_of(&sem, Duration::from_millis(20)).await.is_ok());
        assert!(slots().available_permits() >= HASH_SLOTS_PER_CORE);
    }
}
