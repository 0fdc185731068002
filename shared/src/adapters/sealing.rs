//! Queued mail is sealed before it is stored: a reset email carries a live
//! link, and the table, its stream and its point-in-time backups are read by
//! more people and tools than the mailer. Envelope encryption: AES-256-GCM
//! under a data key; the data key is stored only wrapped by a key the table's
//! readers do not hold (a KMS key whose `Decrypt` only the mailer may call, or
//! locally a key from configuration).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use async_trait::async_trait;
use aws_sdk_kms::primitives::Blob;
use std::collections::HashMap;
use std::sync::Mutex;

use crate::domain::random_bytes;
use crate::ports::StoreError;

/// A sealed payload as stored: the wrapped data key, the nonce, the ciphertext.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub wrapped_key: Vec<u8>,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

#[async_trait]
pub trait Sealer: Send + Sync {
    /// Encrypts `plaintext`, bound to `context` (the item it belongs to), so a
    /// sealed body cannot be moved to another item.
    async fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<Sealed, StoreError>;
    async fn open(&self, sealed: &Sealed, context: &[u8]) -> Result<Vec<u8>, StoreError>;
}

fn failed(what: &str) -> StoreError {
    StoreError::Unavailable(format!("sealing: {what}"))
}

pub(crate) fn encrypt(
    key: &[u8; 32],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), StoreError> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| failed("bad key"))?;
    let nonce = random_bytes::<12>();
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| failed("encrypt"))?;
    Ok((nonce.to_vec(), ciphertext))
}

pub(crate) fn decrypt(key: &[u8], sealed: &Sealed, aad: &[u8]) -> Result<Vec<u8>, StoreError> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| failed("bad key"))?;
    if sealed.nonce.len() != 12 {
        return Err(failed("bad nonce"));
    }
    cipher
        .decrypt(
            Nonce::from_slice(&sealed.nonce),
            Payload {
                msg: &sealed.ciphertext,
                aad,
            },
        )
        .map_err(|_| failed("decrypt (wrong key or tampered item)"))
}

/// A key given by configuration (local mode, tests): the data key is wrapped
/// with it, so the stored item alone never opens.
pub struct LocalKeySealer {
    key: [u8; 32],
}

impl LocalKeySealer {
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    /// A key only this process knows: fine when the process that queues the
    /// mail also sends it (`latchkey serve`), and a safe default otherwise
    /// (mail another process cannot open is never sent, never leaked).
    pub fn ephemeral() -> Self {
        Self::new(random_bytes::<32>())
    }

    /// A base64 (standard) 32-byte key, e.g. from `LATCHKEY_OUTBOX_KEY`.
    pub fn from_base64(encoded: &str) -> Result<Self, String> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| "the outbox key is not base64".to_owned())?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "the outbox key must be 32 bytes".to_owned())?;
        Ok(Self::new(key))
    }
}

#[async_trait]
impl Sealer for LocalKeySealer {
    async fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<Sealed, StoreError> {
        let data_key = random_bytes::<32>();
        let (nonce, ciphertext) = encrypt(&data_key, plaintext, context)?;
        let (key_nonce, wrapped) = encrypt(&self.key, &data_key, b"latchkey-outbox-dek")?;
        Ok(Sealed {
            wrapped_key: [key_nonce, wrapped].concat(),
            nonce,
            ciphertext,
        })
    }

    async fn open(&self, sealed: &Sealed, context: &[u8]) -> Result<Vec<u8>, StoreError> {
        if sealed.wrapped_key.len() < 12 {
            return Err(failed("bad wrapped key"));
        }
        let (key_nonce, wrapped) = sealed.wrapped_key.split_at(12);
        let data_key = decrypt(
            &self.key,
            &Sealed {
                wrapped_key: Vec::new(),
                nonce: key_nonce.to_vec(),
                ciphertext: wrapped.to_vec(),
            },
            b"latchkey-outbox-dek",
        )?;
        decrypt(&data_key, sealed, context)
    }
}

/// Data keys from KMS `GenerateDataKey`, reused for a few minutes so a burst of
/// forgot-password requests costs one KMS call, not one each. Opening calls
/// `Decrypt`, which the key policy grants to the mailer alone.
pub struct KmsSealer {
    client: aws_sdk_kms::Client,
    key_id: String,
    current: tokio::sync::Mutex<Option<DataKey>>,
    opened: Mutex<HashMap<Vec<u8>, [u8; 32]>>,
}

