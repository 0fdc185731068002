"""Properties of the deployed stack, proven on the template *after* the SAM
transform (what CloudFormation actually creates), offline.

Run: .venv/bin/python -m pytest infra/tests   (scripts/infra_checks.sh does)

The transform runs once per parameter set (prod with an alarm topic, and the
defaults); CloudFormation Conditions and Fn::If are evaluated here for those
parameters, so "an action in prod" and "no reserved concurrency by default" are
checked on the values CloudFormation would use.
"""

import json
import re
import tomllib

import pytest

from stack import (
    ALL_FUNCTIONS,
    DEFAULTS,
    HTTP_FUNCTIONS,
    NO_REQUEST,
    PROD,
    QUEUEING,
    REQUIRED,
    ROOT,
    SUPPORT_ROLE,
    TOPIC,
    as_list,
    cond,
    deployed,
    of_type,
    param_values,
    refs,
    role_statements,
    source,
    version_of,
)


# ---------------------------------------------------------------- alarms
def alarm_metrics(alarm):
    """(namespace, metric name, dimensions) of every metric the alarm reads."""
    p = alarm["Properties"]
    if "Metrics" in p:
        stats = [m["MetricStat"]["Metric"] for m in p["Metrics"] if "MetricStat" in m]
        assert stats and any(m.get("Expression") for m in p["Metrics"])
        return [(m["Namespace"], m["MetricName"], m.get("Dimensions", [])) for m in stats]
    return [(p["Namespace"], p["MetricName"], p.get("Dimensions", []))]


# AWS publishes these per account and region only: the documented exceptions (each
# alarm's description and docs/operations.md say so).
ACCOUNT_LEVEL = {
    ("AWS/SES", "Reputation.BounceRate"),
    ("AWS/SES", "Reputation.ComplaintRate"),
    ("AWS/SES", "Send"),
    ("AWS/Lambda", "UnreservedConcurrentExecutions"),
}


def test_every_alarm_has_dimensions_and_notifies_in_prod(prod, default):
    r = deployed(prod, PROD)
    alarms = of_type(r, "AWS::CloudWatch::Alarm")
    assert len(alarms) >= 30
    exceptions = set()
    for name, alarm in alarms.items():
        p = alarm["Properties"]
        for namespace, metric, dims in alarm_metrics(alarm):
            if (namespace, metric) in ACCOUNT_LEVEL:
                exceptions.add((namespace, metric))
                assert "Account-level" in p["AlarmDescription"] or "account-level" in p["AlarmDescription"], name
                assert not dims, name
            else:
                assert dims, f"{name} watches the whole account"
                assert all(d.get("Value") not in (None, "") for d in dims), name
        assert p.get("AlarmActions") == [{"Ref": "AlarmTopicArn"}], f"{name} notifies nobody in prod"
        assert p.get("TreatMissingData") == "notBreaching", name
    assert exceptions == ACCOUNT_LEVEL
    # Without a topic (dev default) the actions are simply absent.
    for name, alarm in of_type(deployed(default, DEFAULTS), "AWS::CloudWatch::Alarm").items():
        assert "AlarmActions" not in alarm["Properties"], name


def test_prod_cannot_deploy_without_an_alarm_topic():
    t = source()
    rule = t["Rules"]["ProdNeedsAlarmTopic"]
    for params, allowed in [
        ({**REQUIRED, "Stage": "prod"}, False),
        ({**REQUIRED, "Stage": "prod", "AlarmTopicArn": TOPIC}, True),
        ({**REQUIRED, "Stage": "dev"}, True),
    ]:
        p = param_values(t, params)
        applies = cond(t, rule["RuleCondition"], p)
        ok = not applies or all(cond(t, a["Assert"], p) for a in rule["Assertions"])
        assert ok == allowed, params


def function_alarms(resources, fn):
    """Alarm logical ids watching this function (by FunctionName or Function dimension)."""
    out = {}
    for name, alarm in of_type(resources, "AWS::CloudWatch::Alarm").items():
        for d in alarm["Properties"].get("Dimensions", []):
            if (d["Name"] == "FunctionName" and d["Value"] == {"Ref": fn}) or (
                d["Name"] == "Function" and d["Value"] == ALL_FUNCTIONS[fn]
            ):
                out[name] = alarm["Properties"]
    return out


