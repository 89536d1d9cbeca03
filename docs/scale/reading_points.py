#!/usr/bin/env python3
"""The reading-point criterion of CLAIMS.md ("The reading points", written before P7 ran), applied to an inspection.

Usage: initbias inspect GRID --json > inspect.json; docs/scale/reading_points.py inspect.json
For each candidate point of the γ 0.8 run (progress, onset; the γ 0.3 run of the same seed is read at the same step)
it prints every v3 check's statistic per seed and how many seeds are on the passing side; a candidate qualifies for a
claim when each of the claim's checks passes in at least 3 of 4 seeds (`need`)."""
import json, sys

runs = json.load(open(sys.argv[1]))["runs"]
need = int(sys.argv[2]) if len(sys.argv) > 2 else 3
by = {(r["gamma"], r["seed"]): r for r in runs}
seeds = sorted({r["seed"] for r in runs})


def at(run, step):
    return next(e for e in run["evaluations"] if e["step"] == step)


def point(run, name):
    step = run[f"{name}_step"]
    return step if step is not None else run["evaluations"][-1]["step"]


CHECKS = {
    "C12": [("rho < -0.5 at 0.8", lambda s, l, e0: -0.5 - s["rho"]),
            ("cos(mem)-cos(rsn) at 0.8", lambda s, l, e0: s["mem_minus_rsn_cos"]),
            ("rho(0.3)-rho(0.8)", lambda s, l, e0: l["rho"] - s["rho"])],
    "C14bc": [("s1/s2 - 2 at 0.8", lambda s, l, e0: s["wv_ratio"] - 2),
              ("s1/s2(0.8)-s1/s2(0.3)", lambda s, l, e0: s["wv_ratio"] - l["wv_ratio"]),
              ("u1 gap at 0.8", lambda s, l, e0: s["u1_gap"])],
    "C20": [("0.5 erank(w0) - erank(dw) at 0.8", lambda s, l, e0: 0.5 * e0["erank"] - s["erank_learned"]),
            ("erank(dw,0.3)-erank(dw,0.8)", lambda s, l, e0: l["erank_learned"] - s["erank_learned"]),
            ("0.9 - mean|cos dw| at 0.8", lambda s, l, e0: 0.9 - s["mean_abs_cos_learned"])],
    "C16": [("0.25 - max|dcos|", lambda s, l, e0: 0.25 - s["eq14_max_difference"]),
            ("-0.8 - spearman", lambda s, l, e0: -0.8 - s["eq14_shape"])],
}
for name in ("progress", "onset"):
    steps = {s: point(by[(0.8, s)], name) for s in seeds}
    print(f"== {name}: steps {steps}; acc_rsn_train at 0.8 "
          f"{[round(at(by[(0.8, s)], t)['acc_rsn_train'], 3) for s, t in steps.items()]}")
    for claim, checks in CHECKS.items():
        ok_all = True
        for label, f in checks:
            vals = [f(at(by[(0.8, s)], steps[s]), at(by[(0.3, s)], steps[s]), at(by[(0.8, s)], 0)) for s in seeds]
            passing = sum(v > 0 for v in vals)
            ok_all &= passing >= need
            print(f"  {claim:6s} {label:36s} {passing}/{len(seeds)}  " + " ".join(f"{v:+.3f}" for v in vals))
        print(f"  {claim:6s} -> {'QUALIFIES' if ok_all else 'does not qualify'}")
