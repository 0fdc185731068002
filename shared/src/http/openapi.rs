//! The published contract, derived: every operation's `#[utoipa::path]` and
//! every view's schema are collected by the same router that serves them
//! (`api::routes`), so a routed operation cannot be missing from the
//! document. Served at `GET /openapi.json`; `docs/openapi.json` is the same
//! document, checked in.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Value, json};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::views::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Latchkey",
        version = "1",
        description = "Password lifecycle: sign-in, forgot/reset, own change, MFA and its recovery, tenant administration, support resets. Errors are RFC 9457 problem documents with a stable `code`."
    ),
    paths(super::pages::serve_asset),
    components(schemas(Problem)),
    modifiers(&SecuritySchemes)
)]
struct Base;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(description))
                    .build(),
            )
        };
        components.add_security_scheme(
            "session",
            bearer("A session token from POST /v1/tenants/{tenant}/sessions."),
        );
        components.add_security_scheme(
            "supportToken",
            bearer("Local mode: the seed file's support_token."),
        );
        components.add_security_scheme(
            "iam",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "On AWS: AWS SigV4 for execute-api, by the SupportRoleArn role only.",
            ))),
        );
    }
}

/// What every router starts from: the info, the security schemes, the
/// problem schema, and the one route a path template cannot say.
pub fn base() -> utoipa::openapi::OpenApi {
    Base::openapi()
}

static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    let (_, api) = super::api::routes(None).split_for_parts();
    let mut doc = serde_json::to_value(&api).unwrap_or_default();
    add_problems(&mut doc);
    doc
});

/// The whole document.
pub fn document() -> &'static Value {
    &DOCUMENT
}

/// Each error answer as a problem document whose `code` is one of those its
/// description lists (`"a | b"` in the operation's annotation), plus the
/// problems every operation of a kind can answer: `405` for another method,
/// `400` for a malformed tenant id or body, and a session's or support's
/// refusals.
fn add_problems(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for op in item.values_mut() {
            let mut codes: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut add = |status: &str, code: &str| {
                codes
                    .entry(status.to_owned())
                    .or_default()
                    .push(code.to_owned());
            };
            add("405", "method_not_allowed");
            if path.contains("{tenant}") && path.starts_with("/v1/") {
                add("400", "invalid_request");
            }
            if op.get("requestBody").is_some() {
                add("400", "invalid_request");
            }
            let schemes: Vec<String> = op["security"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
                .flat_map(|m| m.keys().cloned())
                .collect();
            if schemes.iter().any(|s| s == "session") {
                add("400", "invalid_request");
                add("401", "unauthenticated");
                add("403", "password_change_required");
                add("403", "mfa_enrollment_required");
            }
            if schemes.iter().any(|s| s == "supportToken") {
                add("401", "unauthenticated");
                add("403", "forbidden");
            }
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (status, response) in responses.iter() {
                if status.as_str() >= "400" && response.get("content").is_none() {
                    let listed = response["description"].as_str().unwrap_or_default();
                    for code in listed.split('|').map(str::trim).filter(|c| !c.is_empty()) {
                        add(status, code);
                    }
                }
            }
            for (status, mut list) in codes {
                list.sort();
                list.dedup();
                responses.insert(
                    status,
                    json!({
                        "description": format!("A problem document; code one of: {}", list.join(", ")),
                        "content": {"application/problem+json": {"schema": {
                            "allOf": [{"$ref": "#/components/schemas/Problem"}],
                            "properties": {"code": {"enum": list}},
                        }}},
                    }),
                );
            }
        }
    }
}
