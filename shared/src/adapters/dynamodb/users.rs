//! Users: the item (its document, email index entry and sealed secrets), the
//! username claim, reads by id, username and email, and the user search index.

use super::*;

pub(super) fn user_item(
    u: &User,
    version: u64,
    key: Option<&FieldKey>,
) -> Result<Item, StoreError> {
    let mut stored = u.clone();
    stored.version = version;
    let mut item = Item::from([
        ("pk".into(), s(user_pk(&u.tenant_id, &u.id))),
        ("sk".into(), s("U")),
        ("doc".into(), doc(&stored)?),
        ("version".into(), n(version)),
    ]);
    if let Some(email) = u.email_key() {
        item.insert("gsi1pk".into(), s(email_gsi_pk(&u.tenant_id, &email)));
        item.insert("gsi1sk".into(), s(u.id.as_str()));
    }
    if let Some(at) = u.last_sign_in_at {
        item.insert(LAST_SIGN_IN_AT.into(), n(at.unix_timestamp()));
    }
    // The expiry index entry moves with the account: a new password, a
    // disabled account or one that may no longer change it rewrites or drops it.
    if let Some(day) = crate::domain::expiry::index_day(u) {
        let shard = shard_of(u.id.as_str(), EXPIRY_SHARDS);
        item.insert("gsi2pk".into(), s(expiry_gsi_pk(&u.tenant_id, day, shard)));
        item.insert("gsi2sk".into(), s(u.id.as_str()));
    }
    secrets::put_secrets(&mut item, u, key)?;
    Ok(item)
}

/// The attribute a sign-in is recorded in, beside the document: a sign-in
/// updates it alone, without a save of the account (nor its `version`).
const LAST_SIGN_IN_AT: &str = "last_sign_in_at";

pub(super) fn user_from_item(item: &Item, key: Option<&FieldKey>) -> Result<User, StoreError> {
    let mut user: User = from_doc(item)?;
    if let Some(v) = item.get("version").and_then(|v| v.as_n().ok()) {
        user.version = v.parse().unwrap_or(user.version);
    }
    let recorded = number(item, LAST_SIGN_IN_AT)
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok());
    user.last_sign_in_at = user.last_sign_in_at.max(recorded);
    secrets::take_secrets(item, &mut user, key);
    Ok(user)
}

/// Records a sign-in on the user's item, only if it is still stored (an
/// update of a deleted user would bring back an item without a document).
pub(super) fn record_sign_in(
    table: &str,
    tenant: &TenantId,
    user_id: &UserId,
    at: Instant,
) -> Result<TransactWriteItem, StoreError> {
    let update = Update::builder()
        .table_name(table)
        .key("pk", s(user_pk(tenant, user_id)))
        .key("sk", s("U"))
        .update_expression("SET #s = :at")
        .condition_expression("attribute_exists(pk)")
        .expression_attribute_names("#s", LAST_SIGN_IN_AT)
        .expression_attribute_values(":at", n(at.unix_timestamp()))
        .build()
        .map_err(unavailable)?;
    Ok(TransactWriteItem::builder().update(update).build())
}

/// The items that delete a user: its item (conditioned on its version, first,
/// so a failed condition maps to a changed user), its username claim and its
/// search entries. Its email index entry is an attribute of its item.
pub(super) fn delete_user(table: &str, u: &User) -> Result<Vec<TransactWriteItem>, StoreError> {
    let delete = |pk: String, sk: String| {
        Delete::builder()
            .table_name(table)
            .key("pk", s(pk))
            .key("sk", s(sk))
    };
    let user = delete(user_pk(&u.tenant_id, &u.id), "U".into())
        .condition_expression("version = :expected")
        .expression_attribute_values(":expected", n(u.version));
    let mut deletes = vec![
        user,
        delete(uname_pk(&u.tenant_id, &u.username_key()), "N".into()),
        delete(
            index_pk(&u.tenant_id),
            directory::name_entry(&u.username_key(), u.id.as_str()),
        ),
    ];
    if let Some(email) = u.email_key() {
        deletes.push(delete(
            index_pk(&u.tenant_id),
            directory::email_entry(&email, u.id.as_str()),
        ));
    }
    deletes
        .into_iter()
        .map(|d| {
            d.build()
                .map(|d| TransactWriteItem::builder().delete(d).build())
                .map_err(unavailable)
        })
        .collect()
}

pub(super) fn index_entry(
    table: &str,
    tenant: &TenantId,
    sk: String,
    u: &User,
) -> Result<TransactWriteItem, StoreError> {
    put(
        table,
        Item::from([
            ("pk".into(), s(index_pk(tenant))),
            ("sk".into(), s(sk)),
            ("user_id".into(), s(u.id.as_str())),
            ("username_key".into(), s(u.username_key())),
        ]),
        None,
    )
}

