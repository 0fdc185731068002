"""What an operator of an enterprise account needs: the alarms a live service
needs beyond errors (table throttles, SES quota, account concurrency, 4xx and WAF
surges), each naming the section of docs/operations.md that says what it means
and what to do, a permissions boundary on every role, and a stack that can leave
the account-wide API Gateway logging role to the platform team.
"""

import json
import re

import pytest

from stack import PROD, ROOT, as_list, deployed, of_type, source
from test_template import alarm_metrics

RUNBOOK = ROOT / "docs" / "operations.md"


def anchors(markdown):
    """GitHub's heading anchors: lowercase, punctuation but '-' dropped, spaces to '-'."""
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", markdown, re.M):
        out.add(re.sub(r"[^a-z0-9 _-]", "", heading.strip().lower()).replace(" ", "-"))
    return out


def test_every_alarm_names_an_existing_runbook_section(prod):
    sections = anchors(RUNBOOK.read_text())
    named = set()
    for name, alarm in of_type(deployed(prod, PROD), "AWS::CloudWatch::Alarm").items():
        description = alarm["Properties"]["AlarmDescription"]
        m = re.search(r"Runbook: docs/operations\.md#([a-z0-9-]+)\"?$", description)
        assert m, f"{name}: no runbook in {description!r}"
        assert m[1] in sections, f"{name}: docs/operations.md has no section #{m[1]}"
        assert len(description) <= 1024, name  # CloudWatch's limit
        named.add(m[1])
    # Each section says what the alarm means, what to check, and what to do.
    text = RUNBOOK.read_text()
    for section in named:
        body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
        for part in ("**Means**", "**Check**", "**Do**"):
            assert part in body, (section, part)


def alarm(resources, suffix):
    (found,) = [
        a["Properties"] for a in of_type(resources, "AWS::CloudWatch::Alarm").values()
        if a["Properties"]["AlarmName"] == {"Fn::Sub": f"${{AWS::StackName}}-{suffix}"}
    ]
    return found


def metrics_of(a):
    return {(ns, m): {d["Name"]: d["Value"] for d in dims} for ns, m, dims in alarm_metrics({"Properties": a})}


def test_table_throttles_are_watched_on_the_table_and_its_index(prod):
    r = deployed(prod, PROD)
    a = alarm(r, "table-throttles")
    stats = [m["MetricStat"] for m in a["Metrics"] if "MetricStat" in m]
    seen = {(s["Metric"]["MetricName"], json.dumps(s["Metric"]["Dimensions"], sort_keys=True)) for s in stats}
    for metric in ("ReadThrottleEvents", "WriteThrottleEvents"):
        assert (metric, json.dumps([{"Name": "TableName", "Value": {"Ref": "Table"}}], sort_keys=True)) in seen
        assert (metric, json.dumps([{"Name": "TableName", "Value": {"Ref": "Table"}},
                                    {"Name": "GlobalSecondaryIndexName", "Value": "gsi1"}], sort_keys=True)) in seen
    (table,) = of_type(r, "AWS::DynamoDB::Table").values()
    # gsi2 (password expiry) is read once a day by one pass; its throttles are not watched yet.
    assert [i["IndexName"] for i in table["Properties"]["GlobalSecondaryIndexes"]] == ["gsi1", "gsi2"]
    # Missing datapoints (no throttling) count as 0, not as a gap that hides the rest.
    (expression,) = [m["Expression"] for m in a["Metrics"] if "Expression" in m]
    assert expression.count("FILL(") == 4


def test_ses_quota_and_account_concurrency_are_measured_against_their_parameters(prod):
    r = deployed(prod, PROD)
    quota = alarm(r, "ses-sending-quota")
    assert ("AWS/SES", "Send") in metrics_of(quota)
    (expression,) = [m["Expression"] for m in quota["Metrics"] if "Expression" in m]
    assert expression == {"Fn::Sub": "sends / ${SesMax24HourSend}"} and quota["Threshold"] == 0.8
    # A day of sends against the 24-hour quota: a shorter period would miss a slow fill.
    assert [m["MetricStat"]["Period"] for m in quota["Metrics"] if "MetricStat" in m] == [86400]
    concurrency = alarm(r, "account-concurrency")
    assert ("AWS/Lambda", "UnreservedConcurrentExecutions") in metrics_of(concurrency)
    (expression,) = [m["Expression"] for m in concurrency["Metrics"] if "Expression" in m]
    assert expression == {"Fn::Sub": "unreserved / ${UnreservedConcurrencyLimit}"}
    assert concurrency["Threshold"] == 0.8
    params = source()["Parameters"]
    assert params["SesMax24HourSend"]["Default"] == 50000 and params["UnreservedConcurrencyLimit"]["Default"] == 1000


