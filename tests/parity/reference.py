"""The PyTorch reference's shared parts: building a family's model from an export, loading the C# initial weights,
and one training step (loss, AdamW, clip_grad_norm_, the spec §6 schedule). parity.py and divergence.py both train
with these, so the two comparisons repeat the same reference.
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

from emb_mlp import EmbMlp
from gpt2 import Gpt2
from schedule import lr_at
from synthetic_transformer import SyntheticTransformer

FAMILIES = {"transformer": SyntheticTransformer, "emb-mlp": EmbMlp, "gpt2": Gpt2}


def losses_of(logits, rows, objective, family):
    """Mean cross-entropy over the batch: of the last position (last-token) or of every position (next-token)."""
    n = rows.shape[1] - 1
    # The synthetic tasks' pad id 0 is ignored (spec §4.3); GPT-2's compact vocabulary has no pad.
    ignore = 0 if family != "gpt2" else -100
    if objective == "next-token":
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), rows[:, 1:n + 1].reshape(-1),
                               ignore_index=ignore)
    return F.cross_entropy(logits[:, -1], rows[:, n], ignore_index=ignore)


def build(manifest, brk, gelu):
    family = manifest["family"]
    if family == "gpt2":
        return Gpt2(manifest["model"], brk, gelu)
    return FAMILIES[family](manifest["model"], brk)


def manifest_names(manifest):
    return [p["name"] for p in manifest["parameters"]]


def load_init(manifest, export):
    return {n: np.load(os.path.join(export, "init", n + ".npy")) for n in manifest_names(manifest)}


def load_model(manifest, export, brk, gelu, dtype=torch.float32):
    """The reference model of the manifest's family with the export's initial weights: (model, layout, init)."""
    torch.manual_seed(0)  # the constructors' own init is overwritten by the export's weights
    model = build(manifest, brk, gelu)
    layout = model.layout()
    params = dict(model.named_parameters())
    if sorted(layout.names()) != sorted(manifest_names(manifest)) or len(layout.entries) != len(params):
        raise SystemExit(f"layout mismatch: reference {sorted(layout.names())} vs export "
                         f"{sorted(manifest_names(manifest))}")
    init = load_init(manifest, export)
    model.to(dtype)
    for e in layout.entries:
        e.load(init[e.name].astype(np.float64) if dtype == torch.float64 else init[e.name])
    return model, layout, init


def optimizer(model, train, brk=()):
    return torch.optim.AdamW(model.parameters(), lr=train["baseLr"], betas=(train["beta1"], train["beta2"]),
                             eps=1e-6 if "adam-eps" in brk else train["eps"],
                             weight_decay=0.0 if "weight-decay" in brk else train["weightDecay"])


def train_step(model, opt, rows, t, train, family, brk=()):
    """Optimiser step t (0-based) on rows [B, L+1]: returns (the loss before the update, the gradient norm before
    clipping). The learning rate is the schedule's at t over train["steps"], however many steps are trained."""
    loss = losses_of(model(rows[:, :-1]), rows, train["objective"], family)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    # The norm before clipping (clipping scales the gradient when it exceeds clipNorm).
    norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), math.inf))
    if train["clipNorm"] > 0 and "clip" not in brk:
        torch.nn.utils.clip_grad_norm_(model.parameters(), train["clipNorm"])
    for group in opt.param_groups:
        group["lr"] = lr_at(t, train, brk)
    opt.step()
    return loss.item(), norm
