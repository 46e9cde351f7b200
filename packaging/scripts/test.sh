#!/usr/bin/env bash
# Installs the Debian packages (and the test tools), builds, and runs every test with CTest; then builds the
# host and the presidio plugin again with clang under AddressSanitizer + UndefinedBehaviorSanitizer, runs
# their tests there, and runs each libFuzzer target for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/../.."
packaging/scripts/deps.sh --test
packaging/scripts/build.sh
jobs=${SENTINEL_JOBS:-$(nproc)}

(cd build && ctest --output-on-failure --timeout 1500 -j"${SENTINEL_TEST_JOBS:-1}" "$@")

if [[ "${SENTINEL_SKIP_SANITIZERS:-0}" != 1 ]]; then
  if [[ ! -f build-asan/CMakeCache.txt ]]; then
    CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSENTINEL_SANITIZE=ON -DSENTINEL_FUZZ=ON -DSENTINEL_BUILD_TOXICITY=OFF -DPRESIDIO_WITH_NER=OFF
  fi
  cmake --build build-asan -j"$jobs"
  # handle_segv=0: the crash tests expect plugins to die by the signal, not by ASan's report.
  export ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:handle_sigfpe=0:detect_leaks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest --output-on-failure --timeout 1500 -E 'ui_browser|packaging|sdk|presidio_e2e_rest' "$@")
fi
