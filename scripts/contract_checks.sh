#!/usr/bin/env bash
# The published contract against the running product: schemathesis (from the
# test venv) drives `latchkey serve` (demo tenant) with the served
# /openapi.json, with and without the demo owner's session: no 5xx, no
# undocumented status code, no response outside its schema, the 405s' Allow
# headers. positive_data_acceptance is left out: the contract answers
# schema-valid but meaningless input (a random reset token, an identifier the
# tenant's rule does not use) with a documented 400, by design.
set -euo pipefail
cd "$(dirname "$0")/.."

# schemathesis at its pinned version (infra/requirements.txt and .lock).
./scripts/python_tools.sh
[ -x target/debug/latchkey ] || cargo build -p latchkey

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
outbox=$(mktemp -d)
./target/debug/latchkey serve --port "$port" --outbox "$outbox" > target/contract-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$outbox"' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/openapi.json" -o /dev/null 2>/dev/null && break
  sleep 0.2
done
url="http://127.0.0.1:$port/openapi.json"

echo "==> schemathesis, anonymous"
.venv/bin/st run "$url" --checks all --exclude-checks positive_data_acceptance \
  -n 25 --workers 1 --no-color

# The demo owner's password is printed by `latchkey serve` on purpose (demo only).
password=$(grep -E '^\s+olivia\s' target/contract-serve.log | awk '{print $NF}')
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"olivia\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/v1/tenants/demo/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
echo "==> schemathesis, as the demo owner"
.venv/bin/st run "$url" --checks all --exclude-checks positive_data_acceptance \
  -n 25 --workers 1 --no-color -H "Authorization: Bearer $token"
echo "==> contract checks passed"
