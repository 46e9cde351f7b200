#!/bin/sh
# Starts sentineld with only the presidio module and runs the Presidio-compatibility e2e tests
# against it (Debian's python3-pytest and python3-requests).
#   run_e2e.sh SENTINELD PLUGINS_DIR MODULE_YAML [pytest args...]
# Exits 77 (skipped) when pytest or requests is missing.
set -eu
sentineld=$(realpath "$1") plugins=$(realpath "$2") module=$(realpath "$3")
shift 3
python=/usr/bin/python3
if ! "$python" -c 'import pytest, requests' 2>/dev/null; then
  echo "SKIP: python3-pytest and python3-requests are needed"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$work/modules.d"
cp "$module" "$work/modules.d/presidio.yaml"
cat > "$work/sentinel.yaml" <<CONF
listen: 127.0.0.1:$port
plugins_dir: $plugins
models_dir: ${SENTINEL_MODELS_DIR:-$work/models}
modules_dir: modules.d
io_threads: 2
worker_threads: 2
preflight: false
log_level: warn
CONF
"$sentineld" --config "$work/sentinel.yaml" > "$work/sentineld.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
base="http://127.0.0.1:$port/presidio"
ready=0
for _ in $(seq 1 100); do
  if "$python" -c "import requests,sys; sys.exit(0 if requests.get('$base/health', timeout=1).ok else 1)" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "sentineld did not serve $base/health:"
  cat "$work/sentineld.log"
  exit 1
fi
ANALYZER_BASE_URL=$base ANONYMIZER_BASE_URL=$base "$python" -m pytest -q -p no:cacheprovider "$here" "$@"
