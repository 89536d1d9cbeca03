#!/usr/bin/env python3
"""Where each mechanism structure exists in a run: the evaluation steps at which the statistic the claim's rule reads
meets the rule's threshold, from `initbias inspect RUNDIR --json`. Usage: ranges.py INSPECT.json
Prints, per run, each statistic's first and last step meeting it, how many evaluations do, and its value at the
progress point and at the last step."""
import json, math, sys

RULES = [  # (name, key, test) as the rules read them
    ("C12 rho < -0.5", "rho", lambda v: v < -0.5),
    ("C12 mem-rsn cos > 0 (w)", "mem_minus_rsn_cos", lambda v: v > 0),
    ("C12 mem-rsn cos > 0 (w-w0)", "mem_minus_rsn_cos_learned", lambda v: v > 0),
    ("C13 key PCA order > 0.8", "key_pca_order", lambda v: v > 0.8),
    ("C14 s1/s2 > 2", "wv_ratio", lambda v: v > 2),
    ("C14 u1 gap > 0", "u1_gap", lambda v: v > 0),
    ("C15 v2 layer-2 probe > 0.5", "key_probe_layer2", lambda v: v > 0.5),
    ("C15 v3 attention probe > 0.5", "key_probe_attn_out", lambda v: v > 0.5),
    ("C16 eq14 max diff < 0.25", "eq14_max_difference", lambda v: v < 0.25),
    ("C16 eq14 shape < -0.8", "eq14_shape", lambda v: v < -0.8),
    ("C20 |cos| of w-w0 < 0.9", "mean_abs_cos_learned", lambda v: v < 0.9),
]

def num(v):
    return None if v is None or (isinstance(v, str)) or (isinstance(v, float) and math.isnan(v)) else v

for run in json.load(open(sys.argv[1]))["runs"]:
    rows, p = run["evaluations"], run["progress_step"]
    print(f"{run['dir']}: gamma {run['gamma']}, seed {run['seed']}, progress point {p}, last step {rows[-1]['step']}")
    first_erank = rows[0]["erank"]
    for name, key, test in RULES + [("C20 erank(w-w0) < erank(w0)/2", "erank_learned", lambda v: v < first_erank / 2)]:
        ok = [r["step"] for r in rows if num(r.get(key)) is not None and test(r[key])]
        at = {r["step"]: num(r.get(key)) for r in rows}
        fmt = lambda v: "-" if v is None else f"{v:.3f}"
        span = f"{ok[0]}..{ok[-1]} ({len(ok)} of {len(rows)})" if ok else "never"
        print(f"  {name:34s} {span:24s} at progress {fmt(at.get(p)) if p is not None else '-':>7s}"
              f"  last {fmt(at[rows[-1]['step']])}")
