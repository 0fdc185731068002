//! Platform support's commands (`latchkey support users|reset`) against a
//! served app with a support token, and their SigV4 signing checked against
//! an independent implementation (botocore's `SigV4Auth`).

use serde_json::{Value, json};

use latchkey::support::{Connection, ResetArgs, UsersArgs, reset, signed_request, users};
use latchkey_tests::{Mode, TestApp};

const PW: &str = "Original-Password-Walrus-7";
const TOKEN: &str = "Support-Token-Nebula-2718";

async fn app() -> TestApp {
    TestApp::spawn_with(Mode::Memory, |t| {
        json!({"support_token": TOKEN, "tenants": [{"id": t, "name": "Support Org", "users": [
            // the license administrator has no email of their own
            {"username": "olivia", "password": PW, "role": "owner", "totp_secret": "JBSWY3DPEHPK3PXP"},
            {"username": "adam", "email": format!("adam@{t}.test"), "password": PW, "role": "admin",
             "permissions": ["users.read"]},
            {"username": "alice", "email": format!("alice@{t}.test"), "password": PW},
        ]}]})
    })
    .await
}

fn conn(app: &TestApp, token: &str) -> Connection {
    Connection {
        api_url: app.url.clone(),
        support_token: Some(token.to_owned().into()),
        region: None,
    }
}

fn reset_args(app: &TestApp, reason: Option<&str>) -> ResetArgs {
    ResetArgs {
        conn: conn(app, TOKEN),
        tenant: app.tenant.clone(),
        user_id: None,
        username: Some("olivia".into()),
        reason: reason.map(str::to_owned),
        mode: "link".into(),
        recipient_email: Some(format!("it-desk@{}.test", app.tenant)),
        temporary: true,
        reset_mfa: false,
    }
}

#[tokio::test]
async fn support_finds_the_owner_and_resets_it_with_a_ticket() {
    let app = app().await;
    // GIVEN support's lookup of the owners
    let listed = users(&UsersArgs {
        conn: conn(&app, TOKEN),
        tenant: app.tenant.clone(),
        role: Some("owner".into()),
        query: None,
        json: true,
    })
    .await
    .unwrap();
    let owners: Value = serde_json::from_str(&listed).unwrap();
    let owners = owners.as_array().unwrap();
    assert_eq!(owners.len(), 1, "{listed}");
    assert_eq!(owners[0]["username"], "olivia");
    assert_eq!(owners[0]["has_email"], false);
    assert_eq!(owners[0]["mfa_enabled"], true);
    // the table says the same, and plain users are never listed
    let table = users(&UsersArgs {
        conn: conn(&app, TOKEN),
        tenant: app.tenant.clone(),
        role: None,
        query: None,
        json: false,
    })
    .await
    .unwrap();
    assert!(
        table.contains("olivia") && table.contains("adam"),
        "{table}"
    );
    assert!(!table.contains("alice"), "{table}");
    // WHEN a reset without a reason THEN it is refused before any request
    let err = reset(&reset_args(&app, None), None).await.unwrap_err();
    assert!(err.to_string().contains("--reason"), "{err}");
    let desk = format!("it-desk@{}.test", app.tenant);
    assert!(app.mails_to(&desk).await.is_empty());
    // WHEN by username with a recipient override and a ticket
    let out = reset(&reset_args(&app, Some("T-123")), None).await.unwrap();
    assert!(
        out.contains("olivia") && out.contains(&desk) && out.contains("expires at"),
        "{out}"
    );
    // THEN the link reaches the desk and works
    let mails = app.wait_for_mails(&desk, 1).await;
    assert_eq!(
        app.confirm(&mails[0].token(), "Brand-New-Password-Falcon-8")
            .await
            .status(),
        204
    );
    // AND the tenant's audit log names support, the reason and the lookup
    let tenant = latchkey_shared::domain::TenantId::parse(&app.tenant).unwrap();
    let events = app.server.memory.as_ref().unwrap().audit_events(&tenant);
    let sent = events
        .iter()
        .find(|e| e.kind == "password_reset.link_sent")
        .unwrap();
    assert_eq!(sent.actor, "support");
    assert_eq!(sent.details["reason"], "T-123");
    assert!(
        events
            .iter()
            .any(|e| e.kind == "support.lookup" && e.actor == "support")
    );
    // AND a wrong token is refused clearly, with the server's code
    let mut wrong = reset_args(&app, Some("T-124"));
    wrong.conn = conn(&app, "not-the-token");
    let err = reset(&wrong, None).await.unwrap_err().to_string();
    assert!(
        err.contains("401") && err.contains("unauthenticated"),
        "{err}"
    );
}

