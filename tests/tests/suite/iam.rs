//! Least privilege, kept honest: each function's policy in `infra/template.yaml`
//! grants exactly the DynamoDB and SES actions the code declares for it
//! (`Function::table_actions` ...), and running the function's events against a
//! recording DynamoDB store (moto) performs no action, and touches no partition-key
//! family, outside that policy (`iam_calls`).

use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};

use latchkey_shared::http::Function;

pub(crate) fn template() -> Yaml {
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

fn strings(v: &Yaml) -> Vec<String> {
    match v {
        Yaml::Sequence(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        Yaml::String(a) => vec![a.clone()],
        _ => vec![],
    }
}

/// The index a statement's resource names (`gsi1` in `.../index/gsi1`), if any;
/// every ARN of it (the stack's table, or ExistingTableName) names the same one.
fn index_of(resources: &str) -> Option<String> {
    let names: BTreeSet<String> = resources
        .split("/index/")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect()
        })
        .collect();
    assert!(names.len() <= 1, "one statement, two indexes: {resources}");
    names.into_iter().next()
}

/// The statements of one function's policies.
fn statements(template: &Yaml, resource: &str) -> Vec<Yaml> {
    let function = &template["Resources"][resource];
    assert!(function.is_mapping(), "{resource} is in the template");
    let policies = function["Properties"]["Policies"]
        .as_sequence()
        .cloned()
        .unwrap_or_default();
    policies
        .iter()
        .flat_map(|p| p["Statement"].as_sequence().cloned().unwrap_or_default())
        .collect()
}

/// (table actions, index actions as `action:index`, ses actions) granted to one
/// function.
fn granted(
    template: &Yaml,
    resource: &str,
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let (mut table, mut index, mut ses) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for statement in statements(template, resource) {
        assert_eq!(statement["Effect"], Yaml::from("Allow"));
        let resources = tagged_text(&statement["Resource"]);
        for action in strings(&statement["Action"]) {
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
                if let Some(name) = index_of(&resources) {
                    index.insert(format!("{action}:{name}"));
                } else {
                    // The stack's table, or (ExistingTableName, a restored
                    // table) that one by name: never any other resource.
                    assert_eq!(resources, TABLE, "{resource}: {action}");
                    table.insert(action);
                }
            } else if action.starts_with("ses:") {
                assert!(!resources.contains("\"*\""), "{resource}: SES on *");
                ses.insert(action);
            }
        }
    }
    (table, index, ses)
}

/// The table resource of every table statement, as `tagged_text` reads it.
const TABLE: &str = "!If - UseExistingTable\n- !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${ExistingTableName}\n- !GetAtt Table.Arn\n";

/// For each table action granted to one function, the partition-key families
/// (`USER` for `USER#*`) its `dynamodb:LeadingKeys` allow it on; `None` when a
/// statement grants it on any key.
pub(crate) fn granted_keys(
    template: &Yaml,
    resource: &str,
) -> BTreeMap<String, Option<BTreeSet<String>>> {
    let mut out: BTreeMap<String, Option<BTreeSet<String>>> = BTreeMap::new();
    for statement in statements(template, resource) {
        if tagged_text(&statement["Resource"]) != TABLE {
            continue;
        }
        let keys = &statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"];
        let families: Option<BTreeSet<String>> = (!keys.is_null()).then(|| {
            strings(keys)
                .iter()
                .map(|k| k.trim_end_matches('*').trim_end_matches('#').to_owned())
                .collect()
        });
        for action in strings(&statement["Action"]) {
            let entry = out.entry(action).or_insert_with(|| Some(BTreeSet::new()));
            match (entry.as_mut(), &families) {
                (Some(all), Some(these)) => all.extend(these.iter().cloned()),
                _ => *entry = None,
            }
        }
    }
    out
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

#[test]
fn leading_keys_are_read_from_the_template() {
    // GIVEN the template WHEN the sign-in function's grants are read
    let keys = granted_keys(&template(), "SignInFunction");
    // THEN each action names its families, and the TOTP keyring is readable
    // and writable but never deleted
    let get = keys["dynamodb:GetItem"].clone().unwrap();
    assert!(get.contains("USER") && get.contains("KEYRING"), "{get:?}");
    let delete = keys["dynamodb:DeleteItem"].clone().unwrap();
    assert!(!delete.contains("KEYRING") && !delete.contains("OUTBOX"));
}
