#!/usr/bin/env bash
# The Debian packages: builds them with CPack from the build tree, checks their metadata and contents with
# dpkg-deb, unpacks the runtime package into a scratch root, runs the *installed* sentineld --check (and
# then serves) on the installed configuration with its paths moved into the scratch root, and verifies the
# systemd unit with systemd-analyze when it is available.
# It also checks that the container and orchestrator files (packaging/Dockerfile, k8s/, cloudrun/) name only
# paths the package has, and that the Kubernetes ConfigMap's sentinel.yaml passes the packaged --check.
#   deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/sentinel-deb-test-XXXXXX)
chmod 755 "$work"
daemon_pid=""
cleanup() {
  if [[ -n "$daemon_pid" ]]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || fail "$tool is required (apt-get install dpkg-dev cmake)"
done

# --- Build ------------------------------------------------------------------------------------------------
(cd "$work" && cpack -G DEB -B "$work/out" --config "$build/CPackConfig.cmake") > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
deb="$work/out/sentinel_${version}_${arch}.deb"
sdk="$work/out/sentinel-plugin-dev_${version}_all.deb"
[[ -f "$deb" ]] || fail "no $deb (got: $(ls "$work/out"))"
[[ -f "$sdk" ]] || fail "no $sdk"
ok "cpack built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) and $(basename "$sdk")"

# --- Metadata ---------------------------------------------------------------------------------------------
field() { dpkg-deb -f "$1" "$2"; }
[[ $(field "$deb" Package) == sentinel ]] || fail "Package is $(field "$deb" Package)"
[[ $(field "$deb" Architecture) == "$arch" ]] || fail "Architecture"
[[ $(field "$deb" Version) == "$version" ]] || fail "Version"
[[ -n $(field "$deb" Maintainer) ]] || fail "no Maintainer"
[[ -n $(field "$deb" Description) ]] || fail "no Description"
depends=$(field "$deb" Depends)
for dep in libopenblas0-pthread publicsuffix libsystemd0 libyaml-cpp0.7 libboost-filesystem1.74.0 libssl3 libstdc++6 libc6; do
  [[ ", $depends," == *", $dep "* || ", $depends," == *", $dep,"* ]] || fail "Depends lacks $dep: $depends"
done
if [[ -f "$build/lib/sentinel/plugins/libsentinel_presidio.so" ]]; then
  grep -q "libre2-" <<<"$depends" || fail "Depends lacks libre2 (presidio): $depends"
  grep -q "libphonenumber" <<<"$depends" || fail "Depends lacks libphonenumber (presidio): $depends"
fi
if [[ -f "$build/lib/sentinel/plugins/libsentinel_toxicity.so" ]]; then
  grep -q "libtorch" <<<"$depends" || fail "Depends lacks libtorch (toxicity): $depends"
  grep -q "libcld2-0" <<<"$depends" || fail "Depends lacks libcld2-0 (toxicity's Perspective language detection): $depends"
fi
ok "Depends: $depends"
[[ $(field "$sdk" Package) == sentinel-plugin-dev && $(field "$sdk" Architecture) == all ]] || fail "SDK package metadata"

mkdir "$work/control"
dpkg-deb -e "$deb" "$work/control"
for f in conffiles postinst prerm postrm md5sums; do [[ -f "$work/control/$f" ]] || fail "control archive lacks $f"; done
for f in postinst prerm postrm; do
  [[ -x "$work/control/$f" ]] || fail "$f is not executable"
  sh -n "$work/control/$f" || fail "$f has a shell syntax error"
done
grep -qx /etc/sentinel/sentinel.yaml "$work/control/conffiles" || fail "sentinel.yaml is not a conffile"
ok "control archive: conffiles $(tr '\n' ' ' < "$work/control/conffiles")"

# --- Contents ---------------------------------------------------------------------------------------------
dpkg-deb -c "$deb" > "$work/contents"
has() { grep -q " \./$1\$" "$work/contents" || fail "package lacks /$1"; }
has usr/bin/sentineld
has usr/bin/sentinelctl
has etc/sentinel/sentinel.yaml
has lib/systemd/system/sentineld.service
shopt -s nullglob
plugins=("$build"/lib/sentinel/plugins/libsentinel_*.so)
(( ${#plugins[@]} > 0 )) || fail "the build has no plugin to package"
for p in "${plugins[@]}"; do
  name=$(basename "$p" .so); name=${name#libsentinel_}
  has "usr/lib/sentinel/plugins/$(basename "$p")"
  has "etc/sentinel/modules.d/$name.yaml"
  grep -qx "/etc/sentinel/modules.d/$name.yaml" "$work/control/conffiles" || fail "$name.yaml is not a conffile"
done
if [[ -d "$build/share/sentinel/models" ]]; then
  while IFS= read -r -d '' m; do
    has "usr/share/sentinel/models/${m#"$build"/share/sentinel/models/}"
  done < <(find "$build/share/sentinel/models" -type f -print0)
fi
# Nothing outside the package's own folders, nothing from the test suite, nothing writable by others.
awk '{print $6}' "$work/contents" | grep -Ev '^\./(|usr/|usr/bin/|usr/bin/sentinel(d|ctl)|usr/lib/|usr/lib/sentinel/.*|usr/share/|usr/share/sentinel/.*|usr/share/doc/|usr/share/doc/sentinel/.*|etc/|etc/sentinel/.*|lib/|lib/systemd/|lib/systemd/system/|lib/systemd/system/sentineld\.service)$' \
  > "$work/stray" && { cat "$work/stray"; fail "files outside the package layout"; }
grep -Eq 'libsentinel_(keywords|test_|secrets)' "$work/contents" && fail "test plugins in the package"
awk '{print $1}' "$work/contents" | grep -E '^.....w|^........w' && fail "group/other-writable entries"
awk '{print $2}' "$work/contents" | grep -vx root/root && fail "files not owned by root"
ok "contents: $(grep -c '^-' "$work/contents") files, ${#plugins[@]} plugin(s)"
# The image installs this package, so every packaged path the container files name must be in it.
grep -ohE '/(etc/sentinel|usr/bin|usr/lib/sentinel|usr/share/sentinel)(/[A-Za-z0-9_.-]+)*' \
    "$source_dir"/packaging/Dockerfile "$source_dir"/packaging/k8s/*.yaml "$source_dir"/packaging/cloudrun/*.yaml |
  sort -u > "$work/named_paths"
while read -r p; do
  [[ "$p" == /usr/bin ]] && continue
  grep -qE " \.${p}/?\$" "$work/contents" || fail "packaging files name $p, which the package does not have"
done < "$work/named_paths"
ok "container/orchestrator files name $(wc -l < "$work/named_paths") packaged path(s), all present"
dpkg-deb -c "$sdk" > "$work/sdk-contents"
for f in usr/include/sentinel/plugin_abi.h usr/include/sentinel/plugin_cpp.h \
         usr/lib/cmake/SentinelPluginSDK/SentinelPluginSDKConfig.cmake usr/lib/cmake/SentinelPluginSDK/SentinelPlugin.cmake; do
  grep -q " \./$f\$" "$work/sdk-contents" || fail "SDK package lacks /$f"
done

# --- Installed configuration and unit ---------------------------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"
cfg="$root/etc/sentinel/sentinel.yaml"
grep -qx 'plugins_dir: /usr/lib/sentinel/plugins' "$cfg" || fail "installed config: plugins_dir is $(grep plugins_dir "$cfg")"
grep -qx 'models_dir: /usr/share/sentinel/models' "$cfg" || fail "installed config: models_dir is $(grep models_dir "$cfg")"
grep -q 'build' "$cfg" && fail "installed config mentions the build tree"
unit="$root/lib/systemd/system/sentineld.service"
for line in 'Type=notify' 'ExecStart=/usr/bin/sentineld --config /etc/sentinel/sentinel.yaml' \
            'ExecReload=/bin/kill -HUP $MAINPID' 'DynamicUser=yes' 'ProtectSystem=strict' 'NoNewPrivileges=yes' \
            'ProtectHome=yes' 'PrivateTmp=yes' 'CapabilityBoundingSet=' 'WantedBy=multi-user.target'; do
  grep -qxF "$line" "$unit" || fail "unit lacks '$line'"
done
if command -v systemd-analyze >/dev/null && [[ -d /lib/systemd/system ]]; then
  # verify resolves the unit's dependencies (sysinit.target, ...) inside --root, so give it the system's units.
  vroot="$work/vroot"
  mkdir -p "$vroot/lib/systemd/system" "$vroot/usr/bin" "$vroot/bin"
  cp -a /lib/systemd/system/. "$vroot/lib/systemd/system/"
  cp "$unit" "$vroot/lib/systemd/system/"
  cp "$root/usr/bin/sentineld" "$vroot/usr/bin/"
  cp /bin/kill "$vroot/bin/"
  systemd-analyze verify --root="$vroot" /lib/systemd/system/sentineld.service > "$work/verify.log" 2>&1 ||
    { cat "$work/verify.log"; fail "systemd-analyze verify"; }
  [[ -s "$work/verify.log" ]] && { cat "$work/verify.log"; fail "systemd-analyze verify printed warnings"; }
  ok "systemd-analyze verify: clean"
else
  echo "skip: systemd-analyze not available, unit checked by content only"
fi

# --- The installed daemon on the installed configuration ----------------------------------------------------
# Paths are moved into the scratch root; nothing else changes.
sed -i -e "s#^plugins_dir: /#plugins_dir: $root/#" -e "s#^models_dir: /#models_dir: $root/#" "$cfg"
sed -i -e "s#/usr/share/sentinel/#$root/usr/share/sentinel/#g" -e "s#/usr/lib/sentinel/#$root/usr/lib/sentinel/#g" \
  "$root"/etc/sentinel/modules.d/*.yaml
mkdir -p "$root/usr/share/sentinel/models"
"$root/usr/bin/sentineld" --check --config "$cfg" > "$work/check.log" 2>&1 || { cat "$work/check.log"; fail "installed sentineld --check"; }
grep -q '^check passed$' "$work/check.log" || fail "no 'check passed' in: $(cat "$work/check.log")"
for p in "${plugins[@]}"; do
  name=$(basename "$p" .so); name=${name#libsentinel_}
  grep -q "^module $name: ok" "$work/check.log" || fail "module $name not ok: $(cat "$work/check.log")"
done
ok "installed sentineld --check: $(grep -c '^module .*: ok' "$work/check.log") module(s) ok"

# The Kubernetes ConfigMap's host config, on the packaged files.
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$source_dir/packaging/k8s/configmap.yaml" > "$work/k8s.yaml" <<'PY'
import sys, yaml
print(yaml.safe_load(open(sys.argv[1]))["data"]["sentinel.yaml"], end="")
PY
  sed -i -e "s#^\(plugins_dir\|models_dir\|modules_dir\): /#\1: $root/#" "$work/k8s.yaml"
  "$root/usr/bin/sentineld" --check --config "$work/k8s.yaml" > "$work/k8s-check.log" 2>&1 ||
    { cat "$work/k8s-check.log"; fail "sentineld --check on the k8s ConfigMap's sentinel.yaml"; }
  ok "k8s ConfigMap sentinel.yaml: packaged sentineld --check passed"
else
  echo "skip: python3-yaml not installed, k8s ConfigMap not checked against the package"
fi

if command -v curl >/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$root/usr/bin/sentineld" --config "$cfg" --listen "127.0.0.1:$port" > "$work/daemon.log" 2>&1 &
  daemon_pid=$!
  ready=""
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1; then ready=1; break; fi
    kill -0 "$daemon_pid" 2>/dev/null || break
    sleep 0.2
  done
  [[ -n "$ready" ]] || { cat "$work/daemon.log"; fail "installed sentineld never became ready"; }
  metrics=$(curl -fsS "http://127.0.0.1:$port/metrics")
  for p in "${plugins[@]}"; do
    name=$(basename "$p" .so); name=${name#libsentinel_}
    grep -qx "sentinel_module_state{module=\"$name\",state=\"active\"} 1" <<<"$metrics" || fail "$name is not active in /metrics"
  done
  "$root/usr/bin/sentinelctl" --url "http://127.0.0.1:$port" health > /dev/null || fail "installed sentinelctl health"
  ok "installed sentineld serves: /ready 200, every packaged module active"
fi
echo "deb_test: all checks passed"