#[tokio::test]
async fn mode_set_prints_a_generated_password_once() {
    let app = app().await;
    let mut args = reset_args(&app, Some("T-200"));
    args.mode = "set".into();
    args.recipient_email = None;
    let out = reset(&args, None).await.unwrap();
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .unwrap()
        .to_owned();
    latchkey_tests::remember_secret(&password);
    let body: Value = app.sign_in("olivia", &password).await.json().await.unwrap();
    // olivia has MFA, so the right password is asked for a code: it was set
    assert_eq!(body["code"], "mfa_required");
}

#[tokio::test]
async fn the_lookup_needs_support_and_shows_no_secret() {
    let app = app().await;
    let url = format!("{}/v1/support/tenants/{}/users", app.url, app.tenant);
    let anonymous = app.http.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let session = app.session("adam", PW).await;
    let admin = app
        .http
        .get(&url)
        .bearer_auth(&session)
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 401, "a tenant session is not support");
    let ok = app.http.get(&url).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    let text = ok.text().await.unwrap();
    for secret in ["$argon2", "salt", "JBSWY3DPEHPK3PXP", "totp", "hash", "@"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let unknown = app
        .http
        .get(format!(
            "{}/v1/support/tenants/no-such-tenant/users",
            app.url
        ))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

/// The same request signed by the CLI and by botocore: one Authorization.
#[test]
fn sigv4_matches_an_independent_implementation() {
    let credentials = aws_credential_types::Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "test",
    );
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_338_000);
    for (method, url, body) in [
        (
            "GET",
            "https://abc123.execute-api.eu-central-1.amazonaws.com/prod/v1/support/tenants/acme/users?role=owner&q=ol",
            None,
        ),
        (
            "POST",
            "https://abc123.execute-api.eu-central-1.amazonaws.com/prod/v1/support/tenants/acme/users/u_1/password",
            Some(r#"{"mode":"link","reason":"T-123"}"#),
        ),
    ] {
        let req = signed_request(
            credentials.clone(),
            "eu-central-1",
            at,
            method,
            url,
            body.map(str::as_bytes),
        )
        .unwrap();
        let ours = req.headers()["authorization"].to_str().unwrap().to_owned();
        let mut headers = serde_json::Map::new();
        for (name, value) in req.headers() {
            if name != "authorization" {
                headers.insert(name.to_string(), json!(value.to_str().unwrap()));
            }
        }
        let spec = json!({
            "method": method, "url": url, "headers": headers, "body": body,
            "access_key": "AKIDEXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "region": "eu-central-1",
            "timestamp": req.headers()["x-amz-date"].to_str().unwrap(),
        });
        let python = format!("{}/../.venv/bin/python", env!("CARGO_MANIFEST_DIR"));
        let script = format!("{}/scripts/sigv4_botocore.py", env!("CARGO_MANIFEST_DIR"));
        let mut child = std::process::Command::new(python)
            .arg(script)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the test venv's python (scripts/test.sh installs it)");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(spec.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let theirs = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        assert_eq!(ours, theirs, "{method} {url}");
        assert!(ours.contains("/eu-central-1/execute-api/aws4_request"));
    }
}

/// Support's first run on a laptop with nothing set up: the CLI says what to set
/// up, at once, with no SDK noise and no instance-metadata probing, and sends
/// nothing.
#[tokio::test]
async fn without_credentials_support_is_told_what_to_set_up_and_nothing_is_sent() {
    // GIVEN a machine with no AWS credentials (an empty home, no AWS variables)
    // and a server that would see any request
    let home = std::env::temp_dir().join(latchkey_tests::unique("nocreds-"));
    std::fs::create_dir_all(&home).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("latchkey");
    // WHEN support lists a tenant's administrators
    let started = std::time::Instant::now();
    let out = std::process::Command::new(bin)
        .args([
            "support",
            "users",
            "--api-url",
            &url,
            "--tenant",
            "acme",
            "--region",
            "eu-west-1",
        ])
        .env_clear()
        .env("HOME", &home)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .output()
        .expect("latchkey binary (scripts/test.sh builds it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // THEN it fails fast, naming what to do
    assert!(!out.status.success());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(stderr.contains("no AWS credentials found"), "{stderr}");
    assert!(
        stderr.contains("aws sso login") && stderr.contains("--support-token"),
        "{stderr}"
    );
    // AND no SDK log line or metadata-endpoint probe reached the terminal
    for noise in [
        "aws_config",
        "aws_smithy",
        "169.254.169.254",
        "imds",
        "IMDS",
    ] {
        assert!(!stderr.contains(noise), "{noise} in: {stderr}");
    }
    // AND nothing reached the server
    assert!(listener.accept().is_err(), "a request reached the server");
}
