"""Every route of the code reaches the function that serves it on the deployed API.

The routes are the operations of docs/openapi.json (built from the router's table;
shared/src/http tests keep the two equal and the file current). Which function
serves each one is read from shared/src/http: `api::function_routes` (function ->
the areas' route lists it merges), each area's list (`routes!(handler, ...)`, or a
route mounted by hand), each handler's `#[utoipa::path]` (its `operation_id`, else
its name) and `Function::template_resource` (function -> logical id). Each
operation's path, with sample values, is then resolved against the template's API
events the way API Gateway resolves it: the most specific resource wins (a literal
segment over `{param}`, `{param}` over `{proxy+}`), and that resource must have the
method; no fallback to a less specific one.
"""

import functools
import json
import re

import pytest

from stack import ROOT, source

SAMPLE = {"tenant": "acme", "user_id": "u_1", "id": "s_1", "path": "js/pages/sign-in.js"}
HTTP = "shared/src/http"


def rust(path):
    return (ROOT / path).read_text()


def fn_body(text, signature, indent="    "):
    """The text of one Rust fn, from its signature to the closing brace at its indent."""
    start = text.index(signature)
    end = text.index(f"\n{indent}}}\n", start)
    return text[start:end]


def area_file(path):
    """The file of a module named as `function_routes` names it."""
    if path.startswith("super::"):
        return f"{HTTP}/{path.removeprefix('super::')}.rs"
    return f"{HTTP}/api/{path}.rs"


def operation_ids(text):
    """handler fn name -> operationId, for the handlers of one file that declare one."""
    ids = {}
    for attr, name in re.findall(r"#\[utoipa::path\((.*?)\)\]\s*(?:#\[[^\]]*\]\s*)*pub async fn (\w+)", text, re.S):
        m = re.search(r'operation_id\s*=\s*"(\w+)"', attr)
        ids[name] = m[1] if m else name
    return ids


def handlers(module, routes_fn):
    """(file, name) of the handlers one area's route list mounts (utoipa's `routes!`,
    whose handlers may live in a sibling module, and `.route(..)`)."""
    file = area_file(module)
    body = fn_body(rust(file), f"pub fn {routes_fn}() -> Routes {{", indent="")
    paths = [p.strip() for group in re.findall(r"routes!\(([^)]*)\)", body) for p in group.split(",") if p.strip()]
    paths += re.findall(r"routing::\w+\((\w+)\)", body)
    for path in paths:
        *module_path, name = path.split("::")
        # `super::accounts::delete_user` from an area is a sibling area's handler.
        sibling = module_path[-1] if module_path else None
        yield (area_file(sibling) if sibling else file), name


@functools.cache
def route_owners():
    """operationId -> template logical id, from the code."""
    function = rust(f"{HTTP}/function.rs")
    resources = dict(re.findall(r"Function::(\w+)\s*=>\s*\"(\w+)\"", fn_body(function, "pub fn template_resource(")))
    body = fn_body(rust(f"{HTTP}/api/mod.rs"), "pub fn function_routes(", indent="")
    body = body[body.index("match function {") + len("match function {"):]
    owners = {}
    # Each arm: `Function::A | Function::B => <route lists>,`
    for lhs, rhs in re.findall(r"((?:Function::\w+\s*\|?\s*)+)=>(.*?)(?=\n\s*(?://.*\n\s*)*Function::|\Z)", body, re.S):
        lists = re.findall(r"((?:super::)?\w+)::(\w+)\(\)", rhs)
        lists = [(m, f) for m, f in lists if m != "Routes"]
        for variant in re.findall(r"Function::(\w+)", lhs):
            for module, routes_fn in lists:
                for file, handler in handlers(module, routes_fn):
                    op = operation_ids(rust(file)).get(handler, handler)
                    assert op not in owners, f"{op} is routed by two functions"
                    owners[op] = resources[variant]
    return owners


def test_the_code_routes_every_documented_operation():
    assert {op for _, _, op in operations()} == set(route_owners())


def operations():
    doc = json.loads((ROOT / "docs" / "openapi.json").read_text())
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            if method in ("get", "put", "post", "patch", "delete"):
                yield method.upper(), path, op["operationId"]


@functools.cache
def api_events():
    """(method, resource path, function logical id) of every Api event in the template."""
    return tuple(_api_events())


def _api_events():
    for name, res in source()["Resources"].items():
        if res["Type"] != "AWS::Serverless::Function":
            continue
        for event in res["Properties"].get("Events", {}).values():
            if event["Type"] == "Api":
                yield event["Properties"]["Method"].upper(), event["Properties"]["Path"], name


def specificity(resource, segments):
    """How a resource matches a concrete path (higher is more specific), or None."""
    parts = [p for p in resource.split("/") if p]
    score = []
    for i, part in enumerate(parts):
        if part.endswith("+}"):
            return tuple(score + [0]) if len(segments) > i else None
        if i >= len(segments):
            return None
        if part.startswith("{"):
            score.append(1)
        elif part == segments[i]:
            score.append(2)
        else:
            return None
    return tuple(score) if len(parts) == len(segments) else None


def resolve(events, method, path):
    """The function API Gateway invokes for this request, or None."""
    segments = [s for s in path.split("/") if s]
    by_resource = {}
    for m, resource, fn in events:
        by_resource.setdefault(resource, {})[m] = fn
    scored = [(s, r) for r in by_resource if (s := specificity(r, segments)) is not None]
    if not scored:
        return None
    best = max(scored)[1]
    methods = by_resource[best]
    return methods.get(method, methods.get("ANY"))


def test_resolution_prefers_the_specific_resource_and_never_falls_back():
    # GIVEN a literal route, a parameter route and a greedy proxy
    events = [("GET", "/t/{tenant}/logo", "Users"), ("GET", "/t/{proxy+}", "Pages"), ("POST", "/v1/me/mfa/totp", "Change")]
    # THEN the most specific resource serves, and a missing method is unrouted
    assert resolve(events, "GET", "/t/acme/logo") == "Users"
    assert resolve(events, "GET", "/t/acme/sign-in") == "Pages"
    assert resolve(events, "PUT", "/t/acme/logo") is None
    assert resolve(events, "DELETE", "/v1/me/mfa/totp") is None


@pytest.mark.parametrize("method, path, op", sorted(operations()), ids=lambda x: x if isinstance(x, str) else None)
def test_every_route_reaches_its_function(method, path, op):
    owners = route_owners()
    concrete = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)
    served_by = resolve(list(api_events()), method, concrete)
    assert served_by == owners[op], (
        f"{method} {path} ({op}) reaches {served_by or 'no function'} on the API, "
        f"but shared/src/http/routes.rs routes it to {owners[op]}: add an Api event to "
        f"{owners[op]} in infra/template.yaml"
    )


def test_every_api_event_serves_some_route():
    ops = [(m, re.sub(r"\{(\w+)\}", lambda x: SAMPLE[x.group(1)], p)) for m, p, _ in operations()]
    events = list(api_events())
    for method, resource, fn in events:
        used = [(m, p) for m, p in ops if m == method and resolve(events, m, p) == fn
                and specificity(resource, [s for s in p.split("/") if s]) is not None]
        assert used, f"{fn}: {method} {resource} serves no route of the code"
