//! A unit of writes as one `TransactWriteItems`, and its condition failures
//! mapped to domain errors from the per-item cancellation reasons.

use super::*;

impl DynamoStore {
    pub(super) fn transact_item(
        &self,
        w: &Write,
        sealed: &mut HashMap<String, Item>,
        key: Option<&FieldKey>,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let t = &self.table;
        Ok(match w {
            Write::PutTenant(tenant) => {
                let mut item = Item::from([
                    ("pk".into(), s(tenant_pk(&tenant.id))),
                    ("sk".into(), s("T")),
                    ("doc".into(), doc(tenant)?),
                ]);
                // Listed in the expiry index while its passwords expire.
                if tenant.settings.password_max_age_days.is_some() {
                    item.insert("gsi2pk".into(), s(EXPIRING_TENANTS_GSI_PK));
                    item.insert("gsi2sk".into(), s(tenant.id.as_str()));
                }
                vec![put(t, item, None)?]
            }
            Write::PutLogo {
                tenant,
                kind,
                bytes,
            } => vec![put(
                t,
                Item::from([
                    ("pk".into(), s(logo_pk(tenant))),
                    ("sk".into(), s("L")),
                    ("doc".into(), doc(kind)?),
                    (
                        "bytes".into(),
                        AttributeValue::B(aws_sdk_dynamodb::primitives::Blob::new(bytes.to_vec())),
                    ),
                ]),
                None,
            )?],
            Write::CreateUser(u) => vec![
                put(
                    t,
                    Item::from([
                        ("pk".into(), s(uname_pk(&u.tenant_id, &u.username_key()))),
                        ("sk".into(), s("N")),
                        ("user_id".into(), s(u.id.as_str())),
                    ]),
                    Some("attribute_not_exists(pk)"),
                )?,
                put(
                    t,
                    user_item(u, u.version, key)?,
                    Some("attribute_not_exists(pk)"),
                )?,
                index_entry(
                    t,
                    &u.tenant_id,
                    directory::name_entry(&u.username_key(), u.id.as_str()),
                    u,
                )?,
            ]
            .into_iter()
            .chain(
                u.email_key()
                    .map(|e| {
                        index_entry(
                            t,
                            &u.tenant_id,
                            directory::email_entry(&e, u.id.as_str()),
                            u,
                        )
                    })
                    .transpose()?,
            )
            .collect(),
            Write::ReindexEmail {
                tenant,
                user_id,
                username_key,
                old,
                new,
            } => {
                let mut items = Vec::new();
                if let Some(old) = old {
                    let delete = Delete::builder()
                        .table_name(t)
                        .key("pk", s(index_pk(tenant)))
                        .key("sk", s(directory::email_entry(old, user_id.as_str())))
                        .build()
                        .map_err(unavailable)?;
                    items.push(TransactWriteItem::builder().delete(delete).build());
                }
                if let Some(new) = new {
                    items.push(put(
                        t,
                        Item::from([
                            ("pk".into(), s(index_pk(tenant))),
                            (
                                "sk".into(),
                                s(directory::email_entry(new, user_id.as_str())),
                            ),
                            ("user_id".into(), s(user_id.as_str())),
                            ("username_key".into(), s(username_key.clone())),
                        ]),
                        None,
                    )?);
                }
                items
            }
            Write::SaveUser(u) => {
                let put = Put::builder()
                    .table_name(t)
                    .set_item(Some(user_item(u, u.version + 1, key)?))
                    .condition_expression("version = :expected")
                    .expression_attribute_values(":expected", n(u.version))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().put(put).build()]
            }
            Write::PutResetToken(tok) => vec![put(
                t,
                Item::from([
                    ("pk".into(), s(reset_pk(tok.hash.as_str()))),
                    ("sk".into(), s("R")),
                    ("doc".into(), doc(tok)?),
                    ("expires_at".into(), n(tok.expires_at.unix_timestamp())),
                    ("ttl".into(), n(ttl_after(tok.expires_at))),
                ]),
                Some("attribute_not_exists(pk)"),
            )?],
            Write::ConsumeResetToken { hash, at } => {
                let update = Update::builder()
                    .table_name(t)
                    .key("pk", s(reset_pk(hash.as_str())))
                    .key("sk", s("R"))
                    .update_expression("SET used_at = :at")
                    .condition_expression("attribute_exists(pk) AND attribute_not_exists(used_at)")
                    .expression_attribute_values(":at", n(at.unix_timestamp()))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().update(update).build()]
            }
            Write::PutSession(sess) => sessions::put_session(t, sess)?,
            Write::DeleteSession(sess) => sessions::delete_session(t, sess)?,
            Write::TouchSession { hash, at } => vec![sessions::touch_session(t, hash, *at)?],
            Write::RecordSignIn {
                tenant,
                user_id,
                at,
            } => vec![record_sign_in(t, tenant, user_id, *at)?],
            Write::DeleteUser(u) => delete_user(t, u)?,
            Write::Audit(e) => vec![put(t, audit_item(e)?, None)?],
            Write::DeleteCounter(key) => {
                let delete = Delete::builder()
                    .table_name(t)
                    .key("pk", s(counter_pk(key)))
                    .key("sk", s("C"))
                    .build()
                    .map_err(unavailable)?;
                vec![TransactWriteItem::builder().delete(delete).build()]
            }
            Write::Counter { key, change } => vec![counters::counter_item(t, key, change)?],
            Write::Mail(email) => {
                let item = sealed
                    .remove(&email.id)
                    .ok_or(StoreError::Unavailable("mail was not sealed".into()))?;
                vec![put(t, item, None)?]
            }
        })
    }
}

