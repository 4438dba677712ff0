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
phase "done"
