#!/usr/bin/env bash
# Mutation testing with cargo-mutants (https://mutants.rs): every mutant of the
# code under test must make some test fail. A missed mutant fails this script
# unless TESTING.md lists it (with why it cannot matter).
#
#   scripts/mutants.sh            the bounded CI run: the domain files in CI_FILES,
#                                 judged by the latchkey-domain crate's unit tests
#   scripts/mutants.sh domain     domain/src/ in full, judged the same way
#   scripts/mutants.sh full       domain/, the use cases and the DynamoDB adapter,
#                                 judged by the whole workspace suite (needs moto:
#                                 LATCHKEY_TEST_MOTO etc., as scripts/test.sh sets)
#   scripts/mutants.sh -- ARGS    extra cargo-mutants arguments (e.g. -f FILE)
#
# Install the tool once: cargo install cargo-mutants --locked
#
# Mutants are built in a copy of the tree (never in place: an interrupted run
# cannot leave a mutant in your checkout), with the workspace's target dir so
# that only the mutated crates recompile.
set -euo pipefail
cd "$(dirname "$0")/.."

# The files the bounded run mutates (see "ci" below).
CI_FILES="domain/src/limits.rs domain/src/directory.rs"

mode=ci
if [ "${1:-}" = full ] || [ "${1:-}" = domain ]; then
  mode=$1
  shift
fi
[ "${1:-}" = -- ] && shift

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
  exit 2
fi

out=target/mutants-$mode
mkdir -p "$out"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

case $mode in
  ci)
    # The bounded run the test command makes: the domain files whose every
    # mutant was last seen caught on the code as it is (TESTING.md, "Figures");
    # a file joins the list once a run of it (`domain` mode or -f FILE) is clean.
    args=(--test-package latchkey-domain)
    for f in $CI_FILES; do args+=(-f "$f"); done
    ;;
  domain)
    args=(--test-package latchkey-domain -f 'domain/src/**')
    ;;
  full)
    : "${LATCHKEY_TEST_MOTO:?full needs moto: run it with the environment scripts/test.sh sets}"
    # The suite runs the latchkey binary (log hygiene), so build it per mutant too.
    args=(--test-workspace=true
      -f 'domain/src/**' -f 'shared/src/usecases/**' -f 'shared/src/adapters/dynamodb/**')
    ;;
esac

set +e
cargo mutants --no-shuffle -o "$out" "${args[@]}" "$@"
status=$?
set -e
# 0: all caught; 2: some missed; 3: some timed out (a hang is a caught mutant:
# the suite did not pass); anything else is a broken run.
case $status in
  0 | 2 | 3) ;;
  *)
    echo "cargo mutants failed (exit $status); see $out/mutants.out/debug.log" >&2
    exit "$status"
    ;;
esac

# The allowed survivors: the lines of TESTING.md's "Known survivors" block,
# compared without line:column (they move with every edit).
strip() { sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /'; }
allowed=$(sed -n '/^<!-- mutants:allowed -->$/,/^<!-- \/mutants:allowed -->$/p' TESTING.md |
  grep -E '^(domain|shared)/' | strip | sort -u || true)
missed=$(strip < "$out/mutants.out/missed.txt" | sort -u || true)
unlisted=$(comm -23 <(printf '%s\n' "$missed" | sed '/^$/d') <(printf '%s\n' "$allowed" | sed '/^$/d'))

caught=$(wc -l < "$out/mutants.out/caught.txt")
unviable=$(wc -l < "$out/mutants.out/unviable.txt")
timeouts=$(wc -l < "$out/mutants.out/timeout.txt")
echo "mutants: caught $caught, missed $(printf '%s' "$missed" | grep -c . || true) (listed in TESTING.md: the rest), timeouts $timeouts, unviable $unviable"
if [ -n "$unlisted" ]; then
  echo "missed mutants that TESTING.md does not list (add a test, or list them with why):" >&2
  printf '  %s\n' "$unlisted" >&2
  exit 1
fi
echo "no unlisted missed mutant"
