//! The operator commands against DynamoDB (moto): bootstrap a tenant and its
//! owner, then the owner activates with the printed link on the served app.

use serde_json::json;
use std::process::Command;
use std::sync::Arc;

use latchkey::seed::SeedFile;
use latchkey::serve::{self, ServeArgs, StoreKind};
use latchkey_shared::domain::TenantId;
use latchkey_shared::ports::FakeClock;
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
        use latchkey_shared::ports::UserReader;
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
