#!/usr/bin/env bash
# Installs what Perfcase needs to build and test, from Debian 12 packages.
# Idempotent: packages already present are not fetched again, and apt is not
# touched at all when everything is there.
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config ninja-build
  qt6-base-dev qt6-base-dev-tools libqt6svg6-dev libgl-dev
  libqcustomplot-dev nlohmann-json3-dev libsimdjson-dev libvalijson-dev
  libssh2-1-dev libsqlite3-dev zlib1g-dev libbz2-dev libpcre2-dev libssl-dev
  fonts-dejavu-core
)
test_pkgs=(
  xvfb xauth lnav poppler-utils python3 sqlite3
  openssh-server openssh-client prometheus
  # The sanitizer suite and the fuzzers (docs/fuzzing.md): clang with the
  # libFuzzer/ASan/UBSan runtimes, and llvm-symbolizer for their reports.
  clang-14 libclang-rt-14-dev llvm-14
  # The .deb's test (packaging/test-deb.sh): the MIME database and the
  # desktop entry's checker, and gio to ask which type a file is.
  shared-mime-info desktop-file-utils libglib2.0-bin
)
# Debian's kubernetes-client owns /usr/bin/kubectl like any other kubectl
# package: install it only when no kubectl is there (DESIGN.md).
command -v kubectl >/dev/null 2>&1 || test_pkgs+=(kubernetes-client)

missing=()
for p in "${build_pkgs[@]}" "${test_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The servers the tests need are started by the tests themselves, on
# 127.0.0.1 with their own configuration: keep the packages from starting
# the system services.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  own_policy=1
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
[ "$own_policy" -eq 0 ] || $SUDO rm -f "$policy"
