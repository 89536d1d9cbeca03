"""Judge a gpt2-mix calibration candidate (CLAIMS.md, "gpt2-mix in the full profile"): P1-P4 on γ 0.8.

usage: python3 docs/calibration/plateau.py RUNROOT   (RUNROOT holds g0.8-s101 .. g0.8-s104 run folders)
exit code 0 when the candidate qualifies.
"""
import json
import os
import statistics as st
import sys

SEEDS = [101, 102, 103, 104]
MAX_STEPS = 3300   # P3: about 30 min for the 24-member grid at 1.86 steps/s


def rows(folder):
    with open(os.path.join(folder, "metrics.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def mixture(r):
    return (r["loss_pq"] + r["loss_ts"]) / 2


def halfway_step(m):
    """Step (interpolated) at which the mixture loss has fallen by half its range, as Gpt2Grid.HalfwayStep."""
    start = mixture(m[0])
    target = start - 0.5 * (start - min(mixture(r) for r in m))
    for a, b in zip(m, m[1:]):
        if mixture(b) <= target:
            fa, fb = mixture(a), mixture(b)
            return a["step"] + (0 if fa == fb else (fa - target) / (fa - fb)) * (b["step"] - a["step"])
    return m[-1]["step"]


def main(root):
    runs = {s: rows(os.path.join(root, f"g0.8-s{s}")) for s in SEEDS}
    summary = json.load(open(os.path.join(root, f"g0.8-s{SEEDS[0]}", "summary.json")))
    steps = runs[SEEDS[0]][-1]["step"]
    halves = {s: halfway_step(m) for s, m in runs.items()}
    p1 = all(h < steps / 2 for h in halves.values())
    p2 = summary["epochs"] >= 20
    p3 = steps <= MAX_STEPS
    acc_ts = [m[-1]["acc_ts"] for m in runs.values()]
    p4 = st.mean(acc_ts) >= 0.30
    print(f"{root}: {steps} steps, {summary['trainSamples']} windows, {summary['epochs']} epochs, "
          f"{summary['wallSeconds']:.0f} s ({summary['stepsPerSecond']} steps/s, {summary['ensembleMembers']} members)")
    print(f"  P1 halfway step of L_mix < {steps / 2:.0f}: {[round(h) for h in halves.values()]} -> {p1}")
    print(f"  P2 epochs >= 20: {summary['epochs']} -> {p2}")
    print(f"  P3 steps <= {MAX_STEPS}: {steps} -> {p3}")
    print(f"  P4 mean final acc_ts >= 0.30: {st.mean(acc_ts):.3f} {[round(a, 3) for a in acc_ts]} -> {p4}")
    for g in (0.3, 0.8):
        last = [rows(os.path.join(root, f"g{g}-s{s}"))[-1] for s in SEEDS]
        print(f"  γ {g} final means: " + ", ".join(
            f"{k} {st.mean(r[k] for r in last):.3f}" for k in ("loss_pq", "loss_ts", "acc_pq", "acc_ts")))
    return 0 if (p1 and p2 and p3 and p4) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
