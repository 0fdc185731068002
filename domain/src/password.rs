//! Argon2id password hashing with explicit parameters.
//!
//! Each user has one random salt that is reused for their successive hashes. That
//! makes the history check ("not one of your last N passwords") cost exactly one
//! hash: hash the candidate once with the user's salt and compare the PHC strings.
//! Reusing a salt across one user's own history only reveals equality within that
//! history, which is what the check needs anyway; salts stay unique across users.

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

/// OWASP's floor for Argon2id: 19 MiB, two passes, one lane.
pub const ARGON2_M_KIB: u32 = 19_456;
pub const ARGON2_T: u32 = 2;
pub const ARGON2_P: u32 = 1;

/// A real hash (of a random password nobody knows) with the current parameters.
/// Verified against when the account is unknown so that the response takes the
/// same work either way.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$+/Fy+FgPGzd76waXkm7yKg$aAz3KQnTzDs405tHAKnmfE/3BMiZ6dpBvgy8sABdwDA";

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

fn argon2() -> Result<Argon2<'static>, HashError> {
    let params = Params::new(ARGON2_M_KIB, ARGON2_T, ARGON2_P, None)
        .map_err(|e| HashError(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A fresh random per-user salt (B64, as the PHC format wants).
pub fn new_salt() -> String {
    SaltString::generate(&mut rand::rngs::OsRng)
        .as_str()
        .to_owned()
}

/// Hashes `password` with the user's salt under the current parameters.
pub fn hash_password(password: &SecretString, salt: &str) -> Result<String, HashError> {
    let salt = SaltString::from_b64(salt).map_err(|e| HashError(e.to_string()))?;
    let normalized = super::identity::password_form(password.expose_secret());
    argon2()?
        .hash_password(normalized.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Verifies `password` against a PHC string, whatever parameters it was made with.
/// A malformed stored hash verifies as false (and is not an error to the caller).
pub fn verify_password(password: &SecretString, phc: &str) -> bool {
    verify_password_detailed(password, phc).0
}

/// Verifies the NFKC form of `password`; when that fails and NFKC changed the
/// input, the raw form too (hashes made before normalization keep verifying).
/// Returns (verified, verified only in the raw form: rehash it). The second
/// verify depends only on the typed input, never on the account.
pub fn verify_password_detailed(password: &SecretString, phc: &str) -> (bool, bool) {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return (false, false);
    };
    let raw = password.expose_secret();
    let normalized = super::identity::password_form(raw);
    let verify = |candidate: &str| {
        Argon2::default()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok()
    };
    if verify(&normalized) {
        return (true, false);
    }
    if normalized != raw && verify(raw) {
        return (true, true);
    }
    (false, false)
}

/// True when a stored hash was made with weaker parameters than the current ones
/// (or another algorithm) and should be re-hashed after the next successful sign-in.
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm.as_str() != "argon2id"
        || params.m_cost() < ARGON2_M_KIB
        || params.t_cost() < ARGON2_T
        || params.p_cost() < ARGON2_P
}

/// Constant-time equality of two PHC strings (history comparison).
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn hashes_of_the_raw_form_still_verify_and_ask_for_a_rehash() {
        // GIVEN a hash made before passwords were NFKC-normalized (of "ｐｗ…")
        let raw = "\u{FF50}\u{FF57}-Terrace-Lantern-9";
        let salt = SaltString::from_b64(&new_salt()).unwrap();
        let legacy = argon2()
            .unwrap()
            .hash_password(raw.as_bytes(), &salt)
            .unwrap()
            .to_string();
        // THEN the same typing verifies, flagged for a rehash to the normal form
        assert_eq!(
            verify_password_detailed(&SecretString::from(raw), &legacy),
            (true, true)
        );
        // AND a new hash is of the normal form: both typings verify it directly
        let fresh = hash_password(&SecretString::from(raw), salt.as_str()).unwrap();
        assert_eq!(
            verify_password_detailed(&SecretString::from(raw), &fresh),
            (true, false)
        );
        assert_eq!(
            verify_password_detailed(&SecretString::from("pw-Terrace-Lantern-9"), &fresh),
            (true, false)
        );
        assert_eq!(
            verify_password_detailed(&SecretString::from("px-Terrace-Lantern-9"), &fresh),
            (false, false)
        );
        // a wrong password that normalization changes is still wrong in both forms
        assert_eq!(
            verify_password_detailed(
                &SecretString::from("\u{FF50}\u{FF58}-Terrace-Lantern-9"),
                &fresh
            ),
            (false, false)
        );
        assert_eq!(
            verify_password_detailed(
                &SecretString::from("\u{FF50}\u{FF58}-Terrace-Lantern-9"),
                &legacy
            ),
            (false, false)
        );
    }
    use super::*;

    #[test]
    fn dummy_hash_uses_the_current_parameters_and_parses() {
        // GIVEN the embedded dummy hash THEN it is a well-formed Argon2id hash at
        // today's parameters, so verifying against it costs what a real verify costs.
        assert!(!needs_rehash(DUMMY_HASH));
        assert!(!verify_password(
            &SecretString::from("anything"),
            DUMMY_HASH
        ));
    }

    #[test]
    fn hashing_with_the_user_salt_is_deterministic_and_verifies() {
        let salt = new_salt();
        let pw = SecretString::from("correct horse battery staple");
        let a = hash_password(&pw, &salt).unwrap();
        let b = hash_password(&pw, &salt).unwrap();
        assert!(same_hash(&a, &b));
        assert!(verify_password(&pw, &a));
        assert!(!verify_password(&SecretString::from("wrong"), &a));
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    #[test]
    fn weaker_hashes_need_rehash() {
        let weak = "$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$5c4W5Yv0xJ7q3P1m2fHk2Q";
        assert!(needs_rehash(weak));
        assert!(needs_rehash("not a hash"));
    }
}
