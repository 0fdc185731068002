#!/usr/bin/env bash
# Every check and every test, from a bare machine: installs moto, cfn-lint, checkov and
# the SAM CLI (pip, in .venv), runs the infrastructure checks, starts moto on a free
# port, then runs fmt, clippy and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! .venv/bin/python -c "import moto, werkzeug, samtranslator, pytest" 2>/dev/null || [ ! -x .venv/bin/cfn-lint ] || [ ! -x .venv/bin/checkov ] || [ ! -x .venv/bin/sam ]; then
  echo "==> installing moto[server], cfn-lint, checkov, the SAM CLI and pytest into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r infra/requirements.txt
fi

# sam validate, the SAM transform, cfn-lint and checkov on the source and the
# transformed template, and the template tests (infra/tests); sam build too with
# LATCHKEY_SAM_BUILD=1.
./scripts/infra_checks.sh

mkdir -p target
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.venv/bin/python scripts/moto_server.py "$port" > target/moto.log 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true' EXIT
python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/moto-api/data.json", timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.2)
sys.exit("moto did not start; see target/moto.log")
PY
echo "==> moto on port $port"

# Static credentials and region for the SDK; never a real account.
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export LATCHKEY_TEST_MOTO="http://127.0.0.1:$port"

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo build (the log-hygiene test runs the latchkey binary)"
cargo build --workspace --bins
echo "==> cargo test"
set +e
cargo test --workspace --no-fail-fast 2>&1 | tee target/test.log
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo '[0-9]+ passed' target/test.log | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' target/test.log | awk '{s+=$1} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
