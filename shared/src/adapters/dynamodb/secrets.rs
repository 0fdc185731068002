//! A user's TOTP secrets at rest (see `adapters::field_sealing`): beside the
//! user's document, in `totp_sealed` and `totp_pending_sealed` (binary,
//! sealed under the deployment's data key, bound to tenant, user and field).
//! Items written before sealing hold the secret in clear in the document's
//! `totp_secret` field: read as it is, and sealed by the next write of the
//! user from a process that holds the key (the next TOTP sign-in saves the
//! step it used). The attribute tells the two forms apart; nothing writes the
//! clear form but a process without the key rewriting such an old item.
//!
//! The data key: `KEYRING#totp` / `K`, attribute `wrapped`. The first process
//! to need it when there is none makes it (conditional put: of two racing
//! processes one key wins and both use it).

use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use std::sync::Arc;

use super::keys::KEYRING_PK;
use super::{DynamoStore, Item, s, unavailable};
use crate::adapters::field_sealing::{FieldKey, KeyWrap};
use crate::domain::totp::TotpSecret;
use crate::domain::{ExposeSecret, User};
use crate::ports::StoreError;

const TOTP_SEALED: &str = "totp_sealed";
const TOTP_PENDING_SEALED: &str = "totp_pending_sealed";

/// The deployment's data key: how to unwrap it, and once unwrapped, kept for
/// the life of the process (shared by the store's clones).
pub(super) struct Keyring {
    wrap: Arc<dyn KeyWrap>,
    key: tokio::sync::OnceCell<FieldKey>,
}

impl Keyring {
    pub(super) fn new(wrap: Arc<dyn KeyWrap>) -> Self {
        Self {
            wrap,
            key: tokio::sync::OnceCell::new(),
        }
    }
}

/// What a field's seal is bound to: a secret sealed for one user (or one
/// field) does not open in another's item.
fn context(field: &str, user: &User) -> Vec<u8> {
    format!(
        "{}\x1f{field}\x1f{}\x1f{}",
        crate::adapters::field_sealing::PURPOSE,
        user.tenant_id,
        user.id
    )
    .into_bytes()
}

/// The user's secrets: (field, attribute, value).
fn fields(u: &User) -> [(&'static str, &'static str, Option<&TotpSecret>); 2] {
    [
        ("totp", TOTP_SEALED, u.totp_secret.as_ref()),
        (
            "totp_pending",
            TOTP_PENDING_SEALED,
            u.totp_pending_secret.as_ref(),
        ),
    ]
}

/// Whether writing `u` seals something (and so needs the data key).
pub(super) fn has_clear_secret(u: &User) -> bool {
    fields(u)
        .iter()
        .any(|(_, _, v)| matches!(v, Some(TotpSecret::Clear(_))))
}

/// Whether reading `item` opens something.
pub(super) fn has_sealed_secret(item: &Item) -> bool {
    item.contains_key(TOTP_SEALED) || item.contains_key(TOTP_PENDING_SEALED)
}

/// Adds `u`'s secrets to its item: sealed with `key`; a secret this process
/// could not open as it was stored. Without a key (a function that never
/// reads a secret), a secret read in clear from an item written before
/// sealing goes back as it came, in the document, until a process with the
/// key writes the user.
pub(super) fn put_secrets(
    item: &mut Item,
    u: &User,
    key: Option<&FieldKey>,
) -> Result<(), StoreError> {
    let mut legacy = Vec::new();
    for (field, attribute, value) in fields(u) {
        let stored = match (value, key) {
            (None, _) => continue,
            (Some(TotpSecret::Sealed(bytes)), _) => bytes.clone(),
            (Some(TotpSecret::Clear(clear)), Some(key)) => {
                key.seal(clear.expose_secret().as_bytes(), &context(field, u))?
            }
            (Some(TotpSecret::Clear(clear)), None) => {
                legacy.push((format!("{field}_secret"), clear.expose_secret().to_owned()));
                continue;
            }
        };
        item.insert(attribute.into(), AttributeValue::B(Blob::new(stored)));
    }
    if !legacy.is_empty() {
        let doc = item
            .get("doc")
            .and_then(|v| v.as_s().ok())
            .ok_or_else(|| StoreError::Unavailable("user item without doc".into()))?;
        let mut value: serde_json::Value = serde_json::from_str(doc)
            .map_err(|e| StoreError::Unavailable(format!("encode: {e}")))?;
        if let Some(map) = value.as_object_mut() {
            for (name, clear) in legacy {
                map.insert(name, serde_json::Value::String(clear));
            }
        }
        item.insert("doc".into(), s(value.to_string()));
    }
    Ok(())
}

