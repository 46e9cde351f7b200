#!/usr/bin/env bash
# Configures (once) and builds Sentinel into build/ with ccache, incrementally.
set -euo pipefail
cd "$(dirname "$0")/../.."
jobs=${SENTINEL_JOBS:-$(nproc)}
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
fi
cmake --build build -j"$jobs"
