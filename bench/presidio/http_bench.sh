#!/bin/sh
# HTTP throughput of the presidio module through sentineld, measured with wrk (Debian package wrk):
# requests/s and p50/p99 latency for a 200-byte and a 5 KB text on POST /presidio/analyze and on
# the host's POST /v1/analyze.
#   http_bench.sh SENTINELD PLUGINS_DIR MODULE_YAML [seconds=10] [connections=32] [wrk_threads=1]
set -eu
sentineld=$(realpath "$1") plugins=$(realpath "$2") module=$(realpath "$3")
seconds=${4:-10} connections=${5:-32} wrk_threads=${6:-1}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
work=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$work/modules.d"
cp "$module" "$work/modules.d/presidio.yaml"
cat > "$work/sentinel.yaml" <<CONF
listen: 127.0.0.1:$port
plugins_dir: $plugins
models_dir: $work/models
modules_dir: modules.d
io_threads: 1
worker_threads: 2
preflight: false
log_level: warn
limits:
  max_connections: 4096
CONF
"$sentineld" --config "$work/sentinel.yaml" > "$work/sentineld.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 1

# Request bodies: prose with an e-mail, a phone number and a card number, padded to size.
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
sentence = ("Please call Maria at (212) 555-0147 or write to maria.gonzalez@example.com about the "
            "invoice; the card on file is 4111 1111 1111 1111. The team will review it tomorrow. ")
for size in (200, 5120):
    text = (sentence * (size // len(sentence) + 1))[:size]
    for route, body in (("presidio", {"text": text, "language": "en"}), ("native", {"text": text})):
        with open(f"{work}/{route}_{size}.lua", "w") as f:
            f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
            f.write("wrk.body = " + json.dumps(json.dumps(body)) + "\n")
PY
for size in 200 5120; do
  for route in presidio native; do
    path=/presidio/analyze
    [ "$route" = native ] && path=/v1/analyze
    printf '%-18s %5s bytes: ' "$path" "$size"
    wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s "$work/${route}_${size}.lua" \
        "http://127.0.0.1:$port$path" > "$work/out.txt" 2>&1
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/out.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$work/out.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/out.txt")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/out.txt" | tr '\n' ' ')
    echo "$rps req/s  p50 $p50  p99 $p99 $errors"
  done
done
