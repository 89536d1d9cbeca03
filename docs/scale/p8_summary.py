#!/usr/bin/env python3
"""P8's per-seed report (CLAIMS.md, "Scale probes", P8), read from its run folders; decides nothing.

Usage: docs/scale/p8_summary.py OUT [INITBIAS_DLL]
OUT holds P8-g0.3/ and P8-g0.8/ (docs/scale/run.sh OUT P8). Prints, per γ and seed, the criterion's reading
(memorises = acc_mem >= 0.5 at the last evaluation, step 20,000), the first step with acc_mem >= 0.5, and acc_mem,
acc_rsn_train, acc_rsn_test at steps 5,000, 10,000 and 20,000; then `initbias inspect`'s statistics at each seed's
progress point (the first evaluation at which γ 0.8 of the same seed reaches acc_rsn_train >= 0.9), when both γ have
run that far, only when INITBIAS_DLL is given. inspect reads the recorded probes: one d 400 run took 3 s (Release
build, Zen 4, nothing else running), but a call with the Debug build beside P8's training (at autogroup nice -10) ran 10
minutes without finishing, so it never starts by default. A run still training is reported up to its last evaluation
and marked as such.
"""
import json
import os
import subprocess
import sys
import tempfile

STEPS = (5000, 10000, 20000)
LAST = 20000
# Every statistic `inspect` prints, in its order; erank at step 0 follows as C20's reference (its threshold is half).
INSPECTED = ("rho", "mem_minus_rsn_cos", "mem_minus_rsn_cos_learned", "key_pca_order", "wv_ratio", "u1_gap",
             "key_probe_layer2", "key_probe_attn_out", "control_probe_attn_out", "eq14_max_difference", "eq14_shape",
             "erank", "erank_learned", "mean_abs_cos_learned")


def evaluations(run):
    with open(os.path.join(run, "metrics.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt(x):
    return "—" if x is None else f"{x:.3f}"


def seed_rows(out, gamma):
    grid = os.path.join(out, f"P8-g{gamma}")
    if not os.path.isdir(grid):
        return []
    rows = []
    for name in sorted(os.listdir(grid)):
        run = os.path.join(grid, name)
        evals = evaluations(run)
        at = {e["step"]: e for e in evals}
        first = next((e["step"] for e in evals if e["acc_mem"] >= 0.5), None)
        last = evals[-1]
        done = last["step"] == LAST
        verdict = ("yes" if last["acc_mem"] >= 0.5 else "no") if done else f"running (step {last['step']})"
        cells = [f"{fmt(at[s]['acc_mem'])} / {fmt(at[s]['acc_rsn_train'])} / {fmt(at[s]['acc_rsn_test'])}"
                 if s in at else "—" for s in STEPS]
        rows.append((name.split("-s")[-1], verdict, "never" if first is None else str(first), cells, run))
    return rows


def inspect(dll, runs):
    """inspect --json over one grid made of symlinks, so each γ 0.3 run finds its seed's γ 0.8 progress point."""
    with tempfile.TemporaryDirectory() as tmp:
        for run in runs:
            os.symlink(run, os.path.join(tmp, os.path.basename(run)))
        text = subprocess.run(["dotnet", dll, "inspect", tmp, "--json", "--figure", "none"], check=True,
                              capture_output=True, text=True).stdout
    return json.loads(text)["runs"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = os.path.realpath(sys.argv[1])
    dll = sys.argv[2] if len(sys.argv) > 2 else None
    all_runs = []
    for gamma in ("0.3", "0.8"):
        rows = seed_rows(out, gamma)
        if not rows:
            continue
        print(f"\nγ {gamma}: memorises (acc_mem ≥ 0.5 at step {LAST:,}) in "
              f"{sum(r[1] == 'yes' for r in rows)} of {sum(r[1] in ('yes', 'no') for r in rows)} finished runs\n")
        print("| seed | memorises | first acc_mem ≥ 0.5 | " +
              " | ".join(f"mem / rsn_train / rsn_test at {s:,}" for s in STEPS) + " |")
        print("|---|---|---|" + "---|" * len(STEPS))
        for seed, verdict, first, cells, run in rows:
            print(f"| {seed} | {verdict} | {first} | " + " | ".join(cells) + " |")
            all_runs.append(run)
    if dll is None:
        print("\n(inspect statistics not computed: pass INITBIAS_DLL, e.g. "
              "src/InitBias.Cli/bin/Release/net10.0/initbias.dll)")
        return
    if not os.path.exists(dll):
        sys.exit(f"no {dll}: build src/InitBias.Cli for the inspect statistics")
    inspected = [r for r in inspect(dll, all_runs) if r.get("progress_step") is not None]
    if not inspected:
        print("\nNo seed has a progress point yet (γ 0.8 has not reached acc_rsn_train ≥ 0.9).")
        return
    print("\nAt the progress point (`initbias inspect`):\n")
    print("| γ | seed | step | " + " | ".join(INSPECTED) + " | erank at step 0 |")
    print("|---|---|---|" + "---|" * (len(INSPECTED) + 1))
    for r in inspected:
        at = next((e for e in r["evaluations"] if e["step"] == r["progress_step"]), None)
        if at is None:
            continue
        values = [at.get(k) for k in INSPECTED] + [r["evaluations"][0]["erank"]]
        print(f"| {r['gamma']} | {r['seed']} | {r['progress_step']:,} | " +
              " | ".join(fmt(v) if v is None or isinstance(v, (int, float)) else str(v) for v in values) + " |")


if __name__ == "__main__":
    main()