impl DynamoStore {
    pub(super) async fn user_from(&self, item: &Item) -> Result<User, StoreError> {
        user_from_item(item, self.key_for_item(item).await?)
    }
}

#[async_trait]
impl UserReader for DynamoStore {
    async fn get_user(&self, tenant: &TenantId, id: &UserId) -> Result<Option<User>, StoreError> {
        match self.get(user_pk(tenant, id), "U").await? {
            Some(item) => self.user_from(&item).await.map(Some),
            None => Ok(None),
        }
    }

    async fn find_by_username(
        &self,
        tenant: &TenantId,
        username_key: &str,
    ) -> Result<Option<User>, StoreError> {
        let claim = self.get(uname_pk(tenant, username_key), "N").await?;
        let id = claim
            .as_ref()
            .and_then(|c| c.get("user_id"))
            .and_then(|v| v.as_s().ok())
            .cloned();
        // An unknown username costs the same two reads as a known one, so the
        // number of round trips (and their time) does not tell them apart.
        // `~` sorts after every generated id and is never one.
        let id = UserId(id.unwrap_or_else(|| "~".to_owned()));
        self.get_user(tenant, &id).await
    }

    async fn find_by_email(
        &self,
        tenant: &TenantId,
        email_key: &str,
        limit: usize,
    ) -> Result<Vec<User>, StoreError> {
        self.record("dynamodb:Query:gsi1");
        let _trip = self.trip();
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(EMAIL_INDEX)
            .key_condition_expression("gsi1pk = :pk")
            .expression_attribute_values(":pk", s(email_gsi_pk(tenant, email_key)))
            .limit(limit.clamp(1, 100) as i32)
            .send()
            .await
            .map_err(unavailable)?;
        let mut users = Vec::new();
        for item in out.items() {
            users.push(self.user_from(item).await?);
        }
        Ok(users)
    }
}

#[async_trait]
impl UserDirectory for DynamoStore {
    async fn search_users(
        &self,
        tenant: &TenantId,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError> {
        self.record_key("dynamodb:Query", &index_pk(tenant));
        let limit = limit.clamp(1, 100);
        let mut phases: Vec<char> = match cursor.map(directory::cursor_phase) {
            Some('e') => vec!['e'],
            _ => vec!['n', 'e'],
        };
        if prefix.is_empty() {
            phases.retain(|p| *p == 'n');
        }
        let mut found: Vec<(String, UserId)> = Vec::new();
        let mut more = false;
        'phases: for phase in phases {
            let mut start = cursor
                .filter(|c| directory::cursor_phase(c) == phase)
                .map(str::to_owned);
            loop {
                let _trip = self.trip();
                let mut query = self
                    .client
                    .query()
                    .table_name(&self.table)
                    .key_condition_expression("pk = :pk AND begins_with(sk, :p)")
                    .expression_attribute_values(":pk", s(index_pk(tenant)))
                    .expression_attribute_values(":p", s(format!("{phase}:{prefix}")))
                    .limit((limit + 1) as i32);
                if let Some(sk) = &start {
                    query = query
                        .exclusive_start_key("pk", s(index_pk(tenant)))
                        .exclusive_start_key("sk", s(sk.clone()));
                }
                let out = query.send().await.map_err(unavailable)?;
                for item in out.items() {
                    let (Some(sk), Some(id), Some(name)) = (
                        item.get("sk").and_then(|v| v.as_s().ok()),
                        item.get("user_id").and_then(|v| v.as_s().ok()),
                        item.get("username_key").and_then(|v| v.as_s().ok()),
                    ) else {
                        continue;
                    };
                    // In the email phase, users whose username matched were listed already.
                    if phase == 'e' && name.starts_with(prefix) {
                        continue;
                    }
                    if found.len() == limit {
                        more = true;
                        break 'phases;
                    }
                    found.push((sk.clone(), UserId(id.clone())));
                }
                match out
                    .last_evaluated_key()
                    .and_then(|k| k.get("sk"))
                    .and_then(|v| v.as_s().ok())
                {
                    Some(sk) => start = Some(sk.clone()),
                    None => break,
                }
            }
        }
        let next_cursor = if more {
            found.last().map(|(sk, _)| sk.clone())
        } else {
            None
        };
        // One BatchGetItem for the page, not a GetItem per user.
        let keys: Vec<(String, &str)> = found
            .iter()
            .map(|(_, id)| (user_pk(tenant, id), "U"))
            .collect();
        let mut items = self.batch_get(&keys).await?;
        let mut users = Vec::with_capacity(found.len());
        for (_, id) in &found {
            if let Some(item) = items.remove(&user_pk(tenant, id)) {
                users.push(self.user_from(&item).await?);
            }
        }
        Ok(Page {
            items: users,
            next_cursor,
        })
    }
}
