//! The calls half of the least-privilege check (`iam` has the template's):
//! every function's events run against a recording DynamoDB store (moto), and
//! each performs no action outside `Function::table_actions` /
//! `index_actions`, on no partition-key family its policy's
//! `dynamodb:LeadingKeys` leave out.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::adapters::stream_mailer::handle_batch;
use latchkey_shared::domain::{TenantId, totp};
use latchkey_shared::http::Function;
use latchkey_shared::ports::{Committer, FakeClock, MailOutbox, TenantStore, Write};
use latchkey_shared::usecases::expiry::ExpiryReminders;
use latchkey_tests::capacity::CapacityMeter;
use latchkey_tests::{dynamo_store_recorded, ses_client, table_name, test_now};

use crate::events::{call, demo_app_on, event};
use latchkey_shared::adapters::job_queue::handle_event;
use latchkey_shared::domain::jobs::JobId;
use latchkey_shared::ports::{JobPages, JobStore};
use latchkey_shared::usecases::jobs::PageMessage;

/// The jobs queue as a list of what was sent (the worker's SQS calls are
/// not DynamoDB's, and the template's queue policy is checked in `iam`).
#[derive(Default)]
struct Sent(std::sync::Mutex<Vec<PageMessage>>);

#[async_trait::async_trait]
impl JobPages for Sent {
    async fn send(&self, m: &PageMessage) -> Result<(), String> {
        self.0.lock().unwrap().push(m.clone());
        Ok(())
    }
}
use crate::iam::{granted_keys, template};

type Keys = BTreeSet<(String, String)>;

/// What each function did, by its template resource.
#[derive(Default)]
struct Recorded {
    actions: BTreeMap<&'static str, BTreeSet<String>>,
    keys: BTreeMap<&'static str, Keys>,
}

impl Recorded {
    /// Everything the client recorded since the last call is `f`'s.
    fn run(&mut self, f: Function, meter: &CapacityMeter) {
        let r = f.template_resource();
        self.actions
            .entry(r)
            .or_default()
            .extend(meter.take_recorded());
        self.keys
            .entry(r)
            .or_default()
            .extend(meter.take_recorded_keys());
    }
}

/// Drops what the client recorded (the test's own reads, not a function's).
fn clear(meter: &CapacityMeter) {
    meter.take_recorded();
    meter.take_recorded_keys();
}

/// The token of the first link in `text` that contains `marker` (`#token=`,
/// or `/report#token=` for a "This wasn't me" link).
fn link_token(text: &str, marker: &str) -> Option<String> {
    let at = text.find(marker)?;
    let start = text[at..].find("#token=")? + at + 7;
    Some(
        text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect(),
    )
}

