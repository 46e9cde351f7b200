#!/usr/bin/python3
"""Ad-hoc check: sentineld's /toxicity/predict with the shipped max_queue_delay_us (1000) vs 0, interleaved,
3 rounds of 4 s at 1, 8 and 64 connections (median req/s; runs as (req/s, p50 us, p99 us)).

  bench/queue_delay.py [BUILD_DIR]     (default <repo>/build)
"""
import sys, argparse, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_all as R
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(R.REPO, "build")
a = argparse.Namespace(build=BUILD, keep=False, node_workers=2)
b = R.Bench(a); b.make_bodies()
s1 = b.start_sentineld("d1000", "in_process")
cfg, port = b.write_config("d0", "in_process")
p = os.path.join(os.path.dirname(cfg), "modules.d", "toxicity.yaml")
t = open(p).read(); assert "max_queue_delay_us: 1000" in t
open(p, "w").write(t.replace("max_queue_delay_us: 1000", "max_queue_delay_us: 0"))
s2 = R.Server("d0", [b.sentineld, "--config", cfg], port, "/ready", os.path.join(b.work, "d0.log"))
try:
    for srv in (s1, s2): b.warm(srv, "/toxicity/predict", "predict_tox_200")
    for c in (1, 8, 64):
        res = {"1000": [], "0": []}
        for rep in range(3):
            for name, srv in ((("1000", s1), ("0", s2)) if rep % 2 == 0 else (("0", s2), ("1000", s1))):
                r = R.run_wrk(srv.url("/toxicity/predict"), b.bodies["predict_tox_200"], c, 4)
                res[name].append((round(r["rps"]), r["latency_us"]["p50"], r["latency_us"]["p99"]))
        for name, v in res.items():
            v.sort()
            print(f"max_queue_delay_us={name:<5} c={c:<3} median rps {v[1][0]}  runs {v}", flush=True)
finally:
    s1.stop(); s2.stop(); b.cleanup()
