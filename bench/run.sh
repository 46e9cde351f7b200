#!/bin/sh
# The benchmark suite: sentineld through HTTP at several concurrencies, side by side with a Python/LibTorch
# toxicity service and npm PII redactors, process isolation cost, and an optional soak. See bench/README.md.
#   bench/run.sh [--quick] [--build DIR] [--soak SECONDS] [--connections 1,8,32,64] [--out FILE] [--keep]
# Needs: wrk, nodejs + npm, python3-torch, python3-yaml (Debian); a built tree (default: <repo>/build).
exec /usr/bin/python3 "$(dirname "$0")/run_all.py" "$@"
