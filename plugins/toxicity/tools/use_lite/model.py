"""The exported classifier: the frozen USE-lite encoder, a hashed piece n-gram bag, and calibrated heads.

forward(input_ids [N,L] int64, attention_mask [N,L] int64) -> calibrated logits [N, labels]; the plugin applies
the sigmoid (manifest `output: logits`). embed() returns the unchanged USE-lite sentence embedding, which the
port test compares with the npm package's golden vectors.
"""
import torch
from torch import Tensor, nn

import use_lite

NGRAM_BUCKETS = 1 << 18


def ngram_indices(ids: Tensor, mask: Tensor, buckets: int):
    """Hashed piece unigrams and bigrams per row as (flat indices, offsets) for nn.EmbeddingBag."""
    n, length = ids.shape
    uni = ids % buckets
    if length > 1:
        bi = (ids[:, :-1] * 8009 + ids[:, 1:] + 1000003) % buckets
        bi_mask = mask[:, :-1] * mask[:, 1:]
        grams = torch.cat([uni, bi], dim=1)
        keep = torch.cat([mask, bi_mask], dim=1)
    else:
        grams = uni
        keep = mask
    counts = keep.sum(1)
    flat = grams[keep > 0]
    offsets = torch.zeros(n, dtype=torch.int64)
    if n > 1:
        offsets[1:] = torch.cumsum(counts, 0)[:-1]
    return flat, offsets


class Head(nn.Module):
    """Sentence embedding (+ optional n-gram bag) -> one logit per label."""

    def __init__(self, labels: int, hidden: int, ngram_dim: int, dropout: float):
        super().__init__()
        self.ngram_dim = ngram_dim
        self.buckets = NGRAM_BUCKETS if ngram_dim > 0 else 1
        self.bag = nn.EmbeddingBag(self.buckets, max(1, ngram_dim), mode="mean")
        nn.init.normal_(self.bag.weight, std=0.01)
        self.hidden = nn.Linear(512 + 512 + ngram_dim, hidden)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(hidden, labels)

    def forward(self, embedding: Tensor, pooled: Tensor, flat: Tensor, offsets: Tensor) -> Tensor:
        p = pooled * torch.rsqrt(torch.clamp((pooled * pooled).sum(-1, keepdim=True), min=1e-12))
        parts = [embedding, p]
        if self.ngram_dim > 0:
            parts.append(self.bag(flat, offsets))
        x = torch.cat(parts, dim=1)
        return self.out(self.dropout(torch.relu(self.hidden(x))))


class Ensemble(nn.Module):
    """The mean logit of heads trained from different seeds (lower variance than any one of them)."""

    def __init__(self, heads):
        super().__init__()
        self.heads = nn.ModuleList(heads)
        self.ngram_dim = heads[0].ngram_dim
        self.buckets = heads[0].buckets

    def forward(self, embedding: Tensor, pooled: Tensor, flat: Tensor, offsets: Tensor) -> Tensor:
        total = torch.zeros(0)
        count = 0
        for head in self.heads:
            z = head(embedding, pooled, flat, offsets)
            total = z if count == 0 else total + z
            count += 1
        return total / count


class ToxicityModel(nn.Module):
    def __init__(self, encoder: use_lite.Encoder, head: nn.Module, scale: Tensor, bias: Tensor, adapted: bool = False):
        super().__init__()
        self.encoder = encoder
        self.adapted = adapted  # classify through the encoder's fine-tuned low-rank updates
        self.head = head
        self.register_buffer("calibration_scale", scale.clone())
        self.register_buffer("calibration_bias", bias.clone())

    def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        input_ids = input_ids[:, :128]
        attention_mask = attention_mask[:, :128]
        pooled = self.encoder.pooled(input_ids, attention_mask, self.adapted)
        u = torch.tanh(self.encoder.tanh_layer(pooled, self.adapted))
        u = u * torch.rsqrt(torch.clamp((u * u).sum(-1, keepdim=True), min=1e-12))
        if self.head.ngram_dim > 0:
            flat, offsets = ngram_indices(input_ids, attention_mask, self.head.buckets)
        else:
            flat = torch.zeros(0, dtype=torch.int64)
            offsets = torch.zeros(input_ids.size(0), dtype=torch.int64)
        z = self.head(u, pooled, flat, offsets)
        return z * self.calibration_scale + self.calibration_bias

    @torch.jit.export
    def embed(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        return self.encoder(input_ids, attention_mask)
