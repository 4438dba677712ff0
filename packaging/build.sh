#!/usr/bin/env bash
# Installs what is missing, then configures and builds Perfcase in build/.
# Used by quickstart.sh and run-tests.sh; safe to run again (incremental).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash packaging/install-deps.sh
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPERFCASE_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
