#!/usr/bin/env python3
"""Runs the AWS SAM transform (the one CloudFormation runs at deploy) on
infra/template.yaml, offline, and writes the plain CloudFormation result.

    .venv/bin/python scripts/transform_template.py [--template T] [--output O]
        [--parameter Key=Value ...]

Default output: target/template.transformed.json. Parameters are passed to the
transform as overrides (SAM resolves some of them, e.g. AutoPublishAlias); the
CloudFormation Conditions stay in the output as they are.

The transform needs a "managed policy loader" only for AWS managed policies named
without an ARN (it would call IAM ListPolicies); the stub below answers from a
local map instead, so nothing here needs AWS credentials or network.
"""

import argparse
import json
import logging
import pathlib
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The AWS managed policies a SAM template can name by name (and the ones the
# transform itself attaches). Partition "aws"; the transform keeps ARNs as given.
MANAGED_POLICIES = {
    name: f"arn:aws:iam::aws:policy/{path}{name}"
    for name, path in {
        "AWSLambdaBasicExecutionRole": "service-role/",
        "AWSLambdaDynamoDBExecutionRole": "service-role/",
        "AWSLambdaSQSQueueExecutionRole": "service-role/",
        "AWSLambdaVPCAccessExecutionRole": "service-role/",
        "AWSLambdaRole": "service-role/",
        "AWSXRayDaemonWriteAccess": "",
        "AWSXrayWriteOnlyAccess": "",
        "AWSCodeDeployRoleForLambda": "service-role/",
        "AWSCodeDeployRoleForLambdaLimited": "service-role/",
        "AmazonAPIGatewayPushToCloudWatchLogs": "service-role/",
        "CloudWatchLambdaInsightsExecutionRolePolicy": "",
    }.items()
}


class LocalPolicyLoader:
    """Stands in for samtranslator's ManagedPolicyLoader (which calls IAM)."""

    def load(self):
        return dict(MANAGED_POLICIES)


def packaged(sam_template):
    """What `sam package` / `sam deploy` hand CloudFormation: every local CodeUri
    replaced by the S3 location of its uploaded artifact (placeholders here)."""
    for name, resource in sam_template.get("Resources", {}).items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = resource.setdefault("Properties", {})
        code = props.get("CodeUri")
        if code is None or (isinstance(code, str) and not code.startswith("s3://")):
            props["CodeUri"] = f"s3://latchkey-artifacts-placeholder/{name}.zip"
    return sam_template


def run(template_path, parameters):
    with open(template_path, encoding="utf-8") as f:
        sam_template = packaged(yaml_parse(f.read()))
    # passthrough_metadata: the SAM resources' Metadata (the checkov suppressions with
    # their reasons) is copied onto the resources generated from them, so checkov on
    # the transformed template honours the same, reasoned, suppressions.
    return transform(sam_template, parameters, LocalPolicyLoader(), passthrough_metadata=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--template", default=str(ROOT / "infra" / "template.yaml"))
    ap.add_argument("--output", default=str(ROOT / "target" / "template.transformed.json"))
    ap.add_argument("--parameter", action="append", default=[], metavar="Key=Value")
    args = ap.parse_args(argv)
    # Without a toggle config every default logs one warning per function; not news.
    logging.getLogger("samtranslator.feature_toggle").setLevel(logging.ERROR)
    parameters = {}
    for p in args.parameter:
        key, sep, value = p.partition("=")
        if not sep:
            ap.error(f"--parameter {p!r}: expected Key=Value")
        parameters[key] = value
    try:
        out = run(args.template, parameters)
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"transform error: {cause.message}", file=sys.stderr)
        return 1
    output = pathlib.Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(out, indent=2, sort_keys=False, default=str) + "\n", encoding="utf-8")
    print(f"{output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}: "
          f"{len(out.get('Resources', {}))} resources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
