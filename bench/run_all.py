#!/usr/bin/python3
"""Sentinel's benchmark suite (issue 8): sentineld through HTTP, side by side with peers, in one run.

  bench/run.sh [--quick] [--build DIR] [--soak SECONDS] [--out FILE]

Starts sentineld from a build folder on a free loopback port with the shipped modules (config/modules.d/*.yaml,
plugins from <build>/lib/sentinel/plugins, models from <build>/share/sentinel/models) and measures with wrk:
  1. requests/s and p50/p99 latency at several concurrencies for /presidio/analyze (200 B and 5 KB texts, and
     MB/s for a 1 MB text), /toxicity/predict (200 B) and /v1/analyze (both modules, 200 B); peak RSS and
     each module's activation time;
  2. the same texts through peers users would otherwise pick, in the same run so ratios survive a noisy
     machine: the toxicity plugin's TorchScript model served by Python (Debian python3-torch,
     bench/peers/python/toxicity_server.py) and two npm PII redactors behind a tiny Node server
     (bench/peers/node/server.js: redact-pii, @openredaction/openredaction);
  3. the cost of process isolation: both modules again with `isolation: process` (each module's peak RSS is
     its worker's VmHWM there);
  4. with --soak SECONDS, only a soak instead: mixed load on every route, RSS sampled every 5 s, errors and the
     RSS trend reported.
Prints tables and writes JSON to bench/results/<date>[-quick|-soak].json. Loopback only; every run is bounded.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "bench")
POST_LUA = os.path.join(BENCH, "http", "post.lua")
MIXED_LUA = os.path.join(BENCH, "http", "mixed.lua")

# Texts: prose with an e-mail, a phone number and a card number (PII routes), and an ordinary rude comment
# (toxicity), cut or repeated to size. The same bytes go to sentineld and to every peer.
PII_SENTENCE = ("Please call Maria at (212) 555-0147 or write to maria.gonzalez@example.com about the invoice; "
                "the card on file is 4111 1111 1111 1111. The team will review it tomorrow. ")
TOXIC_SENTENCE = ("Honestly this thread is full of clueless idiots who never read the article, and the moderators "
                  "should stop protecting them. Some of you people are pathetic, go learn something first. ")


def sized(sentence, size):
    text = (sentence * (size // len(sentence) + 1))[:size]
    return text[:text.rfind(" ")] + "." if size > 64 else text  # end on a word, stay within the size


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def proc_status(pid, key):
    """A /proc/<pid>/status field in MiB (VmRSS, VmHWM), or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


