#!/usr/bin/python3
"""A Detoxify-style HTTP service for the toxicity plugin's TorchScript model, run with Debian's python3-torch.

This is the peer sentineld's /toxicity/predict is compared with in bench/run.sh: the same model folder
(manifest.yaml + model.pt + tokenizer files), the same tokenizer (hashed n-grams re-implemented here from
plugins/toxicity/src/hashed_ngram_tokenizer.cc; USE-lite's unigram tokenizer imported from the trainer,
plugins/toxicity/tools/use_lite/use_lite.py), served the way a small Detoxify service is usually
written: http.server's ThreadingHTTPServer, one forward pass per request under torch.inference_mode(),
sigmoid over the logits, Detoxify's response shape ({label: score} or {label: [scores]}).

  toxicity_server.py MODEL_DIR PORT [--threads N]       (binds 127.0.0.1 only)
  toxicity_server.py MODEL_DIR --encode TEXT             (prints the token ids, for parity checks)
Routes: POST /predict (Detoxify shape), GET /health, POST /profile {"text", "n"} (tokenizer vs forward time).
"""
import argparse
import json
import os
import sys
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import torch
import yaml

FNV_OFFSET = 1469598103934665603
FNV_PRIME = 1099511628211
MASK64 = (1 << 64) - 1
# ICU's u_isUWhiteSpace (the White_Space property).
WHITE_SPACE = set(map(chr, [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F,
                            0x205F, 0x3000] + list(range(0x2000, 0x200B))))


def is_word_char(ch):
    # ICU u_isalnum (letters and decimal digits) or a combining mark, as in the C++ tokenizer.
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat == "Nd" or cat in ("Mn", "Mc", "Me")


def fnv1a(kind, feature):
    h = FNV_OFFSET
    for b in kind.encode() + feature.encode("utf-8", "surrogatepass"):
        h = ((h ^ b) * FNV_PRIME) & MASK64
    return h


class HashedNgramTokenizer:
    """Words (letter/digit runs, symbols, <url>, @user) -> word, bigram and char 2-5-gram hash buckets."""

    def __init__(self, config):
        self.buckets = int(config.get("buckets", 1 << 18))
        self.nmin = int(config.get("char_ngram_min", 2))
        self.nmax = int(config.get("char_ngram_max", 5))
        self.word_ngrams = int(config.get("word_ngrams", 2))
        self.lowercase = bool(config.get("lowercase", True))

    def words(self, text):
        cps = text.lower() if self.lowercase else text
        words, word, i, n = [], [], 0, len(cps)
        while i < n:
            ch = cps[i]
            if cps.startswith(("http://", "https://", "www."), i):
                if word:
                    words.append("".join(word))
                    word = []
                while i < n and cps[i] not in WHITE_SPACE:
                    i += 1
                words.append("<url>")
                continue
            if ch == "@" and not word and i + 1 < n and is_word_char(cps[i + 1]):
                i += 1
                while i < n and (is_word_char(cps[i]) or cps[i] == "_"):
                    i += 1
                words.append("@user")
                continue
            if is_word_char(ch):
                if not (len(word) >= 2 and word[-1] == ch and word[-2] == ch):
                    word.append(ch)
                i += 1
                continue
            if ch in ("'", "\u2019") and word and i + 1 < n and is_word_char(cps[i + 1]):
                word.append("'")
                i += 1
                continue
            if word:
                words.append("".join(word))
                word = []
            if ch not in WHITE_SPACE and ch != "\0":
                if not words or words[-1] != ch or i == 0 or cps[i - 1] != ch:
                    words.append(ch)
            i += 1
        if word:
            words.append("".join(word))
        return words

    def bucket(self, kind, feature):
        return 1 + fnv1a(kind, feature) % (self.buckets - 1)

    def encode(self, text, max_length):
        words = self.words(text)
        ids = []
        for w, word in enumerate(words):
            if len(ids) >= max_length:
                break
            ids.append(self.bucket("w:", word))
            if self.word_ngrams >= 2 and w > 0:
                ids.append(self.bucket("b:", words[w - 1] + " " + word))
            if len(word) < 2:
                continue
            bounded = "<" + word + ">"
            for size in range(self.nmin, self.nmax + 1):
                if size > len(bounded) or size == len(bounded):
                    break
                for s in range(0, len(bounded) - size + 1):
                    ids.append(self.bucket("c:", bounded[s:s + size]))
        if not ids:
            ids.append(self.bucket("e:", ""))
        return ids[:max_length]


