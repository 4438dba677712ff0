#!/usr/bin/env bash
# Installs what is missing, then configures and builds Perfcase in build/.
# Used by quickstart.sh and run-tests.sh; safe to run again (incremental).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash packaging/install-deps.sh
werror=OFF
build_type=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${CI:-}" = "true" ]; then
    werror=ON
    # The same -O2, without debug information: -g is 40% of the compile time
    # and CI has no debugger to feed.
    build_type=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")
fi
cmake -S . -B build -G Ninja "${build_type[@]}" -DPERFCASE_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
