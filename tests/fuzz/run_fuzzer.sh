#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time over its committed seed corpus.
# New inputs go to a scratch folder, so the committed corpus only changes when someone copies them in.
#   run_fuzzer.sh FUZZER SEED_DIR SECONDS
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 "$work" "$seeds"