class UseUnigramTokenizer:
    """The trainer's USE-lite tokenizer (the same code that produced the model's training ids)."""

    def __init__(self, vocab_path):
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, os.path.join(here, "..", "..", "..", "plugins", "toxicity", "tools", "use_lite"))
        import use_lite
        with open(vocab_path, encoding="utf-8") as f:
            self.inner = use_lite.Tokenizer(json.load(f))

    def encode(self, text, max_length):
        return self.inner.encode(text)[:max_length]


class Model:
    def __init__(self, folder):
        with open(f"{folder}/manifest.yaml") as f:
            self.manifest = yaml.safe_load(f)
        kind = self.manifest["tokenizer"]["type"]
        if kind == "hashed_ngrams":
            with open(f"{folder}/{self.manifest['tokenizer']['files']['config']}") as f:
                self.tokenizer = HashedNgramTokenizer(json.load(f))
        elif kind == "use_unigram":
            self.tokenizer = UseUnigramTokenizer(f"{folder}/{self.manifest['tokenizer']['files']['vocab']}")
        else:
            sys.exit(f"this peer implements the hashed_ngrams and use_unigram tokenizers, not {kind}")
        self.labels = self.manifest["labels"]
        self.max_len = int(self.manifest["max_sequence_length"])
        self.module = torch.jit.load(f"{folder}/{self.manifest['model']}").float()  # fp16 weights widened, as the plugin does
        self.module.eval()

    def predict(self, texts):
        seqs = [self.tokenizer.encode(t, self.max_len) for t in texts]
        width = max(len(s) for s in seqs)
        ids = torch.zeros((len(seqs), width), dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for row, s in enumerate(seqs):
            ids[row, :len(s)] = torch.tensor(s, dtype=torch.long)
            mask[row, :len(s)] = 1
        with torch.inference_mode():
            out = self.module(ids, mask)
            if self.manifest.get("output", "logits") == "logits":
                out = torch.sigmoid(out)
        return out.tolist()

    def profile(self, text, n):
        """Mean milliseconds per call of tokenizing `text` and of the forward pass alone (what bounds this peer)."""
        start = time.perf_counter()
        for _ in range(n):
            seq = self.tokenizer.encode(text, self.max_len)
        tokenize = time.perf_counter() - start
        ids = torch.tensor([seq], dtype=torch.long)
        mask = torch.ones_like(ids)
        start = time.perf_counter()
        with torch.inference_mode():
            for _ in range(n):
                torch.sigmoid(self.module(ids, mask))
        forward = time.perf_counter() - start
        return {"tokens": len(seq), "tokenize_ms": 1000 * tokenize / n, "forward_ms": 1000 * forward / n}


def make_handler(model):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as wrk expects
        # http.server sends headers and body in two writes; without TCP_NODELAY the second waits for the
        # client's delayed ACK (40 ms on Linux), which would measure Nagle, not the service.
        disable_nagle_algorithm = True

        def log_message(self, *args):  # no access log: it would hold nothing useful and cost time
            pass

        def reply(self, status, obj):
            body = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            if self.path == "/profile":
                req = json.loads(raw)
                return self.reply(200, model.profile(req["text"], int(req.get("n", 100))))
            if self.path != "/predict":
                return self.reply(404, {"error": "not found"})
            try:
                text = json.loads(raw)["text"]
            except (ValueError, KeyError, TypeError):
                return self.reply(400, {"error": "expected {\"text\": str | [str]}"})
            texts = text if isinstance(text, list) else [text]
            if not texts or not all(isinstance(t, str) for t in texts):
                return self.reply(400, {"error": "expected {\"text\": str | [str]}"})
            scores = model.predict(texts)
            result = {}
            for k, label in enumerate(model.labels):
                column = [row[k] for row in scores]
                result[label] = column if isinstance(text, list) else column[0]
            self.reply(200, result)

        def do_GET(self):
            self.reply(200, {"status": "ok"})

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model_dir")
    p.add_argument("port", nargs="?", type=int)
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads (sentineld's module uses 1)")
    p.add_argument("--encode", help="print the token ids of this text and exit")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    model = Model(args.model_dir)
    if args.encode is not None:
        print(json.dumps(model.tokenizer.encode(args.encode, model.max_len)))
        return
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(model))
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
