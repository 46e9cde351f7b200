#!/usr/bin/env python3
"""Export a real Detoxify checkpoint to Sentinel's toxicity model folder format.

THIS SCRIPT CANNOT RUN IN THE SENTINEL BUILD ENVIRONMENT. It needs network access (to download the Detoxify
checkpoint from GitHub releases and the Hugging Face config/tokenizer) and a Python with `torch`,
`transformers` and `detoxify` installed, none of which the Debian-only, offline build machines have. Run it on
a workstation, then copy the folder it writes into the host's models directory (e.g.
/usr/share/sentinel/models/detoxify-original) and set `settings.model` in config/modules.d/toxicity.yaml.

    pip install torch transformers detoxify sentencepiece pyyaml
    python3 export_detoxify.py --model original     --out detoxify-original
    python3 export_detoxify.py --model unbiased     --out detoxify-unbiased
    python3 export_detoxify.py --model multilingual --out detoxify-multilingual

What it writes (the contract in plugins/toxicity/src/manifest.h):
  model.pt        TorchScript: forward(input_ids [N,L] int64, attention_mask [N,L] int64) -> logits [N, labels]
  tokenizer files vocab.txt (original, WordPiece), vocab.json + merges.txt (unbiased, byte-level BPE),
                  sentencepiece.bpe.model (multilingual, SentencePiece with the fairseq id offset)
  manifest.yaml   format_version 1, labels in Detoxify's own order, thresholds, max_sequence_length,
                  tokenizer type/files/options, SHA-256 of every file, canary texts with their scores
Labels:
  original:               6 heads: toxicity, severe_toxicity, obscene, threat, insult, identity_attack
  unbiased, multilingual: the first 7 of 16 logits, in Detoxify's order for these models: toxicity,
                          severe_toxicity, obscene, identity_attack, insult, threat, sexual_explicit
                          (the 9 identity heads that follow are dropped inside the TorchScript wrapper,
                          as Detoxify's predict() never reports them).
The canary scores are computed by Detoxify itself (its own tokenizer and model in Python), so the plugin's
activation self-test also checks that the C++ tokenizer reproduces the Python one on those texts.
The exporter uses torch.jit.trace, then checks that the traced module matches eager outputs on a batch with
padding. LibTorch 1.13 (Debian 12) loads TorchScript written by PyTorch up to roughly 2.x; if a newer PyTorch
writes a file it cannot read, export with `torch<2.2` (file format version 10 or lower).
"""
import argparse
import hashlib
import os
import shutil
import sys

CANARIES = [
    "Thank you so much for your help with the report yesterday.",
    "You are a stupid worthless idiot and everyone hates you.",
    "I disagree with this policy, but I respect your point of view.",
    "Shut up, you pathetic moron.",
]

# Detoxify class names after its renames (toxic->toxicity, severe_toxic->severe_toxicity,
# identity_hate->identity_attack), in the order of the checkpoint's output heads.
LABELS = {
    "original": ["toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"],
    "unbiased": ["toxicity", "severe_toxicity", "obscene", "identity_attack", "insult", "threat",
                 "sexual_explicit"],
    "multilingual": ["toxicity", "severe_toxicity", "obscene", "identity_attack", "insult", "threat",
                     "sexual_explicit"],
}
LANGUAGES = {
    "original": ["en"],
    "unbiased": ["en"],
    "multilingual": ["en", "fr", "es", "it", "pt", "tr", "ru"],
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=sorted(LABELS), required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()

    import torch
    import yaml
    from detoxify import Detoxify

    detox = Detoxify(args.model, device="cpu")
    model, tokenizer = detox.model.eval(), detox.tokenizer
    # Detoxify's own class order, as read from the checkpoint (not hard-coded), cut to the reported classes.
    classes = [c for c in detox.class_names][: len(LABELS[args.model])]
    if classes != LABELS[args.model]:
        sys.exit(f"unexpected Detoxify class order {classes}; expected {LABELS[args.model]}")
    n_labels = len(classes)

    class Wrapper(torch.nn.Module):
        """forward(input_ids, attention_mask) -> the first n_labels logits, as Sentinel's contract wants."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, return_dict=False)[0]
            return out[:, :n_labels]

    os.makedirs(args.out, exist_ok=True)
    wrapper = Wrapper(model).eval()
    example = tokenizer(["a short one", "a somewhat longer example sentence for tracing"], return_tensors="pt",
                        padding=True, truncation=True)
    with torch.no_grad():
        traced = torch.jit.trace(wrapper, (example["input_ids"], example["attention_mask"]), strict=False)
        check = tokenizer(CANARIES, return_tensors="pt", padding=True, truncation=True)
        eager = wrapper(check["input_ids"], check["attention_mask"])
        scripted = traced(check["input_ids"], check["attention_mask"])
        if not torch.allclose(eager, scripted, atol=1e-4):
            sys.exit("traced module does not match the eager model")
    traced.save(os.path.join(args.out, "model.pt"))

    if args.model == "original":
        tokenizer_spec = {"type": "wordpiece", "files": {"vocab": "vocab.txt"}, "options": {"lowercase": "true"}}
    elif args.model == "unbiased":
        tokenizer_spec = {"type": "byte_bpe", "files": {"vocab": "vocab.json", "merges": "merges.txt"}, "options": {}}
    else:
        tokenizer_spec = {"type": "sentencepiece", "files": {"model": "sentencepiece.bpe.model"},
                          "options": {"id_offset": "1", "unk_id": "3", "bos_id": "0", "eos_id": "2", "pad_id": "1"}}
    saved = tokenizer.save_pretrained(os.path.join(args.out, "_hf_tokenizer"))
    for name in tokenizer_spec["files"].values():
        src = os.path.join(args.out, "_hf_tokenizer", name)
        if not os.path.exists(src):
            sys.exit(f"tokenizer file {name} not produced by save_pretrained ({saved})")
        shutil.copy(src, os.path.join(args.out, name))
    shutil.rmtree(os.path.join(args.out, "_hf_tokenizer"))

    # Canary scores from Detoxify itself (Python tokenizer + eager model).
    results = detox.predict(CANARIES)
    canaries = [{"text": t, "scores": [float(results[label][i]) for label in classes]} for i, t in enumerate(CANARIES)]

    files = ["model.pt"] + list(tokenizer_spec["files"].values())
    manifest = {
        "format_version": 1,
        "name": f"detoxify-{args.model}",
        "description": f"Detoxify `{args.model}` (unitaryai/detoxify, Apache-2.0) exported by export_detoxify.py",
        "model": "model.pt",
        "output": "logits",
        "labels": classes,
        "thresholds": {label: args.threshold for label in classes},
        "languages": LANGUAGES[args.model],
        "max_sequence_length": 512,
        "tokenizer": tokenizer_spec,
        "sha256": {name: sha256(os.path.join(args.out, name)) for name in files},
        "self_test": {"tolerance": 2e-3, "canaries": canaries},
    }
    with open(os.path.join(args.out, "manifest.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(manifest, f, sort_keys=False, allow_unicode=True)
    print(f"wrote {args.out}: {n_labels} labels {classes}")


if __name__ == "__main__":
    main()
