#!/usr/bin/env bash
# Mutation testing with cargo-mutants (https://mutants.rs): every mutant of the
# code under test must make some test fail. A missed mutant fails this script
# unless docs/testing.md lists it (with why it cannot matter).
#
#   scripts/mutants.sh            the bounded CI run: the domain files in CI_FILES,
#                                 judged by the latchkey-domain crate's tests, then
#                                 the use-case files in CORE_FILES, judged by the
#                                 latchkey-core crate's tests (core/tests/usecases)
#   scripts/mutants.sh domain     domain/src/ in full, judged the same way
#   scripts/mutants.sh core       core/src/usecases/ in full, judged by latchkey-core
#   scripts/mutants.sh full       domain/, the use cases and the DynamoDB adapter,
#                                 judged by the whole workspace suite (needs moto:
#                                 LATCHKEY_TEST_MOTO etc., as scripts/test.sh sets)
#   scripts/mutants.sh MODE -- ARGS   extra cargo-mutants arguments (e.g. -f FILE)
#
# Install the tool once: cargo install cargo-mutants --locked
#
# Mutants are built in a copy of the tree (never in place: an interrupted run
# cannot leave a mutant in your checkout), in a target dir of their own
# (target/mutants-build): a mutated crate built into the workspace's target dir
# would be what the next plain `cargo test` runs, its sources' times unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

# The files the bounded run mutates (see "ci" below).
CI_FILES="domain/src/limits.rs domain/src/directory.rs domain/src/tenant.rs"
CORE_FILES="core/src/usecases/sessions.rs core/src/usecases/lockout.rs"

mode=ci
if [ "${1:-}" = full ] || [ "${1:-}" = domain ] || [ "${1:-}" = core ]; then
  mode=$1
  shift
fi
[ "${1:-}" = -- ] && shift

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
  exit 2
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/mutants-build}"

# run NAME ARGS...: one cargo-mutants run, its results in target/mutants-NAME.
runs=()
run() {
  local name=$1
  shift
  local out=target/mutants-$name
  mkdir -p "$out"
  set +e
  cargo mutants --no-shuffle -o "$out" "$@" "${extra[@]}"
  local status=$?
  set -e
  # 0: all caught; 2: some missed; 3: some timed out (a hang is a caught
  # mutant: the suite did not pass); anything else is a broken run.
  case $status in
    0 | 2 | 3) ;;
    *)
      echo "cargo mutants failed (exit $status); see $out/mutants.out/debug.log" >&2
      exit "$status"
      ;;
  esac
  runs+=("$out")
}
extra=("$@")

case $mode in
  ci)
    # The bounded run the test command makes: files whose every mutant was last
    # seen caught (or listed) on the code as it is (docs/testing.md, "Figures"); a
    # file joins a list once a run of it (a mode below, or -f FILE) is clean.
    args=(--test-package latchkey-domain)
    for f in $CI_FILES; do args+=(-f "$f"); done
    run ci-domain "${args[@]}"
    args=(--test-package latchkey-core)
    for f in $CORE_FILES; do args+=(-f "$f"); done
    run ci-core "${args[@]}"
    ;;
  domain)
    run domain --test-package latchkey-domain -f 'domain/src/**'
    ;;
  core)
    run core --test-package latchkey-core -f 'core/src/usecases/**'
    ;;
  full)
    : "${LATCHKEY_TEST_MOTO:?full needs moto: run it with the environment scripts/test.sh sets}"
    run full --test-workspace=true \
      -f 'domain/src/**' -f 'core/src/usecases/**' -f 'shared/src/adapters/dynamodb/**'
    ;;
esac

# The allowed survivors: the lines of docs/testing.md's "Known survivors" block,
# compared without line:column (they move with every edit).
strip() { sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /'; }
allowed=$(sed -n '/^<!-- mutants:allowed -->$/,/^<!-- \/mutants:allowed -->$/p' docs/testing.md |
  grep -E '^(domain|core|shared)/' | strip | sort -u || true)
count() { for o in "${runs[@]}"; do cat "$o/mutants.out/$1.txt"; done | grep -c . || true; }
missed=$(for o in "${runs[@]}"; do strip < "$o/mutants.out/missed.txt"; done | sort -u || true)
unlisted=$(comm -23 <(printf '%s\n' "$missed" | sed '/^$/d') <(printf '%s\n' "$allowed" | sed '/^$/d'))

echo "mutants: caught $(count caught), missed $(count missed) (listed in docs/testing.md: the rest), timeouts $(count timeout), unviable $(count unviable)"
if [ -n "$unlisted" ]; then
  echo "missed mutants that docs/testing.md does not list (add a test, or list them with why):" >&2
  printf '  %s\n' "$unlisted" >&2
  exit 1
fi
echo "no unlisted missed mutant"
