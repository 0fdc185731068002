#!/usr/bin/env bash
# Builds every Lambda function as an arm64 zip (target/lambda/<function>/bootstrap.zip)
# with cargo-lambda and zig from pip, and prints their sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv-lambda/bin/cargo-lambda ]; then
  echo "==> installing cargo-lambda and ziglang into .venv-lambda"
  python3 -m venv .venv-lambda
  .venv-lambda/bin/pip install --quiet --disable-pip-version-check cargo-lambda ziglang
fi
export PATH="$PWD/.venv-lambda/bin:$PATH"
rustup target add aarch64-unknown-linux-gnu >/dev/null

functions=(sign-in forgot-password reset-password change-password users admin-reset support-reset pages mailer ses-events expiry-reminders job-worker)
args=()
for f in "${functions[@]}"; do args+=(-p "$f"); done
cargo lambda build --release --arm64 --output-format zip "${args[@]}"

echo "==> zip sizes (target: <= 6 MiB each)"
for f in "${functions[@]}"; do
  bytes=$(stat -c %s "target/lambda/$f/bootstrap.zip")
  python3 -c "import sys; print(f'  {sys.argv[1]:<16} {int(sys.argv[2]) / 1048576:8.2f} MiB')" "$f" "$bytes"
done
