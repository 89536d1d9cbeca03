"""The synthetic-task transformer of spec §4.3, written from the spec with torch.nn parts.

Token + learned absolute position embeddings; post-LN layers X = LN(X + Attn(X) V W^O), X = LN(FFN(X) + X) with one
causal head (bias-free W^Q, W^K, W^V, W^O; scores Q K^T / sqrt(d_k), masked entries -1e9, softmax over keys) and a
bias-free ReLU FFN; a biased linear head. The no-LayerNorm variant (App. F) drops both LayerNorms. Logits of every
position are returned; the objective picks the last one (last-token) or all of them (next-token).
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

from layout import Layout


class Layer(nn.Module):
    def __init__(self, d, d_k, d_ff, layer_norm, ln_eps, activation, causal):
        super().__init__()
        self.wq = nn.Linear(d, d_k, bias=False)
        self.wk = nn.Linear(d, d_k, bias=False)
        self.wv = nn.Linear(d, d_k, bias=False)
        self.wo = nn.Linear(d_k, d, bias=False)
        self.ffn1 = nn.Linear(d, d_ff, bias=False)
        self.ffn2 = nn.Linear(d_ff, d, bias=False)
        self.ln1 = nn.LayerNorm(d, eps=ln_eps) if layer_norm else nn.Identity()
        self.ln2 = nn.LayerNorm(d, eps=ln_eps) if layer_norm else nn.Identity()
        self.d_k, self.activation, self.causal = d_k, activation, causal

    def forward(self, x):
        n = x.shape[1]
        scores = self.wq(x) @ self.wk(x).transpose(1, 2) / math.sqrt(self.d_k)
        if self.causal:
            mask = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
            scores = scores.masked_fill(mask, -1e9)
        attn = F.softmax(scores, dim=-1)
        h = self.ln1(x + self.wo(attn @ self.wv(x)))
        return self.ln2(h + self.ffn2(self.activation(self.ffn1(h))))


class SyntheticTransformer(nn.Module):
    def __init__(self, model, brk):
        super().__init__()
        d, layer_norm = model["dModel"], model["layerNorm"]
        eps = 1e-3 if "ln-eps" in brk else 1e-5
        activation = F.gelu if "activation" in brk else F.relu
        self.tok_emb = nn.Embedding(model["vocabSize"], d)
        self.pos_emb = nn.Embedding(model["maxPositions"], d)
        self.layers = nn.ModuleList(
            Layer(d, model["dk"], model["dff"], layer_norm, eps, activation, "mask" not in brk)
            for _ in range(model["layers"]))
        self.head = nn.Linear(d, model["vocabSize"], bias=True)

    def forward(self, ids):
        x = self.tok_emb(ids) + self.pos_emb(torch.arange(ids.shape[1]))
        for layer in self.layers:
            x = layer(x)
        return self.head(x)  # [B, L, V]

    def layout(self):
        """C# names (Models/StackedLayers: y = x W, W [in, out]) of this module's parameters."""
        lay = Layout()
        lay.embedding("tok_emb.weight", self.tok_emb, fan_in=self.tok_emb.embedding_dim)
        lay.embedding("pos_emb.weight", self.pos_emb, fan_in=self.pos_emb.embedding_dim)
        for i, layer in enumerate(self.layers):
            for name in ["wq", "wk", "wv", "wo"]:
                lay.linear(f"layers.{i}.{name}", getattr(layer, name))
            for name in ["ln1", "ln2"]:
                if isinstance(getattr(layer, name), nn.LayerNorm):
                    lay.layer_norm(f"layers.{i}.{name}", getattr(layer, name))
            lay.linear(f"layers.{i}.ffn1", layer.ffn1)
            lay.linear(f"layers.{i}.ffn2", layer.ffn2)
        lay.linear("head", self.head)
        return lay
