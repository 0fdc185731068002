//! SES bounce and complaint events end to end: an event (as SNS delivers it to
//! the `ses-events` function) marks the address, the next forgot-password
//! still answers the same 202 and sends nothing, an admin sees `email_status`,
//! and a new address is deliverable again.

use serde_json::{Value, json};

use latchkey_shared::adapters::ses_events::from_sns;
use latchkey_shared::usecases::mail_events::MarkUndeliverable;
use latchkey_tests::{ALICE_PW, Mode, TestApp};

/// An SNS batch holding one SES event-publishing record.
fn sns_batch(tenant: &str, event_type: &str, detail: Value) -> Value {
    let mut ses = json!({
        "eventType": event_type,
        "mail": {"tags": {"latchkey-tenant": [tenant]}, "destination": []},
    });
    if let (Some(o), Some(d)) = (ses.as_object_mut(), detail.as_object()) {
        o.extend(d.clone());
    }
    json!({"Records": [{"EventSource": "aws:sns", "Sns": {"Message": ses.to_string()}}]})
}

/// What the `ses-events` function does with a batch.
async fn deliver_events(app: &TestApp, batch: &Value) -> usize {
    let store = app.server.app.store.clone();
    let mark = MarkUndeliverable {
        users: &*store,
        committer: &*store,
        clock: &*app.clock,
    };
    let mut marked = 0;
    for u in from_sns(batch) {
        marked += mark
            .execute(&u.tenant, &u.address, u.status, &u.detail)
            .await
            .unwrap();
    }
    marked
}

pub async fn a_hard_bounce_stops_mail_until_the_address_changes(mode: Mode) {
    let app = TestApp::with_alice(
        mode,
        json!({"require_mfa_for_admin_resets": false}),
        vec![json!({"username": "olivia", "email": "@", "password": ALICE_PW, "role": "owner"})],
    )
    .await;
    let to = app.email_of("alice");
    // GIVEN a permanent bounce for alice's address
    let batch = sns_batch(
        &app.tenant,
        "Bounce",
        json!({"bounce": {"bounceType": "Permanent", "bounceSubType": "NoEmail",
            "bouncedRecipients": [{"emailAddress": to.to_uppercase()}]}}),
    );
    assert_eq!(deliver_events(&app, &batch).await, 1);
    // and a transient one for nobody in particular changes nothing
    let soft = sns_batch(
        &app.tenant,
        "Bounce",
        json!({"bounce": {"bounceType": "Transient", "bouncedRecipients": [{"emailAddress": app.email_of("olivia")}]}}),
    );
    assert_eq!(deliver_events(&app, &soft).await, 0);
    // WHEN she asks for a reset THEN the answer is the usual 202 and nothing is sent
    let resp = app.forgot(json!({"email": to})).await;
    assert_eq!(resp.status(), 202);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["message"],
        "If an account matches, we have sent a reset link."
    );
    app.assert_mail_count_stays(&to, 0).await;
    // AND an admin sees why
    let owner = app.session("olivia", ALICE_PW).await;
    let list: Value = app
        .http
        .get(format!(
            "{}/v1/tenants/{}/users?q=alice",
            app.url, app.tenant
        ))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let alice = &list["users"][0];
    assert_eq!(alice["username"], "alice");
    assert_eq!(alice["email_status"], "bounced");
    let id = alice["id"].as_str().unwrap().to_owned();
    let one: Value = app
        .http
        .get(format!("{}/v1/tenants/{}/users/{id}", app.url, app.tenant))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["email_status"], "bounced");
    // AND an admin link without another recipient is refused, not silently lost
    let link = app
        .http
        .post(format!(
            "{}/v1/tenants/{}/users/{id}/password-reset",
            app.url, app.tenant
        ))
        .bearer_auth(&owner)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(link.status(), 400);
    // WHEN the address changes THEN mail flows again
    let new = format!("alice.new@{}.test", app.tenant);
    let patched = app
        .http
        .patch(format!("{}/v1/tenants/{}/users/{id}", app.url, app.tenant))
        .bearer_auth(&owner)
        .json(&json!({"email": new}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 200);
    assert_eq!(
        patched.json::<Value>().await.unwrap()["email_status"],
        "deliverable"
    );
    assert_eq!(app.forgot(json!({"email": new})).await.status(), 202);
    app.wait_for_mails(&new, 1).await;
}

pub async fn a_complaint_marks_the_address_too(mode: Mode) {
    let app = TestApp::with_alice(mode, json!({}), vec![]).await;
    let to = app.email_of("alice");
    let batch = sns_batch(
        &app.tenant,
        "Complaint",
        json!({"complaint": {"complainedRecipients": [{"emailAddress": to}]}}),
    );
    assert_eq!(deliver_events(&app, &batch).await, 1);
    // the same event again changes nothing more
    assert_eq!(deliver_events(&app, &batch).await, 0);
    // another tenant's event for the same address does not touch this one
    let other = sns_batch(
        "some-other-tenant",
        "Complaint",
        json!({"complaint": {"complainedRecipients": [{"emailAddress": to}]}}),
    );
    assert_eq!(deliver_events(&app, &other).await, 0);
    assert_eq!(app.forgot(json!({"email": to})).await.status(), 202);
    app.assert_mail_count_stays(&to, 0).await;
}

macro_rules! bounce_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            #[tokio::test]
            async fn a_hard_bounce_stops_mail_until_the_address_changes() {
                super::a_hard_bounce_stops_mail_until_the_address_changes($mode).await
            }
            #[tokio::test]
            async fn a_complaint_marks_the_address_too() {
                super::a_complaint_marks_the_address_too($mode).await
            }
        }
    };
}

bounce_suite!(memory, latchkey_tests::Mode::Memory);
bounce_suite!(dynamodb_ses, latchkey_tests::Mode::Dynamo);
