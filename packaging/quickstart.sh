#!/usr/bin/env bash
# The README's first command: build, make a case from the bundled sample logs,
# and open it in the window — or, with no display, print what it holds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/packaging/build.sh"
case_file="$root/build/sample.perfcase"
rm -f "$case_file" "$case_file-wal" "$case_file-shm"
"$root/build/bin/perfcase" new "$case_file" --title "Sample: table UI lag after a 10k-row import"
"$root/build/bin/perfcase" import "$case_file" "$root/resources/samples"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$root/build/bin/perfcase" "$case_file"
fi
echo "(no display: showing the case on the terminal; open it later with build/bin/perfcase $case_file)"
"$root/build/bin/perfcase" info "$case_file"
