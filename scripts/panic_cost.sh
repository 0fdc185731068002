#!/usr/bin/env bash
# What `panic = "unwind"` (issue 22: a panic answers 500 and the server keeps
# serving) costs in a function's size: the sign-in function built twice in the
# release profile (LTO, stripped), as configured (unwind) and with
# profile.release.panic = "abort", each in a target dir of its own (a cold
# release build each: ~7-17 min on 2 cores), its binary as `bootstrap` zipped -9.
# Prints one line per build. x86_64 (the host): the arm64 zips of
# scripts/package.sh need cargo-lambda and zig.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/panic-cost}
mkdir -p "$out"
for mode in unwind abort; do
  dir="$out/$mode"
  start=$(date +%s)
  if [ "$mode" = abort ]; then
    CARGO_TARGET_DIR="$dir" cargo build --release -p sign-in --config 'profile.release.panic="abort"' --quiet
  else
    CARGO_TARGET_DIR="$dir" cargo build --release -p sign-in --quiet
  fi
  end=$(date +%s)
  rm -f "$dir/sign-in.zip"
  cp "$dir/release/sign-in" "$dir/release/bootstrap"
  (cd "$dir/release" && zip -9 -q ../sign-in.zip bootstrap)
  echo "$mode: build $((end - start)) s, binary $(stat -c %s "$dir/release/sign-in") B, zip $(stat -c %s "$dir/sign-in.zip") B"
done