/// The domain error of a unit whose `part`-th item of `write` failed its condition.
pub(super) fn condition_failed(write: &Write, part: usize) -> StoreError {
    match (write, part) {
        (Write::CreateUser(_), 0) => StoreError::UsernameTaken,
        (Write::CreateUser(_), _) => StoreError::Conflict("user exists"),
        (Write::SaveUser(_), _) => StoreError::Conflict("user changed"),
        (Write::ConsumeResetToken { .. }, _) => StoreError::Conflict("token used or unknown"),
        (Write::TouchSession { .. }, _) => StoreError::Conflict("session gone"),
        (Write::RecordSignIn { .. }, _) => StoreError::Conflict("user gone"),
        (Write::DeleteUser(_), _) => StoreError::Conflict("user changed"),
        (Write::Counter { key, .. }, _) => StoreError::CounterMoved(key.clone()),
        _ => StoreError::Conflict("condition failed"),
    }
}

impl DynamoStore {
    /// One transaction item as its own request; `false` when its condition failed.
    async fn write_one(&self, item: &TransactWriteItem) -> Result<bool, StoreError> {
        let _trip = self.trip();
        let failed = if let Some(p) = &item.put {
            let out = self
                .client
                .put_item()
                .table_name(p.table_name())
                .set_item(Some(p.item().clone()))
                .set_condition_expression(p.condition_expression().map(str::to_owned))
                .set_expression_attribute_names(p.expression_attribute_names().cloned())
                .set_expression_attribute_values(p.expression_attribute_values().cloned())
                .send()
                .await;
            match out {
                Ok(_) => false,
                Err(e) => match e.into_service_error() {
                    PutItemError::ConditionalCheckFailedException(_) => true,
                    other => return Err(unavailable(other)),
                },
            }
        } else if let Some(u) = &item.update {
            let out = self
                .client
                .update_item()
                .table_name(u.table_name())
                .set_key(Some(u.key().clone()))
                .update_expression(u.update_expression())
                .set_condition_expression(u.condition_expression().map(str::to_owned))
                .set_expression_attribute_names(u.expression_attribute_names().cloned())
                .set_expression_attribute_values(u.expression_attribute_values().cloned())
                .send()
                .await;
            match out {
                Ok(_) => false,
                Err(e) => match e.into_service_error() {
                    UpdateItemError::ConditionalCheckFailedException(_) => true,
                    other => return Err(unavailable(other)),
                },
            }
        } else if let Some(d) = &item.delete {
            let out = self
                .client
                .delete_item()
                .table_name(d.table_name())
                .set_key(Some(d.key().clone()))
                .set_condition_expression(d.condition_expression().map(str::to_owned))
                .set_expression_attribute_names(d.expression_attribute_names().cloned())
                .set_expression_attribute_values(d.expression_attribute_values().cloned())
                .send()
                .await;
            match out {
                Ok(_) => false,
                Err(e) => match e.into_service_error() {
                    DeleteItemError::ConditionalCheckFailedException(_) => true,
                    other => return Err(unavailable(other)),
                },
            }
        } else {
            return Err(StoreError::Unavailable("an empty transaction item".into()));
        };
        Ok(!failed)
    }
}

