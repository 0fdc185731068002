"""Deployments that can roll themselves back: the alarms CodeDeploy watches are
scoped to the version being deployed and can fire while the canary still holds
it at 10%, and every HTTP function's deployment runs the smoke hook before and
after the traffic shift, with a role that can do nothing else.
"""

import json
import math
import re

import pytest
from policy_sentry.querying.actions import get_action_data

from stack import ALL_FUNCTIONS, HTTP_FUNCTIONS, PROD, as_list, deployed, of_type, role_statements, source, version_of
from test_deploy_smoke import hook_module

# CloudWatch publishes a minute's Lambda datapoint about a minute later (EMF
# metrics from the logs too): an alarm fires that much after its last datapoint.
PUBLICATION_DELAY_S = 60


def shifting_seconds(deployment_type):
    """How long CodeDeploy keeps the new version below 100% of the traffic: the
    time a rollback alarm has to fire. None for AllAtOnce (no shift to watch)."""
    if m := re.fullmatch(r"Canary(\d+)Percent(\d+)Minutes", deployment_type):
        return int(m[2]) * 60
    if m := re.fullmatch(r"Linear(\d+)PercentEvery(\d+)Minutes?", deployment_type):
        steps_below_100 = math.ceil(100 / int(m[1])) - 1
        return steps_below_100 * int(m[2]) * 60
    assert deployment_type == "AllAtOnce", deployment_type
    return None


def deployment_group(resources, fn):
    (alias,) = [a for a in of_type(resources, "AWS::Lambda::Alias").values() if a["Properties"]["FunctionName"] == {"Ref": fn}]
    update = alias["UpdatePolicy"]["CodeDeployLambdaAliasUpdate"]
    return resources[update["DeploymentGroupName"]["Ref"]], update


def rollback_alarms(resources, fn):
    group, _ = deployment_group(resources, fn)
    return {a["Name"]["Ref"]: resources[a["Name"]["Ref"]]["Properties"] for a in group["Properties"]["AlarmConfiguration"]["Alarms"]}


@pytest.mark.parametrize("fn", sorted(ALL_FUNCTIONS))
def test_rollback_alarms_watch_the_version_being_deployed(prod, fn):
    # GIVEN the deployment group of a function, WHEN CodeDeploy shifts its alias to
    # the template's version, THEN every alarm it watches sees that version only.
    r = deployed(prod, PROD)
    version = {"Fn::GetAtt": [version_of(r, fn), "Version"]}
    alarms = rollback_alarms(r, fn)
    assert alarms, fn
    metrics = set()
    for name, a in alarms.items():
        dims = {d["Name"]: d["Value"] for d in a["Dimensions"]}
        metrics.add((a["Namespace"], a["MetricName"]))
        if a["Namespace"] == "AWS/Lambda":
            # Invocations through the alias, by the version that ran them.
            assert dims == {
                "FunctionName": {"Ref": fn},
                "Resource": {"Fn::Sub": f"${{{fn}}}:live"},
                "ExecutedVersion": version,
            }, name
        else:
            assert (a["Namespace"], a["MetricName"]) == ("Latchkey", "ServerErrors"), name
            assert dims == {"Stage": {"Ref": "Stage"}, "Function": ALL_FUNCTIONS[fn], "Version": version}, name
    assert ("AWS/Lambda", "Errors") in metrics
    if fn in HTTP_FUNCTIONS:
        assert ("Latchkey", "ServerErrors") in metrics
    if fn in ("SignInFunction", "ForgotPasswordFunction", "ResetPasswordFunction"):
        assert ("AWS/Lambda", "Duration") in metrics


def test_the_emitted_metric_carries_the_version_dimension_the_alarms_use():
    # The alarms above need shared/src/lambda.rs to publish a Version dimension set.
    from stack import ROOT

    code = (ROOT / "shared" / "src" / "lambda.rs").read_text()
    assert '["Stage", "Function", "Version"]' in code
    assert 'std::env::var("AWS_LAMBDA_FUNCTION_VERSION")' in code


DEPLOYMENT_TYPES = source()["Parameters"]["DeploymentType"]["AllowedValues"]


@pytest.mark.parametrize("deployment_type", [t for t in DEPLOYMENT_TYPES if t != "AllAtOnce"])
def test_rollback_alarms_fire_inside_the_traffic_shift(prod, deployment_type):
    # GIVEN any traffic shifting the DeploymentType parameter allows
    window = shifting_seconds(deployment_type)
    r = deployed(prod, PROD)
    for fn in ALL_FUNCTIONS:
        group, _ = deployment_group(r, fn)
        # (the group takes its configuration from the parameter: the default here)
        assert json.dumps(group["Properties"]["DeploymentConfigName"]).count(PROD.get("DeploymentType", "Canary10Percent5Minutes")) == 1
        for name, a in rollback_alarms(r, fn).items():
            period = a["Period"]
            evaluation = a["EvaluationPeriods"]
            datapoints = a.get("DatapointsToAlarm", evaluation)
            # THEN errors that start with the shift put the alarm in ALARM while the
            # new version still has only part of the traffic...
            assert period * datapoints + PUBLICATION_DELAY_S <= window, (name, deployment_type)
            # ...and the window it judges lies inside the shift: no datapoint from
            # before the deployment decides it.
            assert period * evaluation <= window, (name, deployment_type)


