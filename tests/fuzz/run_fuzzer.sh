#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time over its committed seed corpus.
# New inputs go to a scratch folder, so the committed corpus only changes when someone copies them in.
# The seed is fixed (SENTINEL_FUZZ_SEED, default 1) so a CI failure can be replayed exactly; set
# SENTINEL_FUZZ_SEED=0 for a random seed when hunting for new bugs with a longer run.
# A crashing input is kept in SENTINEL_FUZZ_ARTIFACTS (default: the current folder) for replay:
#   FUZZER crash-<sha1>
#   run_fuzzer.sh FUZZER SEED_DIR SECONDS
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3
seed=${SENTINEL_FUZZ_SEED:-1}
artifacts=${SENTINEL_FUZZ_ARTIFACTS:-$PWD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$fuzzer" -seed="$seed" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$work" "$seeds"
