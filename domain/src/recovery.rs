//! MFA recovery codes: ten single-use codes shown once at enrolment, stored
//! only as keyed hashes. Each carries 60 random bits (12 characters of a
//! 32-letter alphabet), shown as `k7vq-2mxp-9d4h`; typed without regard to
//! case, spaces or hyphens.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::random_bytes;

pub const CODES_PER_SET: usize = 10;
/// 32 symbols (5 bits each, no bias), without o, i, l and 1: codes are read
/// off paper.
const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz234567890";

/// One new code for display.
fn new_code() -> String {
    let chars: Vec<char> = random_bytes::<12>()
        .iter()
        .map(|b| ALPHABET[(b & 31) as usize] as char)
        .collect();
    format!(
        "{}-{}-{}",
        chars[0..4].iter().collect::<String>(),
        chars[4..8].iter().collect::<String>(),
        chars[8..12].iter().collect::<String>()
    )
}

/// What is compared: lower case, no spaces or hyphens.
pub fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The stored form: HMAC-SHA256 keyed by the user's salt, so equal codes of
/// two users differ and a stolen table cannot be matched against a list.
pub fn hash(salt: &str, code: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(salt.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(b"latchkey-recovery-code\0");
    mac.update(normalize(code).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A new set: the codes to show once, and their hashes to store.
pub fn new_set(salt: &str) -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..CODES_PER_SET).map(|_| new_code()).collect();
    let hashes = codes.iter().map(|c| hash(salt, c)).collect();
    (codes, hashes)
}

/// The index of the stored hash `code` matches, if any (compared in constant
/// time per entry).
pub fn find(stored: &[String], salt: &str, code: &str) -> Option<usize> {
    use subtle::ConstantTimeEq;
    let h = hash(salt, code);
    if normalize(code).len() != 12 {
        return None;
    }
    stored
        .iter()
        .position(|s| bool::from(s.as_bytes().ct_eq(h.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_has_ten_distinct_codes_that_match_only_their_own_hash() {
        let (codes, hashes) = new_set("salt-a");
        assert_eq!(codes.len(), 10);
        assert_eq!(hashes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(c.len(), 14, "{c}");
            assert_eq!(find(&hashes, "salt-a", c), Some(i));
            assert_eq!(find(&hashes, "salt-b", c), None, "keyed by the salt");
            // typed loosely
            let loose = c.to_uppercase().replace('-', " ");
            assert_eq!(find(&hashes, "salt-a", &loose), Some(i));
            assert!(!hashes[i].contains(&normalize(c)));
        }
        assert_eq!(find(&hashes, "salt-a", "aaaa-bbbb-cccc"), None);
        assert_eq!(find(&hashes, "salt-a", ""), None);
    }

    #[test]
    fn removing_mfa_clears_the_factor_and_every_code() {
        let mut user: crate::User = serde_json::from_value(serde_json::json!({
            "tenant_id": "t", "id": "u_1", "username": "x", "email": null, "role": "user",
            "status": "active", "source": "local", "can_change_password": true,
            "must_change_password": false, "mfa_enabled": true, "totp_secret": "JBSWY3DPEHPK3PXP",
            "totp_pending_secret": "GEZDGNBVGY3TQOJQ", "totp_last_step": 42,
            "password_hash": null, "password_salt": "s", "cred_gen": 0, "token_gen": 0,
            "version": 0, "created_at": 0, "recovery_codes": ["a", "b"]
        }))
        .unwrap();
        user.remove_mfa();
        assert!(!user.mfa_enabled);
        assert_eq!(user.totp_secret, None);
        assert_eq!(user.totp_pending_secret, None);
        assert_eq!(user.totp_last_step, None);
        assert!(user.recovery_codes.is_empty());
    }

    #[test]
    fn codes_carry_sixty_bits() {
        // 12 symbols of a 32-letter alphabet
        let (codes, _) = new_set("s");
        for c in codes {
            let n = normalize(&c);
            assert_eq!(n.len(), 12);
            assert!(n.chars().all(|ch| ch.is_ascii_alphanumeric()));
        }
    }
}
