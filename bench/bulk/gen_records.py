#!/usr/bin/python3
"""Writes a JSON Lines (or text / CSV) file of short synthetic records, some with PII, deterministically.

    gen_records.py OUT --mb 100 [--format jsonl|text|csv] [--seed 1]
    gen_records.py OUT --rows 100000 ...
"""
import argparse
import json
import random

FIRST = ["Alice", "Bob", "Carol", "David", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"]
LAST = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas"]
WORDS = ("order shipped invoice pending account review ticket closed meeting moved please call back "
         "thanks regards update status delivery tomorrow payment received").split()


def note(rng):
    words = rng.sample(WORDS, 6)
    kind = rng.randrange(6)
    if kind == 0:
        words.insert(3, "%s.%s%d@example.org" % (rng.choice(FIRST).lower(), rng.choice(LAST).lower(), rng.randrange(99)))
    elif kind == 1:
        words.insert(2, "212-555-%04d" % rng.randrange(10000))
    elif kind == 2:
        words.insert(4, "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    elif kind == 3:
        words.insert(1, "4111 1111 1111 1111")
    return " ".join(words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float)
    ap.add_argument("--rows", type=int)
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "text", "csv"])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    limit_bytes = int(args.mb * 1e6) if args.mb else None
    written = 0
    rows = 0
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        if args.format == "csv":
            header = "id,name,email,note\n"
            f.write(header)
            written += len(header)
        while (limit_bytes is None or written < limit_bytes) and (args.rows is None or rows < args.rows):
            name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
            email = "%s%d@example.com" % (name.split()[0].lower(), rng.randrange(1000))
            text = note(rng)
            if args.format == "jsonl":
                line = json.dumps({"id": rows, "email": email, "note": text}, separators=(",", ":")) + "\n"
            elif args.format == "text":
                line = text + "\n"
            else:
                line = "%d,%s,%s,\"%s\"\n" % (rows, name, email, text)
            f.write(line)
            written += len(line.encode("utf-8"))
            rows += 1
    print("%s: %d records, %.1f MB" % (args.out, rows, written / 1e6))


if __name__ == "__main__":
    main()