class Server:
    """A process started for the bench, stopped (SIGTERM, then SIGKILL) when the bench leaves it."""

    def __init__(self, name, argv, port, ready_path, log_path, cwd=None, env=None, ready_status=(200,),
                 start_timeout=120):
        self.name, self.port = name, port
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.time() + start_timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {self.proc.returncode} while starting; see {log_path}")
            try:
                status, _ = http("GET", self.url(ready_path), timeout=2)
                if status in ready_status:
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"{name} not ready within {start_timeout}s; see {log_path}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def run_wrk(url, body_file, connections, seconds, script=POST_LUA, timeout_s=10):
    threads = max(1, min(2, connections))
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s", "--latency",
            "-s", script, url, "--", body_file]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + timeout_s + 30)
    for line in out.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            r = json.loads(line[len("WRK_JSON "):])
            r["rps"] = r["requests"] / (r["duration_us"] / 1e6) if r["duration_us"] else 0.0
            r["errors_total"] = sum(r["errors"].values())
            return r
    raise RuntimeError(f"wrk gave no result for {url}: {out.stdout[-500:]} {out.stderr[-500:]}")


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.work = tempfile.mkdtemp(prefix="sentinel-bench-")
        self.sentineld = os.path.join(self.build, "bin", "sentineld")
        self.plugins = os.path.join(self.build, "lib", "sentinel", "plugins")
        self.models = os.path.join(self.build, "share", "sentinel", "models")
        self.results = {"rows": [], "modules": {}, "memory": {}, "notes": []}
        self.bodies = {}

    # ---- setup -------------------------------------------------------------------------------------------
    def body(self, name, obj):
        path = os.path.join(self.work, name + ".json")
        with open(path, "w") as f:
            json.dump(obj, f)
        self.bodies[name] = path
        return path

    def make_bodies(self):
        self.texts = {"pii_200": sized(PII_SENTENCE, 200), "pii_5k": sized(PII_SENTENCE, 5120),
                      "pii_1m": sized(PII_SENTENCE, 1000000), "tox_200": sized(TOXIC_SENTENCE, 200)}
        for key in ("pii_200", "pii_5k", "pii_1m"):
            self.body("presidio_" + key, {"text": self.texts[key], "language": "en"})
            self.body("plain_" + key, {"text": self.texts[key]})
        self.body("predict_tox_200", {"text": self.texts["tox_200"]})
        self.body("analyze_pii_200", {"text": self.texts["pii_200"], "modules": ["presidio", "toxicity"]})
        self.body("analyze_tox_200", {"text": self.texts["tox_200"], "modules": ["presidio", "toxicity"]})

    def write_config(self, tag, isolation, patterns_only=False):
        """A host config from config/sentinel.yaml on a free port, with the shipped module files (with
        patterns_only: the presidio module alone, its NER recognizer off)."""
        folder = os.path.join(self.work, tag)
        os.makedirs(os.path.join(folder, "modules.d"))
        with open(os.path.join(REPO, "config", "sentinel.yaml")) as f:
            host = yaml.safe_load(f)
        port = free_port()
        host.update({"listen": f"127.0.0.1:{port}", "plugins_dir": self.plugins, "models_dir": self.models,
                     "modules_dir": "modules.d", "log_level": "warn"})
        with open(os.path.join(folder, "sentinel.yaml"), "w") as f:
            yaml.safe_dump(host, f, sort_keys=False)
        modules_dir = os.path.join(REPO, "config", "modules.d")
        for name in sorted(os.listdir(modules_dir)):
            if not name.endswith(".yaml"):
                continue
            with open(os.path.join(modules_dir, name)) as f:
                text = f.read()
            if patterns_only:
                if name != "presidio.yaml":
                    continue
                if "  ner:\n    enabled: true" not in text:
                    raise RuntimeError(f"{name}: no 'ner: enabled: true' block to switch off")
                text = text.replace("  ner:\n    enabled: true", "  ner:\n    enabled: false")
            if isolation == "process":
                if "isolation: in_process" not in text:
                    raise RuntimeError(f"{name}: no 'isolation: in_process' line to switch")
                text = text.replace("isolation: in_process", "isolation: process")
            with open(os.path.join(folder, "modules.d", name), "w") as f:
                f.write(text)
        return os.path.join(folder, "sentinel.yaml"), port

    def start_sentineld(self, tag, isolation, patterns_only=False):
        config, port = self.write_config(tag, isolation, patterns_only)
        return Server(f"sentineld ({isolation})", [self.sentineld, "--config", config], port, "/ready",
                      os.path.join(self.work, tag + ".log"))

    def start_python_peer(self):
        port = free_port()
        model = os.path.join(self.models, "default")
        script = os.path.join(BENCH, "peers", "python", "toxicity_server.py")
        return Server("python toxicity", ["/usr/bin/python3", script, model, str(port), "--threads", "1"], port,
                      "/health", os.path.join(self.work, "python.log"))

    def start_node_peer(self):
        port = free_port()
        folder = os.path.join(BENCH, "peers", "node")
        if not os.path.isdir(os.path.join(folder, "node_modules")):
            print("installing the node peers (npm ci in bench/peers/node)", flush=True)
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, check=False, timeout=600)
        return Server("node redactors", ["node", "server.js", str(port), str(self.args.node_workers)], port,
                      "/health", os.path.join(self.work, "node.log"), cwd=folder)

    # ---- measuring ---------------------------------------------------------------------------------------
    def measure(self, server, system, route, text, body, connections, seconds):
        """One wrk run: a dict with requests/s, p50/p99 (None when nothing completed) and wrk's errors."""
        load_before = os.getloadavg()[0]
        r = run_wrk(server.url(route), self.bodies[body], connections, seconds)
        done = r["requests"] > 0  # wrk reports zeros as latencies when nothing completed
        return {"rps": r["rps"], "p50_ms": r["latency_us"]["p50"] / 1000.0 if done else None,
                "p99_ms": r["latency_us"]["p99"] / 1000.0 if done else None, "requests": r["requests"],
                "errors": r["errors"], "loadavg_1m": load_before}

    def record(self, system, route, text, connections, seconds, runs):
        """The row of one point: medians over its rounds (which ran interleaved with the other systems)."""
        def median(values):
            values = sorted(v for v in values if v is not None)
            return values[len(values) // 2] if values else None
        errors = {k: sum(run["errors"][k] for run in runs) for k in runs[0]["errors"]}
        row = {"system": system, "route": route, "text": text, "connections": connections,
               "seconds_per_round": seconds, "rounds": len(runs),
               "rps": round(median([run["rps"] for run in runs]), 1),
               "p50_ms": median([run["p50_ms"] for run in runs]), "p99_ms": median([run["p99_ms"] for run in runs]),
               "requests": sum(run["requests"] for run in runs), "errors": errors,
               "errors_total": sum(errors.values()),
               "rps_rounds": [round(run["rps"], 1) for run in runs],
               "loadavg_1m": [run["loadavg_1m"] for run in runs]}
        if text.endswith("1m"):
            row["mb_per_s"] = round(row["rps"] * len(self.texts["pii_1m"].encode()) / 1e6, 2)
        self.results["rows"].append(row)
        print(format_row(row), flush=True)
        return row

    def single(self, server, system, route, text, timeout=300):
        """One request timed on its own (bounded by `timeout`), recorded as a row with rps = 1 / latency."""
        with open(self.bodies[self.body_for(system, route, text)], "rb") as f:
            body = json.load(f)
        start = time.perf_counter()
        try:
            status, _ = http("POST", server.url(route), body, timeout=timeout)
        except OSError:
            status = None
        seconds = time.perf_counter() - start
        ok = status == 200
        row = {"system": system, "route": route, "text": text, "connections": 1, "rounds": 1,
               "method": "one timed request", "rps": round(1.0 / seconds, 3) if ok else 0.0,
               "p50_ms": round(seconds * 1000, 1) if ok else None, "p99_ms": None, "requests": 1,
               "errors": {"status": 0 if ok else 1}, "errors_total": 0 if ok else 1}
        row["mb_per_s"] = round(row["rps"] * len(self.texts[text].encode()) / 1e6, 2)
        self.results["rows"].append(row)
        print(format_row(row), flush=True)
        return row

    def warm(self, server, route, body):
        run_wrk(server.url(route), self.bodies[body], 4, 1)

    def module_facts(self, server, isolation):
        status, data = http("GET", server.url("/v1/modules"))
        modules = data.get("modules", data) if isinstance(data, dict) else data
        for m in modules or []:
            entry = self.results["modules"].setdefault(m["name"], {})
            entry[f"activation_ms_{isolation}"] = m.get("activation_ms")
            entry["state"] = m.get("state")
            entry["plugin_version"] = (m.get("plugin") or {}).get("version")

    def workers(self, server):
        """{module library file: worker pid} for a sentineld running modules with isolation: process."""
        found = {}
        for child in children(server.pid):
            argv = cmdline(child)
            if "--worker" in argv:
                lib = os.path.basename(argv[argv.index("--worker") + 1])
                found[lib] = child
        return found

    # ---- the suites --------------------------------------------------------------------------------------
    def run_main(self):
        """Every server up at once; comparable points run back to back, so drift on a shared machine hits
        each side of a ratio alike."""
        a = self.args
        conns, secs = a.connections, a.seconds
        servers = {}
        try:
            servers["sentineld"] = self.start_sentineld("in_process", "in_process")
            self.module_facts(servers["sentineld"], "in_process")
            self.results["memory"]["sentineld_in_process_rss_after_activation_mib"] = \
                proc_status(servers["sentineld"].pid, "VmRSS")
            servers["sentineld-process"] = self.start_sentineld("process", "process")
            self.module_facts(servers["sentineld-process"], "process")
            servers["sentineld-patterns"] = self.start_sentineld("patterns", "in_process", patterns_only=True)
            status, data = http("GET", servers["sentineld-patterns"].url("/v1/modules/presidio"))
            if status == 200:
                self.results["modules"]["presidio"]["activation_ms_patterns_only"] = data.get("activation_ms")
            if not a.skip_peers:
                servers["python-torch"] = self.start_peer(self.start_python_peer)
                servers["node"] = self.start_peer(self.start_node_peer)
            self.check_parity(servers)

            tox = [("sentineld", "/toxicity/predict"), ("sentineld-process", "/toxicity/predict"),
                   ("python-torch", "/predict")]
            pii = [("sentineld", "/presidio/analyze"), ("sentineld-process", "/presidio/analyze"),
                   ("sentineld-patterns", "/presidio/analyze"),
                   ("node-redact-pii", "/redact-pii"), ("node-openredaction", "/openredaction")]
            groups = [("tox_200", tox, conns, secs),
                      ("pii_200", pii, conns, secs),
                      ("pii_5k", [x for x in pii if x[0] != "sentineld-process"], conns, secs),
                      ("pii_1m", [x for x in pii if x[0] != "sentineld-process"], [1], secs),
                      ("pii_200", [("sentineld", "/v1/analyze")], conns, secs)]
            for text, members, group_conns, seconds in groups:
                live = [(system, route) for system, route in members if self.server_for(servers, system)]
                if text == "pii_1m":
                    # A 1 MB text takes from a fraction of a second to many seconds: time one request on each
                    # rather than leave a wrk window to expire with a request still running.
                    for system, route in live:
                        self.single(self.server_for(servers, system), system, route, text)
                    continue
                for system, route in live:
                    self.warm(self.server_for(servers, system), route, self.body_for(system, route, text))
                for c in group_conns:
                    runs = {point: [] for point in live}
                    for rnd in range(a.rounds):
                        # Alternate the order each round so neither side always runs first.
                        for system, route in (live if rnd % 2 == 0 else live[::-1]):
                            runs[(system, route)].append(self.measure(
                                self.server_for(servers, system), system, route, text,
                                self.body_for(system, route, text), c, seconds))
                    for system, route in live:
                        self.record(system, route, text, c, seconds, runs[(system, route)])

            mem = self.results["memory"]
            mem["sentineld_in_process_peak_rss_mib"] = proc_status(servers["sentineld"].pid, "VmHWM")
            mem["sentineld_in_process_rss_end_mib"] = proc_status(servers["sentineld"].pid, "VmRSS")
            mem["sentineld_patterns_only_peak_rss_mib"] = proc_status(servers["sentineld-patterns"].pid, "VmHWM")
            mem["sentineld_process_daemon_peak_rss_mib"] = proc_status(servers["sentineld-process"].pid, "VmHWM")
            for lib, pid in self.workers(servers["sentineld-process"]).items():
                module = lib.replace("libsentinel_", "").replace(".so", "")
                entry = self.results["modules"].setdefault(module, {})
                entry["worker_peak_rss_mib"] = proc_status(pid, "VmHWM")
                entry["worker_rss_end_mib"] = proc_status(pid, "VmRSS")
            if "python-torch" in servers:
                mem["python_peer_peak_rss_mib"] = proc_status(servers["python-torch"].pid, "VmHWM")
            if "node" in servers:
                n = servers["node"]
                mem["node_peer_peak_rss_mib"] = (proc_status(n.pid, "VmHWM") or 0.0) + sum(
                    proc_status(c, "VmHWM") or 0.0 for c in children(n.pid))
        finally:
            for s in servers.values():
                s.stop()

    @staticmethod
    def server_for(servers, system):
        return servers.get("node" if system.startswith("node-") else system)

    @staticmethod
    def body_for(system, route, text):
        if route == "/presidio/analyze":
            return "presidio_" + text
        if route == "/v1/analyze":
            return "analyze_" + text
        if route in ("/toxicity/predict", "/predict"):
            return "predict_" + text
        return "plain_" + text

    def start_peer(self, start):
        try:
            return start()
        except RuntimeError as e:
            self.results["notes"].append(f"peer skipped: {e}")
            print(f"peer skipped: {e}", file=sys.stderr)
            return None

    def check_parity(self, servers):
        """The Python peer must score exactly as sentineld does, or the comparison means nothing."""
        texts = [self.texts["tox_200"], self.texts["pii_200"], "Shut up, you pathetic moron.",
                 "Thank you so much for your help with the report yesterday."]
        status, ours = http("POST", servers["sentineld"].url("/toxicity/predict"), {"text": texts})
        if servers.get("python-torch") is None or status != 200:
            return
        status, theirs = http("POST", servers["python-torch"].url("/predict"), {"text": texts})
        if status == 200:
            self.results["toxicity_parity_max_abs_diff"] = max(
                abs(x - y) for label in ours for x, y in zip(ours[label], theirs[label]))
        status, profile = http("POST", servers["python-torch"].url("/profile"),
                               {"text": self.texts["tox_200"], "n": 200}, timeout=120)
        if status == 200:
            self.results["python_peer_profile"] = profile

    def run_soak(self, seconds):
        s = self.start_sentineld("soak", "in_process")
        listing = os.path.join(self.work, "mixed.txt")
        with open(listing, "w") as f:
            for route, body in (("/presidio/analyze", "presidio_pii_200"), ("/presidio/analyze", "presidio_pii_5k"),
                                ("/toxicity/predict", "predict_tox_200"), ("/v1/analyze", "analyze_pii_200"),
                                ("/v1/analyze", "analyze_tox_200")):
                f.write(f"{route} {self.bodies[body]}\n")
        try:
            self.module_facts(s, "in_process")
            samples = []
            t0 = time.time()
            argv = ["wrk", "-t2", f"-c{self.args.soak_connections}", f"-d{seconds}s", "--timeout=10s", "--latency",
                    "-s", MIXED_LUA, s.url("/"), "--", listing]
            load = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            while load.poll() is None:
                samples.append({"t_s": round(time.time() - t0, 1), "rss_mib": proc_status(s.pid, "VmRSS")})
                print(f"  soak t={samples[-1]['t_s']:>6}s rss={samples[-1]['rss_mib']:.1f} MiB", flush=True)
                try:
                    load.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
            out = load.stdout.read()
            line = next((l for l in out.splitlines() if l.startswith("WRK_JSON ")), None)
            r = json.loads(line[len("WRK_JSON "):]) if line else {"error": out[-1000:]}
            rss = [x["rss_mib"] for x in samples if x["rss_mib"] is not None]
            minute = max(1, len(rss) // max(1, seconds // 60))
            soak = {"seconds": seconds, "connections": self.args.soak_connections, "wrk": r,
                    "rps": r.get("requests", 0) / (r.get("duration_us", 1) / 1e6) if "requests" in r else None,
                    "errors_total": sum(r.get("errors", {}).values()) if "errors" in r else None,
                    "alive": s.proc.poll() is None, "rss_samples": samples,
                    "rss_first_minute_mean_mib": sum(rss[:minute]) / len(rss[:minute]) if rss else None,
                    "rss_last_minute_mean_mib": sum(rss[-minute:]) / len(rss[-minute:]) if rss else None,
                    "rss_slope_mib_per_min": slope(samples), "peak_rss_mib": proc_status(s.pid, "VmHWM")}
            self.results["soak"] = soak
        finally:
            s.stop()

    def cleanup(self):
        if self.args.keep:
            print(f"work folder kept: {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def slope(samples):
    """Least-squares RSS slope in MiB per minute."""
    pts = [(x["t_s"], x["rss_mib"]) for x in samples if x["rss_mib"] is not None]
    if len(pts) < 2:
        return None
    n = len(pts)
    mt = sum(t for t, _ in pts) / n
    mr = sum(r for _, r in pts) / n
    var = sum((t - mt) ** 2 for t, _ in pts)
    return round(60.0 * sum((t - mt) * (r - mr) for t, r in pts) / var, 3) if var else None


def format_row(r):
    errs = r["errors_total"]
    extra = f"  {r['mb_per_s']:.3g} MB/s" if "mb_per_s" in r else ""
    ms = lambda v: f"{v:>8.2f}" if v is not None else "       -"
    return (f"{r['system']:<20} {r['route']:<18} {r['text']:<8} c={r['connections']:<3} "
            f"{r['rps']:>9.4g} req/s  p50 {ms(r['p50_ms'])} ms  p99 {ms(r['p99_ms'])} ms  "
            f"errors {errs}{extra}")


def find(rows, system, text, c, route=None):
    for r in rows:
        if r["system"] == system and r["text"] == text and r["connections"] == c and (route is None or r["route"] == route):
            return r
    return None


def ratios(results, conns):
    """sentineld vs each peer and in_process vs process at each concurrency (rps ratio, p50 ratio)."""
    rows = results["rows"]
    pairs = [("sentineld", "/toxicity/predict", "python-torch", "/predict", "tox_200")]
    for ours in ("sentineld", "sentineld-patterns"):
        for peer in ("node-redact-pii", "node-openredaction"):
            for text in ("pii_200", "pii_5k", "pii_1m"):
                pairs.append((ours, "/presidio/analyze", peer, None, text))
    pairs += [("sentineld", "/presidio/analyze", "sentineld-process", "/presidio/analyze", "pii_200"),
              ("sentineld", "/toxicity/predict", "sentineld-process", "/toxicity/predict", "tox_200")]
    out = []
    for sys_a, route_a, sys_b, route_b, text in pairs:
        for c in sorted(set(conns) | {1}):
            a, b = find(rows, sys_a, text, c, route_a), find(rows, sys_b, text, c, route_b)
            if not a or not b or not b["rps"] or not a["rps"] or a["p50_ms"] is None or b["p50_ms"] is None:
                continue
            out.append({"a": sys_a, "b": sys_b, "route_a": route_a, "route_b": b["route"], "text": text,
                        "connections": c, "rps_ratio": round(a["rps"] / b["rps"], 2),
                        "p50_ratio_b_over_a": round(b["p50_ms"] / a["p50_ms"], 2) if a["p50_ms"] else None,
                        "p50_delta_ms": round(b["p50_ms"] - a["p50_ms"], 3),
                        "p99_delta_ms": round(b["p99_ms"] - a["p99_ms"], 3) if a["p99_ms"] and b["p99_ms"] else None})
    return out


def machine_facts(build):
    facts = {"host": platform.node(), "cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg(),
             "kernel": platform.release()}
    try:
        with open("/proc/cpuinfo") as f:
            facts["cpu"] = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        facts["git_commit"] = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                             capture_output=True, text=True).stdout.strip()
        facts["git_dirty_files"] = len(subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                                                      capture_output=True, text=True).stdout.splitlines())
    except OSError:
        pass
    facts["build"] = build
    facts["wrk"] = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[:1]
    facts["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    facts["python_torch"] = subprocess.run(["/usr/bin/python3", "-c", "import torch; print(torch.__version__)"],
                                           capture_output=True, text=True).stdout.strip()
    return facts


def print_summary(results, conns):
    print("\n== modules ==")
    for name, m in sorted(results["modules"].items()):
        parts = [f"activation {k[len('activation_ms_'):]} {v:.0f} ms" for k, v in m.items()
                 if k.startswith("activation_ms_") and v is not None]
        if m.get("worker_peak_rss_mib") is not None:
            parts.append(f"worker peak RSS {m['worker_peak_rss_mib']:.1f} MiB")
        print(f"{name:<10} " + ", ".join(parts))
    print("== memory (MiB) ==")
    for k, v in results["memory"].items():
        print(f"{k:<48} {v:.1f}" if isinstance(v, float) else f"{k:<48} {v}")
    if "toxicity_parity_max_abs_diff" in results:
        print(f"toxicity scores, sentineld vs python peer, max |diff|: {results['toxicity_parity_max_abs_diff']:.2e}")
    if results.get("ratios"):
        print("== ratios (a / b requests/s; b p50 / a p50) ==")
        for r in results["ratios"]:
            print(f"{r['a']:<10} vs {r['b']:<20} {r['text']:<8} c={r['connections']:<3} rps x{r['rps_ratio']:<7} "
                  f"p50 x{r['p50_ratio_b_over_a']} ({r['p50_delta_ms']:+.3f} ms)")
    if "soak" in results:
        s = results["soak"]
        print(f"== soak {s['seconds']} s, c={s['connections']} ==\n{s['rps'] or 0:.1f} req/s, errors {s['errors_total']}, "
              f"alive {s['alive']}, RSS first minute {s['rss_first_minute_mean_mib']:.1f} MiB, last minute "
              f"{s['rss_last_minute_mean_mib']:.1f} MiB, slope {s['rss_slope_mib_per_min']} MiB/min, "
              f"peak {s['peak_rss_mib']:.1f} MiB")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.environ.get("SENTINEL_BUILD", os.path.join(REPO, "build")))
    p.add_argument("--quick", action="store_true", help="2 rounds of 2 s per point instead of 3 rounds of 5 s")
    p.add_argument("--seconds", type=int, help="seconds per wrk round (default 5, quick 2)")
    p.add_argument("--rounds", type=int, help="interleaved rounds per point; the row holds medians (default 3, quick 2)")
    p.add_argument("--connections", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 32, 64])
    p.add_argument("--soak", type=int, metavar="SECONDS", help="run only the soak, for this long")
    p.add_argument("--soak-connections", type=int, default=16)
    p.add_argument("--node-workers", type=int, default=2, help="Node processes (default: one per core of 2)")
    p.add_argument("--skip-peers", action="store_true")
    p.add_argument("--out", help="JSON file (default bench/results/<date>[-quick|-soak].json)")
    p.add_argument("--keep", action="store_true", help="keep the work folder (configs, logs, bodies)")
    a = p.parse_args()
    a.seconds = a.seconds or (2 if a.quick else 5)
    a.rounds = a.rounds or (2 if a.quick else 3)

    for tool in ("wrk", "node"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (apt-get install wrk nodejs npm)")
    b = Bench(a)
    if not os.access(b.sentineld, os.X_OK):
        sys.exit(f"no sentineld in {a.build}/bin: build first, or pass --build DIR")
    mode = "soak" if a.soak else ("quick" if a.quick else "full")
    results = b.results
    results.update({"mode": mode, "started": datetime.datetime.utcnow().isoformat(timespec="seconds") + "Z",
                    "machine": machine_facts(b.build), "seconds_per_round": a.seconds, "rounds": a.rounds, "connections": a.connections,
                    "texts_bytes": None, "command": " ".join(["bench/run.sh"] + sys.argv[1:])})
    try:
        b.make_bodies()
        results["texts_bytes"] = {k: len(v.encode()) for k, v in b.texts.items()}
        if a.soak:
            b.run_soak(a.soak)
        else:
            b.run_main()
            results["ratios"] = ratios(results, a.connections)
    finally:
        b.cleanup()
    results["finished"] = datetime.datetime.utcnow().isoformat(timespec="seconds") + "Z"
    print_summary(results, a.connections)
    out = a.out or os.path.join(BENCH, "results", f"{datetime.date.today().isoformat()}"
                                + ("" if mode == "full" else "-" + mode) + ".json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
