"""The deployment smoke hook (DeploySmokeFunction's inline code in
infra/template.yaml), run here against `latchkey serve`: its requests get the
answers it expects from the real handlers, both as HTTP (post-traffic, through
the stage URL) and as the API Gateway events it invokes a new version with
(pre-traffic); a wrong answer, a function error or a failure of its own reports
Failed to CodeDeploy.

Needs target/debug/latchkey (`cargo build -p latchkey --bin latchkey`;
scripts/infra_checks.sh builds it first).
"""

import io
import json
import os
import pathlib
import subprocess
import types
import urllib.request

import pytest

from stack import HTTP_FUNCTIONS, ROOT, source

BINARY = pathlib.Path(os.environ.get("LATCHKEY_BIN", ROOT / "target" / "debug" / "latchkey"))
EMAIL = "deploy-smoke@example.invalid"


def hook_module():
    """The hook's code exactly as the template deploys it."""
    code = source()["Resources"]["DeploySmokeFunction"]["Properties"]["Code"]["ZipFile"]
    module = types.ModuleType("deploy_smoke")
    exec(compile(code, "DeploySmokeFunction", "exec"), module.__dict__)
    return module


@pytest.fixture(scope="module")
def hook():
    return hook_module()


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: cargo build -p latchkey --bin latchkey (scripts/infra_checks.sh does)")
    cwd = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen([str(BINARY), "serve", "--port", "0"], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        # Log lines may come first (the expiry pass runs at start): the address is
        # on the line that says where it runs.
        seen = []
        for _ in range(50):
            seen.append(proc.stdout.readline())
            if "running at http://127.0.0.1:" in seen[-1]:
                break
        assert "running at http://127.0.0.1:" in seen[-1], seen
        yield seen[-1].split("running at ", 1)[1].strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def as_http(base_url, event):
    """What API Gateway would have sent for this proxy event, sent to latchkey
    serve; its answer as the proxy integration's response."""
    skip = {"host", "content-length"}
    headers = {k: v for k, v in event["headers"].items() if k not in skip}
    data = event["body"].encode() if event["body"] is not None else None
    request = urllib.request.Request(base_url + event["path"], data=data, method=event["httpMethod"], headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            status, h, body = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, h, body = e.code, e.headers, e.read()
    return {"statusCode": status, "multiValueHeaders": {"content-type": [h.get("content-type", "")]},
            "body": body.decode(), "isBase64Encoded": False}


class FakeLambda:
    """Lambda's Invoke for the versions under test, answered by latchkey serve (or
    by `answer`, to play a broken version)."""

    def __init__(self, base_url=None, answer=None):
        self.base_url, self.answer, self.calls = base_url, answer, []

    def invoke(self, FunctionName, Qualifier, Payload):
        event = json.loads(Payload)
        self.calls.append((FunctionName, Qualifier, event))
        out = self.answer(event) if self.answer else {"Payload": as_http(self.base_url, event)}
        return {**out, "Payload": io.BytesIO(json.dumps(out["Payload"]).encode())}


class FakeCodeDeploy:
    def __init__(self, function, version="7", phase="BeforeAllowTraffic"):
        self.function, self.version, self.phase, self.reports = function, version, phase, []

    def list_deployment_targets(self, deploymentId):
        assert deploymentId == "d-SMOKE"
        return {"targetIds": [f"{self.function}:live"]}

    def get_deployment_target(self, deploymentId, targetId):
        events = [{"lifecycleEventName": n, "status": "Succeeded" if n == "Start" else "Pending"}
                  for n in ("Start", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic", "End")]
        for e in events:
            if e["lifecycleEventName"] == self.phase:
                e["status"] = "InProgress"
        return {"deploymentTarget": {"deploymentTargetType": "LambdaTarget", "lambdaTarget": {
            "deploymentId": deploymentId, "targetId": targetId, "lifecycleEvents": events,
            "lambdaFunctionInfo": {"functionName": self.function, "functionAlias": "live",
                                   "currentVersion": "6", "targetVersion": self.version}}}}

    def put_lifecycle_event_hook_execution_status(self, deploymentId, lifecycleEventHookExecutionId, status):
        self.reports.append((deploymentId, lifecycleEventHookExecutionId, status))


class FakeCloudFormation:
    def __init__(self, api_url):
        self.api_url, self.asked = api_url, []

    def describe_stacks(self, StackName):
        self.asked.append(StackName)
        return {"Stacks": [{"Outputs": [{"OutputKey": "ApiUrl", "OutputValue": self.api_url}]}]}


EVENT = {"DeploymentId": "d-SMOKE", "LifecycleEventHookExecutionId": "hook-1"}
STACK = "arn:aws:cloudformation:eu-west-1:123456789012:stack/latchkey-prod/1a2b3c4d-0000"


def env(**extra):
    return {"LATCHKEY_STAGE": "prod", "LATCHKEY_SMOKE": "enabled", "LATCHKEY_SMOKE_TENANT": "demo",
            "LATCHKEY_SMOKE_EMAIL": EMAIL, "LATCHKEY_SMOKE_STACK": STACK, **extra}


# ---------------------------------------------------------------- the requests
@pytest.mark.parametrize("tenant", ["demo", "no-such-tenant"])
def test_every_smoke_request_gets_its_expected_answer_from_the_handlers(hook, serve, tenant):
    # GIVEN latchkey serve (all routes of all functions), an existing tenant or not
    for name, requests in hook.function_requests(tenant, EMAIL).items():
        for req in requests:
            # WHEN the hook sends the request over HTTP THEN the answer is the expected one
            answer = hook.http(serve, req)
            assert hook.verdict(req, *answer) is None, (name, req["path"], answer)


@pytest.mark.parametrize("name", sorted(HTTP_FUNCTIONS.values()))
def test_the_events_the_hook_invokes_a_version_with_reach_the_routes(hook, serve, name):
    # GIVEN the proxy events the hook builds, played to the handlers as API Gateway would
    fake = FakeLambda(serve)
    for req in hook.function_requests("demo", EMAIL)[name]:
        answer = hook.invoke(fake, f"latchkey-prod-{name}", "7", req, "prod")
        # THEN each gets its expected answer, from the version asked for
        assert hook.verdict(req, *answer) is None, (name, req["path"], answer)
    assert {(f, q) for f, q, _ in fake.calls} == {(f"latchkey-prod-{name}", "7")}


def key_shape(value):
    if isinstance(value, dict):
        return {k: key_shape(v) for k, v in value.items() if isinstance(v, dict)} | {"keys": sorted(value)}
    return None


def test_the_events_have_the_shape_of_the_sample_events_the_handlers_are_tested_with(hook):
    # The Rust suite runs the handlers on events/*/*.json; the hook's events have
    # the same keys, down to requestContext.identity.
    sample = json.loads((ROOT / "events" / "users" / "password-policy.json").read_text())
    for requests in hook.function_requests("demo", EMAIL).values():
        for req in requests:
            event = hook.proxy_event(req, "prod")
            assert key_shape(event)["keys"] == key_shape(sample)["keys"]
            assert key_shape(event["requestContext"]) == key_shape(sample["requestContext"])
            assert event["requestContext"]["resourcePath"] == event["resource"]
            assert event["requestContext"]["identity"]["sourceIp"] == hook.SOURCE_IP
    # The resource is the API's (support and pages are {proxy+} routes there).
    (support,) = hook.function_requests("demo", EMAIL)["support-reset"]
    assert hook.proxy_event(support, "prod")["pathParameters"] == {"proxy": "tenants/demo/users"}


# ---------------------------------------------------------------- the hook
@pytest.fixture
def deployed_env(monkeypatch):
    """The hook's environment as the template sets it (handler reads os.environ)."""
    for k, v in env().items():
        monkeypatch.setenv(k, v)


@pytest.mark.parametrize("name", sorted(HTTP_FUNCTIONS.values()))
def test_a_healthy_version_passes_before_traffic(hook, serve, deployed_env, name):
    # GIVEN CodeDeploy about to shift traffic to version 7 of the function
    codedeploy, fake = FakeCodeDeploy(f"latchkey-prod-{name}"), FakeLambda(serve)
    cfn = FakeCloudFormation("http://127.0.0.1:9")
    # WHEN the hook runs THEN it reports Succeeded, having asked only that version
    assert hook.handler(EVENT, None, clients=[codedeploy, fake, cfn]) == "Succeeded"
    assert codedeploy.reports == [("d-SMOKE", "hook-1", "Succeeded")]
    assert fake.calls and all(q == "7" for _, q, _ in fake.calls)
    assert cfn.asked == []  # before the shift the stage URL reaches the old version


def test_after_the_shift_the_stage_url_is_smoked_too(hook, serve):
    codedeploy = FakeCodeDeploy("latchkey-prod-users", phase="AfterAllowTraffic")
    cfn = FakeCloudFormation(serve)
    failures = hook.run(EVENT, codedeploy, FakeLambda(serve), cfn, env())
    assert failures == [] and cfn.asked == [STACK]
    # The same through a stage that answers nothing: the deployment fails.
    failures = hook.run(EVENT, codedeploy, FakeLambda(serve), FakeCloudFormation(serve + "/no-such-stage"), env())
    assert len(failures) == 3 and all("no-such-stage" in f for f in failures)


@pytest.mark.parametrize(
    "answer",
    [
        # A version that answers 500 (its table permission is gone, say).
        lambda e: {"Payload": {"statusCode": 500, "body": '{"code":"internal"}', "isBase64Encoded": False}},
        # A version that crashes (Lambda reports a function error).
        lambda e: {"FunctionError": "Unhandled", "Payload": {"errorMessage": "panic"}},
        # A version that answers 200 where 401 is due (a route lost its authentication).
        lambda e: {"Payload": {"statusCode": 200, "body": "{}", "isBase64Encoded": False}},
    ],
    ids=["500", "function-error", "no-authentication"],
)
def test_a_broken_version_fails_the_deployment(hook, deployed_env, answer):
    codedeploy = FakeCodeDeploy("latchkey-prod-sign-in")
    status = hook.handler(EVENT, None, clients=[codedeploy, FakeLambda(answer=answer), FakeCloudFormation("x")])
    assert status == "Failed"
    assert codedeploy.reports == [("d-SMOKE", "hook-1", "Failed")]


def test_an_error_of_the_hook_itself_fails_the_deployment(hook, deployed_env):
    class Broken(FakeCodeDeploy):
        def list_deployment_targets(self, deploymentId):
            raise RuntimeError("AccessDenied")

    codedeploy = Broken("latchkey-prod-users")
    assert hook.handler(EVENT, None, clients=[codedeploy, FakeLambda(answer=lambda e: {}), FakeCloudFormation("x")]) == "Failed"
    assert codedeploy.reports == [("d-SMOKE", "hook-1", "Failed")]


def test_a_function_without_smoke_requests_fails_rather_than_passes(hook):
    failures = hook.run(EVENT, FakeCodeDeploy("latchkey-prod-mailer"), FakeLambda(answer=lambda e: {}), None, env())
    assert failures == ["latchkey-prod-mailer: no smoke requests for this function"]


def test_disabled_reports_success_without_a_request(hook):
    fake = FakeLambda(answer=lambda e: pytest.fail("no request when disabled"))
    assert hook.run(EVENT, None, fake, None, env(LATCHKEY_SMOKE="disabled")) == []
    assert source()["Parameters"]["DeploySmokeTest"]["Default"] == "enabled"
