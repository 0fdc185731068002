use secrecy::SecretString;

use super::AppError;
use crate::domain;

/// Argon2 is CPU-bound for ~20 ms: run it on the blocking pool so a flood of
/// sign-ins cannot starve the async executor, and keep the caller's span.
pub async fn hash_password(password: SecretString, salt: String) -> Result<String, AppError> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(|| domain::hash_password(&password, &salt)))
        .await
        .map_err(|e| AppError::Internal(format!("hash task failed: {e}")))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn verify_password(password: SecretString, phc: String) -> Result<bool, AppError> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(|| domain::verify_password(&password, &phc)))
        .await
        .map_err(|e| AppError::Internal(format!("verify task failed: {e}")))
}
