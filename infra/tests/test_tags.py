"""Cost allocation tags: every taggable resource of the deployed stack carries
Application=latchkey, Environment=<Stage> and CostCentre=<CostCentre>.

"Taggable" is read from the CloudFormation resource schemas that cfn-lint ships
(the pinned version), so a resource type added later is covered without a list here.
"""

import functools
import json
import pathlib

import cfnlint
import pytest

from stack import PROD, deployed

SCHEMAS = pathlib.Path(cfnlint.__file__).parent / "data" / "schemas" / "providers" / "us_east_1"
EXPECTED = {
    "Application": "latchkey",
    "Environment": {"Ref": "Stage"},
    "CostCentre": {"Ref": "CostCentre"},
}
# SAM generates these for DeploymentPreference and exposes no Tags for them
# (PropagateTags does not reach them); stack-level tags (`sam deploy --tags`) do.
# (CodeDeploy's role is the stack's own, CodeDeployRole, and checked like any.)
UNTAGGABLE_FROM_THE_TEMPLATE = {"AWS::CodeDeploy::Application", "AWS::CodeDeploy::DeploymentGroup"}


@functools.cache
def taggable(resource_type):
    schema = SCHEMAS / (resource_type.lower().replace("::", "-") + ".json")
    assert schema.exists(), f"no schema for {resource_type}"
    spec = json.loads(schema.read_text())
    return "Tags" in spec["properties"] and "/properties/Tags" not in spec.get("createOnlyProperties", [])


def test_every_taggable_resource_carries_the_three_tags(prod):
    # Every condition on: the custom domain and the SES identity are taggable too.
    params = {**PROD, "DomainName": "login.example.com",
              "CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123",
              "SenderDomain": "example.com"}
    r = deployed(prod, params)
    checked = set()
    for name, res in r.items():
        if not taggable(res["Type"]):
            continue
        if res["Type"] in UNTAGGABLE_FROM_THE_TEMPLATE:
            continue
        tags = {t["Key"]: t["Value"] for t in res["Properties"].get("Tags", [])}
        for key, value in EXPECTED.items():
            assert tags.get(key) == value, f"{name} ({res['Type']}): tag {key} is {tags.get(key)!r}"
        checked.add(res["Type"])
    # The check reached the kinds that cost money.
    assert {"AWS::Lambda::Function", "AWS::DynamoDB::Table", "AWS::WAFv2::WebACL", "AWS::KMS::Key",
            "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::ApiGateway::Stage",
            "AWS::ApiGateway::DomainName", "AWS::SES::EmailIdentity"} <= checked, checked


@pytest.mark.parametrize("kind", ["AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::Logs::LogGroup"])
def test_tags_change_in_place(kind):
    # Adding tags to a stack deployed without them must not replace retained data.
    assert taggable(kind)

