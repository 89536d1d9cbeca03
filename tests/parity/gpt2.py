"""The GPT-2-style decoder of spec §4.4, written from the spec: learned token and position embeddings; pre-LN blocks
x + Attn(LN(x)), x + MLP(LN(x)) with multi-head causal attention (biased Q, K, V, output projections; head size
d_model / heads) and a GELU MLP (biased); a final LayerNorm and an untied, bias-free output layer (GPT-2's lm_head).
LayerNorm eps 1e-5 and GELU as in the HF GPT-2 config the spec quotes ("gelu_new", the tanh form) unless told
otherwise (--gelu erf, the exact form, which the C# Gpt2Decoder used until the parity run exposed it: docs/parity.md). Sizes and the weight layout follow the C#
Gpt2Decoder."""
import math

import torch
import torch.nn.functional as F
from torch import nn

from layout import Layout

SPEC_GELU = "tanh"  # HF GPT-2's activation_function "gelu_new" (spec §4.4); "erf" is F.gelu's exact form
APPROXIMATE = {"tanh": "tanh", "erf": "none"}


class Block(nn.Module):
    def __init__(self, d, d_ff, heads, eps, gelu):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d, eps=eps), nn.LayerNorm(d, eps=eps)
        self.wq, self.wk, self.wv, self.wo = (nn.Linear(d, d) for _ in range(4))
        self.fc, self.proj = nn.Linear(d, d_ff), nn.Linear(d_ff, d)
        self.heads, self.gelu = heads, gelu

    def attention(self, h):
        b, n, d = h.shape
        split = lambda y: y.reshape(b, n, self.heads, d // self.heads).transpose(1, 2)  # [B, H, T, dh]
        q, k, v = split(self.wq(h)), split(self.wk(h)), split(self.wv(h))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.heads)
        mask = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
        attn = F.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)
        return self.wo((attn @ v).transpose(1, 2).reshape(b, n, d))

    def forward(self, x):
        x = x + self.attention(self.ln1(x))
        return x + self.proj(F.gelu(self.fc(self.ln2(x)), approximate=self.gelu))


class Gpt2(nn.Module):
    def __init__(self, model, brk, gelu=SPEC_GELU):
        super().__init__()
        d = model["dModel"]
        eps = 1e-3 if "ln-eps" in brk else 1e-5
        # The "activation" break swaps the GELU form (tanh <-> erf).
        if "activation" in brk:
            gelu = {"tanh": "erf", "erf": "tanh"}[gelu]
        gelu = APPROXIMATE[gelu]
        self.tok_emb = nn.Embedding(model["vocabSize"], d)
        self.pos_emb = nn.Embedding(model["maxPositions"], d)
        self.blocks = nn.ModuleList(Block(d, model["dff"], model["heads"], eps, gelu) for _ in range(model["layers"]))
        self.ln_f = nn.LayerNorm(d, eps=eps)
        self.head = nn.Linear(d, model["vocabSize"], bias=False)

    def forward(self, ids):
        x = self.tok_emb(ids) + self.pos_emb(torch.arange(ids.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln_f(x))  # [B, T, V]

    def layout(self):
        lay = Layout()
        lay.embedding("tok_emb.weight", self.tok_emb, fan_in=self.tok_emb.embedding_dim)
        lay.embedding("pos_emb.weight", self.pos_emb, fan_in=self.pos_emb.embedding_dim)
        for i, blk in enumerate(self.blocks):
            lay.layer_norm(f"blocks.{i}.ln1", blk.ln1)
            for name in ["wq", "wk", "wv", "wo"]:
                lay.linear(f"blocks.{i}.{name}", getattr(blk, name), bias_compared=name != "wk")
            lay.layer_norm(f"blocks.{i}.ln2", blk.ln2)
            lay.linear(f"blocks.{i}.fc", blk.fc)
            lay.linear(f"blocks.{i}.proj", blk.proj)
        lay.layer_norm("ln_f", self.ln_f)
        lay.linear("head", self.head)
        return lay
