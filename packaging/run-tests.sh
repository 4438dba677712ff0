#!/usr/bin/env bash
# The README's second command and what CI runs: install what is missing,
# build (warnings are errors when CI=true), run the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
phase() { printf '\n== %s (%ss since start)\n' "$1" "$SECONDS"; }
phase "install and build"
bash packaging/build.sh
# CI also runs the whole suite under ASan + UBSan and each fuzz target for
# a while (docs/fuzzing.md); locally only when asked: PERFCASE_SANITIZE=1,
# PERFCASE_FUZZ_SECONDS=N.
sanitize=0
{ [ "${CI:-}" = "true" ] || [ "${PERFCASE_SANITIZE:-0}" = 1 ]; } && sanitize=1
if [ "$sanitize" = 1 ]; then
    # The kill -9 tests (label crash, 4 minutes) then run once, in the
    # sanitizer pass, beside the other tests there.
    phase "tests (label crash: in the sanitizer pass)"
    ctest --test-dir build --output-on-failure --timeout 900 -LE crash "$@"
    phase "sanitizers"
    bash packaging/sanitize.sh
else
    phase "tests"
    ctest --test-dir build --output-on-failure --timeout 900 "$@"
fi
# The .deb from build/, installed on this machine and tried (needs root:
# CI, or PERFCASE_TEST_DEB=1).
if [ "${CI:-}" = "true" ] || [ "${PERFCASE_TEST_DEB:-0}" = 1 ]; then
    phase "package"
    bash packaging/test-deb.sh
fi
if [ "${CI:-}" = "true" ] || [ -n "${PERFCASE_FUZZ_SECONDS:-}" ]; then
    phase "fuzz"
    PERFCASE_FUZZ_SECONDS=${PERFCASE_FUZZ_SECONDS:-30} bash packaging/fuzz.sh
fi
phase "done"
