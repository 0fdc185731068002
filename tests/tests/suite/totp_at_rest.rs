//! TOTP secrets at rest on DynamoDB (issue 22, item 9): sealed in every item,
//! items written before sealing still sign in and are sealed on that use, a
//! sealed secret copied into another user's item does not open, and the KMS
//! data key is made once and shared by every process of a deployment. (The
//! memory store keeps users in the process's memory only and seals nothing;
//! its fail-closed rule for an unreadable secret is a use-case test.)

use aws_sdk_dynamodb::types::AttributeValue;
use data_encoding::{BASE32_NOPAD, BASE64, HEXLOWER};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

use latchkey_shared::adapters::aws;
use latchkey_shared::adapters::field_sealing::{KmsKeyWrap, LocalKeyWrap};
use latchkey_shared::domain::totp::{self, TotpSecret};
use latchkey_shared::domain::{TenantId, User, UserId};
use latchkey_shared::ports::{Clock, Committer, UserReader, Write};
use latchkey_tests::{ALICE_PW, Mode, TestApp, dynamo_store, moto_url, table_name, unique};

const PW: &str = ALICE_PW;
const SAM_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const VIC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

type Item = HashMap<String, AttributeValue>;

async fn client() -> aws_sdk_dynamodb::Client {
    let config = aws::load_config().await;
    aws::dynamodb_client(&config, Some(&moto_url()))
}

fn app_table(app: &TestApp) -> String {
    format!("{}-{}", table_name(), app.tenant)
}

async fn scan(table: &str) -> Vec<Item> {
    let client = client().await;
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let out = client
            .scan()
            .table_name(table)
            .set_exclusive_start_key(start)
            .send()
            .await
            .unwrap();
        items.extend(out.items().iter().cloned());
        start = out.last_evaluated_key().cloned();
        if start.is_none() {
            return items;
        }
    }
}

