#!/usr/bin/env bash
# The README's second command and what CI runs: install what is missing,
# build (warnings are errors when CI=true), run the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
phase() { printf '\n== %s (%ss since start)\n' "$1" "$SECONDS"; }
phase "install and build"
bash packaging/build.sh
phase "tests"
ctest --test-dir build --output-on-failure --timeout 900 "$@"
# CI also runs the suite under ASan + UBSan and each fuzz target for a while
# (docs/fuzzing.md); locally only when asked: PERFCASE_SANITIZE=1,
# PERFCASE_FUZZ_SECONDS=N.
if [ "${CI:-}" = "true" ] || [ "${PERFCASE_SANITIZE:-0}" = 1 ]; then
    phase "sanitizers"
    bash packaging/sanitize.sh
fi
if [ "${CI:-}" = "true" ] || [ -n "${PERFCASE_FUZZ_SECONDS:-}" ]; then
    phase "fuzz"
    PERFCASE_FUZZ_SECONDS=${PERFCASE_FUZZ_SECONDS:-30} bash packaging/fuzz.sh
fi
phase "done"
