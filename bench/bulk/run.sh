#!/usr/bin/env bash
# bench/bulk/run.sh: `sentinelctl redact` MB/s on a generated JSON Lines file of short records (presidio module,
# patterns only: NER off), side by side with `cat` of the same file (the I/O limit), and the Dask path
# (sentinel_bulk.dask on a LocalCluster of 2 workers) when dask is installed. Prints a table; figures, not pass/fail.
#   bench/bulk/run.sh [--mb 100] [--jobs 4] [--build build]
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=100
JOBS=4
BUILD=build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --build) BUILD="$2"; shift 2 ;;
    *) echo "usage: $0 [--mb N] [--jobs N] [--build DIR]" >&2; exit 2 ;;
  esac
done
ROOT=$(pwd)
TMP=$(mktemp -d /tmp/sentinel-bulk-bench-XXXXXX)
chmod 755 "$TMP"
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

/usr/bin/python3 bench/bulk/gen_records.py "$TMP/in.jsonl" --mb "$MB" >&2
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$TMP/modules.d"
head -c 32 /dev/urandom | base64 > "$TMP/key.txt"
cat > "$TMP/sentinel.yaml" <<YAML
plugins_dir: $ROOT/$BUILD/lib/sentinel/plugins
modules_dir: modules.d
io_threads: 2
worker_threads: 4
log_level: warn
YAML
cat > "$TMP/modules.d/presidio.yaml" <<YAML
name: presidio
library: libsentinel_presidio.so
enabled: true
settings:
  pseudonym_key_file: ../key.txt
  ner:
    enabled: false
YAML
"$BUILD/bin/sentineld" --config "$TMP/sentinel.yaml" --listen "127.0.0.1:$PORT" 2>"$TMP/sentineld.log" &
PID=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done

SIZE=$(stat -c %s "$TMP/in.jsonl")
rate() { /usr/bin/python3 -c "print('%.1f' % ($SIZE / 1e6 / $1))"; }
now() { date +%s.%N; }

sync
t0=$(now); cat "$TMP/in.jsonl" > "$TMP/cat.out"; t1=$(now)
CAT_S=$(/usr/bin/python3 -c "print('%.2f' % ($t1 - $t0))")

run_ctl() {  # $1: label, rest: extra options
  local label="$1"; shift
  local t0 t1
  t0=$(now)
  /usr/bin/time -f "%M" -o "$TMP/rss" "$BUILD/bin/sentinelctl" --url "127.0.0.1:$PORT" redact "$TMP/in.jsonl" \
    -o "$TMP/out.jsonl" --jobs "$JOBS" --quiet --no-progress "$@"
  t1=$(now)
  local s; s=$(/usr/bin/python3 -c "print('%.2f' % ($t1 - $t0))")
  printf '| %s | %s s | %s MB/s | %s MB |\n' "$label" "$s" "$(rate "$s")" "$(( $(cat "$TMP/rss") / 1024 ))"
}

echo
echo "input: $(( SIZE / 1000000 )) MB JSON Lines, $(wc -l < "$TMP/in.jsonl") records; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| path | time | throughput | max RSS |"
echo "|---|---|---|---|"
printf '| cat FILE > OUT | %s s | %s MB/s | |\n' "$CAT_S" "$(rate "$CAT_S")"
run_ctl "sentinelctl redact (replace)"

run_ctl "sentinelctl redact --pseudonymize" --pseudonymize

if [[ -d bench/peers/node/node_modules/redact-pii ]] && command -v node >/dev/null; then
  # npm regex redactors in process, one core, the same string values (install: cd bench/peers/node && npm ci).
  s=$(node bench/bulk/npm_baseline.js redact-pii "$TMP/in.jsonl" "$TMP/npm.jsonl")
  printf '| npm redact-pii 3.4.0, in process, 1 core (baseline) | %s s | %s MB/s | |\n' "$s" "$(rate "$s")"
fi
run_ctl "sentinelctl redact --format text (whole lines)" --format text
cp "$TMP/out.jsonl" "$TMP/ref.txt"

if /usr/bin/python3 -c "import dask, distributed" 2>/dev/null; then
  # The Dask bag redacts whole lines as text, so it compares with `--format text` (same requests); its output
  # must be identical to that run's.
  s=$(/usr/bin/python3 bench/bulk/dask_bench.py "$TMP/in.jsonl" "$TMP/dask.txt" "http://127.0.0.1:$PORT")
  same=$(cmp -s "$TMP/dask.txt" "$TMP/ref.txt" && echo "identical to sentinelctl" || echo "DIFFERS from sentinelctl")
  printf '| Dask bag, LocalCluster 2 workers x 2 threads (whole lines; %s) | %s s | %s MB/s | |\n' "$same" "$s" "$(rate "$s")"
fi
