#!/usr/bin/python3
"""Where `sentinelctl redact` time goes: over one connection, the string values of a JSON Lines file sent
(a) to /presidio/analyze only and (b) through analyze + the joined /presidio/anonymize (what redact does).

    breakdown.py FILE.jsonl URL [--batch 256]
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from sentinel_bulk import SentinelClient  # noqa: E402


def strings(node, out):
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for v in node.values():
            strings(v, out)
    elif isinstance(node, list):
        for v in node:
            strings(v, out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("url")
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()
    values = []
    with open(args.file, encoding="utf-8") as f:
        for line in f:
            strings(json.loads(line), values)
    mb = sum(len(v.encode("utf-8")) for v in values) / 1e6
    client = SentinelClient(args.url)
    t0 = time.time()
    for i in range(0, len(values), args.batch):
        client.analyze(values[i:i + args.batch])
    analyze = time.time() - t0
    t0 = time.time()
    client.redact_batches(values, batch_size=args.batch)
    full = time.time() - t0
    print("%d string values, %.1f MB, one connection, %d per batch" % (len(values), mb, args.batch))
    print("analyze only:          %.2f s  %.2f MB/s" % (analyze, mb / analyze))
    print("analyze + anonymize:   %.2f s  %.2f MB/s  (anonymize %.0f%% of the time)"
          % (full, mb / full, 100 * (full - analyze) / full))


if __name__ == "__main__":
    main()
