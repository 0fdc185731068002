//! Secret fields of items read on hot paths (a user's TOTP secret) are sealed
//! at rest like queued mail (AES-256-GCM under a data key that is stored only
//! wrapped by KMS, or locally by a configured key), bound to the item they
//! belong to, so the table, its stream and its backups never hold them in
//! clear and a sealed field copied into another item does not open.
//!
//! Unlike the outbox, which takes a fresh KMS data key every few minutes and
//! opens each mail with `Decrypt` in the mailer, every process of a deployment
//! uses one data key, stored wrapped in the table (`KEYRING#totp`) and
//! unwrapped once per process: sign-in opens a user's secret on every
//! request, and a per-item data key would cost a KMS round trip on most of
//! them. This way a function instance pays one `GetItem` and one KMS `Decrypt`
//! the first time it touches a secret, and sealing or opening afterwards is
//! local work of microseconds.

use async_trait::async_trait;
use aws_sdk_kms::primitives::Blob;

use crate::adapters::sealing::{Sealed, decrypt, encrypt};
use crate::domain::random_bytes;
use crate::ports::StoreError;

/// The KMS encryption context of the data key, which the key policy can
/// require: a key for TOTP secrets never opens queued mail, and back.
pub const PURPOSE: &str = "latchkey-totp";
/// Binds a locally wrapped data key to its use.
const LOCAL_WRAP_CONTEXT: &[u8] = b"latchkey-totp-dek";
/// The first byte of a sealed field: the format (AES-256-GCM under the
/// deployment's data key, 12-byte nonce), so another can follow.
const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 12;

fn failed(what: &str) -> StoreError {
    StoreError::Unavailable(format!("field sealing: {what}"))
}

/// Makes and unwraps the deployment's data key: KMS on AWS, a configured key
/// locally.
#[async_trait]
pub trait KeyWrap: Send + Sync {
    /// A fresh data key and its wrapped form (what the table stores).
    async fn generate(&self) -> Result<([u8; 32], Vec<u8>), StoreError>;
    async fn unwrap(&self, wrapped: &[u8]) -> Result<[u8; 32], StoreError>;
}

fn key32(bytes: &[u8]) -> Result<[u8; 32], StoreError> {
    bytes
        .try_into()
        .map_err(|_| failed("the data key is not 32 bytes"))
}

/// The data key wrapped by a KMS key (`GenerateDataKey`, `Decrypt`), with the
/// encryption context `purpose` = [`PURPOSE`].
pub struct KmsKeyWrap {
    client: aws_sdk_kms::Client,
    key_id: String,
}

impl KmsKeyWrap {
    pub fn new(client: aws_sdk_kms::Client, key_id: impl Into<String>) -> Self {
        Self {
            client,
            key_id: key_id.into(),
        }
    }
}

#[async_trait]
impl KeyWrap for KmsKeyWrap {
    async fn generate(&self) -> Result<([u8; 32], Vec<u8>), StoreError> {
        let out = self
            .client
            .generate_data_key()
            .key_id(&self.key_id)
            .key_spec(aws_sdk_kms::types::DataKeySpec::Aes256)
            .encryption_context("purpose", PURPOSE)
            .send()
            .await
            .map_err(|e| StoreError::Unavailable(format!("kms GenerateDataKey: {e}")))?;
        let plain = out.plaintext.ok_or_else(|| failed("no plaintext key"))?;
        let wrapped = out
            .ciphertext_blob
            .ok_or_else(|| failed("no wrapped key"))?;
        Ok((key32(plain.as_ref())?, wrapped.into_inner()))
    }

    async fn unwrap(&self, wrapped: &[u8]) -> Result<[u8; 32], StoreError> {
        let out = self
            .client
            .decrypt()
            .key_id(&self.key_id)
            .ciphertext_blob(Blob::new(wrapped.to_vec()))
            .encryption_context("purpose", PURPOSE)
            .send()
            .await
            .map_err(|e| StoreError::Unavailable(format!("kms Decrypt: {e}")))?;
        key32(out.plaintext.ok_or_else(|| failed("no key"))?.as_ref())
    }
}

/// The data key wrapped by a key from configuration (`latchkey serve` on
/// DynamoDB, tests): the table alone never opens a field.
pub struct LocalKeyWrap {
    key: [u8; 32],
}

