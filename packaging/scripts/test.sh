#!/usr/bin/env bash
# Installs the Debian packages (and the test tools), builds, and runs every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/../.."
packaging/scripts/deps.sh --test
packaging/scripts/build.sh
cd build
ctest --output-on-failure --timeout 1500 -j"${SENTINEL_TEST_JOBS:-1}" "$@"
