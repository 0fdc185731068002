//! Least privilege, kept honest: each function's policy in `infra/template.yaml`
//! grants exactly the DynamoDB and SES actions the code declares for it
//! (`Function::table_actions` ...), and running the function's events against a
//! recording DynamoDB store (moto) performs no action outside that declaration.

use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use latchkey::seed;
use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::adapters::stream_mailer::handle_batch;
use latchkey_shared::domain::totp;
use latchkey_shared::http::Function;
use latchkey_shared::ports::{FakeClock, MailOutbox};
use latchkey_tests::{dynamo_store_recorded, ses_client, table_name, test_now};

use crate::events::{call, demo_app_on, event};

fn template() -> Yaml {
    let path = format!("{}/../infra/template.yaml", env!("CARGO_MANIFEST_DIR"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn tagged_text(v: &Yaml) -> String {
    match v {
        Yaml::Tagged(t) => format!("{} {}", t.tag, tagged_text(&t.value)),
        Yaml::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default(),
    }
}

/// (table actions, index actions, ses actions) granted to one function.
fn granted(
    template: &Yaml,
    resource: &str,
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let (mut table, mut index, mut ses) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let function = &template["Resources"][resource];
    assert!(function.is_mapping(), "{resource} is in the template");
    let policies = function["Properties"]["Policies"]
        .as_sequence()
        .cloned()
        .unwrap_or_default();
    for policy in policies {
        for statement in policy["Statement"]
            .as_sequence()
            .cloned()
            .unwrap_or_default()
        {
            assert_eq!(statement["Effect"], Yaml::from("Allow"));
            let actions: Vec<String> = match &statement["Action"] {
                Yaml::Sequence(a) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect(),
                Yaml::String(a) => vec![a.clone()],
                _ => vec![],
            };
            let resources = tagged_text(&statement["Resource"]);
            for action in actions {
                assert!(
                    !action.contains('*'),
                    "{resource}: wildcard action {action}"
                );
                // The mailer's read of the outbox stream (the event source
                // mapping's, not the code's): only on the table's stream.
                let stream = [
                    "dynamodb:DescribeStream",
                    "dynamodb:GetRecords",
                    "dynamodb:GetShardIterator",
                    "dynamodb:ListStreams",
                ];
                if stream.contains(&action.as_str()) {
                    assert_eq!(resource, "MailerFunction", "{action} outside the mailer");
                    assert!(
                        resources.contains("stream") || resources.contains("Stream"),
                        "{action} on {resources}"
                    );
                } else if action.starts_with("dynamodb:") {
                    if resources.contains("/index/gsi1") {
                        index.insert(action);
                    } else {
                        // The stack's table, or (ExistingTableName, a restored
                        // table) that one by name: never any other resource.
                        let existing_or_own = "!If - UseExistingTable\n- !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${ExistingTableName}\n- !GetAtt Table.Arn\n";
                        assert!(
                            resources == "!GetAtt Table.Arn" || resources == existing_or_own,
                            "{resource}: {action} on {resources}"
                        );
                        table.insert(action);
                    }
                } else if action.starts_with("ses:") {
                    assert!(!resources.contains("\"*\""), "{resource}: SES on *");
                    ses.insert(action);
                }
            }
        }
    }
    (table, index, ses)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn template_policies_grant_exactly_the_declared_actions() {
    let template = template();
    for f in Function::ALL {
        let (table, index, ses) = granted(&template, f.template_resource());
        assert_eq!(table, set(f.table_actions()), "{f:?} table actions");
        assert_eq!(index, set(f.index_actions()), "{f:?} index actions");
        assert_eq!(ses, set(f.ses_actions()), "{f:?} SES actions");
    }
}

#[tokio::test]
async fn functions_perform_no_action_outside_their_policy() {
    let (store, meter) = dynamo_store_recorded(&format!("{}-iam", table_name())).await;
    let store = Arc::new(store);
    let app = demo_app_on(store.clone()).await;
    meter.take_recorded();
    let mut recorded: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let mut run = |f: Function, _: &DynamoStore| {
        recorded
            .entry(f.template_resource())
            .or_default()
            .extend(meter.take_recorded());
    };

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
    meter.take_recorded();
    let mail = pending
        .iter()
        .find(|i| i.email.text.contains("#token="))
        .unwrap();
    let start = mail.email.text.find("#token=").unwrap() + 7;
    let token: String = mail.email.text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
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
    meter.take_recorded();
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
    let adam = all["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "adam")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
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

    // mailer: one queued item through the stream handler
    let item = store.pending(1).await.unwrap().pop().unwrap();
    meter.take_recorded();
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

    for f in Function::ALL {
        let got = recorded
            .get(f.template_resource())
            .cloned()
            .unwrap_or_default();
        let allowed: BTreeSet<&str> = f
            .table_actions()
            .iter()
            .copied()
            .chain(f.index_actions().iter().map(|_| "dynamodb:Query:gsi1"))
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
    }
}
