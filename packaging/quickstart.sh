#!/usr/bin/env bash
# The README's first command: install what is missing, build, and open the
# bundled demo case (`perfcase demo`: a recorded "table UI lags after a
# 10k-row import" investigation, checked with the import-lag playbook) in
# the window; with no display, write the demo's report and print it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/packaging/build.sh"
perfcase="$root/build/bin/perfcase"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$perfcase" demo
fi
report="$root/build/demo-report.md"
echo "(no display: writing the demo's report instead of opening the window)"
"$perfcase" demo --report "$report"
echo
sed -n '1,/^## Evidence/p' "$report" | head -n -1
echo "The whole report: $report (figures in ${report%.md}.assets/); as PDF:"
echo "  $perfcase demo --report demo.pdf"
