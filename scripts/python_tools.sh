#!/usr/bin/env bash
# The test command's Python tools (moto, cfn-lint, checkov, the SAM CLI, pytest,
# schemathesis) in .venv, at the versions of infra/requirements.txt and, for what they
# pull in, infra/requirements.lock. Installs only when a locked package is missing or
# at another version; otherwise it changes nothing (one Python start, no network).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python - infra/requirements.lock <<'PY'
import importlib.metadata as md, re, sys
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
installed = {norm(d.metadata["Name"]): d.version for d in md.distributions()}
wrong = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if line:
        name, _, version = line.partition("==")
        if installed.get(norm(name)) != version:
            wrong.append(f"{name} {installed.get(norm(name), 'missing')} (locked {version})")
if wrong:
    print("==> not as locked: " + ", ".join(wrong[:5]) + (" ..." if len(wrong) > 5 else ""))
    sys.exit(1)
PY
then
  echo "==> installing infra/requirements.txt with infra/requirements.lock into .venv"
  .venv/bin/pip install --quiet --disable-pip-version-check \
    -r infra/requirements.txt -c infra/requirements.lock
fi
