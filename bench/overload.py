#!/usr/bin/python3
"""Overload benchmark (issue 15): the shipped config's presidio module (NER on) driven far past its capacity
for a while, to show what back-pressure does. Steps:

  1. capacity: wrk at 16 connections for 5 s on POST /presidio/analyze (200-byte text): C req/s;
  2. overload: wrk with --connections (default 512) for --seconds (default 60): every refused request is
     resent at once, so the offered load is many times C. Meanwhile a probe thread sends one analysis every
     50 ms and one GET /health and one GET /metrics every 250 ms, each on a new connection, timing each; the
     daemon's RSS is read from /proc every second.

Reported: C, wrk's completed and non-2xx counts during the overload, the probe's accepted p50/p99 and refused
(429) share and latency, /health and /metrics worst and p99 latency, RSS at start, peak and end.

  bench/overload.py [--build DIR] [--connections 512] [--seconds 60] [--out FILE.json]
Needs wrk and python3-yaml, like bench/run.sh.
"""
import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_all as R  # noqa: E402  (the suite's server, config and wrk helpers)


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def timed_request(port, method, path, body=None):
    """(status, seconds) of one request on a new connection; status 0 on a connection error."""
    t0 = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        status = resp.status
        conn.close()
    except OSError:
        status = 0
    return status, time.perf_counter() - t0


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(R.REPO, "build"))
    ap.add_argument("--connections", type=int, default=512)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--out")
    args = ap.parse_args()

    bench = R.Bench(argparse.Namespace(build=args.build, keep=False, node_workers=2))
    bench.make_bodies()
    body_name = "presidio_pii_200"
    with open(bench.bodies[body_name], "rb") as f:
        body = f.read()
    server = bench.start_sentineld("overload", "in_process")
    try:
        port = server.port
        pid = server.proc.pid
        bench.warm(server, "/presidio/analyze", body_name)
        capacity = R.run_wrk(server.url("/presidio/analyze"), bench.bodies[body_name], 16, 5)
        print(f"capacity at 16 connections: {capacity['rps']:.0f} req/s", flush=True)

        probe = {"accepted": [], "refused": [], "other": [], "health": [], "metrics": [], "rss": []}
        stop = threading.Event()

        def analysis_probe():
            while not stop.is_set():
                status, secs = timed_request(port, "POST", "/presidio/analyze", body)
                key = "accepted" if status == 200 else "refused" if status == 429 else "other"
                probe[key].append(secs if key != "other" else status)
                time.sleep(0.05)

        def control_probe():
            while not stop.is_set():
                for path, key in (("/health", "health"), ("/metrics", "metrics")):
                    status, secs = timed_request(port, "GET", path)
                    probe[key].append(secs if status == 200 else float("inf"))
                time.sleep(0.25)

        def rss_probe():
            while not stop.is_set():
                probe["rss"].append(rss_kib(pid))
                time.sleep(1)

        threads = [threading.Thread(target=f, daemon=True) for f in (analysis_probe, control_probe, rss_probe)]
        rss_start = rss_kib(pid)
        for t in threads:
            t.start()
        overload = R.run_wrk(server.url("/presidio/analyze"), bench.bodies[body_name], args.connections,
                             args.seconds, timeout_s=10)
        stop.set()
        for t in threads:
            t.join()
        rss_end = rss_kib(pid)
        ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
        n_probe = len(probe["accepted"]) + len(probe["refused"]) + len(probe["other"])
        result = {
            "connections": args.connections,
            "seconds": args.seconds,
            "capacity_rps_16_connections": round(capacity["rps"]),
            # wrk counts a non-2xx answer (here: 429) under errors.status.
            "overload_wrk": {"completed_per_s": round(overload["rps"]), "requests": overload["requests"],
                             "non_2xx": overload["errors"]["status"],
                             "socket_errors": overload["errors_total"] - overload["errors"]["status"],
                             "latency_ms_all_answers": {k: overload["latency_us"][k] / 1000
                                                        for k in ("p50", "p99", "max")}},
            "probe_analysis": {
                "sent": n_probe,
                "accepted": len(probe["accepted"]),
                "refused_429": len(probe["refused"]),
                "other_statuses": sorted(set(probe["other"])),
                "accepted_p50_ms": ms(pct(probe["accepted"], 50)),
                "accepted_p99_ms": ms(pct(probe["accepted"], 99)),
                "refused_p99_ms": ms(pct(probe["refused"], 99)),
            },
            "health_ms": {"p99": ms(pct(probe["health"], 99)), "max": ms(max(probe["health"], default=None))},
            "metrics_ms": {"p99": ms(pct(probe["metrics"], 99)), "max": ms(max(probe["metrics"], default=None))},
            "rss_kib": {"start": rss_start, "peak": max((r for r in probe["rss"] if r), default=None),
                        "end": rss_end},
            "load_average_at_end": os.getloadavg(),
        }
        print(json.dumps(result, indent=2))
        if args.out:
            with open(args.out, "w") as f:
                json.dump(result, f, indent=2)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
