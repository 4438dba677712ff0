#!/usr/bin/env bash
# Builds the .deb from build/ (CPack), installs it on this machine with apt
# (which resolves its Depends), and checks the installed product as a user
# meets it: `perfcase --version`, `perfcase demo --report` (Markdown and
# PDF), the desktop entry, the icons, and that a case file is recognised as
# application/x-perfcase by its name and by its content. Removes the package
# again. Needs root (or sudo); CI runs it after the tests (run-tests.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

rm -f build/perfcase_*.deb
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/perfcase_*.deb)
echo "test-deb: built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ */  depends: /'
for lib in libqt6widgets6 libqcustomplot2.1-qt6 libssh2-1 libsqlite3-0 qt6-qpa-plugins; do
    dpkg-deb -f "$deb" Depends | grep -q "$lib" || fail "Depends lacks $lib"
done

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
trap '$SUDO apt-get remove -y -qq perfcase >/dev/null' EXIT
installed=/usr/bin/perfcase
[ -x "$installed" ] || fail "$installed is missing"

version=$("$installed" --version)
echo "test-deb: $version"
[[ "$version" =~ ^perfcase\ [0-9]+\.[0-9]+\.[0-9]+\ \(case\ schema\ [0-9]+\)$ ]] ||
    fail "unexpected --version: $version"
[ "$version" = "$(build/bin/perfcase --version)" ] || fail "installed and built versions differ"

# A user's first hour: a fresh home, no display.
home=$(mktemp -d)
trap '$SUDO apt-get remove -y -qq perfcase >/dev/null; rm -rf "$home"' EXIT
run() { env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 "$@"; }
run "$installed" demo --report "$home/demo.pdf" | tee "$home/out.txt"
grep -q "verdict mixed" "$home/out.txt" || fail "the demo's verdict is not mixed"
[ "$(head -c 5 "$home/demo.pdf")" = "%PDF-" ] || fail "demo.pdf is not a PDF"
run "$installed" demo --report "$home/demo.md" >/dev/null
grep -q "Mixed: realtime updates flood the UI" "$home/demo.md" || fail "demo.md lacks the verdict"
status=0
run "$installed" demo 2>/dev/null || status=$?
[ "$status" = 6 ] || fail "perfcase demo without a display exited $status, not 6"

# What the desktop needs: the entry, the icons, the playbooks, the MIME type.
desktop-file-validate /usr/share/applications/perfcase.desktop || fail "invalid desktop entry"
for size in 16 32 48 256; do
    [ -s "/usr/share/icons/hicolor/${size}x${size}/apps/perfcase.png" ] || fail "no ${size}px icon"
done
[ -s /usr/share/icons/hicolor/scalable/apps/perfcase.svg ] || fail "no SVG icon"
[ -s /usr/share/perfcase/playbooks/import-lag.json ] || fail "no playbooks installed"
grep -q "application/x-perfcase" /usr/share/mime/globs2 || fail "the MIME database lacks *.perfcase"
run "$installed" new "$home/incident.perfcase" >/dev/null
cp "$home/incident.perfcase" "$home/renamed.db"
for file in incident.perfcase renamed.db; do
    type=$(run gio info -a standard::content-type "$home/$file" | sed -n 's/.*content-type: //p')
    [ "$type" = "application/x-perfcase" ] || fail "$file is $type, not application/x-perfcase"
done
echo "test-deb: installed, demo report written, desktop entry, icons and MIME type in place"