#[tokio::test]
async fn functions_perform_no_action_outside_their_policy() {
    let (store, meter) = dynamo_store_recorded(&format!("{}-iam", table_name())).await;
    let store = Arc::new(store);
    let app = demo_app_on(store.clone()).await;
    clear(&meter);
    let mut recorded = Recorded::default();
    let mut run = |f: Function, _: &DynamoStore| recorded.run(f, &meter);

    // sign-in, with the owner (for the admin routes later) and with alice
    let owner_login = event(
        "sign-in/create-session",
        &[
            (r#"\"alice\""#, r#"\"olivia\""#),
            ("Orbit-Tulip-Canyon-21", seed::DEMO_ACCOUNTS[0].2),
        ],
    );
    let (_, body) = call(&app, Function::SignIn, owner_login).await;
    let owner = body["token"].as_str().unwrap().to_owned();
    let (_, body) = call(&app, Function::SignIn, event("sign-in/create-session", &[])).await;
    let alice_token = body["token"].as_str().unwrap().to_owned();
    call(
        &app,
        Function::SignIn,
        event(
            "sign-in/me",
            &[("REPLACE_WITH_SESSION_TOKEN", &alice_token)],
        ),
    )
    .await;
    // a second session of alice's: list them, end the first by its id, then
    // every other one
    let (_, body) = call(&app, Function::SignIn, event("sign-in/create-session", &[])).await;
    let second = body["token"].as_str().unwrap().to_owned();
    let s = [("REPLACE_WITH_SESSION_TOKEN", second.as_str())];
    let (status, listed) = call(&app, Function::SignIn, event("sign-in/my-sessions", &s)).await;
    assert_eq!(status, 200, "{listed}");
    let first = listed["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["current"] == false)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (name, with) in [
        ("sign-in/revoke-my-session", first.as_str()),
        ("sign-in/revoke-other-sessions", ""),
    ] {
        let e = event(name, &[s[0], ("REPLACE_WITH_SESSION_ID", with)]);
        let (status, body) = call(&app, Function::SignIn, e).await;
        assert_eq!(status, 204, "{name}: {body}");
    }
    run(Function::SignIn, &store);

    // forgot-password, then reset-password with the real link
    call(
        &app,
        Function::ForgotPassword,
        event("forgot-password/request-reset", &[]),
    )
    .await;
    run(Function::ForgotPassword, &store);
    let pending = store.pending(10).await.unwrap();
    clear(&meter);
    let token = pending
        .iter()
        .find_map(|i| link_token(&i.email.text, "#token="))
        .unwrap();
    let sub = [("REPLACE_WITH_TOKEN_FROM_EMAIL", token.as_str())];
    call(
        &app,
        Function::ResetPassword,
        event("reset-password/inspect", &sub),
    )
    .await;
    call(
        &app,
        Function::ResetPassword,
        event("reset-password/confirm", &sub),
    )
    .await;
    run(Function::ResetPassword, &store);
    // (the mail about that change carries a "This wasn't me" link, used last)
    let report = store
        .pending(100)
        .await
        .unwrap()
        .iter()
        .find_map(|i| link_token(&i.email.text, "/report#token="))
        .unwrap();
    clear(&meter);

    // change-password: enroll, confirm, change
    let (_, body) = call(
        &app,
        Function::SignIn,
        event(
            "sign-in/create-session",
            &[("Orbit-Tulip-Canyon-21", "Sapphire-Kettle-Roams-90")],
        ),
    )
    .await;
    let alice_token = body["token"].as_str().unwrap().to_owned();
    clear(&meter);
    let s = [("REPLACE_WITH_SESSION_TOKEN", alice_token.as_str())];
    let (_, enroll) = call(
        &app,
        Function::ChangePassword,
        event(
            "change-password/enroll-totp",
            &[
                s[0],
                ("REPLACE_WITH_CURRENT_PASSWORD", "Sapphire-Kettle-Roams-90"),
            ],
        ),
    )
    .await;
    let code = totp::code_at(
        enroll["secret"].as_str().unwrap(),
        totp::step_of(test_now()),
    )
    .unwrap();
    call(
        &app,
        Function::ChangePassword,
        event(
            "change-password/confirm-totp",
            &[s[0], ("REPLACE_WITH_TOTP_CODE", code.as_str())],
        ),
    )
    .await;
    let change = event(
        "change-password/change-password",
        &[
            s[0],
            ("Orbit-Tulip-Canyon-21", "Sapphire-Kettle-Roams-90"),
            (
                "\"new_password\": \"Sapphire-Kettle-Roams-90\"",
                "\"new_password\": \"Another-Fresh-Password-77\"",
            ),
        ],
    );
    call(&app, Function::ChangePassword, change).await;
    run(Function::ChangePassword, &store);

    // users, admin-reset, support-reset
    let (_, all) = call(
        &app,
        Function::Users,
        event(
            "users/list-users",
            &[
                ("REPLACE_WITH_SESSION_TOKEN", &owner),
                ("\"q\": \"al\"", "\"q\": \"\""),
                ("\"q\": [\"al\"]", "\"q\": [\"\"]"),
            ],
        ),
    )
    .await;
    let id_of = |name: &str| {
        all["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (adam, alice, bob) = (id_of("adam"), id_of("alice"), id_of("bob"));
    let sub = [
        ("REPLACE_WITH_SESSION_TOKEN", owner.as_str()),
        ("REPLACE_WITH_USER_ID", adam.as_str()),
    ];
    for name in [
        "users/password-policy",
        "users/create-user",
        "users/get-user",
        "users/patch-user",
        "users/get-settings",
        "users/put-settings",
        "users/audit-events",
    ] {
        let (status, body) = call(&app, Function::Users, event(name, &sub)).await;
        assert!(status < 300, "{name}: {body}");
    }
    let patch_email = event(
        "users/patch-user",
        &[
            sub[0],
            sub[1],
            (
                r#"\"must_change_password\": true"#,
                r#"\"email\": \"adam2@demo.test\""#,
            ),
        ],
    );
    call(&app, Function::Users, patch_email).await;
    // alice's sessions (she signed in to change her password), adam's lock,
    // bob deleted
    for (name, user) in [
        ("users/user-sessions", &alice),
        ("users/revoke-user-sessions", &alice),
        ("users/lift-lock", &adam),
        ("users/return-target", &adam),
        ("users/delete-user", &bob),
    ] {
        let e = event(name, &[sub[0], ("REPLACE_WITH_USER_ID", user)]);
        let (status, body) = call(&app, Function::Users, e).await;
        assert!(status < 300, "{name}: {body}");
    }
    run(Function::Users, &store);
    for name in [
        "admin-reset/reset-link",
        "admin-reset/bulk",
        "admin-reset/set-password",
    ] {
        let (status, body) = call(&app, Function::AdminReset, event(name, &sub)).await;
        assert!(status < 300, "{name}: {body}");
    }
    run(Function::AdminReset, &store);
    for name in ["support-reset/support-link", "support-reset/support-set"] {
        let (status, body) = call(&app, Function::SupportReset, event(name, &sub)).await;
        assert!(status < 300, "{name}: {body}");
    }
    run(Function::SupportReset, &store);
    call(&app, Function::Pages, event("pages/reset-page", &[])).await;
    run(Function::Pages, &store);

    // the tenant's compliance (last: a profile may forbid what the admin
    // events above do), then the daily expiry pass on its settings, with a
    // reminder 14 days before expiry due for every password set today
    for name in ["users/compliance", "users/apply-profile"] {
        let (status, body) = call(&app, Function::Users, event(name, &sub)).await;
        assert!(status < 300, "{name}: {body}");
    }
    run(Function::Users, &store);
    let demo = TenantId::parse("demo").unwrap();
    let mut tenant = store.get_tenant(&demo).await.unwrap().unwrap();
    let max_age = tenant.settings.password_max_age_days.unwrap();
    tenant.settings.expiry_reminder_days = vec![14];
    store.commit(vec![Write::PutTenant(tenant)]).await.unwrap();
    clear(&meter);
    let pass = ExpiryReminders {
        tenants: &*store,
        index: &*store,
        users: &*store,
        committer: &*store,
        clock: &FakeClock::new(test_now() + time::Duration::days(i64::from(max_age) - 14)),
        links: &app.links,
    }
    .run()
    .await
    .unwrap();
    assert!(pass.sent > 0, "{pass:?}");
    run(Function::ExpiryReminders, &store);

    // mailer: one queued item through the stream handler
    let item = store.pending(1).await.unwrap().pop().unwrap();
    clear(&meter);
    let (pk, sk) = item.key.split_once('|').unwrap();
    let text = std::fs::read_to_string(format!(
        "{}/../events/mailer/outbox-insert.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let stream: serde_json::Value = serde_json::from_str(
        &text
            .replace("REPLACE_WITH_PK", pk)
            .replace("REPLACE_WITH_SK", sk),
    )
    .unwrap();
    handle_batch(
        &*store,
        &SesMailer::new(ses_client().await, None),
        &latchkey_shared::adapters::sqs::LogDeadLetters,
        &FakeClock::new(test_now()),
        &stream,
    )
    .await;
    run(Function::Mailer, &store);

    // ses-events: the sample SNS batch (a hard bounce for alice@demo.test)
    let batch: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/../events/ses-events/bounce.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mark = latchkey_shared::usecases::mail_events::MarkUndeliverable {
        users: &*store,
        committer: &*store,
        clock: &FakeClock::new(test_now()),
    };
    let mut marked = 0;
    for u in latchkey_shared::adapters::ses_events::from_sns(&batch) {
        marked += mark
            .execute(&u.tenant, &u.address, u.status, &u.detail)
            .await
            .unwrap();
    }
    assert_eq!(marked, 1, "the sample event marks alice");
    run(Function::SesEvents, &store);

    // "This wasn't me" (last: alice can no longer sign in after it)
    let e = event(
        "reset-password/confirm-report",
        &[("REPLACE_WITH_TOKEN_FROM_EMAIL", report.as_str())],
    );
    let (status, body) = call(&app, Function::ResetPassword, e).await;
    assert_eq!(status, 204, "{body}");
    run(Function::ResetPassword, &store);

    // a job over everyone (last: it expires every account): admin-reset
    // creates it, the worker runs its first page from the sample SQS event
    let (status, body) = call(
        &app,
        Function::AdminReset,
        event("admin-reset/create-job", &sub),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    run(Function::AdminReset, &store);
    let job_id = body["job_id"].as_str().unwrap().to_owned();
    let job = store
        .get_job(&demo, &JobId::parse(&job_id).unwrap())
        .await
        .unwrap()
        .unwrap();
    clear(&meter);
    let sqs = std::fs::read_to_string(format!(
        "{}/../events/job-worker/page.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("REPLACE_WITH_JOB_ID", &job_id)
    .replace("REPLACE_WITH_VERSION", &job.version.to_string());
    let pages = Sent::default();
    let answer = handle_event(&app, &pages, &serde_json::from_str(&sqs).unwrap()).await;
    assert_eq!(
        answer["batchItemFailures"],
        serde_json::json!([]),
        "{answer}"
    );
    assert!(
        store
            .get_job(&demo, &job.id)
            .await
            .unwrap()
            .unwrap()
            .counts
            .processed
            > 0
    );
    run(Function::JobWorker, &store);

    let template = template();
    for f in Function::ALL {
        let got = recorded
            .actions
            .get(f.template_resource())
            .cloned()
            .unwrap_or_default();
        let allowed: BTreeSet<&str> = f
            .table_actions()
            .iter()
            .chain(f.index_actions())
            .copied()
            .collect();
        let outside: Vec<&String> = got
            .iter()
            .filter(|a| !allowed.contains(a.as_str()))
            .collect();
        assert!(
            outside.is_empty(),
            "{f:?} performed {outside:?}, outside its policy {allowed:?}"
        );
        if f != Function::Pages {
            assert!(!got.is_empty(), "{f:?} was exercised");
        }
        // AND each table call was on a key family the policy names for it
        let granted = granted_keys(&template, f.template_resource());
        let keys = recorded
            .keys
            .remove(f.template_resource())
            .unwrap_or_default();
        for (action, family) in keys.iter().filter(|(a, _)| !a.contains(":gsi")) {
            let families = granted
                .get(action.as_str())
                .unwrap_or_else(|| panic!("{f:?}: {action}"));
            assert!(
                families.as_ref().is_none_or(|s| s.contains(family)),
                "{f:?}: {action} on {family}#, outside its dynamodb:LeadingKeys {families:?}"
            );
        }
    }
}