#[async_trait]
impl Committer for DynamoStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        if writes.is_empty() {
            return Ok(());
        }
        let mut sealed = HashMap::new();
        for w in &writes {
            if let Write::Mail(email) = w {
                sealed.insert(email.id.clone(), self.sealed_outbox_item(email).await?);
            }
        }
        let seals = writes.iter().any(|w| match w {
            Write::CreateUser(u) | Write::SaveUser(u) => secrets::has_clear_secret(u),
            _ => false,
        });
        let key = if seals { self.field_key().await? } else { None };
        // Which write each transaction item came from, to map cancellation reasons.
        let mut origin = Vec::new();
        let mut items = Vec::new();
        for w in &writes {
            for (i, item) in self
                .transact_item(w, &mut sealed, key)?
                .into_iter()
                .enumerate()
            {
                // Inside TransactWriteItems, IAM checks each item's own action
                // (and its partition key against dynamodb:LeadingKeys).
                let pk = |key: &Item| {
                    key.get("pk")
                        .and_then(|v| v.as_s().ok())
                        .cloned()
                        .unwrap_or_default()
                };
                if let Some(p) = &item.put {
                    self.record_key("dynamodb:PutItem", &pk(p.item()));
                }
                if let Some(u) = &item.update {
                    self.record_key("dynamodb:UpdateItem", &pk(u.key()));
                }
                if let Some(d) = &item.delete {
                    self.record_key("dynamodb:DeleteItem", &pk(d.key()));
                }
                origin.push((w, i));
                items.push(item);
            }
        }
        // A unit of one item is that item's own conditional write: the same
        // atomicity and condition at half the capacity of a transaction.
        if let ([item], [(write, part)]) = (items.as_slice(), origin.as_slice()) {
            let outcome = self.write_one(item).await?;
            return match outcome {
                true => {
                    if matches!(write, Write::Mail(_)) {
                        self.mail_ready.notify_one();
                    }
                    Ok(())
                }
                false => Err(condition_failed(write, *part)),
            };
        }
        let _trip = self.trip();
        let result = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        let err = match result {
            Ok(_) => {
                if writes.iter().any(|w| matches!(w, Write::Mail(_))) {
                    self.mail_ready.notify_one();
                }
                return Ok(());
            }
            Err(e) => e,
        };
        if let SdkError::ServiceError(_) = &err {
            if let TransactWriteItemsError::TransactionCanceledException(cancel) =
                err.into_service_error()
            {
                for (reason, (write, part)) in cancel.cancellation_reasons().iter().zip(&origin) {
                    if reason.code() == Some("ConditionalCheckFailed") {
                        return Err(condition_failed(write, *part));
                    }
                }
                // Cancelled for another reason, e.g. a transaction conflict with a
                // concurrent transaction on the same item: nothing was written.
                return Err(StoreError::Contention);
            }
            return Err(StoreError::Unavailable("transaction failed".into()));
        }
        Err(unavailable(err))
    }
}
