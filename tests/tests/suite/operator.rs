//! The operator commands against DynamoDB (moto): bootstrap a tenant and its
//! owner, then the owner activates with the printed link on the served app.

use serde_json::json;
use std::process::Command;
use std::sync::Arc;

use latchkey::seed::SeedFile;
use latchkey::serve::{self, ServeArgs, StoreKind};
use latchkey_shared::adapters::memory::MemoryStore;
use latchkey_shared::domain::TenantId;
use latchkey_shared::ports::{FakeClock, Store, TenantStore, UserReader};
use latchkey_tests::{moto_url, table_name, test_now, unique};

fn latchkey(args: &[&str]) -> (bool, String) {
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("latchkey");
    let out = Command::new(bin)
        .args(args)
        .output()
        .expect("latchkey binary (scripts/test.sh builds it)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
async fn bootstrap_a_tenant_and_its_owner() {
    let table = format!("{}-ops", table_name());
    let tenant = unique("ops-");
    let endpoint = moto_url();
    let base = [
        "--table",
        table.as_str(),
        "--dynamodb-endpoint",
        endpoint.as_str(),
    ];
    let mut create = vec![
        "tenant",
        "create",
        "--create-table",
        "--id",
        tenant.as_str(),
        "--name",
        "Ops Org",
    ];
    create.extend(base);
    let (ok, text) = latchkey(&create);
    assert!(ok, "{text}");
    let (ok, text) = latchkey(&create);
    assert!(
        !ok && text.contains("exists"),
        "a second create is refused: {text}"
    );
    let mut user = vec![
        "user",
        "create",
        "--tenant",
        tenant.as_str(),
        "--username",
        "boss",
        "--role",
        "owner",
        "--public-base-url",
        "https://login.example",
    ];
    user.extend(base);
    let (ok, text) = latchkey(&user);
    assert!(ok, "{text}");
    let link = text
        .lines()
        .find(|l| l.starts_with("https://login.example/t/"))
        .expect("link printed");
    let token = link.split("#token=").nth(1).unwrap().to_owned();
    let (ok, text) = latchkey(&user);
    assert!(!ok && text.contains("taken"), "{text}");
    // bulk import with progress; existing usernames are skipped
    let file = std::env::temp_dir().join(format!("{}.jsonl", unique("import-")));
    std::fs::write(
        &file,
        "{\"username\": \"ann\", \"email\": \"ann@ops.test\", \"locale\": \"ja\"}\n\n{\"username\": \"BOSS\"}\n{\"username\": \"cy\", \"role\": \"admin\"}\n",
    )
    .unwrap();
    let file_arg = file.to_string_lossy().into_owned();
    let mut import = vec![
        "user",
        "import",
        "--tenant",
        tenant.as_str(),
        "--file",
        file_arg.as_str(),
        "--public-base-url",
        "https://login.example",
    ];
    import.extend(base);
    let (ok, text) = latchkey(&import);
    assert!(ok, "{text}");
    assert!(text.contains("[3/3] created 2, skipped 1"), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("\thttps://login.example/t/"))
            .count(),
        2,
        "{text}"
    );
    // the imported locale is stored; an unshipped one stops the import at its line
    {
        let store = latchkey_tests::dynamo_store(&table).await;
        let ann = store
            .find_by_username(&TenantId::parse(&tenant).unwrap(), "ann")
            .await
            .unwrap()
            .expect("ann imported");
        assert_eq!(ann.locale, Some(latchkey_shared::domain::Locale::Ja));
    }
    std::fs::write(&file, "{\"username\": \"dee\", \"locale\": \"xx\"}\n").unwrap();
    let (ok, text) = latchkey(&import);
    assert!(!ok && text.contains("line 1"), "{text}");

    // The served app on the same table activates the owner with that link.
    let mut args = ServeArgs::local(std::env::temp_dir().join(unique("ops-outbox-")));
    args.store = StoreKind::Dynamodb;
    args.table = Some(table);
    args.dynamodb_endpoint = Some(endpoint);
    let server = serve::start(
        &args,
        SeedFile::default(),
        Arc::new(FakeClock::new(test_now())),
    )
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let confirm = http
        .post(format!(
            "{}/v1/tenants/{tenant}/password-resets/confirm",
            server.url
        ))
        .json(&json!({"token": token, "new_password": "Owner-Activation-Quokka-9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), 204);
    let signed_in = http
        .post(format!("{}/v1/tenants/{tenant}/sessions", server.url))
        .json(&json!({"username": "boss", "password": "Owner-Activation-Quokka-9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 201);
}

/// A seed with one tenant and its owner; `with_bob` adds a user the first
/// start did not have.
fn seed_of(tenant: &str, with_bob: bool) -> SeedFile {
    let mut users = vec![
        json!({"username": "olivia", "email": format!("olivia@{tenant}.test"),
        "password": "Harbor-Lantern-Quartz-58", "role": "owner"}),
    ];
    if with_bob {
        users.push(json!({"username": "bob", "password": "Pebble-Comet-Walnut-46"}));
    }
    serde_json::from_value(json!({"tenants": [{"id": tenant, "name": "Seeded Org",
        "settings": {"session_ttl_seconds": 3600}, "users": users}]}))
    .unwrap()
}

/// `latchkey serve --seed` restarted on a persistent store: the seed creates
/// only what is missing and says what it left as it was.
async fn seed_applied_twice_keeps_what_the_owner_changed(store: &dyn Store) {
    use latchkey_shared::domain::LogoType;
    use latchkey_shared::ports::Write;
    let tenant = unique("seed-");
    let id = TenantId::parse(&tenant).unwrap();
    // GIVEN a store seeded once
    let first = seed_of(&tenant, false)
        .apply(store, test_now())
        .await
        .unwrap();
    let lines: Vec<String> = first.events.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!("seed: tenant {tenant} created"),
            format!("seed: user {tenant}/olivia created (owner)"),
        ]
    );
    // AND the owner then changed the settings, the brand, the logo and her email
    let mut changed = store.get_tenant(&id).await.unwrap().unwrap();
    changed.settings.session_ttl_seconds = 7200;
    changed.settings.branding.display_name = Some("Owner's Brand".into());
    changed.logo = Some(LogoType::Png);
    let mut olivia = store
        .find_by_username(&id, "olivia")
        .await
        .unwrap()
        .unwrap();
    olivia.email = Some(format!("boss@{tenant}.test"));
    store
        .commit(vec![
            Write::PutLogo {
                tenant: id.clone(),
                kind: LogoType::Png,
                bytes: bytes::Bytes::from_static(b"\x89PNG owner's logo"),
            },
            Write::PutTenant(changed.clone()),
            Write::SaveUser(olivia.clone()),
        ])
        .await
        .unwrap();
    // WHEN the same seed, now with bob, is applied again (the next start)
    let second = seed_of(&tenant, true)
        .apply(store, test_now())
        .await
        .unwrap();
    // THEN it says what it left, and creates only bob
    let lines: Vec<String> = second.events.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!("seed: tenant {tenant} exists, left as it is"),
            format!("seed: user {tenant}/olivia exists, left as it is"),
            format!("seed: user {tenant}/bob created (user)"),
        ]
    );
    // AND the tenant, its logo and the owner are exactly as the owner left them
    assert_eq!(store.get_tenant(&id).await.unwrap().unwrap(), changed);
    let (kind, logo) = store.get_logo(&id).await.unwrap().expect("logo kept");
    assert_eq!(
        (kind, &logo[..]),
        (LogoType::Png, &b"\x89PNG owner's logo"[..])
    );
    let after = store
        .find_by_username(&id, "olivia")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.id, olivia.id);
    assert_eq!(after.email, olivia.email);
    assert_eq!(after.password_hash, olivia.password_hash);
    assert!(store.find_by_username(&id, "bob").await.unwrap().is_some());
}

#[tokio::test]
async fn seed_applied_twice_keeps_what_the_owner_changed_memory() {
    seed_applied_twice_keeps_what_the_owner_changed(&MemoryStore::new()).await;
}

#[tokio::test]
async fn seed_applied_twice_keeps_what_the_owner_changed_dynamodb() {
    let store = latchkey_tests::dynamo_store(&format!("{}-ops", table_name())).await;
    seed_applied_twice_keeps_what_the_owner_changed(&store).await;
}

/// GIVEN a seed file with an address that is two mailboxes
/// WHEN it is applied
/// THEN it is refused with the API's reason and nothing of the file is stored
#[tokio::test]
async fn a_seed_user_with_a_bad_mailbox_stores_nothing() {
    let tenant = unique("seed-");
    let seed: SeedFile = serde_json::from_value(json!({"tenants": [{"id": tenant, "name": "Bad",
        "users": [{"username": "ok", "email": "ok@x.test"},
                  {"username": "boss", "email": "a@x.test,b@evil.test"}]}]}))
    .unwrap();
    let store = MemoryStore::new();
    let err = seed
        .apply(&store, test_now())
        .await
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("user boss: email: not a single mailbox"),
        "{err}"
    );
    let id = TenantId::parse(&tenant).unwrap();
    assert!(store.get_tenant(&id).await.unwrap().is_none());
}

/// `latchkey user import` runs the API's checks on every line: a line with an
/// address that is not one mailbox is refused with its number and reason and
/// nothing of it is stored, while the good lines are imported.
#[tokio::test]
async fn import_refuses_bad_mailboxes_by_line_and_imports_the_rest() {
    let table = format!("{}-ops", table_name());
    let tenant = unique("imp-");
    let endpoint = moto_url();
    let base = [
        "--table",
        table.as_str(),
        "--dynamodb-endpoint",
        endpoint.as_str(),
        "--create-table",
    ];
    let mut create = vec!["tenant", "create", "--id", tenant.as_str(), "--name", "Imp"];
    create.extend(base);
    let (ok, text) = latchkey(&create);
    assert!(ok, "{text}");
    // GIVEN a file with a good line and three addresses that reach another inbox
    let file = std::env::temp_dir().join(format!("{}.jsonl", unique("import-")));
    std::fs::write(
        &file,
        [
            r#"{"username": "good", "email": "good@imp.test"}"#,
            r#"{"username": "list", "email": "a@x.test,b@evil.test"}"#,
            r#"{"username": "named", "email": "Boss <b@evil.test>"}"#,
            r#"{"username": "crlf", "email": "c@x.test\r\nBcc: b@evil.test"}"#,
            "",
        ]
        .join("\n"),
    )
    .unwrap();
    let file_arg = file.to_string_lossy().into_owned();
    let mut import = vec![
        "user",
        "import",
        "--tenant",
        tenant.as_str(),
        "--file",
        file_arg.as_str(),
        "--public-base-url",
        "https://login.example",
    ];
    import.extend(base);
    // WHEN it is imported
    let (ok, text) = latchkey(&import);
    std::fs::remove_file(&file).ok();
    // THEN each bad line is reported with its number and reason, the command fails
    assert!(!ok, "refused lines fail the command: {text}");
    for n in [2, 3, 4] {
        assert!(
            text.contains(&format!("line {n}: email: not a single mailbox")),
            "line {n}: {text}"
        );
    }
    assert!(
        text.contains("[4/4] created 1, skipped 0 (existing), refused 3"),
        "{text}"
    );
    assert!(text.contains("3 of 4 lines refused"), "{text}");
    // AND the good line is stored with its activation link, the bad ones are not
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("good\thttps://login.example/t/"))
            .count(),
        1,
        "{text}"
    );
    let store = latchkey_tests::dynamo_store(&table).await;
    let id = TenantId::parse(&tenant).unwrap();
    let good = store.find_by_username(&id, "good").await.unwrap();
    assert_eq!(good.unwrap().email.as_deref(), Some("good@imp.test"));
    for bad in ["list", "named", "crlf"] {
        assert!(
            store.find_by_username(&id, bad).await.unwrap().is_none(),
            "{bad} was stored"
        );
    }
    // AND `user create` runs the same check
    let mut create_user = vec![
        "user",
        "create",
        "--tenant",
        tenant.as_str(),
        "--username",
        "boss",
        "--email",
        "Boss <b@evil.test>",
        "--public-base-url",
        "https://login.example",
    ];
    create_user.extend(base);
    let (ok, text) = latchkey(&create_user);
    assert!(
        !ok && text.contains("email: not a single mailbox"),
        "{text}"
    );
    assert!(store.find_by_username(&id, "boss").await.unwrap().is_none());
}