def test_shifting_seconds_reads_the_codedeploy_names():
    assert shifting_seconds("Canary10Percent5Minutes") == 300
    assert shifting_seconds("Canary10Percent30Minutes") == 1800
    assert shifting_seconds("Linear10PercentEvery1Minute") == 9 * 60
    assert shifting_seconds("Linear10PercentEvery10Minutes") == 90 * 60
    assert shifting_seconds("AllAtOnce") is None


# ---------------------------------------------------------------- hooks
def test_every_http_function_deploys_through_the_smoke_hook(prod):
    r = deployed(prod, PROD)
    for fn in ALL_FUNCTIONS:
        _, update = deployment_group(r, fn)
        if fn in HTTP_FUNCTIONS:
            assert update["BeforeAllowTrafficHook"] == {"Ref": "DeploySmokeFunction"}, fn
            assert update["AfterAllowTrafficHook"] == {"Ref": "DeploySmokeFunction"}, fn
        else:
            # The mailer, ses-events, expiry-reminders and job-worker answer no HTTP request;
            # their alarms guard them.
            assert "BeforeAllowTrafficHook" not in update and "AfterAllowTrafficHook" not in update, fn
    # The hook is a plain function: no alias and no canary of its own.
    assert r["DeploySmokeFunction"]["Type"] == "AWS::Lambda::Function"
    assert not [a for a in of_type(r, "AWS::Lambda::Alias").values() if a["Properties"]["FunctionName"] == {"Ref": "DeploySmokeFunction"}]


def test_hook_smokes_exactly_the_http_functions(prod):
    hook = hook_module()
    assert set(hook.function_requests("smoke", "x@example.invalid")) == set(HTTP_FUNCTIONS.values())
    env = deployed(prod, PROD)["DeploySmokeFunction"]["Properties"]["Environment"]["Variables"]
    assert env["LATCHKEY_SMOKE_TENANT"] == {"Ref": "SmokeTenant"}
    assert env["LATCHKEY_SMOKE"] == {"Ref": "DeploySmokeTest"}
    assert env["LATCHKEY_SMOKE_EMAIL"].endswith(".invalid")
    assert env["LATCHKEY_SMOKE_STACK"] == {"Ref": "AWS::StackId"}
    # The functions are named latchkey-<stage>-<name>: the hook finds its requests by it.
    for fn, name in HTTP_FUNCTIONS.items():
        assert source()["Resources"][fn]["Properties"]["FunctionName"] == {"Fn::Sub": f"latchkey-${{Stage}}-{name}"}


def test_codedeploy_may_invoke_the_hook_and_nothing_else(prod):
    r = deployed(prod, PROD)
    name = r["DeploySmokeFunction"]["Properties"]["FunctionName"]["Fn::Sub"]
    # AWSCodeDeployRoleForLambdaLimited grants lambda:InvokeFunction on
    # function:CodeDeployHook_* only.
    assert name.startswith("CodeDeployHook_") and len(name.replace("${Stage}", "x" * 16)) <= 64
    for fn in ALL_FUNCTIONS:
        group, _ = deployment_group(r, fn)
        assert group["Properties"]["ServiceRoleArn"] == {"Fn::GetAtt": ["CodeDeployRole", "Arn"]}
    assert "CodeDeployServiceRole" not in r  # SAM's own, untaggable, boundary-less role
    role = r["CodeDeployRole"]["Properties"]
    assert role["ManagedPolicyArns"] == [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited"}]
    assert "Policies" not in role
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "codedeploy.amazonaws.com"}


def resource_formats(action):
    service, name = action.split(":")
    return {e["resource_arn_format"] for entries in get_action_data(service, name).values() for e in entries}


def test_the_hooks_role_has_only_what_the_hook_calls(prod):
    r = deployed(prod, PROD)
    assert r["DeploySmokeFunction"]["Properties"]["Role"] == {"Fn::GetAtt": ["DeploySmokeRole", "Arn"]}
    assert not r["DeploySmokeRole"]["Properties"].get("ManagedPolicyArns")
    granted = {}
    for s in role_statements(r, "DeploySmokeRole"):
        assert s["Effect"] == "Allow" and "NotAction" not in s and "NotResource" not in s
        for action in as_list(s["Action"]):
            granted.setdefault(action, []).extend(as_list(s["Resource"]))
    assert set(granted) == {
        "codedeploy:PutLifecycleEventHookExecutionStatus",
        "codedeploy:ListDeploymentTargets",
        "codedeploy:GetDeploymentTarget",
        "lambda:InvokeFunction",
        "cloudformation:DescribeStacks",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
    }
    # The versions of the HTTP functions, nothing else (not $LATEST, not the mailer).
    assert sorted(json.dumps(x) for x in granted["lambda:InvokeFunction"]) == sorted(
        json.dumps({"Fn::Sub": f"${{{fn}.Arn}}:*"}) for fn in HTTP_FUNCTIONS
    )
    assert granted["codedeploy:PutLifecycleEventHookExecutionStatus"] == [
        {"Fn::Sub": "arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:${ServerlessDeploymentApplication}/*"}
    ]
    assert granted["cloudformation:DescribeStacks"] == [{"Ref": "AWS::StackId"}]
    assert granted["logs:PutLogEvents"] == [{"Fn::GetAtt": ["DeploySmokeLogs", "Arn"]}]
    # "*" only where IAM offers nothing narrower (the service authorization
    # reference, as policy_sentry ships it).
    for action, resources in granted.items():
        if "*" in resources:
            assert resource_formats(action) == {"*"}, action
