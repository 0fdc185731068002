//! Have I Been Pwned's Pwned Passwords range API with k-anonymity: only the
//! first five hex digits of the password's SHA-1 are sent; the answer lists
//! every suffix with that prefix (padded, so its size says nothing either),
//! and the match is made here.

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use sha1::{Digest, Sha1};
use std::time::Duration;

use crate::ports::BreachedPasswords;

pub const DEFAULT_BASE_URL: &str = "https://api.pwnedpasswords.com";

pub struct PwnedPasswords {
    client: reqwest::Client,
    base_url: String,
}

impl PwnedPasswords {
    /// `timeout` bounds the whole request: a slow service must not hold up a
    /// password change for long (the check then fails open).
    pub fn new(base_url: impl Into<String>, timeout: Duration) -> Self {
        Self {
            client: reqwest::Client::builder()
                .timeout(timeout)
                .build()
                .unwrap_or_default(),
            base_url: base_url.into(),
        }
    }
}

/// The upper-case hex SHA-1 of the password as it is hashed (NFKC), split
/// into the 5-digit prefix sent and the suffix kept.
pub fn prefix_and_suffix(password: &SecretString) -> (String, String) {
    let form = crate::domain::identity::password_form(password.expose_secret());
    let digest = hex::encode_upper(Sha1::digest(form.as_bytes()));
    let (prefix, suffix) = digest.split_at(5);
    (prefix.to_owned(), suffix.to_owned())
}

/// The count for `suffix` in a range answer (`SUFFIX:COUNT` lines; padding
/// entries have count 0).
pub fn count_in(body: &str, suffix: &str) -> u64 {
    body.lines()
        .filter_map(|l| l.trim().split_once(':'))
        .find(|(s, _)| s.eq_ignore_ascii_case(suffix))
        .and_then(|(_, n)| n.trim().parse().ok())
        .unwrap_or(0)
}

#[async_trait]
impl BreachedPasswords for PwnedPasswords {
    async fn times_seen(&self, password: &SecretString) -> Result<u64, String> {
        let (prefix, suffix) = prefix_and_suffix(password);
        let url = format!("{}/range/{prefix}", self.base_url.trim_end_matches('/'));
        let resp = self
            .client
            .get(url)
            .header("Add-Padding", "true")
            .send()
            .await
            .map_err(|e| format!("pwned passwords unreachable: {e}"))?;
        if !resp.status().is_success() {
            return Err(format!("pwned passwords answered {}", resp.status()));
        }
        let body = resp.text().await.map_err(|e| e.to_string())?;
        Ok(count_in(&body, &suffix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_prefix_leaves_and_the_suffix_is_matched_here() {
        // SHA-1("password") = 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8
        let (prefix, suffix) = prefix_and_suffix(&SecretString::from("password"));
        assert_eq!(prefix, "5BAA6");
        assert_eq!(suffix, "1E4C9B93F3F0682250B6CF8331B7EE68FD8");
        let body = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n1e4c9b93f3f0682250b6cf8331b7ee68fd8:9659365\r\nFFFF0000000000000000000000000000000:0\r\n";
        assert_eq!(count_in(body, &suffix), 9_659_365);
        assert_eq!(count_in(body, "0000000000000000000000000000000000A"), 0);
    }
}