/// A data key in use: when it was made, its plaintext, and its wrapped form.
type DataKey = (std::time::Instant, [u8; 32], Vec<u8>);

const DATA_KEY_REUSE: std::time::Duration = std::time::Duration::from_secs(300);
const OPENED_KEYS_KEPT: usize = 64;

impl KmsSealer {
    pub fn new(client: aws_sdk_kms::Client, key_id: impl Into<String>) -> Self {
        Self {
            client,
            key_id: key_id.into(),
            current: tokio::sync::Mutex::new(None),
            opened: Mutex::new(HashMap::new()),
        }
    }
}

fn key32(bytes: &[u8]) -> Result<[u8; 32], StoreError> {
    bytes
        .try_into()
        .map_err(|_| failed("KMS data key is not 32 bytes"))
}

#[async_trait]
impl Sealer for KmsSealer {
    async fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<Sealed, StoreError> {
        let mut current = self.current.lock().await;
        let fresh = current
            .as_ref()
            .is_some_and(|(at, ..)| at.elapsed() < DATA_KEY_REUSE);
        if !fresh {
            let out = self
                .client
                .generate_data_key()
                .key_id(&self.key_id)
                .key_spec(aws_sdk_kms::types::DataKeySpec::Aes256)
                .encryption_context("purpose", "latchkey-outbox")
                .send()
                .await
                .map_err(|e| StoreError::Unavailable(format!("kms GenerateDataKey: {e}")))?;
            let plain = out.plaintext.ok_or_else(|| failed("no plaintext key"))?;
            let wrapped = out
                .ciphertext_blob
                .ok_or_else(|| failed("no wrapped key"))?;
            *current = Some((
                std::time::Instant::now(),
                key32(plain.as_ref())?,
                wrapped.into_inner(),
            ));
        }
        let (_, key, wrapped) = current.as_ref().ok_or_else(|| failed("no data key"))?;
        let (nonce, ciphertext) = encrypt(key, plaintext, context)?;
        Ok(Sealed {
            wrapped_key: wrapped.clone(),
            nonce,
            ciphertext,
        })
    }

    async fn open(&self, sealed: &Sealed, context: &[u8]) -> Result<Vec<u8>, StoreError> {
        let cached = self
            .opened
            .lock()
            .ok()
            .and_then(|m| m.get(&sealed.wrapped_key).copied());
        let key = match cached {
            Some(k) => k,
            None => {
                let out = self
                    .client
                    .decrypt()
                    .key_id(&self.key_id)
                    .ciphertext_blob(Blob::new(sealed.wrapped_key.clone()))
                    .encryption_context("purpose", "latchkey-outbox")
                    .send()
                    .await
                    .map_err(|e| StoreError::Unavailable(format!("kms Decrypt: {e}")))?;
                let k = key32(out.plaintext.ok_or_else(|| failed("no key"))?.as_ref())?;
                if let Ok(mut m) = self.opened.lock() {
                    if m.len() >= OPENED_KEYS_KEPT {
                        m.clear();
                    }
                    m.insert(sealed.wrapped_key.clone(), k);
                }
                k
            }
        };
        decrypt(&key, sealed, context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sealed_mail_opens_only_with_its_key_and_its_context() {
        let sealer = LocalKeySealer::new([7; 32]);
        let sealed = sealer.seal(b"#token=secret", b"item-1").await.unwrap();
        assert!(!sealed.ciphertext.windows(6).any(|w| w == b"secret"));
        assert_eq!(
            sealer.open(&sealed, b"item-1").await.unwrap(),
            b"#token=secret"
        );
        assert!(sealer.open(&sealed, b"item-2").await.is_err());
        assert!(
            LocalKeySealer::new([8; 32])
                .open(&sealed, b"item-1")
                .await
                .is_err()
        );
    }

    #[test]
    fn keys_from_config_must_be_32_bytes_of_base64() {
        assert!(LocalKeySealer::from_base64("not base64!").is_err());
        assert!(LocalKeySealer::from_base64("AAAA").is_err());
        assert!(
            LocalKeySealer::from_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").is_ok()
        );
    }
}
