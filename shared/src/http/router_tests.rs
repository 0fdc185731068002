//! The router as a whole: every operation routed and documented with typed
//! bodies, the assets route, problems for unknown paths and methods, and
//! hostile paths and bodies answered 4xx.

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use serde_json::Value;

use super::{ApiRequest, Client, Function, handle, router};
use crate::adapters::memory::MemoryStore;
use crate::app::App;
use crate::usecases::reset::LinkConfig;

fn app() -> App {
    App::new(
        Arc::new(MemoryStore::new()),
        Arc::new(crate::ports::SystemClock),
        LinkConfig {
            public_base_url: "http://x.test".into(),
            mail_from: "a@x.test".into(),
        },
    )
}

fn request(method: &str, path: &str, body: &str) -> ApiRequest {
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (path.to_owned(), None),
    };
    ApiRequest {
        method: http::Method::from_bytes(method.as_bytes()).unwrap(),
        path,
        query,
        headers: http::HeaderMap::new(),
        body: bytes::Bytes::from(body.to_owned()),
        client: Client {
            source_ip: Some("192.0.2.1".into()),
            ..Client::default()
        },
    }
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

fn concrete(path: &str) -> String {
    path.replace("{tenant}", "acme")
        .replace("{user_id}", "u_1")
        .replace("{path}", "js/lib/api.js")
}

/// Every (method, path template) the document holds.
fn documented() -> Vec<(String, String)> {
    let doc = super::openapi::document();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.push((method.to_uppercase(), path.clone()));
        }
    }
    out
}

fn problem_code(resp: &http::Response<bytes::Bytes>) -> Option<String> {
    let body: Value = serde_json::from_slice(resp.body()).ok()?;
    body["code"].as_str().map(str::to_owned)
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    // GIVEN the whole router WHEN each documented operation is asked, with
    // no session and no body
    let all = router(app(), None);
    for (method, path) in documented() {
        let resp = handle(&all, request(&method, &concrete(&path), "")).await;
        // THEN some handler answered it: not the router's 404 or 405
        let code = problem_code(&resp);
        assert_ne!(resp.status(), 405, "{method} {path}");
        assert!(
            !(resp.status() == 404
                && code.as_deref() == Some("not_found")
                && path != "/t/{tenant}/logo"),
            "{method} {path} is documented but not routed"
        );
    }
}

#[tokio::test]
async fn each_function_serves_its_own_operations_and_the_union_is_the_document() {
    // GIVEN each function's routes WHEN their documented operations are collected
    let mut union = BTreeSet::new();
    for f in Function::ALL {
        let (_, api) = super::api::function_routes(f).split_for_parts();
        for (path, item) in api.paths.paths {
            for method in serde_json::to_value(&item)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
            {
                // THEN no operation belongs to two functions
                assert!(
                    union.insert((method.to_uppercase(), path.clone())),
                    "{method} {path} is in two functions"
                );
            }
        }
    }
    // THEN together they are the document (the assets route aside, which the
    // pages function mounts by hand)
    let mut documented: BTreeSet<_> = documented().into_iter().collect();
    documented.remove(&("GET".to_owned(), "/assets/{path}".to_owned()));
    assert_eq!(union, documented);
}

/// The schemas a body can name, resolved through `$ref`s.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// A JSON schema says what it holds: objects name their properties (or are
/// `allOf`/`oneOf` of ones that do), arrays their items, all the way down.
fn assert_typed(doc: &Value, schema: &Value, at: &str, seen: &mut BTreeSet<String>) {
    if let Some(r) = schema["$ref"].as_str()
        && !seen.insert(r.to_owned())
    {
        return;
    }
    let s = resolve(doc, schema);
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(parts) = s[key].as_array() {
            for p in parts {
                assert_typed(doc, p, at, seen);
            }
            return;
        }
    }
    let types: Vec<&str> = match &s["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    assert!(
        !types.is_empty() || s.get("enum").is_some(),
        "{at}: untyped {s}"
    );
    if types.contains(&"array") {
        assert!(s.get("items").is_some(), "{at}: an array without items");
        assert_typed(doc, &s["items"], &format!("{at}[]"), seen);
    }
    if types.contains(&"object") {
        let props = s["properties"].as_object();
        // Two bodies are free-form by nature: this document itself, and an
        // audit event's details (whose keys depend on its type).
        let free = at.ends_with("/openapi.json 200") || at.ends_with(".details");
        // A map names the type of its values instead.
        let map = s["additionalProperties"].is_object();
        if map {
            assert_typed(doc, &s["additionalProperties"], &format!("{at}{{}}"), seen);
        }
        assert!(
            props.is_some() || free || map,
            "{at}: an object without properties"
        );
        for (name, p) in props.into_iter().flatten() {
            assert_typed(doc, p, &format!("{at}.{name}"), seen);
        }
    }
}

