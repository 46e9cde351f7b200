#!/usr/bin/env bash
# Installs the Debian packages, builds, and starts sentineld on the shipped config/ (both plugins enabled).
set -euo pipefail
cd "$(dirname "$0")/../.."
packaging/scripts/deps.sh
packaging/scripts/build.sh
exec build/bin/sentineld --config config/sentinel.yaml "$@"
