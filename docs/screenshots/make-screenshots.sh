#!/usr/bin/env bash
# Regenerates the user guide's pictures (docs/images/*.png) from the real
# window, and checks every screen for clipped or overlapping widgets at
# 1366x768 and at 2560x1440 with QT_SCALE_FACTOR=2 (high DPI).
#
#   bash docs/screenshots/make-screenshots.sh [BUILD_DIR]
#
# BUILD_DIR (default build-docs) is configured if needed and only
# perfcase_docshots and perfcase are built in it. PERFCASE_DOCSHOTS=/path
# and PERFCASE_BINARY=/path use given binaries instead (nothing is built).
# Needs xvfb-run and pdftoppm (poppler-utils); optipng is used when installed.
# Exit 0: pictures written, no layout problem at either size; 1: a layout
# problem (the pictures are still written; see the lines above); 2: failure.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build-docs}"
images="$repo/docs/images"
guide="$repo/docs/user-guide.md"

for tool in xvfb-run pdftoppm; do
  command -v "$tool" >/dev/null || { echo "make-screenshots: $tool is missing" >&2; exit 2; }
done

shots="${PERFCASE_DOCSHOTS:-}"
perfcase="${PERFCASE_BINARY:-}"
if [[ -z "$shots" || -z "$perfcase" ]]; then
  if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  ninja -C "$build" perfcase_docshots perfcase
  shots="${shots:-$build/bin/perfcase_docshots}"
  perfcase="${perfcase:-$build/bin/perfcase}"
fi

work="$(mktemp -d /tmp/perfcase-docshots.XXXXXX)"
trap 'rm -rf "$work"' EXIT
status=0

# One run: a fresh X server of that size, the window filling it.
run() { # NAME SCREEN SIZE [ENV...]
  local name="$1" screen="$2" size="$3"; shift 3
  echo "== $name: ${screen} $*"
  local rc=0
  env -u QT_QPA_PLATFORM "$@" xvfb-run -a -s "-screen 0 ${screen}x24" \
    "$shots" "$work/$name" --size "$size" || rc=$?
  if (( rc == 1 )); then
    echo "make-screenshots: $name: clipped or overlapping widgets (above)" >&2
    status=1
  elif (( rc != 0 )); then
    echo "make-screenshots: $name: failed (exit $rc)" >&2
    exit 2
  fi
}

run normal 1366x768 1366x768
run hidpi 2560x1440 2560x1440 QT_SCALE_FACTOR=2

# Page 1 of the demo report, as the guide shows it.
XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen \
  "$perfcase" demo --report "$work/demo.pdf" >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/demo.pdf" "$work/normal/report-page1"

# docs/images: exactly the 1366x768 pictures the guide uses.
mkdir -p "$images"
rm -f "$images"/*.png
missing=0
for name in $(grep -o 'images/[a-z0-9-]*\.png' "$guide" | sed 's|images/||' | sort -u); do
  if [[ -f "$work/normal/$name" ]]; then
    cp "$work/normal/$name" "$images/$name"
  else
    echo "make-screenshots: the guide uses images/$name, which no run made" >&2
    missing=1
  fi
done
if command -v optipng >/dev/null; then
  optipng -quiet -o2 "$images"/*.png
fi
# The high-DPI set stays for looking at, outside the repository.
keep="/tmp/perfcase-docshots-hidpi"
rm -rf "$keep" && cp -r "$work/hidpi" "$keep"
echo "docs/images: $(ls "$images" | wc -l) pictures, $(du -sh "$images" | cut -f1);" \
     "high-DPI pictures in $keep"
(( missing )) && exit 2
exit "$status"
