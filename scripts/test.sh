#!/usr/bin/env bash
# Every check and every test, from a bare machine: installs moto, cfn-lint, checkov and
# the SAM CLI (pip, in .venv), runs the infrastructure checks, starts moto on a free
# port, then runs fmt, clippy and the whole test suite, then the browser tests
# (tests/browser; installs Debian's chromium when it is missing), the contract
# checks (schemathesis) and the bounded mutation run (installs cargo-mutants).
set -euo pipefail
cd "$(dirname "$0")/.."

# The Python tools at their pinned versions (infra/requirements.txt and .lock).
./scripts/python_tools.sh

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

# The hosted pages and the admin console in a real browser (tests/browser): Debian's
# Chromium driven by playwright-core, axe-core for accessibility, against the
# latchkey binary built above, serving the browser tests' seed with a fresh outbox.
# Jobs mail 2 a second there, so the jobs journey can pause one while it runs
# (only jobs are paced: no other journey's mail waits for it).
# No browser is no pass: a missing Chromium is installed, or the run fails here.
echo "==> browser tests (tests/browser: headless Chromium, playwright-core, axe-core)"
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian's chromium (apt-get)"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } > target/apt-chromium.log 2>&1 \
    || [ ! -x /usr/bin/chromium ]; then
    tail -n 20 target/apt-chromium.log >&2 || true
    echo "FAILED: /usr/bin/chromium is missing and apt-get could not install it (target/apt-chromium.log); the browser tests cannot run" >&2
    exit 1
  fi
fi
# Japanese pages need a font with its glyphs, or the screenshots show boxes.
if [ ! -d /usr/share/fonts/opentype/ipafont-gothic ] && [ ! -d /usr/share/fonts/truetype/fonts-japanese-gothic ]; then
  echo "==> installing a Japanese font (apt-get fonts-ipafont-gothic)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-ipafont-gothic; } > target/apt-fonts.log 2>&1 \
    || echo "warning: no Japanese font; Japanese screenshots will show boxes (target/apt-fonts.log)" >&2
fi
if ! command -v npm > /dev/null || ! command -v node > /dev/null; then
  echo "==> installing Node.js and npm (apt-get)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; } > target/apt-node.log 2>&1 \
    || { tail -n 20 target/apt-node.log >&2; echo "FAILED: no node/npm for the browser tests" >&2; exit 1; }
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
browser_tmp=$(mktemp -d)
LATCHKEY_JOB_MAILS_PER_SECOND=2 ./target/debug/latchkey serve --port 0 --seed tests/browser/seed.json --outbox "$browser_tmp/outbox" \
  > "$browser_tmp/serve.out" 2> target/browser-serve.log &
serve_pid=$!
trap 'kill "$moto_pid" "$serve_pid" 2>/dev/null || true; rm -rf "$browser_tmp"' EXIT
url=""
for _ in $(seq 1 150); do
  url=$(grep -Eo 'running at http://[^ ]+' "$browser_tmp/serve.out" | head -n 1 | cut -d' ' -f3 || true)
  [ -n "$url" ] && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.2
done
[ -n "$url" ] || { cat target/browser-serve.log >&2; echo "FAILED: latchkey serve did not start for the browser tests" >&2; exit 1; }
echo "==> latchkey serve for the browser tests at $url (screenshots in target/screenshots)"
set +e
(cd tests/browser && LATCHKEY_URL="$url" LATCHKEY_OUTBOX="$browser_tmp/outbox" \
  node --test --test-concurrency=1 --test-timeout=120000 --test-reporter=spec journeys/) 2>&1 | tee target/browser-test.log
browser_status=${PIPESTATUS[0]}
set -e
kill "$serve_pid" 2>/dev/null || true
b_passed=$(grep -E '^[^ ]+ pass [0-9]+$' target/browser-test.log | awk '{s+=$NF} END {print s+0}')
b_failed=$(grep -E '^[^ ]+ fail [0-9]+$' target/browser-test.log | awk '{s+=$NF} END {print s+0}')
echo "browser tests: ${b_passed} passed, ${b_failed} failed (exit ${browser_status})"

echo "==> the contract: schemathesis against latchkey serve with /openapi.json"
set +e
./scripts/contract_checks.sh 2>&1 | tee target/contract.log
contract_status=${PIPESTATUS[0]}
set -e

echo "contract checks: exit ${contract_status}"

# Mutation testing, the bounded part (docs/testing.md): every mutant of the domain files
# in scripts/mutants.sh's CI_FILES must make a domain test fail, and every mutant
# of the use-case files in CORE_FILES a latchkey-core test, unless docs/testing.md
# lists it with why it cannot matter. cargo-mutants is installed when missing.
echo "==> mutation testing, bounded (scripts/mutants.sh)"
if ! cargo mutants --version > /dev/null 2>&1; then
  echo "==> installing cargo-mutants 27.1.0 (cargo install --locked)"
  cargo install cargo-mutants --locked --version 27.1.0 --quiet
fi
set +e
./scripts/mutants.sh > target/mutants.log 2>&1
mutants_status=$?
set -e
grep -a -E '^(MISSED|TIMEOUT|mutants:|no unlisted|missed mutants|  domain|  core)' target/mutants.log || true
echo "mutation testing: exit ${mutants_status}"

echo "tests: $((passed + b_passed)) passed, $((failed + b_failed)) failed"
[ "$status" -eq 0 ] || exit "$status"
[ "$browser_status" -eq 0 ] || exit "$browser_status"
[ "$contract_status" -eq 0 ] || exit "$contract_status"
exit "$mutants_status"
