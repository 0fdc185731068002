#!/usr/bin/env bash
# The infrastructure checks, offline (no AWS account, no network beyond PyPI for the
# one-time install):
#   1. sam validate          - the full SAM transform, as CloudFormation runs it
#   2. the transform itself  - target/template.transformed.json (scripts/transform_template.py)
#   3. cfn-lint              - 0 errors on the source and on the transformed template
#   4. checkov               - 0 failed on both (suppressions carry reasons in the template)
#   5. pytest infra/tests    - the stack's properties, on the transformed template, and
#                              the deployment smoke hook against `latchkey serve`
#   6. sam build             - only with LATCHKEY_SAM_BUILD=1 (~10 min on 2 cores)
# Installs the pinned tools into .venv when they are not there as locked
# (scripts/python_tools.sh: infra/requirements.txt, infra/requirements.lock).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/python_tools.sh

# Never a real account: static dummy credentials, no profile, no instance metadata,
# no telemetry. Nothing below calls AWS.
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true SAM_CLI_TELEMETRY=0
export PYTHONDONTWRITEBYTECODE=1
mkdir -p target

echo "==> sam validate (SAM transform, offline)"
# (It asks PyPI at most once a week whether a newer SAM CLI exists; nothing else.)
set +e
out=$(.venv/bin/sam validate --region us-east-1 --template infra/template.yaml 2>&1)
rc=$?
set -e
printf '%s\n' "$out" | grep -v -e "not available in Feature Toggle Config" \
  -e "SAM CLI update available" -e "^To download:" -e "^$" || true
[ "$rc" -eq 0 ] || { echo "sam validate failed (exit $rc)"; exit "$rc"; }

echo "==> transform -> target/template.transformed.json"
.venv/bin/python scripts/transform_template.py

echo "==> cfn-lint infra/template.yaml"
.venv/bin/cfn-lint infra/template.yaml
echo "==> cfn-lint target/template.transformed.json"
# W2001 "parameter not used": the transform has already substituted DeploymentType into
# the deployment groups (CloudFormation's transform does the same with the real value).
.venv/bin/cfn-lint --ignore-checks W2001 -- target/template.transformed.json

echo "==> checkov (source and transformed; suppressions carry their reasons in the template)"
# --skip-download: checkov otherwise stalls trying to reach its vendor.
.venv/bin/checkov -f infra/template.yaml -f target/template.transformed.json \
  --framework cloudformation --skip-download --quiet --compact

echo "==> cargo build -p latchkey (the smoke hook's tests run against latchkey serve)"
cargo build --quiet -p latchkey --bin latchkey

echo "==> infra/tests (pytest, on the transformed template)"
.venv/bin/python -m pytest -q -p no:cacheprovider infra/tests

if [ "${LATCHKEY_SAM_BUILD:-0}" = 1 ]; then
  echo "==> sam build (LATCHKEY_SAM_BUILD=1; ~10 min on 2 cores)"
  if [ ! -x .venv-lambda/bin/cargo-lambda ]; then
    python3 -m venv .venv-lambda
    .venv-lambda/bin/pip install --quiet --disable-pip-version-check cargo-lambda ziglang
  fi
  rustup target add aarch64-unknown-linux-gnu >/dev/null
  (
    export PATH="$PWD/.venv-lambda/bin:$PATH"
    cd infra
    # No cache: its checksum walks the whole workspace, target/ included.
    ../.venv/bin/sam build --beta-features --no-cached --build-dir ../target/sam-build
  )
fi
echo "==> infra checks passed"