/// Every string and byte string an attribute holds, nested ones included.
fn blobs(value: &AttributeValue, out: &mut Vec<Vec<u8>>) {
    match value {
        AttributeValue::S(s) | AttributeValue::N(s) => out.push(s.as_bytes().to_vec()),
        AttributeValue::B(b) => out.push(b.as_ref().to_vec()),
        AttributeValue::Ss(v) | AttributeValue::Ns(v) => {
            out.extend(v.iter().map(|s| s.as_bytes().to_vec()))
        }
        AttributeValue::Bs(v) => out.extend(v.iter().map(|b| b.as_ref().to_vec())),
        AttributeValue::L(v) => v.iter().for_each(|x| blobs(x, out)),
        AttributeValue::M(m) => m.values().for_each(|x| blobs(x, out)),
        _ => {}
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The items holding `secret` in any clear form: its base32 (either case),
/// its key bytes, or their hex or base64.
async fn items_with_secret(table: &str, secret: &str) -> Vec<String> {
    let raw = BASE32_NOPAD.decode(secret.as_bytes()).unwrap();
    let forms = [
        secret.as_bytes().to_vec(),
        secret.to_lowercase().into_bytes(),
        raw.clone(),
        HEXLOWER.encode(&raw).into_bytes(),
        BASE64
            .encode(&raw)
            .trim_end_matches('=')
            .as_bytes()
            .to_vec(),
    ];
    let mut found = Vec::new();
    for item in scan(table).await {
        let mut held = Vec::new();
        item.values().for_each(|v| blobs(v, &mut held));
        if held
            .iter()
            .any(|b| forms.iter().any(|form| contains(b, form)))
        {
            found.push(format!("{:?}", item.get("pk")));
        }
    }
    found
}

fn code_at(app: &TestApp, secret: &str) -> String {
    totp::code_at(secret, totp::step_of(app.clock.now())).unwrap()
}

async fn status_and_code(resp: reqwest::Response) -> (u16, String) {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

/// The raw user item of `username` in `app`'s table.
async fn user_item(app: &TestApp, username: &str) -> Item {
    let client = client().await;
    let table = app_table(app);
    let key = |pk: String, sk: &str| {
        HashMap::from([
            ("pk".to_owned(), AttributeValue::S(pk)),
            ("sk".to_owned(), AttributeValue::S(sk.to_owned())),
        ])
    };
    let claim = client
        .get_item()
        .table_name(&table)
        .set_key(Some(key(format!("UNAME#{}#{username}", app.tenant), "N")))
        .send()
        .await
        .unwrap();
    let id = claim.item().unwrap()["user_id"].as_s().unwrap().clone();
    client
        .get_item()
        .table_name(&table)
        .set_key(Some(key(format!("USER#{}#{id}", app.tenant), "U")))
        .send()
        .await
        .unwrap()
        .item()
        .unwrap()
        .clone()
}

async fn put_item(app: &TestApp, item: Item) {
    client()
        .await
        .put_item()
        .table_name(app_table(app))
        .set_item(Some(item))
        .send()
        .await
        .unwrap();
}

fn doc_of(item: &Item) -> Value {
    serde_json::from_str(item["doc"].as_s().unwrap()).unwrap()
}

async fn seeded(users: Vec<Value>) -> TestApp {
    latchkey_tests::remember_secret(SAM_SECRET);
    latchkey_tests::remember_secret(VIC_SECRET);
    TestApp::with_alice(Mode::Dynamo, json!({}), users).await
}

#[tokio::test]
async fn enrolled_and_seeded_secrets_are_nowhere_in_the_table_in_clear() {
    // GIVEN sam, seeded with TOTP, and alice, who signs in
    let app = seeded(vec![
        json!({"username": "sam", "email": "@", "password": PW, "totp_secret": SAM_SECRET}),
    ])
    .await;
    let table = app_table(&app);
    let session = app.session("alice", PW).await;
    // WHEN alice starts enrolling TOTP
    let enroll: Value = app
        .authed_post("/v1/me/mfa/totp", &session, json!({"current_password": PW}))
        .await
        .json()
        .await
        .unwrap();
    let secret = enroll["secret"].as_str().unwrap().to_owned();
    latchkey_tests::remember_secret(&secret);
    // THEN her pending secret is in no item in any clear form
    assert_eq!(
        items_with_secret(&table, &secret).await,
        Vec::<String>::new()
    );
    // WHEN she confirms it
    let resp = app
        .authed_post(
            "/v1/me/mfa/totp/confirm",
            &session,
            json!({"code": code_at(&app, &secret)}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    // THEN neither her secret nor sam's is in any item in clear
    assert_eq!(
        items_with_secret(&table, &secret).await,
        Vec::<String>::new()
    );
    assert_eq!(
        items_with_secret(&table, SAM_SECRET).await,
        Vec::<String>::new()
    );
    // AND her user item holds it sealed, beside a document without it
    let item = user_item(&app, "alice").await;
    assert!(item.contains_key("totp_sealed"));
    assert!(doc_of(&item).get("totp_secret").is_none());
    // AND both sealed secrets open where they belong: each signs in
    app.clock.advance(time::Duration::seconds(30));
    for (user, secret) in [("alice", secret.as_str()), ("sam", SAM_SECRET)] {
        let resp = app
            .sign_in_with_code(user, PW, &code_at(&app, secret))
            .await;
        assert_eq!(resp.status(), 201, "{user}");
    }
}

#[tokio::test]
async fn a_secret_stored_in_clear_still_signs_in_and_is_sealed_on_that_use() {
    // GIVEN sam's item as written before sealing: his secret in clear in the
    // document, no sealed attribute
    let app = seeded(vec![
        json!({"username": "sam", "email": "@", "password": PW, "totp_secret": SAM_SECRET}),
    ])
    .await;
    let table = app_table(&app);
    let mut item = user_item(&app, "sam").await;
    item.remove("totp_sealed").expect("seeded sealed");
    let mut doc = doc_of(&item);
    doc["totp_secret"] = json!(SAM_SECRET);
    item.insert("doc".into(), AttributeValue::S(doc.to_string()));
    put_item(&app, item).await;
    assert_eq!(
        items_with_secret(&table, SAM_SECRET).await.len(),
        1,
        "the scan sees a clear secret"
    );
    // WHEN he signs in with a code of that secret
    let resp = app
        .sign_in_with_code("sam", PW, &code_at(&app, SAM_SECRET))
        .await;
    // THEN he is signed in
    assert_eq!(resp.status(), 201);
    // AND that sign-in's write sealed it: no item holds it in clear any more
    assert_eq!(
        items_with_secret(&table, SAM_SECRET).await,
        Vec::<String>::new()
    );
    let item = user_item(&app, "sam").await;
    assert!(item.contains_key("totp_sealed"));
    assert!(doc_of(&item).get("totp_secret").is_none());
    // AND the sealed form signs him in at the next step
    app.clock.advance(time::Duration::seconds(30));
    let resp = app
        .sign_in_with_code("sam", PW, &code_at(&app, SAM_SECRET))
        .await;
    assert_eq!(resp.status(), 201);
}

#[tokio::test]
async fn a_sealed_secret_copied_into_another_users_item_does_not_open() {
    // GIVEN sam (the attacker, who knows his own secret) and vic, both with TOTP
    let app = seeded(vec![
        json!({"username": "sam", "email": "@", "password": PW, "totp_secret": SAM_SECRET}),
        json!({"username": "vic", "email": "@", "password": PW, "totp_secret": VIC_SECRET}),
    ])
    .await;
    // WHEN someone who can write the table copies sam's sealed secret into vic's item
    let sams = user_item(&app, "sam").await;
    let mut vics = user_item(&app, "vic").await;
    vics.insert("totp_sealed".into(), sams["totp_sealed"].clone());
    put_item(&app, vics).await;
    // THEN the code of sam's secret does not sign in as vic: a clean 401
    let resp = app
        .sign_in_with_code("vic", PW, &code_at(&app, SAM_SECRET))
        .await;
    assert_eq!(
        status_and_code(resp).await,
        (401, "invalid_mfa_code".into())
    );
    // AND the password alone does not either: an unreadable secret is no
    // reason to skip the second factor
    let resp = app.sign_in("vic", PW).await;
    assert_eq!(status_and_code(resp).await, (401, "mfa_required".into()));
    // AND sam still signs in with his own
    let resp = app
        .sign_in_with_code("sam", PW, &code_at(&app, SAM_SECRET))
        .await;
    assert_eq!(resp.status(), 201);
}

fn user_with_secret(tenant: &TenantId, secret: &str) -> User {
    let mut user: User = serde_json::from_value(json!({
        "tenant_id": tenant, "id": UserId::generate(), "username": unique("u"), "email": null,
        "role": "user", "status": "active", "source": "local", "can_change_password": true,
        "must_change_password": false, "mfa_enabled": true, "password_hash": null,
        "password_salt": "salt", "cred_gen": 0, "token_gen": 0, "version": 0, "created_at": 0
    }))
    .unwrap();
    user.totp_secret = Some(secret.into());
    user
}

#[tokio::test]
async fn one_kms_data_key_is_shared_by_every_process_and_kept_by_those_without_it() {
    // GIVEN a KMS key (moto) and a table, and two function instances wrapping
    // the data key with it
    let config = aws::load_config().await;
    let kms = aws::kms_client(&config, Some(&moto_url()));
    let key = kms
        .create_key()
        .send()
        .await
        .unwrap()
        .key_metadata()
        .unwrap()
        .key_id()
        .to_owned();
    let table = format!("{}-{}", table_name(), unique("keyring"));
    let instance = |table: String| {
        let kms = kms.clone();
        let key = key.clone();
        async move {
            dynamo_store(&table)
                .await
                .with_secret_key(Arc::new(KmsKeyWrap::new(kms, key)))
        }
    };
    let (a, b) = (instance(table.clone()).await, instance(table.clone()).await);
    let tenant = TenantId::parse("keyring").unwrap();
    // WHEN one instance creates a user with a secret
    let user = user_with_secret(&tenant, SAM_SECRET);
    a.commit(vec![Write::CreateUser(user.clone())])
        .await
        .unwrap();
    // THEN the other opens it
    let read = b.get_user(&tenant, &user.id).await.unwrap().unwrap();
    assert_eq!(read.totp_secret, Some(SAM_SECRET.into()));
    // AND one data key exists, wrapped, and no item holds the secret in clear
    let keyrings: Vec<Item> = scan(&table)
        .await
        .into_iter()
        .filter(|i| i["pk"].as_s().is_ok_and(|pk| pk.starts_with("KEYRING#")))
        .collect();
    assert_eq!(keyrings.len(), 1);
    assert_eq!(
        items_with_secret(&table, SAM_SECRET).await,
        Vec::<String>::new()
    );
    // WHEN a function without the key (e.g. reset-password) reads and saves him
    let keyless = dynamo_store(&table).await;
    let seen = keyless.get_user(&tenant, &user.id).await.unwrap().unwrap();
    assert!(matches!(seen.totp_secret, Some(TotpSecret::Sealed(_))));
    let mut changed = seen.clone();
    changed.must_change_password = true;
    keyless
        .commit(vec![Write::SaveUser(changed)])
        .await
        .unwrap();
    // THEN his secret is kept as it was: it still opens with the key
    let read = b.get_user(&tenant, &user.id).await.unwrap().unwrap();
    assert!(read.must_change_password);
    assert_eq!(read.totp_secret, Some(SAM_SECRET.into()));
    // WHEN a function without the key saves a user whose secret it read in
    // clear (an item from before sealing)
    let old = user_with_secret(&tenant, VIC_SECRET);
    keyless
        .commit(vec![Write::CreateUser(old.clone())])
        .await
        .unwrap();
    let mut seen = keyless.get_user(&tenant, &old.id).await.unwrap().unwrap();
    seen.must_change_password = true;
    keyless.commit(vec![Write::SaveUser(seen)]).await.unwrap();
    // THEN it kept the secret in the form it found (it has no key to seal it)
    assert_eq!(items_with_secret(&table, VIC_SECRET).await.len(), 1);
    // AND the next write from a process with the key seals it
    let mut read = b.get_user(&tenant, &old.id).await.unwrap().unwrap();
    assert_eq!(read.totp_secret, Some(VIC_SECRET.into()));
    read.totp_last_step = Some(1);
    b.commit(vec![Write::SaveUser(read)]).await.unwrap();
    assert_eq!(
        items_with_secret(&table, VIC_SECRET).await,
        Vec::<String>::new()
    );
    let read = keyless.get_user(&tenant, &old.id).await.unwrap().unwrap();
    assert!(matches!(read.totp_secret, Some(TotpSecret::Sealed(_))));
    // AND a process wrapping with another key cannot read his secret: it
    // refuses the read rather than hand over a user without one
    let stranger = dynamo_store(&table)
        .await
        .with_secret_key(Arc::new(LocalKeyWrap::new([9; 32])));
    assert!(stranger.get_user(&tenant, &user.id).await.is_err());
    let _ = client()
        .await
        .delete_table()
        .table_name(&table)
        .send()
        .await;
}
