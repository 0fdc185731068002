//! Runs the real `latchkey` binary with RUST_LOG=trace through sign-in, reset
//! request, inspect, confirm and a failed sign-in, then checks that no password
//! or token used appears anywhere in what it logged or printed.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use latchkey_tests::unique;

fn latchkey_binary() -> std::path::PathBuf {
    // target/debug/deps/suite-xxxx -> target/debug/latchkey
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().unwrap().parent().unwrap().join("latchkey");
    assert!(
        path.exists(),
        "{} is missing: build it first (scripts/test.sh runs `cargo build --workspace --bins`)",
        path.display()
    );
    path
}

#[tokio::test]
async fn no_secret_reaches_the_logs_at_trace_level() {
    let seeded_pw = "Seeded-Secret-Parsnip-31";
    let wrong_pw = "Wrong-Guess-Kumquat-64";
    let new_pw = "Brand-New-Secret-Quince-97";
    let dir = std::env::temp_dir().join(unique("latchkey-hygiene-"));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("seed.json");
    std::fs::write(
        &seed,
        json!({"support_token": "Support-Secret-Token-123", "tenants": [{"id": "acme", "name": "Acme", "users": [
            {"username": "olivia", "email": "olivia@acme.test", "password": seeded_pw, "role": "owner"},
            {"username": "uma", "email": "uma@acme.test", "password": seeded_pw}]}]})
        .to_string(),
    )
    .unwrap();
    let outbox = dir.join("outbox");
    let mut child = Command::new(latchkey_binary())
        .args(["serve", "--port", "0", "--seed"])
        .arg(&seed)
        .arg("--outbox")
        .arg(&outbox)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");
    let stderr = child.stderr.take().unwrap();
    // The log is read as it is written, so that the test can wait for the
    // lines it expects instead of sleeping and hoping they were flushed.
    let logged = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let log_reader = std::thread::spawn({
        let logged = logged.clone();
        move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut all = logged.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        }
    });

    let http = reqwest::Client::new();
    let post = |path: &str, body: Value| http.post(format!("{url}{path}")).json(&body).send();
    let session: Value = post(
        "/v1/tenants/acme/sessions",
        json!({"username": "uma", "password": seeded_pw}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let session_token = session["token"].as_str().unwrap().to_owned();
    let me = http
        .get(format!("{url}/v1/me"))
        .bearer_auth(&session_token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    assert_eq!(
        post(
            "/v1/tenants/acme/sessions",
            json!({"username": "uma", "password": wrong_pw})
        )
        .await
        .unwrap()
        .status(),
        401
    );
    assert_eq!(
        post(
            "/v1/tenants/acme/password-resets",
            json!({"email": "uma@acme.test"})
        )
        .await
        .unwrap()
        .status(),
        202
    );
    let mut token = String::new();
    for _ in 0..50 {
        if let Ok(entries) = std::fs::read_dir(&outbox) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.contains("password_reset") && !name.starts_with('.') {
                    let v: Value =
                        serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
                    let text = v["text"].as_str().unwrap();
                    let start = text.find("#token=").unwrap() + 7;
                    token = text[start..]
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .collect();
                }
            }
        }
        if !token.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!token.is_empty(), "reset mail arrived");
    assert_eq!(
        post(
            "/v1/tenants/acme/password-resets/inspect",
            json!({"token": token})
        )
        .await
        .unwrap()
        .status(),
        200
    );
    assert_eq!(
        post(
            "/v1/tenants/acme/password-resets/confirm",
            json!({"token": token, "new_password": "short"})
        )
        .await
        .unwrap()
        .status(),
        422
    );
    assert_eq!(
        post(
            "/v1/tenants/acme/password-resets/confirm",
            json!({"token": token, "new_password": new_pw})
        )
        .await
        .unwrap()
        .status(),
        204
    );
    let again: Value = post(
        "/v1/tenants/acme/sessions",
        json!({"username": "uma", "password": new_pw}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let second_session = again["token"].as_str().unwrap().to_owned();
    // Both mails of the flow (the reset link, the "password changed" notice)
    // are sent by the dispatcher after the requests answered: wait until the
    // log says so, so that their trace output is part of what is searched.
    let mut sent = 0;
    for _ in 0..300 {
        sent = logged.lock().unwrap().matches("mail sent").count();
        if sent >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 2, "both mails of the flow were sent and logged");

    child.kill().unwrap();
    let _ = child.wait();
    log_reader.join().unwrap();
    let mut printed = String::new();
    let _ = stdout.read_to_string(&mut printed);
    let logs = format!("{first}{printed}{}", logged.lock().unwrap());
    let _ = std::fs::remove_dir_all(&dir);

    // The capture is real: trace output of our requests and of the mail dispatcher is there.
    assert!(logs.contains("TRACE"), "trace level was on");
    for secret in [
        seeded_pw,
        wrong_pw,
        new_pw,
        "short",
        &token,
        &session_token,
        &second_session,
        "Support-Secret-Token-123",
    ] {
        if secret == "short" {
            continue; // too common a word to search for meaningfully
        }
        assert!(!logs.contains(secret), "a secret appeared in the logs");
    }
}