@pytest.mark.parametrize("fn", sorted(ALL_FUNCTIONS))
def test_function_alarms(prod, fn):
    r = deployed(prod, PROD)
    alarms = function_alarms(r, fn)
    metrics = {(a["Namespace"], a["MetricName"]) for a in alarms.values()}
    assert ("AWS/Lambda", "Errors") in metrics and ("AWS/Lambda", "Throttles") in metrics, metrics
    if fn in HTTP_FUNCTIONS:
        (server_errors,) = [a for a in alarms.values() if a["MetricName"] == "ServerErrors"]
        assert server_errors["Namespace"] == "Latchkey"
        assert server_errors["Dimensions"] == [
            {"Name": "Stage", "Value": {"Ref": "Stage"}},
            {"Name": "Function", "Value": HTTP_FUNCTIONS[fn]},
            # The version being deployed (shared/src/lambda.rs publishes both).
            {"Name": "Version", "Value": {"Fn::GetAtt": [version_of(r, fn), "Version"]}},
        ]
        assert (ROOT / "functions" / HTTP_FUNCTIONS[fn]).is_dir()


@pytest.mark.parametrize(
    "resource",
    ["/v1/tenants/{tenant}/sessions", "/v1/tenants/{tenant}/password-resets", "/v1/tenants/{tenant}/password-resets/confirm"],
)
def test_p99_latency_alarm_per_route(prod, resource):
    r = deployed(prod, PROD)
    found = [
        a["Properties"]
        for a in of_type(r, "AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == "Latency"
        and {"Name": "Resource", "Value": resource} in a["Properties"]["Dimensions"]
    ]
    assert len(found) == 1, resource
    a = found[0]
    assert a["Namespace"] == "AWS/ApiGateway" and a["ExtendedStatistic"] == "p99"
    names = [d["Name"] for d in a["Dimensions"]]
    assert names == ["ApiName", "Stage", "Resource", "Method"]
    # The stage publishes per-method metrics, or these dimensions would never have data.
    (stage,) = of_type(r, "AWS::ApiGateway::Stage").values()
    assert any(m["MetricsEnabled"] and m["ResourcePath"] == "/*" for m in stage["Properties"]["MethodSettings"])
    (api,) = of_type(r, "AWS::ApiGateway::RestApi").values()
    assert {"Name": "ApiName", "Value": api["Properties"]["Name"]} in a["Dimensions"]


def test_mail_alarms(prod):
    r = deployed(prod, PROD)
    alarms = [a["Properties"] for a in of_type(r, "AWS::CloudWatch::Alarm").values()]
    assert any(a.get("MetricName") == "IteratorAge" and a["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "MailerFunction"}}] for a in alarms)
    for queue in ["MailDeadLetterQueue", "SesEventsDeadLetterQueue"]:
        assert any(
            a.get("MetricName") == "ApproximateNumberOfMessagesVisible"
            and a["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}]
            for a in alarms
        ), queue
    rate = [a for a in alarms if "Metrics" in a]
    assert any(m.get("MetricStat", {}).get("Metric", {}).get("MetricName") == "5XXError" for a in rate for m in a["Metrics"])
    assert of_type(r, "AWS::CloudWatch::Dashboard")


# ---------------------------------------------------------------- rollouts
@pytest.mark.parametrize("fn", sorted(ALL_FUNCTIONS))
def test_every_function_has_an_alias_and_a_canary_rolled_back_by_its_alarms(prod, fn):
    r = deployed(prod, PROD)
    assert r[fn]["Type"] == "AWS::Lambda::Function"
    aliases = [a for a in of_type(r, "AWS::Lambda::Alias").values() if a["Properties"]["FunctionName"] == {"Ref": fn}]
    assert len(aliases) == 1 and aliases[0]["Properties"]["Name"] == "live"
    update = aliases[0]["UpdatePolicy"]["CodeDeployLambdaAliasUpdate"]
    group = r[update["DeploymentGroupName"]["Ref"]]
    assert group["Type"] == "AWS::CodeDeploy::DeploymentGroup"
    p = group["Properties"]
    assert "DEPLOYMENT_STOP_ON_ALARM" in p["AutoRollbackConfiguration"]["Events"]
    assert p["AlarmConfiguration"]["Enabled"] is True
    watched = {a["Name"]["Ref"] for a in p["AlarmConfiguration"]["Alarms"]}
    mine = function_alarms(r, fn)
    errors = {k for k, a in mine.items() if a["MetricName"] in ("Errors", "ServerErrors")}
    assert errors and errors <= watched, (errors, watched)
    assert all(a in r and r[a]["Type"] == "AWS::CloudWatch::Alarm" for a in watched)
    assert json.dumps(p["DeploymentConfigName"]).count("Canary10Percent5Minutes") == 1  # the default type


def test_event_sources_invoke_the_alias(prod):
    r = deployed(prod, PROD)
    for name, perm in of_type(r, "AWS::Lambda::Permission").items():
        target = perm["Properties"]["FunctionName"]["Ref"]
        assert target.endswith("Aliaslive"), (name, target)
    (api,) = of_type(r, "AWS::ApiGateway::RestApi").values()
    for path, methods in api["Properties"]["Body"]["paths"].items():
        for method, op in methods.items():
            integ = op["x-amazon-apigateway-integration"]
            if integ["type"] == "aws_proxy":
                assert re.search(r"\$\{\w+Aliaslive\}", json.dumps(integ["uri"])), (path, method)
    mappings = {e["Properties"]["FunctionName"]["Ref"] for e in of_type(r, "AWS::Lambda::EventSourceMapping").values()}
    assert mappings == {"MailerFunctionAliaslive", "JobWorkerFunctionAliaslive"}
    (sub,) = of_type(r, "AWS::SNS::Subscription").values()
    assert sub["Properties"]["Endpoint"] == {"Ref": "SesEventsFunctionAliaslive"}
    (schedule,) = of_type(r, "AWS::Scheduler::Schedule").values()
    assert schedule["Properties"]["Target"]["Arn"] == {"Ref": "ExpiryRemindersFunctionAliaslive"}


def test_the_expiry_pass_runs_daily_with_a_role_that_only_invokes_it(prod):
    r = deployed(prod, PROD)
    (schedule,) = of_type(r, "AWS::Scheduler::Schedule").values()
    p = schedule["Properties"]
    assert p["ScheduleExpression"] == "cron(0 6 * * ? *)" and p["State"] == "ENABLED"
    # No fixed name: two stacks in one account would collide in the default group.
    assert "Name" not in p
    role = p["Target"]["RoleArn"]["Fn::GetAtt"][0]
    trust = r[role]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert [s["Principal"] for s in trust] == [{"Service": "scheduler.amazonaws.com"}]
    statements = list(role_statements(r, role))
    assert [(s["Action"], s["Resource"]) for s in statements] == [
        ("lambda:InvokeFunction", {"Ref": "ExpiryRemindersFunctionAliaslive"})
    ]
    assert not r[role]["Properties"].get("ManagedPolicyArns")
    # Lambda retries a failed pass (the schedule's own retries are for the call).
    config = [c["Properties"] for c in of_type(r, "AWS::Lambda::EventInvokeConfig").values()
              if c["Properties"]["FunctionName"] == {"Ref": "ExpiryRemindersFunction"}]
    assert [c["MaximumRetryAttempts"] for c in config] == [2]


@pytest.mark.parametrize("fn", sorted(NO_REQUEST))
def test_reminders_and_jobs_link_to_a_real_address_without_a_request(default, fn):
    # GIVEN no request to take the address from, the links of the expiry pass
    # and of a job's mails follow PublicBaseUrl, else the custom domain, else
    # the stage's execute-api URL
    def base(params):
        r = deployed(default, {**DEFAULTS, **params})
        return r[fn]["Properties"]["Environment"]["Variables"]["LATCHKEY_PUBLIC_BASE_URL"]

    assert base({"PublicBaseUrl": "https://login.example.com"}) == {"Fn::Sub": "${PublicBaseUrl}"}
    domain = {"DomainName": "login.example.com", "CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/a"}
    assert base(domain) == {"Fn::Sub": "https://${DomainName}"}
    execute_api = base({})["Fn::Sub"]
    # (SAM names the stage resource: ${Api.Stage} becomes ${ApiStage}, as in the outputs)
    assert execute_api.startswith("https://${Api}.execute-api.") and execute_api.endswith("/${ApiStage}")


# ---------------------------------------------------------------- functions
@pytest.mark.parametrize("fn", sorted(ALL_FUNCTIONS))
def test_tracing_stage_env_and_no_reserved_concurrency_by_default(default, fn):
    r = deployed(default, DEFAULTS)
    p = r[fn]["Properties"]
    assert p["TracingConfig"] == {"Mode": "Active"}
    assert "ReservedConcurrentExecutions" not in p
    env = p["Environment"]["Variables"]
    assert env["LATCHKEY_STAGE"] == {"Ref": "Stage"}
    if fn not in NO_REQUEST:
        assert env["LATCHKEY_PUBLIC_BASE_URL"] == {"Ref": "PublicBaseUrl"}  # never the Api: a cycle
    if fn in QUEUEING or fn == "MailerFunction":
        assert env["LATCHKEY_OUTBOX_KMS_KEY"] == {"Fn::GetAtt": ["OutboxKey", "Arn"]}
    else:
        assert "LATCHKEY_OUTBOX_KMS_KEY" not in env
    reserved = deployed(default, {**DEFAULTS, "ReservedConcurrency": "20"})[fn]["Properties"]
    assert reserved["ReservedConcurrentExecutions"] == {"Ref": "ReservedConcurrency"}


def test_stage_traces_and_logs_request_ids(default):
    (stage,) = of_type(deployed(default, DEFAULTS), "AWS::ApiGateway::Stage").values()
    p = stage["Properties"]
    assert p["TracingEnabled"] is True
    fmt = p["AccessLogSetting"]["Format"]
    assert "$context.requestId" in fmt and "$context.extendedRequestId" in fmt
    json.loads(fmt)  # one JSON object per line
    for secretish in ["$input", "$context.authorizer", "header"]:
        assert secretish not in fmt


def test_mailer_and_support_environment(default):
    r = deployed(default, DEFAULTS)
    mailer = r["MailerFunction"]["Properties"]["Environment"]["Variables"]
    assert mailer["LATCHKEY_MAIL_DLQ_URL"] == {"Ref": "MailDeadLetterQueue"}
    sends = [s for s in role_statements(r, "MailerFunctionRole") if "sqs:SendMessage" in as_list(s["Action"]) or "sqs:SendMessage*" in as_list(s["Action"])]
    assert any("MailDeadLetterQueue" in refs(s["Resource"]) for s in sends)
    support = r["SupportResetFunction"]["Properties"]["Environment"]["Variables"]
    assert support["LATCHKEY_SUPPORT_ROLE_ARN"] == {"Ref": "SupportRoleArn"}


# ---------------------------------------------------------------- data
def test_stream_is_keys_only_and_data_survives(default):
    r = deployed(default, DEFAULTS)
    (table,) = of_type(r, "AWS::DynamoDB::Table").values()
    assert table["Properties"]["StreamSpecification"]["StreamViewType"] == "KEYS_ONLY"
    keep = list(of_type(r, "AWS::DynamoDB::Table").values()) + list(of_type(r, "AWS::KMS::Key").values()) + list(of_type(r, "AWS::Logs::LogGroup").values())
    for res in keep:
        assert res.get("DeletionPolicy") == "RetainExceptOnCreate"
        assert res.get("UpdateReplacePolicy") == "Retain"
    # Retained resources never carry a fixed name a re-created stack would collide with.
    for kind, prop in [("AWS::DynamoDB::Table", "TableName"), ("AWS::Logs::LogGroup", "LogGroupName")]:
        for name, res in of_type(r, kind).items():
            value = res["Properties"].get(prop)
            assert value is None or "AWS::StackId" in json.dumps(value), f"{name}: fixed {prop} {value}"


def test_only_the_mailer_decrypts_with_the_outbox_key(default):
    r = deployed(default, DEFAULTS)
    statements = r["OutboxKey"]["Properties"]["KeyPolicy"]["Statement"]
    mailer = {"Fn::GetAtt": ["MailerFunctionRole", "Arn"]}

    def actions(s):
        return as_list(s["Action"])

    def grants(s, action):
        return any(a == action or a == "kms:*" or (a.endswith("*") and action.startswith(a[:-1])) for a in actions(s))

    allows = [s for s in statements if s["Effect"] == "Allow"]
    decrypters = [s for s in allows if grants(s, "kms:Decrypt") or grants(s, "kms:CreateGrant") or grants(s, "kms:ReEncryptFrom")]
    assert [s["Principal"] for s in decrypters] == [{"AWS": mailer}]
    assert actions(decrypters[0]) == ["kms:Decrypt"]
    (deny,) = [s for s in statements if s["Effect"] == "Deny"]
    assert "kms:Decrypt" in actions(deny) and deny["Principal"] in ({"AWS": "*"}, "*")
    assert deny["Condition"] == {"ArnNotEquals": {"aws:PrincipalArn": mailer}}
    generators = [s for s in allows if grants(s, "kms:GenerateDataKey")]
    assert len(generators) == 1
    principals = {p["Fn::GetAtt"][0] for p in as_list(generators[0]["Principal"]["AWS"])}
    assert principals == {f"{f}Role" for f in QUEUEING}
    # No role's own policy mentions the outbox key (the key policy decides alone).
    for name in of_type(r, "AWS::IAM::Role"):
        for s in role_statements(r, name):
            assert "OutboxKey" not in refs(s.get("Resource")), name


# The functions that read a user's TOTP secret (and so unwrap the key that seals it).
TOTP_READERS = {"SignInFunction", "ChangePasswordFunction"}


def test_only_the_totp_readers_decrypt_with_the_totp_key(default):
    r = deployed(default, DEFAULTS)
    statements = r["TotpKey"]["Properties"]["KeyPolicy"]["Statement"]
    readers = [{"Fn::GetAtt": [f"{f}Role", "Arn"]} for f in sorted(TOTP_READERS)]

    def actions(s):
        return as_list(s["Action"])

    def grants(s, action):
        return any(a == action or a == "kms:*" or (a.endswith("*") and action.startswith(a[:-1])) for a in actions(s))

    allows = [s for s in statements if s["Effect"] == "Allow"]
    users = [s for s in allows if any(grants(s, a) for a in ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:ReEncryptFrom"])]
    (use,) = users
    assert sorted(as_list(use["Principal"]["AWS"]), key=json.dumps) == readers
    assert sorted(actions(use)) == ["kms:Decrypt", "kms:GenerateDataKey"]
    # Only for its purpose: the data key of TOTP secrets, never another ciphertext.
    assert use["Condition"] == {"StringEquals": {"kms:EncryptionContext:purpose": "latchkey-totp"}}
    (deny,) = [s for s in statements if s["Effect"] == "Deny"]
    assert "kms:Decrypt" in actions(deny) and deny["Principal"] in ({"AWS": "*"}, "*")
    assert sorted(as_list(deny["Condition"]["ArnNotEquals"]["aws:PrincipalArn"]), key=json.dumps) == readers
    for name in of_type(r, "AWS::IAM::Role"):
        for s in role_statements(r, name):
            assert "TotpKey" not in refs(s.get("Resource")), name
    for fn in ALL_FUNCTIONS:
        env = r[fn]["Properties"]["Environment"]["Variables"]
        if fn in TOTP_READERS:
            assert env["LATCHKEY_TOTP_KMS_KEY"] == {"Fn::GetAtt": ["TotpKey", "Arn"]}, fn
            keyring = [s for s in table_statements(r, fn) if "KEYRING#*" in (leading_keys(s) or [])]
            assert [(sorted(as_list(s["Action"])), leading_keys(s)) for s in keyring] == [
                (["dynamodb:GetItem", "dynamodb:PutItem"], ["KEYRING#*"])
            ], fn
        else:
            assert "LATCHKEY_TOTP_KMS_KEY" not in env, fn
            assert not any("KEYRING#*" in (leading_keys(s) or []) for s in table_statements(r, fn)), fn


# ---------------------------------------------------------------- support
def test_support_routes_need_iam_and_the_support_role(default):
    r = deployed(default, DEFAULTS)
    (api,) = of_type(r, "AWS::ApiGateway::RestApi").values()
    body = api["Properties"]["Body"]
    support_ops = 0
    for path, methods in body["paths"].items():
        for method, op in methods.items():
            if method == "options":
                continue
            security = op.get("security")
            if path.startswith("/v1/support/"):
                support_ops += 1
                assert security == [{"AWS_IAM": []}], (path, method)
                assert "credentials" not in op["x-amazon-apigateway-integration"], "invoked with the caller's credentials"
            else:
                assert not security, (path, method)
    assert support_ops >= 2
    assert body["components"]["securitySchemes"]["AWS_IAM"]["x-amazon-apigateway-authtype"] == "awsSigv4"
    policy = body["x-amazon-apigateway-policy"]["Statement"]
    (deny,) = [s for s in policy if s["Effect"] == "Deny"]
    assert deny["Resource"] == "execute-api:/*/*/v1/support/*"
    # SAM substitutes the parameter's value when it has one (as at deploy time).
    role = [{"Ref": "SupportRoleArn"}, SUPPORT_ROLE]
    assert deny["Condition"]["ArnNotEquals"]["aws:PrincipalArn"] in role
    assert list(deny["Condition"]) == ["ArnNotEquals"]
    assert any(s["Effect"] == "Allow" and s["Principal"].get("AWS") in role for s in policy if isinstance(s["Principal"], dict))
    src = source()["Resources"]["Api"]["Properties"]["Auth"]["ResourcePolicy"]["CustomStatements"]
    assert {"ArnNotEquals": {"aws:PrincipalArn": {"Ref": "SupportRoleArn"}}} in [s.get("Condition") for s in src]
    t = source()
    pattern = t["Parameters"]["SupportRoleArn"]["AllowedPattern"]
    assert "Default" not in t["Parameters"]["SupportRoleArn"]
    assert re.fullmatch(pattern, SUPPORT_ROLE)
    assert not re.fullmatch(pattern, "arn:aws:iam::123456789012:user/alice")
    assert not re.fullmatch(pattern, "*")


# ---------------------------------------------------------------- IAM
KNOWN_MANAGED = {
    # None of these grants a DynamoDB action.
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited",
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
}


# AWS Backup's service role policy: backup actions on every table of the account
# (create, describe, expire backups), never an item read; on the backup role only.
BACKUP_MANAGED = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"


def test_no_policy_grants_dynamodb_on_everything(default):
    r = deployed(default, DEFAULTS)
    assert "BackupRole" in r
    for name, role in of_type(r, "AWS::IAM::Role").items():
        for arn in role["Properties"].get("ManagedPolicyArns", []):
            arn = arn["Fn::Sub"] if isinstance(arn, dict) else arn
            if name == "BackupRole":
                assert arn == BACKUP_MANAGED, arn
                continue
            assert arn in KNOWN_MANAGED, f"{name}: managed policy {arn} (AWSLambdaDynamoDBExecutionRole grants streams on *)"
        for s in role_statements(r, name):
            if any(a.startswith("dynamodb:") or a == "*" for a in as_list(s["Action"])):
                for res in as_list(s["Resource"]):
                    assert res != "*" and refs(res) & {"Table"}, f"{name}: {s['Action']} on {res}"
                assert all(a != "dynamodb:*" for a in as_list(s["Action"]))


# pk families of shared/src/adapters/dynamodb/ (every module). EMAIL# is gsi1pk only (the
# index); PWSET# and PWEXP# are gsi2pk only (the expiry index).
INDEX_ONLY = {"EMAIL", "PWSET", "PWEXP"}


def key_families():
    text = "".join(p.read_text() for p in sorted((ROOT / "shared" / "src" / "adapters" / "dynamodb").glob("*.rs")))
    return set(re.findall(r'"([A-Z][A-Z0-9_]*)#', text))


def leading_keys(statement):
    return statement.get("Condition", {}).get("ForAllValues:StringLike", {}).get("dynamodb:LeadingKeys")


def table_statements(r, fn):
    for s in role_statements(r, f"{fn}Role"):
        if any(a.startswith("dynamodb:") for a in as_list(s["Action"])) and s["Resource"] == {"Fn::GetAtt": ["Table", "Arn"]}:
            yield s


def test_leading_keys_cover_the_key_design(default):
    families = key_families()
    assert {"USER", "OUTBOX", "SESSION", "RESET", "TENANT"} <= families  # the parser works
    r = deployed(default, DEFAULTS)
    allowed = set()
    for fn in ALL_FUNCTIONS:
        for s in table_statements(r, fn):
            allowed |= {k.rstrip("*").rstrip("#") for k in leading_keys(s) or []}
    unknown = families - INDEX_ONLY - allowed
    assert not unknown, (
        f"key families {sorted(unknown)} in the DynamoDB adapter are in no function's dynamodb:LeadingKeys: "
        "add them to the functions that use them in infra/template.yaml"
    )


@pytest.mark.parametrize("fn", sorted(set(ALL_FUNCTIONS) - {"PagesFunction"}))
def test_every_table_statement_is_limited_by_leading_keys(default, fn):
    r = deployed(default, DEFAULTS)
    statements = list(table_statements(r, fn))
    assert statements, fn
    for s in statements:
        keys = leading_keys(s)
        assert keys, f"{fn}: {s['Action']} without dynamodb:LeadingKeys"
        assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*#\*", k) for k in keys), keys
        reads_or_changes = set(as_list(s["Action"])) - {"dynamodb:PutItem"}
        if fn == "MailerFunction":
            assert keys == ["OUTBOX#*"], "the mailer touches outbox items only"
        elif reads_or_changes:
            # Only the mailer reads, updates or deletes queued mail.
            assert "OUTBOX#*" not in keys, f"{fn}: {sorted(reads_or_changes)} on outbox items"


def test_pages_has_no_table_access(default):
    r = deployed(default, DEFAULTS)
    for s in role_statements(r, "PagesFunctionRole"):
        assert not any(a.startswith("dynamodb:") for a in as_list(s["Action"]))


# ---------------------------------------------------------------- parameters, config, events
def test_every_parameter_is_validated():
    for name, p in source()["Parameters"].items():
        if p["Type"] == "Number":
            assert "AllowedValues" in p or ("MinValue" in p and "MaxValue" in p), name
        else:
            assert "AllowedValues" in p or "AllowedPattern" in p, name
        if "Default" in p and "AllowedPattern" in p:
            assert re.fullmatch(p["AllowedPattern"], str(p["Default"])), name


def parse_overrides(line):
    return dict(re.findall(r'(\w+)="([^"]*)"', line))


@pytest.mark.parametrize("env", ["dev", "staging", "prod"])
def test_samconfig_environments_use_valid_parameters(env):
    config = tomllib.loads((ROOT / "infra" / "samconfig.toml").read_text())
    deploy = config[env]["deploy"]["parameters"]
    assert "CAPABILITY_IAM" in deploy["capabilities"]
    # A failed first create leaves no ROLLBACK_COMPLETE stack that blocks the next deploy.
    assert deploy["on_failure"] == "DELETE"
    overrides = parse_overrides(deploy["parameter_overrides"])
    assert overrides["Stage"] == env
    params = source()["Parameters"]
    for key, value in overrides.items():
        p = params[key]
        if "AllowedValues" in p:
            assert value in [str(v) for v in p["AllowedValues"]], (key, value)
        if "AllowedPattern" in p:
            assert re.fullmatch(p["AllowedPattern"], value), (key, value)
    # Only the two values nobody else knows are missing (see the samconfig comments).
    missing = {k for k, p in params.items() if "Default" not in p} - set(overrides)
    assert missing == {"SupportRoleArn", "MailFrom"}


def http_events():
    return sorted(p for p in (ROOT / "events").glob("*/*.json") if p.parent.name not in ("mailer", "ses-events", "job-worker"))


@pytest.mark.parametrize("path", http_events(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_sample_events_are_rest_proxy_v1(path, default):
    e = json.loads(path.read_text())
    for key in ["resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "pathParameters", "requestContext", "body", "isBase64Encoded"]:
        assert key in e, key
    assert "version" not in e and "routeKey" not in e
    rc = e["requestContext"]
    for key in ["requestId", "stage", "domainName", "resourcePath", "httpMethod", "path", "identity"]:
        assert rc.get(key), key
    assert rc["identity"]["sourceIp"] == "203.0.113.7"
    assert rc["resourcePath"] == e["resource"] and rc["httpMethod"] == e["httpMethod"]
    assert {k: [v] for k, v in e["headers"].items()} == e["multiValueHeaders"]
    # The route exists on the API, served by this directory's function.
    r = deployed(default, DEFAULTS)
    (api,) = of_type(r, "AWS::ApiGateway::RestApi").values()
    op = api["Properties"]["Body"]["paths"][e["resource"]][e["httpMethod"].lower()]
    fn = {v: k for k, v in ALL_FUNCTIONS.items()}[path.parent.name]
    assert f"${{{fn}Aliaslive}}" in json.dumps(op["x-amazon-apigateway-integration"]["uri"])
    if path.parent.name == "support-reset":
        assert rc["identity"]["userArn"].startswith("arn:aws:sts::")
        assert rc["identity"]["caller"] and rc["identity"]["accountId"]
