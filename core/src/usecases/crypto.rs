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

/// Hashes in flight per core: enough to keep every core busy while others
/// wait on the store, few enough to bound memory (19 MiB each).
pub const HASH_SLOTS_PER_CORE: usize = 4;
/// How long a request waits for a hashing slot before it gets `503 busy`.
pub const HASH_QUEUE_WAIT: Duration = Duration::from_secs(3);

async fn slot() -> Result<SemaphorePermit<'static>, AppError> {
    slot_of(slots(), HASH_QUEUE_WAIT).await
}

async fn slot_of(sem: &Semaphore, wait: Duration) -> Result<SemaphorePermit<'_>, AppError> {
    match tokio::time::timeout(wait, sem.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(AppError::Busy { retry_after: 1 }),
    }
}

/// How much lower than the request threads a hashing thread runs (a nice
/// increment: 0 is the default priority, 19 the lowest).
const HASH_NICENESS: i32 = 10;

/// Lowers the calling thread's priority once (Linux: niceness is per thread).
///
/// Why: with more runnable hashing threads than cores (a sign-in flood fills
/// every slot), a cheap request such as `GET /password-policy` or a page waits
/// for a core behind 20 ms hashes, and its p99 becomes the hash time. At a
/// lower priority the scheduler runs the executor threads first the moment
/// they wake, and the hashes take the rest: they lose no throughput when
/// nothing else wants the core. On Lambda a sandbox serves one request at a
/// time, so this changes nothing there.
fn lower_priority() {
    thread_local! {
        static LOWERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    LOWERED.with(|done| {
        if done.replace(true) {
            return;
        }
        #[cfg(target_os = "linux")]
        {
            let lower = (niceness() + HASH_NICENESS).min(19);
            // SAFETY: setpriority takes plain integers and touches no memory of
            // ours; who = 0 with PRIO_PROCESS is the calling thread on Linux.
            // A failure (never expected: raising one's own niceness needs no
            // privilege) leaves the thread at its priority, which is harmless.
            let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, lower) };
        }
    });
}

/// The calling thread's niceness (Linux).
#[cfg(target_os = "linux")]
fn niceness() -> i32 {
    // SAFETY: as above; getpriority only reads the calling thread's value.
    unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
}

/// Argon2 is CPU-bound for ~20 ms: run it on the blocking pool so a flood of
/// sign-ins cannot starve the async executor, and keep the caller's span.
pub async fn hash_password(password: SecretString, salt: String) -> Result<String, AppError> {
    let _slot = slot().await?;
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        lower_priority();
        span.in_scope(|| domain::hash_password(&password, &salt))
    })
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
        lower_priority();
        span.in_scope(|| domain::verify_password_detailed(&password, &phc))
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn hashing_threads_run_below_the_request_threads() {
        // GIVEN a thread at the process's priority
        let mine = niceness();
        std::thread::spawn(|| {
            let before = niceness();
            // WHEN it becomes a hashing thread, twice
            lower_priority();
            lower_priority();
            // THEN it is 10 nicer, once, and no nicer than the lowest
            assert_eq!(niceness(), (before + HASH_NICENESS).min(19));
        })
        .join()
        .unwrap();
        // AND the thread that asked stays where it was
        assert_eq!(niceness(), mine);
    }

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
