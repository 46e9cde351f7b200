#!/usr/bin/python3
"""The Dask path equals `sentinelctl redact`, even when a worker dies mid-job.

Starts the real sentineld with the real presidio plugin (patterns only, a pseudonym key), redacts 120,000 text
lines once with `sentinelctl redact --pseudonymize` and once with sentinel_bulk.dask.redact_bag on a
LocalCluster of 2 worker processes, SIGKILLs one worker after the first partitions are done and before the last
are, and checks the two results are byte for byte equal. Then a Dask DataFrame from a CSV through
redact_dataframe against `sentinelctl redact` on the same CSV, cell for cell.
Exit 77 (skipped) when dask or distributed cannot be imported.
"""
import argparse
import csv
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, wait, as_completed
except Exception as e:  # ImportError, or a broken install
    print("SKIPPED: dask/distributed not importable (%s); apt-get install python3-dask python3-distributed" % e)
    sys.exit(77)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from sentinel_bulk.dask import redact_bag, redact_dataframe, redact_records  # noqa: E402

ROWS = 120000
OPERATORS = {"DEFAULT": {"type": "pseudonymize"}}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_lines(n):
    rng = random.Random(14)
    first = ["ann", "bob", "cho", "dan", "eve", "fay", "gil", "hal"]
    out = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            out.append("row %d write to %s.%d@example.org today\n" % (i, rng.choice(first), rng.randrange(500)))
        elif kind == 1:
            out.append("row %d call 212-555-%04d please\n" % (i, rng.randrange(10000)))
        elif kind == 2:
            out.append("row %d from 10.%d.%d.%d\n" % (i, rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        elif kind == 3:
            out.append("row %d nothing here\n" % i)
        else:
            out.append("row %d card 4111 1111 1111 1111 and %s@example.com\n" % (i, rng.choice(first)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentineld", required=True)
    ap.add_argument("--sentinelctl", required=True)
    ap.add_argument("--plugins-dir", required=True)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="sentinel-dask-")
    os.chmod(tmp, 0o755)
    daemon = None
    cluster = client = None
    try:
        with open(os.path.join(tmp, "key.txt"), "w") as f:
            f.write("dask-test-key-0123456789abcdef\n")
        os.makedirs(os.path.join(tmp, "modules.d"))
        with open(os.path.join(tmp, "sentinel.yaml"), "w") as f:
            f.write("plugins_dir: %s\nmodules_dir: modules.d\nworker_threads: 4\nlog_level: warn\n" % args.plugins_dir)
        with open(os.path.join(tmp, "modules.d", "presidio.yaml"), "w") as f:
            f.write("name: presidio\nlibrary: libsentinel_presidio.so\nenabled: true\nsettings:\n"
                    "  pseudonym_key_file: ../key.txt\n  ner:\n    enabled: false\n")
        port = free_port()
        url = "http://127.0.0.1:%d" % port
        log = open(os.path.join(tmp, "sentineld.log"), "w")
        daemon = subprocess.Popen([args.sentineld, "--config", os.path.join(tmp, "sentinel.yaml"),
                                   "--listen", "127.0.0.1:%d" % port], stdout=log, stderr=log)
        deadline = time.time() + 120
        while True:
            try:
                if urllib.request.urlopen(url + "/ready", timeout=2).status == 200:
                    break
            except Exception:
                pass
            if time.time() > deadline or daemon.poll() is not None:
                raise SystemExit("FAIL: sentineld did not become ready")
            time.sleep(0.1)

        # 1. The single-process reference.
        lines = make_lines(ROWS)
        src = os.path.join(tmp, "in.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.writelines(lines)
        ref_path = os.path.join(tmp, "ref.txt")
        subprocess.run([args.sentinelctl, "--url", url, "redact", src, "-o", ref_path, "--pseudonymize", "--quiet"],
                       check=True)
        with open(ref_path, "rb") as f:
            reference = f.read()
        assert reference.count(b"\n") == ROWS, "sentinelctl lost records"
        assert b"@example.org" not in reference and b"<EMAIL_ADDRESS_" in reference

        # 2. The same through Dask, one worker killed mid-job.
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
        bag = db.read_text(src, blocksize=150_000)  # ~40 partitions
        parts = redact_bag(bag, url=url, operators=OPERATORS).to_delayed()
        assert len(parts) >= 10, len(parts)
        futures = client.compute(parts)
        before = client.run(os.getpid)
        done = 0
        killed = None
        for _ in as_completed(futures):
            done += 1
            if killed is None and done >= 2:
                pending = sum(1 for fu in futures if not fu.done())
                assert pending > 0, "the job ended before a worker could be killed"
                addr, pid = sorted(before.items())[0]
                os.kill(pid, signal.SIGKILL)
                killed = (addr, pid, pending)
                print("killed worker %s (pid %d) with %d of %d partitions pending" % (addr, pid, pending, len(parts)))
                break
        assert killed is not None
        results = client.gather(futures)
        dask_bytes = "".join("".join(p) for p in results).encode("utf-8")
        after = client.run(os.getpid)
        assert killed[1] not in after.values(), "the killed worker is still there"
        if dask_bytes != reference:
            a, b = dask_bytes.split(b"\n"), reference.split(b"\n")
            diff = next(i for i in range(min(len(a), len(b))) if a[i] != b[i]) if a != b else -1
            raise SystemExit("FAIL: Dask result differs from sentinelctl at line %d" % (diff + 1))
        print("bag: %d rows identical to sentinelctl redact after a worker was killed" % ROWS)

        # 3. DataFrame from CSV vs sentinelctl on the same CSV, cell for cell.
        csv_path = os.path.join(tmp, "in.csv")
        rng = random.Random(3)
        with open(csv_path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "email", "note"])
            for i in range(5000):
                w.writerow([str(i), "u%d@example.com" % rng.randrange(900),
                            "call 212-555-%04d, ok" % rng.randrange(10000) if i % 2 else "plain, text"])
        ref_csv = os.path.join(tmp, "ref.csv")
        subprocess.run([args.sentinelctl, "--url", url, "redact", csv_path, "-o", ref_csv, "--pseudonymize",
                        "--quiet", "--entity", "email=EMAIL_ADDRESS", "--skip", "id"], check=True)
        with open(ref_csv, newline="", encoding="utf-8") as f:
            expected = list(csv.reader(f))
        df = dd.read_csv(csv_path, dtype=str, keep_default_na=False, blocksize=40_000)
        out = redact_dataframe(df, url=url, operators=OPERATORS, entities={"email": "EMAIL_ADDRESS"},
                               skip=["id"]).compute()
        got = [list(out.columns)] + out.astype(str).values.tolist()
        if got != expected:
            bad = next(i for i in range(min(len(got), len(expected))) if got[i] != expected[i])
            raise SystemExit("FAIL: DataFrame row %d differs from sentinelctl's CSV" % bad)
        print("dataframe: %d rows identical to sentinelctl redact" % (len(got) - 1))

        # 4. JSON documents (nested, a skipped key, a number mapped to an entity) vs `sentinelctl redact` jsonl.
        jsonl_path = os.path.join(tmp, "in.jsonl")
        with open(jsonl_path, "w", encoding="utf-8") as f:
            for i in range(5000):
                doc = {"id": i, "ssn": 100000000 + i * 7919,
                       "user": {"email": "u%d@example.com" % (i % 300), "tags": ["ip 10.0.%d.%d" % (i % 256, i % 7), "x"]},
                       "note": "call 212-555-%04d" % (i % 10000) if i % 3 else "nothing"}
                f.write(json.dumps(doc) + "\n")
        ref_jsonl = os.path.join(tmp, "ref.jsonl")
        subprocess.run([args.sentinelctl, "--url", url, "redact", jsonl_path, "-o", ref_jsonl, "--pseudonymize",
                        "--quiet", "--entity", "ssn=US_SSN", "--skip", "id"], check=True)
        with open(ref_jsonl, encoding="utf-8") as f:
            expected_docs = [json.loads(line) for line in f]
        docs = db.read_text(jsonl_path, blocksize=100_000).map(json.loads)
        got_docs = docs.map_partitions(redact_records, url=url, operators=OPERATORS, skip=["id"],
                                       entities={"ssn": "US_SSN"}).compute()
        assert len(expected_docs) == 5000
        if got_docs != expected_docs:
            bad = next(i for i in range(min(len(got_docs), len(expected_docs))) if got_docs[i] != expected_docs[i])
            raise SystemExit("FAIL: JSON record %d differs from sentinelctl's jsonl output" % bad)
        assert expected_docs[1]["ssn"].startswith("<US_SSN_") and expected_docs[1]["id"] == 1
        print("records: %d JSON documents identical to sentinelctl redact" % len(got_docs))
        print("PASS")
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if daemon is not None:
            daemon.terminate()
            daemon.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
