#!/usr/bin/env bash
# Installs the Debian 12 packages Sentinel needs. Idempotent: does nothing when they are all present.
#   deps.sh          build and run the daemon
#   deps.sh --test   also what the test suite needs (browser, node)
set -euo pipefail

packages=(
  build-essential cmake ccache pkg-config
  libboost-all-dev libyaml-cpp-dev nlohmann-json3-dev libssl-dev libsystemd-dev
  libtorch-dev libopenblas0-pthread libicu-dev
  libre2-dev libpcre2-dev libphonenumber-dev libsentencepiece-dev libcld2-dev publicsuffix
  doctest-dev
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium curl python3 python3-yaml python3-pytest python3-requests file dpkg-dev fakeroot
             clang-14 libclang-rt-14-dev systemd python3-dask python3-distributed)
  command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "deps.sh: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
