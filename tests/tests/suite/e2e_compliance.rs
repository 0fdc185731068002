//! Compliance profiles over HTTP on both stores (issue 26): an owner applies
//! PCI DSS 4.0.1, the report says what holds, loosening is refused with the
//! requirement it breaks, tightening is allowed.

use serde_json::{Value, json};

use latchkey_tests::{Mode, TestApp};

const PW: &str = "Original-Password-Walrus-7";

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let resp = app
        .http
        .get(format!("{}{path}", app.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> (u16, Value) {
    let resp = app
        .http
        .put(format!("{}{path}", app.url))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn status_of(report: &Value, id: &str) -> String {
    report["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the report"))["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn an_owner_applies_pci_and_cannot_loosen_it(mode: Mode) {
    // GIVEN a tenant on its default settings, and its owner
    let app = TestApp::spawn_with(mode, |t| {
        json!({"tenants": [{"id": t, "name": "Card Org", "users": [
            {"username": "olivia", "email": format!("olivia@{t}.test"), "password": PW, "role": "owner"},
            {"username": "alice", "email": format!("alice@{t}.test"), "password": PW},
        ]}]})
    })
    .await;
    let t = app.tenant.clone();
    let owner = app.session("olivia", PW).await;
    // WHEN the report is read for PCI before applying it THEN the lock rule
    // (10 attempts, 30 minutes) does not hold on the defaults
    let (status, before) = get(
        &app,
        &format!("/v1/tenants/{t}/compliance?profile=pci-dss-4.0.1"),
        &owner,
    )
    .await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(
        status_of(&before, "PCI-DSS-4.0.1-8.3.4"),
        "not_met",
        "{before}"
    );
    // WHEN the owner applies the profile
    let resp = app
        .authed_post(
            &format!("/v1/tenants/{t}/compliance/apply"),
            &owner,
            json!({"profile": "pci-dss-4.0.1"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let settings: Value = resp.json().await.unwrap();
    assert_eq!(settings["compliance_profile"], "pci-dss-4.0.1");
    // THEN the tenant's own report says it holds
    let (_, after) = get(&app, &format!("/v1/tenants/{t}/compliance"), &owner).await;
    assert_eq!(after["profile"], "pci-dss-4.0.1");
    assert_eq!(status_of(&after, "PCI-DSS-4.0.1-8.3.4"), "met", "{after}");
    // WHEN the owner loosens the lock THEN 422 naming the field and the requirement
    let mut looser = settings.clone();
    looser["limits"]["account_failure_ceiling"] = json!(50);
    let (status, problem) = put(&app, &format!("/v1/tenants/{t}/settings"), &owner, &looser).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "invalid_settings");
    let error = &problem["errors"][0];
    assert_eq!(
        error["field"], "limits.account_failure_ceiling",
        "{problem}"
    );
    assert_eq!(error["code"], "below_profile");
    assert_eq!(error["requirement"], "PCI-DSS-4.0.1-8.3.4");
    // WHEN she tightens it instead THEN it is saved
    let mut tighter = settings.clone();
    tighter["limits"]["account_failure_ceiling"] = json!(10);
    tighter["password_policy"]["min_length"] = json!(16);
    let (status, saved) = put(&app, &format!("/v1/tenants/{t}/settings"), &owner, &tighter).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["password_policy"]["min_length"], 16);
    // AND an ordinary user may not read the report
    let alice = app.session("alice", PW).await;
    let (status, _) = get(&app, &format!("/v1/tenants/{t}/compliance"), &alice).await;
    assert_eq!(status, 403);
}

macro_rules! compliance_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn an_owner_applies_pci_and_cannot_loosen_it() {
                super::an_owner_applies_pci_and_cannot_loosen_it($mode).await
            }
        }
    };
}

compliance_suite!(memory, latchkey_tests::Mode::Memory);
compliance_suite!(dynamodb_ses, latchkey_tests::Mode::Dynamo);