#[test]
fn every_body_in_the_document_is_typed() {
    // GIVEN the served document
    let doc = super::openapi::document();
    assert_eq!(doc["openapi"], "3.1.0");
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            // THEN every operation has an id and a summary
            assert!(op["operationId"].is_string(), "{method} {path}");
            assert!(op["summary"].is_string(), "{method} {path}: no summary");
            // AND every JSON body, asked or answered, says what it holds
            let mut bodies = vec![];
            if let Some(content) = op["requestBody"]["content"].as_object() {
                bodies.extend(
                    content
                        .iter()
                        .map(|(ct, c)| (format!("{method} {path} request"), ct, c)),
                );
            }
            for (status, r) in op["responses"].as_object().unwrap() {
                if let Some(content) = r["content"].as_object() {
                    bodies.extend(
                        content
                            .iter()
                            .map(|(ct, c)| (format!("{method} {path} {status}"), ct, c)),
                    );
                }
            }
            for (at, ct, c) in bodies {
                if ct.contains("json") {
                    assert_typed(doc, &c["schema"], &at, &mut BTreeSet::new());
                }
            }
        }
    }
}

#[test]
fn no_two_types_share_a_schema_name() {
    // utoipa keys schemas by name: a second type of the same name replaces the
    // first without a word. GIVEN the names two types once shared
    let schemas = &super::openapi::document()["components"]["schemas"];
    // THEN each is the type its operations answer
    assert!(
        schemas["Profile"]["properties"]["has_logo"].is_object(),
        "{}",
        schemas["Profile"]
    );
    assert!(schemas["ComplianceProfile"]["enum"].is_array());
    let status = schemas["Status"]["enum"].to_string();
    assert!(status.contains("pending_activation"), "{status}");
    assert!(
        schemas["ComplianceStatus"]["enum"]
            .to_string()
            .contains("not_met")
    );
}

#[test]
fn the_checked_in_document_is_the_served_one() {
    let served = serde_json::to_string_pretty(super::openapi::document()).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
    if std::env::var("LATCHKEY_WRITE_OPENAPI").is_ok() {
        std::fs::write(path, &served).unwrap();
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == served,
        "docs/openapi.json is stale: regenerate it with LATCHKEY_WRITE_OPENAPI=1 cargo test -p latchkey-shared checked_in"
    );
}