impl LocalKeyWrap {
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    /// A base64 (standard) 32-byte key, e.g. from `LATCHKEY_TOTP_KEY`.
    pub fn from_base64(encoded: &str) -> Result<Self, String> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| "the TOTP key is not base64".to_owned())?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "the TOTP key must be 32 bytes".to_owned())?;
        Ok(Self::new(key))
    }

    /// The key in `path` (base64), made there (mode 0600) when there is none
    /// yet: a table outlives the process, so a key only the process knew
    /// would leave every sealed secret unreadable after a restart. Two
    /// processes starting at once agree: the file appears whole or not at all.
    pub fn from_file(path: &std::path::Path) -> Result<Self, String> {
        use base64::Engine as _;
        let shown = path.display();
        match std::fs::read_to_string(path) {
            Ok(text) => return Self::from_base64(&text).map_err(|e| format!("{shown}: {e}")),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot read the TOTP key {shown}: {e}"));
            }
            Err(_) => {}
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let draft = path.with_extension(format!("new-{}", hex::encode(random_bytes::<6>())));
        let encoded = base64::engine::general_purpose::STANDARD.encode(random_bytes::<32>());
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options
            .open(&draft)
            .and_then(|mut f| std::io::Write::write_all(&mut f, encoded.as_bytes()));
        // A link never replaces an existing file: of two racing starts, one
        // key wins and both read it.
        let linked = written.and_then(|()| std::fs::hard_link(&draft, path));
        let _ = std::fs::remove_file(&draft);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("cannot write the TOTP key {shown}: {e}")),
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the TOTP key {shown}: {e}"))?;
        Self::from_base64(&text).map_err(|e| format!("{shown}: {e}"))
    }
}

#[async_trait]
impl KeyWrap for LocalKeyWrap {
    async fn generate(&self) -> Result<([u8; 32], Vec<u8>), StoreError> {
        let data_key = random_bytes::<32>();
        let (nonce, wrapped) = encrypt(&self.key, &data_key, LOCAL_WRAP_CONTEXT)?;
        Ok((data_key, [nonce, wrapped].concat()))
    }

    async fn unwrap(&self, wrapped: &[u8]) -> Result<[u8; 32], StoreError> {
        if wrapped.len() < NONCE_LEN {
            return Err(failed("bad wrapped key"));
        }
        let (nonce, ciphertext) = wrapped.split_at(NONCE_LEN);
        let sealed = Sealed {
            wrapped_key: Vec::new(),
            nonce: nonce.to_vec(),
            ciphertext: ciphertext.to_vec(),
        };
        key32(&decrypt(&self.key, &sealed, LOCAL_WRAP_CONTEXT)?)
    }
}

/// The deployment's data key, unwrapped: seals and opens fields locally.
pub struct FieldKey {
    key: [u8; 32],
}

impl FieldKey {
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    /// `plaintext` sealed and bound to `context` (the item and field it
    /// belongs to): format byte, nonce, ciphertext with its tag.
    pub fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<Vec<u8>, StoreError> {
        let (nonce, ciphertext) = encrypt(&self.key, plaintext, context)?;
        Ok([vec![FORMAT_V1], nonce, ciphertext].concat())
    }

    /// The plaintext, or `None` when `stored` does not open here: another
    /// key, another item's field, or tampered with.
    pub fn open(&self, stored: &[u8], context: &[u8]) -> Option<Vec<u8>> {
        let (&format, rest) = stored.split_first()?;
        if format != FORMAT_V1 || rest.len() < NONCE_LEN {
            return None;
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let sealed = Sealed {
            wrapped_key: Vec::new(),
            nonce: nonce.to_vec(),
            ciphertext: ciphertext.to_vec(),
        };
        decrypt(&self.key, &sealed, context).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_opens_only_with_its_key_and_its_context() {
        // GIVEN a field sealed for one user
        let key = FieldKey::new([3; 32]);
        let sealed = key.seal(b"JBSWY3DPEHPK3PXP", b"t\x1fu_1").unwrap();
        // THEN it holds no clear text and opens for that user only
        assert!(!sealed.windows(4).any(|w| w == b"JBSW"));
        assert_eq!(
            key.open(&sealed, b"t\x1fu_1").as_deref(),
            Some(&b"JBSWY3DPEHPK3PXP"[..])
        );
        assert_eq!(key.open(&sealed, b"t\x1fu_2"), None);
        assert_eq!(FieldKey::new([4; 32]).open(&sealed, b"t\x1fu_1"), None);
        // AND a damaged or foreign form is refused, not a panic
        let mut flipped = sealed.clone();
        if let Some(last) = flipped.last_mut() {
            *last ^= 1;
        }
        assert_eq!(key.open(&flipped, b"t\x1fu_1"), None);
        assert_eq!(key.open(&[], b"t\x1fu_1"), None);
        assert_eq!(key.open(&[2, 0, 0], b"t\x1fu_1"), None);
    }

    #[tokio::test]
    async fn a_locally_wrapped_data_key_unwraps_only_with_its_key() {
        let wrap = LocalKeyWrap::new([5; 32]);
        let (plain, wrapped) = wrap.generate().await.unwrap();
        assert!(!wrapped.windows(32).any(|w| w == plain));
        assert_eq!(wrap.unwrap(&wrapped).await.unwrap(), plain);
        assert!(LocalKeyWrap::new([6; 32]).unwrap(&wrapped).await.is_err());
    }

    #[test]
    fn a_key_file_is_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!(
            "latchkey-keyfile-{}",
            hex::encode(random_bytes::<6>())
        ));
        let path = dir.join("totp.key");
        let first = LocalKeyWrap::from_file(&path).unwrap();
        let again = LocalKeyWrap::from_file(&path).unwrap();
        assert_eq!(first.key, again.key);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by its owner only");
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(LocalKeyWrap::from_file(&path).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
