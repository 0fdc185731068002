"""A restore that works: with ExistingTableName (and its stream) the stack uses a
restored table everywhere it used its own (the functions' table and index
permissions with their dynamodb:LeadingKeys, the mailer's stream and its
permission, the alarms, the backup plan, the output), and creates none; AWS
Backup keeps daily backups for BackupRetentionDays, optionally copied to another
region.
"""

import json
import re

import pytest

from stack import ALL_FUNCTIONS, PROD, REQUIRED, as_list, cond, deployed, of_type, param_values, refs, role_statements, source

RESTORED = "latchkey-prod-restored-20261201"
STREAM = f"arn:aws:dynamodb:eu-west-1:123456789012:table/{RESTORED}/stream/2026-12-01T09:00:00.000"
EXISTING = {**PROD, "ExistingTableName": RESTORED, "ExistingTableStreamArn": STREAM}
RESTORED_ARN = {"Fn::Sub": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${ExistingTableName}"}


def outputs(template, params):
    p = param_values(template, params)
    from stack import resolve_if

    return {k: resolve_if(template, v, p) for k, v in template["Outputs"].items()
            if "Condition" not in v or cond(template, {"Condition": v["Condition"]}, p)}


def test_an_existing_table_replaces_the_stacks_own_everywhere(prod):
    # GIVEN the stack deployed with a restored table's name and stream
    r = deployed(prod, EXISTING)
    # THEN it creates no table, and nothing refers to one of its own
    assert not of_type(r, "AWS::DynamoDB::Table")
    for name, res in r.items():
        assert "Table" not in refs(res), f"{name} still refers to the stack's table"
    assert "Table" not in refs(outputs(prod, EXISTING))
    assert outputs(prod, EXISTING)["TableName"]["Value"] == {"Ref": "ExistingTableName"}


@pytest.mark.parametrize("fn", sorted(set(ALL_FUNCTIONS) - {"PagesFunction"}))
def test_the_functions_may_use_the_restored_table_as_they_did_their_own(prod, fn):
    own, restored = deployed(prod, PROD), deployed(prod, EXISTING)
    assert restored[fn]["Properties"]["Environment"]["Variables"]["LATCHKEY_TABLE"] == {"Ref": "ExistingTableName"}
    assert own[fn]["Properties"]["Environment"]["Variables"]["LATCHKEY_TABLE"] == {"Ref": "Table"}
    before = list(role_statements(own, f"{fn}Role"))
    after = list(role_statements(restored, f"{fn}Role"))
    assert len(before) == len(after)
    table_statements = 0
    for b, a in zip(before, after):
        # The same actions under the same dynamodb:LeadingKeys...
        assert a["Action"] == b["Action"] and a.get("Condition") == b.get("Condition")
        if b["Resource"] == {"Fn::GetAtt": ["Table", "Arn"]}:
            # ...on the restored table instead of the stack's
            assert a["Resource"] == RESTORED_ARN
            table_statements += 1
        elif b["Resource"] in ({"Fn::Sub": "${Table.Arn}/index/gsi1"}, {"Fn::Sub": "${Table.Arn}/index/gsi2"}):
            index = b["Resource"]["Fn::Sub"].rsplit("/", 1)[1]
            assert a["Resource"] == {"Fn::Sub": RESTORED_ARN["Fn::Sub"] + f"/index/{index}"}
        elif b["Resource"] == {"Fn::GetAtt": ["Table", "StreamArn"]}:
            assert a["Resource"] == {"Ref": "ExistingTableStreamArn"}
        elif b["Resource"] == {"Fn::Sub": "${Table.Arn}/stream/*"}:
            assert a["Resource"] == {"Fn::Sub": RESTORED_ARN["Fn::Sub"] + "/stream/*"}
        else:
            assert a["Resource"] == b["Resource"]
    assert table_statements, fn


def test_the_mailer_reads_the_restored_tables_stream(prod):
    r = deployed(prod, EXISTING)
    esm = r["MailerOutboxStream"]
    assert esm["Type"] == "AWS::Lambda::EventSourceMapping"
    assert esm["Properties"]["EventSourceArn"] == {"Ref": "ExistingTableStreamArn"}
    stream_reads = [s for s in role_statements(r, "MailerFunctionRole") if "dynamodb:GetRecords" in as_list(s["Action"])]
    assert [s["Resource"] for s in stream_reads] == [{"Ref": "ExistingTableStreamArn"}]
    # The stack's own: its table's stream, still only that one.
    own = deployed(prod, PROD)
    sources = sorted(json.dumps(e["Properties"]["EventSourceArn"]) for e in of_type(own, "AWS::Lambda::EventSourceMapping").values())
    # (the other mapping is the jobs queue's, which no table setting changes)
    assert sources == sorted(json.dumps(s) for s in [{"Fn::GetAtt": ["Table", "StreamArn"]}, {"Fn::GetAtt": ["JobQueue", "Arn"]}])


def test_alarms_and_backups_watch_the_restored_table(prod):
    r = deployed(prod, EXISTING)
    dims = [d for a in of_type(r, "AWS::CloudWatch::Alarm").values()
            for m in a["Properties"].get("Metrics", []) if "MetricStat" in m
            for d in m["MetricStat"]["Metric"].get("Dimensions", []) if d["Name"] == "TableName"]
    assert dims and all(d["Value"] == {"Ref": "ExistingTableName"} for d in dims)
    (selection,) = of_type(r, "AWS::Backup::BackupSelection").values()
    assert selection["Properties"]["BackupSelection"]["Resources"] == [RESTORED_ARN]


def test_the_name_and_the_stream_go_together():
    t = source()
    (rule,) = [v for k, v in t["Rules"].items() if k == "ExistingTableNeedsItsStream"]
    for params, allowed in [
        (REQUIRED, True),
        ({**REQUIRED, "ExistingTableName": RESTORED, "ExistingTableStreamArn": STREAM}, True),
        ({**REQUIRED, "ExistingTableName": RESTORED}, False),
        ({**REQUIRED, "ExistingTableStreamArn": STREAM}, False),
    ]:
        p = param_values(t, params)
        assert all(cond(t, a["Assert"], p) for a in rule["Assertions"]) == allowed, params
    p = t["Parameters"]
    assert re.fullmatch(p["ExistingTableStreamArn"]["AllowedPattern"], STREAM)
    assert re.fullmatch(p["ExistingTableName"]["AllowedPattern"], RESTORED)
    assert not re.fullmatch(p["ExistingTableStreamArn"]["AllowedPattern"], f"arn:aws:dynamodb:eu-west-1:123456789012:table/{RESTORED}")


# ---------------------------------------------------------------- AWS Backup
def test_a_daily_backup_kept_for_the_retention_in_the_stacks_encrypted_vault(prod):
    r = deployed(prod, PROD)
    (plan,) = of_type(r, "AWS::Backup::BackupPlan").values()
    (rule,) = plan["Properties"]["BackupPlan"]["BackupPlanRule"]
    assert rule["ScheduleExpression"] == "cron(0 3 * * ? *)"
    assert rule["Lifecycle"] == {"DeleteAfterDays": {"Ref": "BackupRetentionDays"}}
    assert rule["TargetBackupVault"] == {"Ref": "BackupVault"}
    assert "CopyActions" not in rule  # no copy unless asked
    assert source()["Parameters"]["BackupRetentionDays"]["Default"] == 7
    vault = r["BackupVault"]
    assert vault["Properties"]["EncryptionKeyArn"] == {"Fn::GetAtt": ["Key", "Arn"]}
    assert vault["DeletionPolicy"] == "RetainExceptOnCreate" and vault["UpdateReplacePolicy"] == "Retain"
    assert "AWS::StackId" in json.dumps(vault["Properties"]["BackupVaultName"])  # no collision with a retained one
    (selection,) = of_type(r, "AWS::Backup::BackupSelection").values()
    assert selection["Properties"]["BackupSelection"]["Resources"] == [{"Fn::GetAtt": ["Table", "Arn"]}]
    assert selection["Properties"]["BackupSelection"]["IamRoleArn"] == {"Fn::GetAtt": ["BackupRole", "Arn"]}
    role = r["BackupRole"]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "backup.amazonaws.com"}
    assert "Policies" not in role


def test_backups_can_be_copied_to_another_region_or_turned_off(prod):
    vault = "arn:aws:backup:eu-central-1:123456789012:backup-vault:latchkey-dr"
    r = deployed(prod, {**PROD, "BackupCopyVaultArn": vault})
    (plan,) = of_type(r, "AWS::Backup::BackupPlan").values()
    (rule,) = plan["Properties"]["BackupPlan"]["BackupPlanRule"]
    assert rule["CopyActions"] == [{"DestinationBackupVaultArn": {"Ref": "BackupCopyVaultArn"},
                                    "Lifecycle": {"DeleteAfterDays": {"Ref": "BackupRetentionDays"}}}]
    assert re.fullmatch(source()["Parameters"]["BackupCopyVaultArn"]["AllowedPattern"], vault)
    off = deployed(prod, {**PROD, "BackupRetentionDays": "0"})
    assert not [k for k, v in off.items() if v["Type"].startswith("AWS::Backup::")] and "BackupRole" not in off
