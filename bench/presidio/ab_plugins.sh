#!/bin/sh
# A/B of two builds of the presidio plugin behind the same sentineld: alternates them ROUNDS times and prints,
# per round, wrk's req/s on the 200-byte body at 32 connections and the time of one 1 MB request.
# The texts are bench/run.sh's pii_200 and pii_1m (a phone number, an e-mail and a card number per 180 bytes).
#   ab_plugins.sh SENTINELD PLUGINS_DIR_A PLUGINS_DIR_B MODULE_YAML [rounds=3] [seconds=8]
# Example (NER off, the configuration of issue 3's speed target):
#   sed 's/^    enabled: true/    enabled: false/' config/modules.d/presidio.yaml > /tmp/presidio-patterns.yaml
#   bench/presidio/ab_plugins.sh build/bin/sentineld /tmp/before/plugins build/lib/sentinel/plugins /tmp/presidio-patterns.yaml
set -eu
sentineld=$(realpath "$1") dir_a=$(realpath "$2") dir_b=$(realpath "$3") module=$(realpath "$4")
rounds=${5:-3} seconds=${6:-8}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$work/modules.d"
cp "$module" "$work/modules.d/presidio.yaml"
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
sentence = ("Please call Maria at (212) 555-0147 or write to maria.gonzalez@example.com about the "
            "invoice; the card on file is 4111 1111 1111 1111. The team will review it tomorrow. ")
for name, size in (("small", 200), ("big", 1 << 20)):
    text = (sentence * (size // len(sentence) + 1))[:size]
    with open(f"{work}/{name}.json", "w") as f:
        json.dump({"text": text, "language": "en"}, f)
with open(f"{work}/post.lua", "w") as f:
    f.write(f'local f = io.open("{work}/small.json", "rb")\nwrk.method = "POST"\nwrk.body = f:read("*a")\n'
            'wrk.headers["Content-Type"] = "application/json"\n')
PY
round=1
while [ "$round" -le "$rounds" ]; do
  for side in a b; do
    dir=$dir_a
    [ "$side" = b ] && dir=$dir_b
    cat > "$work/sentinel.yaml" <<CONF
listen: 127.0.0.1:$port
plugins_dir: $dir
models_dir: $work/models
modules_dir: modules.d
io_threads: 1
worker_threads: 2
preflight: false
log_level: warn
limits:
  max_body_bytes: 16777216
CONF
    "$sentineld" --config "$work/sentinel.yaml" > "$work/sentineld.log" 2>&1 &
    pid=$!
    tries=0
    until curl -s "http://127.0.0.1:$port/v1/modules/presidio" 2>/dev/null | grep -q '"state":"active"'; do
      tries=$((tries + 1))
      [ "$tries" -gt 300 ] && { echo "presidio did not become active:"; cat "$work/sentineld.log"; exit 1; }
      sleep 0.1
    done
    wrk -t1 -c32 -d2s -s "$work/post.lua" "http://127.0.0.1:$port/presidio/analyze" > /dev/null 2>&1
    rps=$(wrk -t1 -c32 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/presidio/analyze" 2>&1 |
          awk '/Requests\/sec/ {print $2}')
    big=$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
          --data-binary @"$work/big.json" "http://127.0.0.1:$port/presidio/analyze")
    echo "round $round  $side  200 B at 32 connections: $rps req/s  1 MB: $big s"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
  done
  round=$((round + 1))
done
