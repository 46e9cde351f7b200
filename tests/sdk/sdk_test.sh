#!/usr/bin/env bash
# The plugin SDK as a plugin author gets it: installs the `sdk` component into a temporary prefix, copies the
# example plugin (tests/sdk/example) out of the source tree, builds it against the *installed* SDK with
# find_package(SentinelPluginSDK), checks what sentinel_add_plugin produced (descriptor section, hidden
# visibility), and has the real sentineld check, load and serve it.
#   sdk_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/sentinel-sdk-test-XXXXXX)
chmod 755 "$work"
daemon_pid=""
cleanup() {
  if [[ -n "$daemon_pid" ]]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# --- Install the SDK ------------------------------------------------------------------------------------
prefix="$work/prefix"
cmake --install "$build" --component sdk --prefix "$prefix" > "$work/install.log"
for f in include/sentinel/plugin_abi.h include/sentinel/plugin_cpp.h lib/cmake/SentinelPluginSDK/SentinelPluginSDKConfig.cmake \
         lib/cmake/SentinelPluginSDK/SentinelPluginSDKConfigVersion.cmake lib/cmake/SentinelPluginSDK/SentinelPlugin.cmake; do
  [[ -f "$prefix/$f" ]] || fail "the SDK install lacks $f"
done
# Relocatable: nothing in it points back at the source or build tree.
if grep -rlF -e "$source_dir" -e "$build" "$prefix"; then fail "the installed SDK refers to the source or build tree"; fi
[[ $(find "$prefix" -type f | wc -l) -eq 5 ]] || fail "the sdk component installs more than the SDK: $(find "$prefix" -type f)"
ok "cmake --install --component sdk: $(find "$prefix" -type f | wc -l) files, relocatable"

# --- Build the example out of tree ----------------------------------------------------------------------
cp -r "$source_dir/tests/sdk/example" "$work/src"
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER_LAUNCHER= > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure against the installed SDK"; }
grep -q "SentinelPluginSDK_DIR:PATH=$prefix/lib/cmake/SentinelPluginSDK" "$work/build/CMakeCache.txt" ||
  fail "find_package did not use the installed SDK"
cmake --build "$work/build" > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build against the installed SDK"; }
grep -q -- "-I$source_dir" "$work/build.log" && fail "the build used headers from the source tree"
plugin="$work/build/libsentinel_secrets.so"
[[ -f "$plugin" ]] || fail "no $plugin"
ok "example plugin built out of tree against the installed SDK"

# What sentinel_add_plugin promises: the descriptor section, and only the descriptor and entry point exported.
readelf -SW "$plugin" | grep -q ' sentinel_abi ' || fail "no sentinel_abi section"
# Strong definitions only: vague-linkage instantiations of std:: templates (weak W/V, unique u) keep default
# visibility whatever -fvisibility says, because libstdc++ marks namespace std visible.
exported=$(nm -D --defined-only "$plugin" | awk '$2 ~ /^[TDBRtdbr]$/ {print $3}' | sort | tr '\n' ' ')
[[ "$exported" == "sentinel_abi_descriptor_v1 sentinel_plugin_entry " ]] || fail "exported symbols: $exported"
"$build/bin/sentinelctl" inspect "$plugin" > "$work/inspect.log" || { cat "$work/inspect.log"; fail "sentinelctl inspect"; }
grep -q 'secrets' "$work/inspect.log" || fail "inspect does not name the plugin: $(cat "$work/inspect.log")"
ok "descriptor section present, exports: $exported"

# The package version is the ABI version: a plugin asking for another major is refused at configure time.
mkdir "$work/major"
printf 'cmake_minimum_required(VERSION 3.22)\nproject(x CXX)\nfind_package(SentinelPluginSDK 2.0 REQUIRED)\n' > "$work/major/CMakeLists.txt"
if cmake -S "$work/major" -B "$work/major/build" -DCMAKE_PREFIX_PATH="$prefix" > "$work/major.log" 2>&1; then
  fail "find_package(SentinelPluginSDK 2.0) accepted an ABI 1 SDK"
fi
ok "find_package(SentinelPluginSDK 2.0) refused"

# --- Load it into sentineld -------------------------------------------------------------------------------
root="$work/root"
mkdir -p "$root/plugins" "$root/modules.d"
chmod 755 "$root" "$root/plugins" "$root/modules.d"
install -m 0755 "$plugin" "$root/plugins/"
cat > "$root/sentinel.yaml" <<YAML
listen: 127.0.0.1:8080
plugins_dir: plugins
modules_dir: modules.d
worker_threads: 2
YAML
cat > "$root/modules.d/secrets.yaml" <<YAML
name: secrets
library: libsentinel_secrets.so
enabled: true
settings:
  rules:
    - {name: github_token, prefix: ghp_, charset: alnum, length: 36}
    - {name: internal_key, prefix: "SNTL-", charset: hex, min_length: 8, max_length: 16}
YAML
"$build/bin/sentineld" --check --config "$root/sentinel.yaml" > "$work/check.log" 2>&1 || { cat "$work/check.log"; fail "sentineld --check"; }
grep -q '^module secrets: ok (plugin secrets 1.0.0, ABI 1.1' "$work/check.log" || fail "check: $(cat "$work/check.log")"
ok "sentineld --check: $(grep '^module secrets' "$work/check.log")"

# Bad settings are refused at activation with the plugin's message.
cp "$root/modules.d/secrets.yaml" "$work/good.yaml"
printf 'name: secrets\nlibrary: libsentinel_secrets.so\nenabled: true\nsettings:\n  rules: [{name: x, prefix: y, length: 0}]\n' > "$root/modules.d/secrets.yaml"
if "$build/bin/sentineld" --check --config "$root/sentinel.yaml" > "$work/bad.log" 2>&1; then fail "bad settings passed --check"; fi
grep -q 'lengths must be integers between 1 and 4096' "$work/bad.log" || fail "bad settings message: $(cat "$work/bad.log")"
cp "$work/good.yaml" "$root/modules.d/secrets.yaml"
ok "invalid settings refused at activation"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$build/bin/sentineld" --config "$root/sentinel.yaml" --listen "127.0.0.1:$port" > "$work/daemon.log" 2>&1 &
daemon_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -fsS "$url/ready" > /dev/null 2>&1 && break
  kill -0 "$daemon_pid" 2>/dev/null || { cat "$work/daemon.log"; fail "sentineld exited"; }
  sleep 0.1
done
curl -fsS "$url/ready" > /dev/null || { cat "$work/daemon.log"; fail "never ready"; }
token="ghp_$(printf 'a%.0s' $(seq 1 36))"
body=$(curl -fsS -X POST "$url/v1/analyze" -H 'Content-Type: application/json' \
  -d "{\"text\":\"é key=$token and SNTL-00ff00ff, not SNTL-xyz\",\"modules\":[\"secrets\"]}")
python3 - "$body" <<'PY' || fail "analyze result: $body"
import json, sys
matches = json.loads(sys.argv[1])["results"]["secrets"]["matches"]
assert [(m["rule"], m["start"], m["end"]) for m in matches] == [("github_token", 6, 46), ("internal_key", 51, 64)], matches
assert all("aaaa" not in m["redacted"] for m in matches), matches
PY
scan=$(curl -fsS -X POST "$url/secrets/scan" -d "{\"text\":\"$token\"}")
[[ "$scan" == *'"rule":"github_token"'* ]] || fail "plugin route: $scan"
curl -fsS "$url/v1/modules/secrets/health" | grep -q '"status":"ok"' || fail "module health"
curl -fsS "$url/openapi.json" | grep -q '"/secrets/scan"' || fail "plugin route not in /openapi.json"
curl -fsS "$url/metrics" | grep -qx 'sentinel_plugin_matches_total{module="secrets"} 3' || fail "plugin metrics: $(curl -fsS "$url/metrics" | grep sentinel_plugin_)"
grep -q "$token" "$work/daemon.log" && fail "the daemon logged analyzed text"
ok "sentineld serves the out-of-tree plugin: /v1/analyze, /secrets/scan, health, OpenAPI, metrics"
echo "sdk_test: all checks passed"
