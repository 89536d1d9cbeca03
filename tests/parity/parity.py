#!/usr/bin/python3
"""Repeat one exported C# member's training in an independent PyTorch reference and compare, step for step.

    /usr/bin/python3 tests/parity/parity.py EXPORT_DIR [--break NAME[,NAME...]] [--gelu tanh|erf] [--float64]

EXPORT_DIR is written by InitBias.Parity.ParityExport: manifest.json, init/*.npy, final/*.npy, batches.npy,
losses.npy. The reference builds the model of the manifest's family from the spec (one file per family), checks the
C# initial weights against the spec §5 init rule, loads them, and trains on the same batches with torch.optim.AdamW,
clip_grad_norm_ and the spec §6 schedule. It writes EXPORT_DIR/parity.json with one entry per variant: "none" (the
faithful reference), "float64" (the faithful reference in double precision, with --float64) and each --break, a
deliberately wrong reference that the comparison must reject (docs/parity.md):
"""
import argparse
import json
import math
import os
import sys

# One BLAS thread unless told otherwise: read by OpenBLAS at load time, so before numpy and torch are imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2 import SPEC_GELU  # noqa: E402
from reference import build, load_init, load_model, optimizer, train_step  # noqa: E402

BREAKS = {
    "gamma": "the init check expects std d_in^-(gamma + 0.1)",
    "init-fan": "the init check expects std d_out^-gamma (fan-out instead of fan-in)",
    "ln-eps": "LayerNorm eps 1e-3 instead of 1e-5",
    "weight-decay": "AdamW weight decay 0 instead of the config's",
    "adam-eps": "AdamW eps 1e-6 instead of the config's",
    "clip": "no gradient-norm clipping",
    "warmup": "no warm-up (multiplier 1)",
    "cosine": "cosine T_max = steps - T_w (minLr one step after the end)",
    "activation": "transformer ReLU -> GELU; Emb-MLP tanh -> ReLU; GPT-2 GELU tanh form <-> erf form",
    "mask": "synthetic transformer without the causal mask",
}
# Breaks that only change what the init check expects: the training they would repeat is the faithful one's.
INIT_ONLY = {"gamma", "init-fan"}


def init_check(layout, init, gamma, brk):
    """Spec §5: weight matrices ~ N(0, (d_in^-gamma)^2), LayerNorm (1, 0), biases 0. Returns per-tensor findings."""
    out = {}
    for e in layout.entries:
        a = init[e.name].astype(np.float64)
        if e.init == "gamma":
            fan = e.fan_in
            if "init-fan" in brk:  # C# layout: a linear's W is [in, out]; an embedding's "output" is its row count
                fan = a.shape[1] if e.transpose else a.shape[0]
            g = gamma + (0.1 if "gamma" in brk else 0.0)
            want, n = fan ** -g, a.size
            std, mean = float(a.std()), float(a.mean())
            # Sampling error of a normal std is about std / sqrt(2n); 5 of them, and 5 standard errors of the mean.
            ok = abs(std / want - 1) < 5 / math.sqrt(2 * n) and abs(mean) < 5 * want / math.sqrt(n)
            out[e.name] = {"expected_std": want, "std": std, "mean": mean, "ok": bool(ok)}
        else:
            value = 1.0 if e.init == "one" else 0.0
            out[e.name] = {"expected": value, "max_abs_dev": float(np.abs(a - value).max()),
                           "ok": bool(np.all(a == value))}
    return out


def run(manifest, export, brk, gelu, dtype=torch.float32):
    train = manifest["train"]
    family = manifest["family"]
    model, layout, init = load_model(manifest, export, brk, gelu, dtype)
    checked = init_check(layout, init, manifest["gamma"], brk)
    opt = optimizer(model, train, brk)
    batches = torch.from_numpy(np.load(os.path.join(export, "batches.npy")))
    csharp = np.load(os.path.join(export, "losses.npy"))
    ref, norms, trace = [], [], {}
    for t in range(manifest["steps"]):
        at = os.path.join(export, f"at{t}")
        if os.path.isdir(at):  # the C# weights after t steps (ParityExport's snapshotSteps): how far, per tensor
            trace[t] = {e.name: float(np.abs(e.export().astype(np.float64)
                                             - np.load(os.path.join(at, e.name + ".npy"))).max())
                        for e in layout.entries}
        loss, norm = train_step(model, opt, batches[t], t, train, family, brk)
        ref.append(loss)
        norms.append(norm)
    rel = [abs(r - c) / abs(c) for r, c in zip(ref, csharp)]
    weights = {}
    for e in layout.entries:
        mine = e.export().astype(np.float64)
        theirs = np.load(os.path.join(export, "final", e.name + ".npy")).astype(np.float64)
        diff = float(np.abs(mine - theirs).max())
        weights[e.name] = {"max_abs": diff, "max_rel": diff / max(float(np.abs(theirs).max()), 1e-30),
                           "compared": e.compared}
    return {
        "init_ok": all(c["ok"] for c in checked.values()),
        "init": checked,
        "loss_csharp": [float(c) for c in csharp],
        "loss_reference": ref,
        "loss_rel_diff": rel,
        "grad_norm": norms,
        "trace": trace,
        "max_loss_rel_diff": max(rel),
        "weights": weights,
        "max_weight_rel_diff": max(w["max_rel"] for w in weights.values() if w["compared"]),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__ + "\n".join(f"  {k}: {v}" for k, v in BREAKS.items()),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("--break", dest="breaks", default="", help="comma-separated faults, each run as its own variant")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--gelu", choices=["tanh", "erf"], default=SPEC_GELU,
                    help="GPT-2's GELU: tanh (HF gelu_new, the spec's and the C# decoder's) or erf (docs/parity.md)")
    ap.add_argument("--float64", action="store_true",
                    help="also run the faithful reference in float64 (variant 'float64'): what fp32 rounding costs")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    breaks = [b for b in args.breaks.split(",") if b]
    unknown = [b for b in breaks if b not in BREAKS]
    if unknown:
        raise SystemExit(f"unknown break(s) {unknown}; known: {sorted(BREAKS)}")
    with open(os.path.join(args.export, "manifest.json")) as f:
        manifest = json.load(f)
    result = {"family": manifest["family"], "experiment": manifest["experiment"], "steps": manifest["steps"],
              "torch": torch.__version__, "gelu": args.gelu, "variants": {}}
    faithful = run(manifest, args.export, (), args.gelu)
    result["variants"]["none"] = faithful
    for name in breaks:
        if name in INIT_ONLY:
            checked = init_check(build(manifest, (), args.gelu).layout(),
                                 load_init(manifest, args.export), manifest["gamma"], (name,))
            result["variants"][name] = dict(faithful, init=checked, init_ok=all(c["ok"] for c in checked.values()))
        else:
            result["variants"][name] = run(manifest, args.export, (name,), args.gelu)
    if args.float64:
        result["variants"]["float64"] = run(manifest, args.export, (), args.gelu, torch.float64)
    with open(os.path.join(args.export, "parity.json"), "w") as f:
        json.dump(result, f, indent=1)
    for name, v in result["variants"].items():
        print(f"{name:>13}: init {'ok' if v['init_ok'] else 'WRONG'}, max loss rel diff "
              f"{v['max_loss_rel_diff']:.3g}, max weight rel diff {v['max_weight_rel_diff']:.3g}")


if __name__ == "__main__":
    main()
