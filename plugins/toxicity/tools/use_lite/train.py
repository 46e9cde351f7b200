"""Trains the default toxicity model's heads on the frozen USE-lite encoder and writes the model folder.

    python3 train.py --data ../shared/data/toxicity --cache CACHE --out plugins/toxicity/models/default

Reproducible: everything random derives from --seed and training runs on one thread. featurize.py must have
filled CACHE/feats first (the same command line runs it when a corpus is missing). Selection figures are
printed: TweetEval validation macro-F1 (never trained on), the everyday dev set (never trained on), and the
held-out slice of the training corpora that fits the calibration.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys

import torch
import torch.nn.functional as F

import datasets
import model as model_lib
import use_lite

LABELS = list(datasets.LABELS)

# Relative weight of each corpus in the loss (selected on TweetEval validation + the everyday dev set).
DEFAULT_WEIGHTS = {
    "tweeteval-offensive": 1.0, "tweeteval-hate": 1.0, "davidson": 0.1, "surge": 1.0, "toxic-spans": 1.0,
    "stormfront": 1.0, "mlma": 0.0, "toxigen": 2.0, "wiki-identity": 1.0, "supplement": 3.0,
}


def load(cache, name):
    return torch.load(os.path.join(cache, "feats", name + ".pt"))


def to_tensors(feats, weight):
    n = len(feats["texts"])
    y = torch.zeros(n, len(LABELS))
    m = torch.zeros(n, len(LABELS))
    for i, targets in enumerate(feats["targets"]):
        for label, value in targets.items():
            if label in LABELS:
                j = LABELS.index(label)
                y[i, j] = value
                m[i, j] = weight
    return y, m


def embeddings(encoder, pooled, adapt=False):
    with torch.no_grad():
        u = torch.tanh(encoder.tanh_layer(pooled, adapt))
        return u * torch.rsqrt(torch.clamp((u * u).sum(-1, keepdim=True), min=1e-12))


def bag_inputs(ids_list, rows):
    flat, offsets, total = [], [], 0
    for i in rows:
        ids = ids_list[i]
        grams = [x % model_lib.NGRAM_BUCKETS for x in ids]
        grams += [(a * 8009 + b + 1000003) % model_lib.NGRAM_BUCKETS for a, b in zip(ids, ids[1:])]
        offsets.append(total)
        flat.extend(grams)
        total += len(grams)
    return torch.tensor(flat, dtype=torch.int64), torch.tensor(offsets, dtype=torch.int64)


class Split:
    def __init__(self, encoder, feats, weight, rows=None, adapt=False):
        rows = list(range(len(feats["texts"]))) if rows is None else rows
        self.texts = [feats["texts"][i] for i in rows]
        self.sources = [feats["sources"][i] for i in rows]
        self.ids = [feats["ids"][i] for i in rows]
        pooled = feats["pooled"][rows]
        self.pooled = pooled
        self.u = embeddings(encoder, pooled, adapt)
        y, m = to_tensors({"targets": [feats["targets"][i] for i in rows], "texts": self.texts}, weight)
        self.y, self.m = y, m

    @staticmethod
    def concat(parts):
        out = Split.__new__(Split)
        out.texts = sum((p.texts for p in parts), [])
        out.sources = sum((p.sources for p in parts), [])
        out.ids = sum((p.ids for p in parts), [])
        out.pooled = torch.cat([p.pooled for p in parts])
        out.u = torch.cat([p.u for p in parts])
        out.y = torch.cat([p.y for p in parts])
        out.m = torch.cat([p.m for p in parts])
        return out


def logits(head, split, rows=None, batch=4096):
    rows = list(range(len(split.texts))) if rows is None else rows
    outs = []
    head.eval()
    with torch.no_grad():
        for s in range(0, len(rows), batch):
            r = rows[s:s + batch]
            flat, offsets = bag_inputs(split.ids, r)
            outs.append(head(split.u[r], split.pooled[r], flat, offsets))
    return torch.cat(outs) if outs else torch.zeros(0, len(LABELS))


def macro_f1(pred, gold):
    f1s = []
    for c in (0, 1):
        tp = sum(1 for p, g in zip(pred, gold) if p == c and g == c)
        fp = sum(1 for p, g in zip(pred, gold) if p == c and g != c)
        fn = sum(1 for p, g in zip(pred, gold) if p != c and g == c)
        f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
    return sum(f1s) / 2


def fit_platt(z, y, m):
    """Per-label scale and bias minimising masked BCE of sigmoid(a*z+b) on held-out rows."""
    scale = torch.ones(len(LABELS))
    bias = torch.zeros(len(LABELS))
    for j in range(len(LABELS)):
        keep = m[:, j] > 0
        if keep.sum() < 50:
            continue
        a = torch.ones(1, requires_grad=True)
        b = torch.zeros(1, requires_grad=True)
        opt = torch.optim.LBFGS([a, b], max_iter=200)
        zz, yy = z[keep, j], y[keep, j]

        def closure():
            opt.zero_grad()
            loss = F.binary_cross_entropy_with_logits(a * zz + b, yy)
            loss.backward()
            return loss
        opt.step(closure)
        scale[j] = float(a)
        bias[j] = float(b)
    return scale, bias


def report(head, scale, bias, sets, everyday):
    out = {}
    for name, split, label in (("val-offensive", sets["val-offensive"], "toxicity"),
                               ("val-hate", sets["val-hate"], "identity_attack")):
        j = LABELS.index(label)
        p = torch.sigmoid(logits(head, split)[:, j] * scale[j] + bias[j])
        gold = [int(v) for v in split.y[:, j].tolist()]
        out[name] = round(100 * macro_f1([int(x >= 0.5) for x in p.tolist()], gold), 1)
    if everyday is not None:
        j = LABELS.index("toxicity")
        p = torch.sigmoid(logits(head, everyday)[:, j] * scale[j] + bias[j])
        gold = everyday.y[:, j].tolist()
        benign = [x for x, g in zip(p.tolist(), gold) if g < 0.5]
        toxic = [x for x, g in zip(p.tolist(), gold) if g >= 0.5]
        out["everyday_benign_flagged"] = f"{sum(x >= 0.5 for x in benign)}/{len(benign)}"
        out["sweep"] = " ".join(f"{th}:{sum(x >= th for x in benign)}/{sum(x >= th for x in toxic)}" for th in (0.3, 0.4, 0.6, 0.7, 0.8))
        out["everyday_toxic_caught"] = f"{sum(x >= 0.5 for x in toxic)}/{len(toxic)}"
    return out


def train_head(args, train, sets, everyday, rng):
    head = model_lib.Head(len(LABELS), args.hidden, args.ngram_dim, args.dropout)
    dense = [p for n, p in head.named_parameters() if not n.startswith("bag.")]
    opt = torch.optim.AdamW(dense, lr=args.lr, weight_decay=1e-4)
    if args.ngram_dim > 0:
        opt.add_param_group({"params": list(head.bag.parameters()), "weight_decay": 0.0, "lr": args.lr * 3})
    order = list(range(len(train.texts)))
    ones = torch.ones(len(LABELS))
    for epoch in range(args.epochs):
        rng.shuffle(order)
        head.train()
        total = 0.0
        for s in range(0, len(order), 256):
            r = order[s:s + 256]
            flat, offsets = bag_inputs(train.ids, r) if args.ngram_dim > 0 else (torch.zeros(0, dtype=torch.int64), torch.zeros(len(r), dtype=torch.int64))
            z = head(train.u[r], train.pooled[r], flat, offsets)
            loss = (F.binary_cross_entropy_with_logits(z, train.y[r], reduction="none") * train.m[r]).sum() / max(1.0, float(train.m[r].sum()))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(r)
        if args.verbose:
            print(f"epoch {epoch + 1}: loss {total / len(order):.4f} {report(head, ones, torch.zeros(len(LABELS)), sets, everyday)}", flush=True)
    print(f"head: {report(head.eval(), ones, torch.zeros(len(LABELS)), sets, everyday)}", flush=True)
    return head.eval()


def everyday_feats(cache, path, encoder, dist):
    """The everyday dev set's ids and frozen pooled features (cached in CACHE/feats/everyday.pt, refreshed when
    the file changes), or None when the file is absent."""
    if not path or not os.path.exists(path):
        return None
    cached = os.path.join(cache, "feats", "everyday.pt")
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if not os.path.exists(cached) or torch.load(cached).get("digest") != digest:
        import featurize
        tok = use_lite.Tokenizer(use_lite.load_vocab(dist))
        rows = [(t, c, {"toxicity": float(y)}) for t, c, y in datasets.everyday(path)]
        ids, pooled = featurize.featurize(encoder, tok, rows)
        torch.save({"texts": [r[0] for r in rows], "sources": [r[1] for r in rows], "targets": [r[2] for r in rows],
                    "ids": ids, "pooled": pooled, "digest": digest}, cached)
    return torch.load(cached)


def common_arguments(description):
    """The options train.py and finetune.py share."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--out")
    parser.add_argument("--everyday", default=os.path.join(os.path.dirname(__file__), "..", "everyday", "everyday_dev.tsv"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--dropout", type=float, default=0.2)
    return parser


def main():
    parser = common_arguments("Heads on the frozen USE-lite encoder.")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--ngram-dim", type=int, default=0)
    parser.add_argument("--weights", default="", help="corpus=weight,... overriding the defaults")
    parser.add_argument("--ensemble", type=int, default=5, help="heads trained from seeds seed, seed+1000, ...")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    weights = dict(DEFAULT_WEIGHTS)
    for item in filter(None, args.weights.split(",")):
        k, v = item.split("=")
        weights[k] = float(v)
    dist = use_lite.fetch_package(args.cache)
    encoder = use_lite.load_encoder(dist)
    missing = [n for n in list(datasets.READERS) + ["val-offensive", "val-hate", "hatecheck"]
               if not os.path.exists(os.path.join(args.cache, "feats", n + ".pt"))]
    if missing:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "featurize.py"), "--data", args.data,
                        "--cache", args.cache], check=True)

    train_parts, held_parts = [], []
    for name in datasets.READERS:
        if weights.get(name, 0) <= 0:
            continue
        feats = load(args.cache, name)
        rows = list(range(len(feats["texts"])))
        rng.shuffle(rows)
        cut = len(rows) // 10
        held_parts.append(Split(encoder, feats, 1.0, sorted(rows[:cut])))
        train_parts.append(Split(encoder, feats, weights[name], sorted(rows[cut:])))
    train = Split.concat(train_parts)
    held = Split.concat(held_parts)
    sets = {n: Split(encoder, load(args.cache, n), 1.0) for n in ("val-offensive", "val-hate")}
    feats = everyday_feats(args.cache, args.everyday, encoder, dist)
    everyday = Split(encoder, feats, 1.0) if feats else None
    print(f"train {len(train.texts)} held-out {len(held.texts)}", flush=True)

    heads = []
    for member in range(args.ensemble):
        torch.manual_seed(args.seed + 1000 * member)
        member_rng = random.Random(args.seed + 1000 * member)
        heads.append(train_head(args, train, sets, everyday, member_rng))
    head = model_lib.Ensemble(heads).eval()

    z_held = logits(head, held)
    scale, bias = fit_platt(z_held, held.y, (held.m > 0).float())
    print("calibration", [round(float(x), 3) for x in scale], [round(float(x), 3) for x in bias])
    print("calibrated", report(head, scale, bias, sets, everyday), flush=True)
    if args.show_errors and everyday is not None:
        j = LABELS.index("toxicity")
        p = torch.sigmoid(logits(head, everyday)[:, j] * scale[j] + bias[j])
        for text, cat, g, x in zip(everyday.texts, everyday.sources, everyday.y[:, j].tolist(), p.tolist()):
            if (x >= 0.5) != (g >= 0.5):
                print(f"  {'FP' if g < 0.5 else 'FN'} {x:.3f} [{cat}] {text}")
    if args.out:
        import export
        export.write_folder(args.out, encoder, head, scale, bias, LABELS, dist, args)


if __name__ == "__main__":
    main()
