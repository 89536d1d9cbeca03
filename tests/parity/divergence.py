#!/usr/bin/python3
"""Where the C# run and the PyTorch reference part (issue 28): the same start, the same batches, and both sides'
accuracies at the same evaluation steps.

    /usr/bin/python3 tests/parity/divergence.py EXPORT_DIR [--threads N] [--gap 0.05]

EXPORT_DIR is one member's export by `initbias parity-export` (Parity/ParityExport): manifest.json, init/*.npy,
batches.npy, losses.npy, eval/{mem,rsn_train,rsn_test}.npy and metrics.json (the C# run's own evaluations). The
reference (reference.py, the one parity.py trains) starts from the C# initial weights, trains on the exported batches
for the exported steps (manifest "steps"; the learning-rate schedule is train.steps', which may be longer: a run
stopped early keeps its schedule), and at every step metrics.json lists evaluates last-token accuracy (argmax of the
last position's logits against the label) and loss on the exported evaluation sets. Writes EXPORT_DIR/divergence.json:
per evaluation step both sides' metrics and |Δ acc_mem|, and the first step at which acc_mem differs by more than
--gap (null when it never does).
"""
import argparse
import json
import os
import sys
import time

# One BLAS thread unless told otherwise: read by OpenBLAS at load time, so before numpy and torch are imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2 import SPEC_GELU  # noqa: E402
from reference import load_model, optimizer, train_step  # noqa: E402

GROUPS = ["mem", "rsn_train", "rsn_test"]


def evaluate(model, sets, batch_size):
    """Per group: acc_ (argmax of the last position == label) and loss_ (mean cross-entropy of the label), as
    Trainer.Evaluate computes them for the last-token objective (no ignored label)."""
    out = {}
    with torch.no_grad():
        for group, rows in sets.items():
            n, correct, loss = rows.shape[0], 0.0, 0.0
            for start in range(0, n, batch_size):
                chunk = rows[start:start + batch_size]
                logits = model(chunk[:, :-1])[:, -1]
                label = chunk[:, -1]
                correct += float((logits.argmax(-1) == label).double().sum())
                loss += float(F.cross_entropy(logits.double(), label, reduction="sum"))
            out[f"loss_{group}"] = loss / n
            out[f"acc_{group}"] = correct / n
    return out


def first_step_apart(points, key, gap):
    for p in points:
        if abs(p["csharp"][key] - p["torch"][key]) > gap:
            return p["step"]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--gap", type=float, default=0.05, help="the |Δ acc_mem| that counts as parted")
    ap.add_argument("--progress", type=int, default=0,
                    help="print a progress line (stderr) every N steps (default: at every evaluation)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with open(os.path.join(args.export, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(args.export, "metrics.json")) as f:
        csharp = {m["step"]: m for m in json.load(f)}
    train, family, steps = manifest["train"], manifest["family"], manifest["steps"]
    if family == "gpt2" or train["objective"] != "last-token":
        raise SystemExit(f"divergence.py compares last-token synthetic runs, not {family} / {train['objective']}")
    model, _, _ = load_model(manifest, args.export, (), SPEC_GELU)
    opt = optimizer(model, train)
    batches = torch.from_numpy(np.load(os.path.join(args.export, "batches.npy")))
    losses = np.load(os.path.join(args.export, "losses.npy"))
    if batches.shape[0] != steps:
        raise SystemExit(f"{batches.shape[0]} batches exported, the manifest says {steps} steps")
    sets = {g: torch.from_numpy(np.load(os.path.join(args.export, "eval", g + ".npy"))) for g in GROUPS
            if os.path.exists(os.path.join(args.export, "eval", g + ".npy"))}
    points, since, max_rel, clock = [], [], 0.0, time.time()
    for t in range(steps + 1):
        if t in csharp:
            mine = evaluate(model, sets, train["evalBatchSize"])
            if since:
                mine["train_loss"] = float(np.mean(since))
            theirs = {k: v for k, v in csharp[t].items() if k not in ("step", "lr")}
            points.append({"step": t, "lr": csharp[t]["lr"], "csharp": theirs, "torch": mine,
                           "abs_diff_acc_mem": abs(theirs["acc_mem"] - mine["acc_mem"]),
                           "max_train_loss_rel_diff_so_far": max_rel})
            since = []
            if not args.progress or t % args.progress == 0 or t == steps:
                print(f"step {t}: acc_mem C# {theirs['acc_mem']:.4f} torch {mine['acc_mem']:.4f}, "
                      f"max loss rel diff so far {max_rel:.2g}, {t / max(time.time() - clock, 1e-9):.2f} steps/s",
                      file=sys.stderr, flush=True)
        if t == steps:
            break
        loss, _ = train_step(model, opt, batches[t], t, train, family)
        since.append(loss)
        max_rel = max(max_rel, abs(loss - losses[t]) / abs(losses[t]))
    seconds = time.time() - clock
    key = f"first_step_acc_mem_differs_by_more_than_{args.gap:g}"
    result = {
        "experiment": manifest["experiment"], "profile": manifest["profile"], "gamma": manifest["gamma"],
        "seed": manifest["seed"], "member": manifest["member"], "members": manifest["members"],
        "steps": steps, "schedule_steps": train["steps"], "model": manifest["model"],
        "torch": torch.__version__, "threads": args.threads, "seconds": seconds,
        "steps_per_second": steps / seconds,
        "points": points,
    }
    for g in sets:  # first_step_acc_mem_differs_by_more_than_0.05, and the same for the reasoning groups
        result[f"first_step_acc_{g}_differs_by_more_than_{args.gap:g}"] = first_step_apart(points, f"acc_{g}", args.gap)
    with open(os.path.join(args.export, "divergence.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(f"seed {manifest['seed']}: {key} = {result[key]}; {steps / seconds:.2f} steps/s")


if __name__ == "__main__":
    main()