def test_4xx_and_waf_block_surges_are_shares_of_real_traffic(prod):
    r = deployed(prod, PROD)
    api = alarm(r, "api-4xx-surge")
    (rest,) = of_type(r, "AWS::ApiGateway::RestApi").values()
    assert metrics_of(api)[("AWS/ApiGateway", "4XXError")] == {"ApiName": {"Fn::Sub": "latchkey-${Stage}"}, "Stage": {"Ref": "Stage"}}
    assert rest["Properties"]["Name"] == {"Fn::Sub": "latchkey-${Stage}"}
    waf = alarm(r, "waf-blocked-surge")
    (acl,) = of_type(r, "AWS::WAFv2::WebACL").values()
    dims = metrics_of(waf)[("AWS/WAFV2", "BlockedRequests")]
    # WAF publishes under the web ACL's metric name, every rule together as "ALL".
    assert dims == {"WebACL": acl["Properties"]["VisibilityConfig"]["MetricName"], "Region": {"Ref": "AWS::Region"}, "Rule": "ALL"}
    assert ("AWS/WAFV2", "AllowedRequests") in metrics_of(waf)
    for a in (api, waf):
        (expression,) = [m["Expression"] for m in a["Metrics"] if "Expression" in m]
        assert ">= 200" in expression  # a quiet stage's few requests never page
        assert a["EvaluationPeriods"] == a["DatapointsToAlarm"] == 2


# ---------------------------------------------------------------- enterprise accounts
BOUNDARY = "arn:aws:iam::123456789012:policy/PlatformBoundary"


def test_every_role_gets_the_permissions_boundary(prod):
    with_boundary = deployed(prod, {**PROD, "PermissionsBoundaryArn": BOUNDARY, "BackupRetentionDays": "35"})
    roles = of_type(with_boundary, "AWS::IAM::Role")
    assert len(roles) >= 15  # 12 functions, the hook, CodeDeploy, API Gateway logging, the schedule's (and AWS Backup)
    for name, role in roles.items():
        assert role["Properties"].get("PermissionsBoundary") == {"Ref": "PermissionsBoundaryArn"}, name
    for name, role in of_type(deployed(prod, PROD), "AWS::IAM::Role").items():
        assert "PermissionsBoundary" not in role["Properties"], name
    pattern = source()["Parameters"]["PermissionsBoundaryArn"]["AllowedPattern"]
    assert re.fullmatch(pattern, BOUNDARY) and re.fullmatch(pattern, "")
    assert not re.fullmatch(pattern, "arn:aws:iam::123456789012:role/NotAPolicy")


def test_the_account_wide_api_gateway_role_can_be_left_to_the_platform_team(prod):
    managed = deployed(prod, PROD)
    assert "ApiGatewayAccount" in managed and "ApiGatewayCloudWatchRole" in managed
    skipped = deployed(prod, {**PROD, "CreateApiGatewayAccount": "false"})
    assert "ApiGatewayAccount" not in skipped and "ApiGatewayCloudWatchRole" not in skipped
    # The API still waits for the setting when the stack makes it, through a handle
    # (a DependsOn may not name a resource that is not created).
    for r in (managed, skipped):
        (api,) = [k for k, v in of_type(r, "AWS::ApiGateway::RestApi").items()]
        assert as_list(r[api]["DependsOn"]) == ["ApiGatewayAccountReady"]
        assert r["ApiGatewayAccountReady"]["Type"] == "AWS::CloudFormation::WaitConditionHandle"
    assert managed["ApiGatewayAccountReady"]["Metadata"]["ApiGatewayAccount"] == {"Ref": "ApiGatewayAccount"}
    assert skipped["ApiGatewayAccountReady"]["Metadata"]["ApiGatewayAccount"] == "managed outside this stack"
    # Nothing else names the conditional resources.
    for name, res in skipped.items():
        assert "ApiGatewayAccount\"" not in json.dumps(res) or name == "ApiGatewayAccountReady", name
