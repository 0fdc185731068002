//! TOTP (RFC 6238): HMAC-SHA1, 6 digits, 30-second steps, ±1 step of drift.
//! A code is accepted once: the caller stores the step it matched and passes it
//! back, and a step at or before it is refused (no replay within the window).

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use secrecy::{ExposeSecret, SecretString};

use super::{Instant, random_bytes};

pub const STEP_SECONDS: i64 = 30;
pub const DIGITS: u32 = 6;

/// A new 160-bit secret, base32 without padding (what authenticator apps take).
pub fn new_secret() -> String {
    BASE32_NOPAD.encode(&random_bytes::<20>())
}

fn decode(secret: &str) -> Option<Vec<u8>> {
    let cleaned: String = secret
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    BASE32_NOPAD.decode(cleaned.as_bytes()).ok()
}

/// The code for time step `step` (RFC 4226 dynamic truncation).
pub fn code_at(secret: &str, step: i64) -> Option<String> {
    let key = decode(secret)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(format!(
        "{:0width$}",
        bin % 10u32.pow(DIGITS),
        width = DIGITS as usize
    ))
}

pub fn step_of(at: Instant) -> i64 {
    at.unix_timestamp().div_euclid(STEP_SECONDS)
}

/// Returns the matched step if `code` is valid at `now` (±1 step) and newer than
/// `last_used_step`.
pub fn verify(secret: &str, code: &str, now: Instant, last_used_step: Option<i64>) -> Option<i64> {
    let code = code.trim();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let current = step_of(now);
    (current - 1..=current + 1)
        .filter(|s| last_used_step.is_none_or(|last| *s > last))
        .find(|s| {
            code_at(secret, *s).is_some_and(|expected| {
                subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
            })
        })
}

pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

/// A user's TOTP secret as the domain holds it. In memory it is clear (base32,
/// in a [`SecretString`]: `Debug` never prints it). A store seals it at rest;
/// when this process cannot open the stored form (it holds no sealing key, or
/// the seal does not open for this user: copied from another item, or
/// tampered with), the store hands over that form as it was stored, so a
/// write of the user keeps it unchanged, and it verifies no code: a secret
/// that cannot be read fails closed, never as "no second factor".
#[derive(Clone)]
pub enum TotpSecret {
    Clear(SecretString),
    /// The stored form, opaque to the domain.
    Sealed(Vec<u8>),
}

impl TotpSecret {
    /// The base32 secret, when this process holds it in clear.
    pub fn clear(&self) -> Option<&str> {
        match self {
            TotpSecret::Clear(s) => Some(s.expose_secret()),
            TotpSecret::Sealed(_) => None,
        }
    }
}

impl From<String> for TotpSecret {
    fn from(base32: String) -> Self {
        TotpSecret::Clear(SecretString::from(base32))
    }
}

impl From<&str> for TotpSecret {
    fn from(base32: &str) -> Self {
        TotpSecret::Clear(SecretString::from(base32))
    }
}

impl PartialEq for TotpSecret {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (TotpSecret::Clear(a), TotpSecret::Clear(b)) => a.expose_secret() == b.expose_secret(),
            (TotpSecret::Sealed(a), TotpSecret::Sealed(b)) => a == b,
            _ => false,
        }
    }
}

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TotpSecret::Clear(_) => "TotpSecret([REDACTED])",
            TotpSecret::Sealed(_) => "TotpSecret(sealed)",
        })
    }
}

/// Read from a string: how items written before secrets were sealed hold it
/// (the user's `totp_secret` field). Nothing writes that form: `User` never
/// serializes its secrets, the stores carry them sealed beside the document.
impl<'de> serde::Deserialize<'de> for TotpSecret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(TotpSecret::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_test_vectors() {
        // RFC 6238 appendix B, SHA-1 seed "12345678901234567890", 8 digits there;
        // the 6-digit code is the last six digits of the 8-digit one.
        let secret = BASE32_NOPAD.encode(b"12345678901234567890");
        for (t, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(&secret, t / 30).unwrap(), eight[2..], "t={t}");
        }
    }

    #[test]
    fn accepts_one_step_of_drift_and_refuses_replay() {
        let secret = new_secret();
        let now = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let prev = code_at(&secret, step_of(now) - 1).unwrap();
        let step = verify(&secret, &prev, now, None).unwrap();
        assert_eq!(step, step_of(now) - 1);
        assert_eq!(
            verify(&secret, &prev, now, Some(step)),
            None,
            "replay refused"
        );
        let far = code_at(&secret, step_of(now) - 2).unwrap();
        assert_eq!(
            verify(&secret, &far, now, None),
            None,
            "two steps old is refused"
        );
        assert_eq!(verify(&secret, "12345", now, None), None);
    }

    #[test]
    fn a_secret_never_prints_and_a_sealed_one_gives_no_clear_text() {
        let clear = TotpSecret::from("JBSWY3DPEHPK3PXP");
        assert_eq!(clear.clear(), Some("JBSWY3DPEHPK3PXP"));
        assert!(!format!("{clear:?}").contains("JBSW"));
        let sealed = TotpSecret::Sealed(b"JBSWY3DPEHPK3PXP".to_vec());
        assert_eq!(sealed.clear(), None);
        assert!(!format!("{sealed:?}").contains("JBSW"));
        assert_ne!(clear, sealed);
        assert_eq!(clear, TotpSecret::from("JBSWY3DPEHPK3PXP".to_owned()));
        assert_ne!(clear, TotpSecret::from("KBSWY3DPEHPK3PXP"));
        // Sealed forms compare by their bytes (a store's write-back of what it
        // could not open must not read as a change of secret)
        assert_eq!(sealed, TotpSecret::Sealed(b"JBSWY3DPEHPK3PXP".to_vec()));
        assert_ne!(sealed, TotpSecret::Sealed(b"other".to_vec()));
    }
}
