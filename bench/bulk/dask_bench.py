#!/usr/bin/python3
"""Times sentinel_bulk.dask.redact_bag over a text file on a LocalCluster (used by run.sh).

    dask_bench.py IN OUT URL [--workers 2] [--threads 2] [--blocksize 4000000]
Prints the seconds taken (cluster start excluded).
"""
import argparse
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("url")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--blocksize", type=int, default=4_000_000)
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
    import dask.bag as db
    from distributed import Client, LocalCluster
    from sentinel_bulk.dask import redact_bag
    with LocalCluster(n_workers=args.workers, threads_per_worker=args.threads, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster):
        t0 = time.time()
        parts = redact_bag(db.read_text(args.src, blocksize=args.blocksize), url=args.url).compute()
        seconds = time.time() - t0
    with open(args.dst, "w", encoding="utf-8") as f:
        f.writelines(parts)
    print("%.2f" % seconds)


if __name__ == "__main__":
    main()
