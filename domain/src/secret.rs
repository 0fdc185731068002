//! Secrets (passwords, tokens) travel in [`secrecy::SecretString`], whose `Debug`
//! prints `[REDACTED]`, so a stray `{:?}` in a log line cannot leak one.

pub use secrecy::{ExposeSecret, SecretString};

/// Random bytes for tokens and ids, from the OS CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    use rand::RngCore;
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}