#[tokio::test]
async fn unknown_paths_and_methods_are_problems() {
    let all = router(app(), None);
    // GIVEN a path nothing serves THEN 404 not_found, as a problem document
    let resp = handle(&all, request("GET", "/v1/nothing", "")).await;
    assert_eq!(resp.status(), 404);
    assert_eq!(problem_code(&resp).as_deref(), Some("not_found"));
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    // GIVEN a known path and another method THEN 405 with Allow
    let resp = handle(&all, request("PUT", "/v1/me", "")).await;
    assert_eq!(resp.status(), 405);
    assert_eq!(problem_code(&resp).as_deref(), Some("method_not_allowed"));
    let allow = resp.headers()["allow"].to_str().unwrap().to_owned();
    assert!(allow.contains("GET") && allow.contains("PATCH"), "{allow}");
    // GIVEN a malformed tenant id THEN 400 on the API, 404 on a page
    let resp = handle(&all, request("GET", "/v1/tenants/Bad_Id/profile", "")).await;
    assert_eq!(resp.status(), 400);
    let resp = handle(&all, request("GET", "/t/Bad_Id/sign-in", "")).await;
    assert_eq!(resp.status(), 404);
    // GIVEN a trailing slash THEN the same resource
    let resp = handle(&all, request("GET", "/t/acme/", "")).await;
    assert_eq!(resp.status(), 200);
    // GIVEN a function's router THEN another function's route is 404 there
    let sign_in = router(app(), Some(Function::SignIn));
    let resp = handle(&sign_in, request("GET", "/v1/tenants/acme/profile", "")).await;
    assert_eq!(resp.status(), 404);
    // AND every answer carries HSTS
    assert!(resp.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn the_assets_route_serves_the_embedded_files_and_nothing_else() {
    let all = router(app(), None);
    // GIVEN an embedded stylesheet, module or the vendored encoder WHEN asked
    // THEN served with the type a browser needs (a module only runs as JavaScript)
    for (path, content_type) in [
        ("/assets/app.css", "text/css; charset=utf-8"),
        ("/assets/qrcode.js", "text/javascript; charset=utf-8"),
        ("/assets/js/lib/api.js", "text/javascript; charset=utf-8"),
        (
            "/assets/js/pages/sign-in.js",
            "text/javascript; charset=utf-8",
        ),
        (
            "/assets/js/admin/users.js",
            "text/javascript; charset=utf-8",
        ),
    ] {
        let a = super::pages::asset(path.trim_start_matches("/assets/")).unwrap();
        let resp = handle(&all, request("GET", path, "")).await;
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["content-type"], content_type, "{path}");
        assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
        assert_eq!(resp.body().as_ref(), a.body().as_bytes());
        assert!(!a.body().is_empty());
    }
    // GIVEN a path outside the embedded set, a template, a traversal, an
    // encoded one or a directory THEN 404
    for path in [
        "/assets/app.js",
        "/assets/nope.js",
        "/assets/sign-in.html",
        "/assets/js",
        "/assets/js/lib",
        "/assets/",
        "/assets/../Cargo.toml",
        "/assets/js/../app.css",
        "/assets/js/lib/../../app.css",
        "/assets/%2e%2e/shared/build.rs",
        "/assets/js%2Flib%2Fapi.js",
        "/assets//app.css",
        "/assets/APP.CSS",
    ] {
        let resp = handle(&all, request("GET", path, "")).await;
        assert_eq!(resp.status(), 404, "{path}");
        assert_eq!(problem_code(&resp).as_deref(), Some("not_found"), "{path}");
    }
    // THEN another method is 405, as everywhere
    let resp = handle(&all, request("POST", "/assets/app.css", "")).await;
    assert_eq!(resp.status(), 405);
}

proptest! {
    /// Hostile paths and methods: the router answers a route or a 4xx, never
    /// a 5xx or a panic.
    #[test]
    fn hostile_paths_get_an_answer_below_500(
        path in "(/[a-z0-9%._~-]{0,12}){0,8}/?",
        method in prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"]),
    ) {
        let status = block_on(async {
            handle(&router(app(), None), request(method, &path, "")).await.status()
        });
        prop_assert!(status.as_u16() < 500, "{} for {} {}", status, method, path);
    }

    /// Hostile bodies through the whole request path (memory store): every
    /// answer is a 2xx or a 4xx problem, never a 5xx or a panic.
    #[test]
    fn hostile_bodies_get_4xx(body in "\\PC{0,200}", route in 0usize..6) {
        let paths = [
            ("POST", "/v1/tenants/demo/sessions"),
            ("POST", "/v1/tenants/demo/password-resets"),
            ("POST", "/v1/tenants/demo/password-resets/inspect"),
            ("POST", "/v1/tenants/demo/password-resets/confirm"),
            ("POST", "/v1/me/password"),
            ("POST", "/v1/tenants/demo/users"),
        ];
        let (m, p) = paths[route];
        let status = block_on(async {
            handle(&router(app(), None), request(m, p, &body)).await.status()
        });
        prop_assert!(status.is_success() || status.is_client_error(), "{} for {:?}", status, body);
    }
}