/// Sets `user`'s secrets from their sealed attributes (a sealed attribute
/// wins over an old clear field). One that does not open with `key`, or
/// with no key here, stays in its stored form: it verifies no code, and a
/// write of the user keeps it.
pub(super) fn take_secrets(item: &Item, user: &mut User, key: Option<&FieldKey>) {
    for (field, attribute) in [("totp", TOTP_SEALED), ("totp_pending", TOTP_PENDING_SEALED)] {
        let Some(stored) = item.get(attribute).and_then(|v| v.as_b().ok()) else {
            continue;
        };
        let stored = stored.as_ref().to_vec();
        let opened = key
            .and_then(|k| k.open(&stored, &context(field, user)))
            .and_then(|plain| String::from_utf8(plain).ok());
        if key.is_some() && opened.is_none() {
            // Moved from another item, tampered with, or sealed under another
            // deployment's key: the user cannot use it, an operator should know.
            tracing::warn!(
                tenant = %user.tenant_id,
                user = %user.id,
                field,
                "a sealed TOTP secret did not open for its user"
            );
        }
        let secret = match opened {
            Some(clear) => TotpSecret::from(clear),
            None => TotpSecret::Sealed(stored),
        };
        match field {
            "totp" => user.totp_secret = Some(secret),
            _ => user.totp_pending_secret = Some(secret),
        }
    }
}

impl DynamoStore {
    /// The deployment's data key, `None` when this store holds no way to it.
    /// The first call of a process reads (or makes) it; later calls are free.
    pub(super) async fn field_key(&self) -> Result<Option<&FieldKey>, StoreError> {
        let Some(keyring) = &self.keyring else {
            return Ok(None);
        };
        keyring
            .key
            .get_or_try_init(|| async {
                let wrap = &keyring.wrap;
                if let Some(wrapped) = self.stored_data_key().await? {
                    return Ok(FieldKey::new(wrap.unwrap(&wrapped).await?));
                }
                let (plain, wrapped) = wrap.generate().await?;
                if self.put_data_key(wrapped).await? {
                    return Ok(FieldKey::new(plain));
                }
                // Another process made it first: use theirs.
                let wrapped = self
                    .stored_data_key()
                    .await?
                    .ok_or_else(|| StoreError::Unavailable("the data key vanished".into()))?;
                Ok(FieldKey::new(wrap.unwrap(&wrapped).await?))
            })
            .await
            .map(Some)
    }

    async fn stored_data_key(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .get(KEYRING_PK.to_owned(), "K")
            .await?
            .and_then(|item| item.get("wrapped").and_then(|v| v.as_b().ok()).cloned())
            .map(Blob::into_inner))
    }

    /// Stores the wrapped data key unless one is there; `false` when one was.
    async fn put_data_key(&self, wrapped: Vec<u8>) -> Result<bool, StoreError> {
        self.record_key("dynamodb:PutItem", KEYRING_PK);
        let _trip = self.trip();
        let out = self
            .client
            .put_item()
            .table_name(&self.table)
            .item("pk", s(KEYRING_PK))
            .item("sk", s("K"))
            .item("wrapped", AttributeValue::B(Blob::new(wrapped)))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        match out {
            Ok(_) => Ok(true),
            Err(e) => match e.into_service_error() {
                PutItemError::ConditionalCheckFailedException(_) => Ok(false),
                other => Err(unavailable(other)),
            },
        }
    }

    /// The key for reading `item`: only loaded when it holds a sealed secret.
    pub(super) async fn key_for_item(&self, item: &Item) -> Result<Option<&FieldKey>, StoreError> {
        if has_sealed_secret(item) {
            self.field_key().await
        } else {
            Ok(None)
        }
    }
}
