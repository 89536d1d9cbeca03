#!/usr/bin/env python3
"""C18 v4's pilot P9 (CLAIMS.md, "Rules v4"): applies the criterion written before P9 ran to its run folders.

For each seed: t* = the first evaluation with L_mem(t) <= L_mem(0) - 0.5; at t*, per group i the mean softmax's gain
since step 0, Delta_i = p_i(t*) - p_i(0), the gained mass M_i = sum of its positive part, the share of it outside the
group's range, and the group-specific gain on the labels range i adds over range i-1. The reading point is adopted if
in at least 3 of the 4 seeds t* exists, mean accuracy over the groups < 0.5 and every M_i >= 0.05 there.
Usage: docs/scale/c18_pilot.py RUNDIR (the grid folder holding g0.8-s201 ...)
"""
import json
import os
import sys

DROP, MOVED, LOW_ACC = 0.5, 0.05, 0.5


def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def gained(p_t, p_0, labels):
    return sum(max(p_t[y] - p_0[y], 0.0) for y in labels)


def seed_report(folder):
    metrics = [m for m in lines(os.path.join(folder, "metrics.jsonl")) if "loss_mem" in m]
    probes = {p["step"]: p["outputs"] for p in lines(os.path.join(folder, "probe.jsonl")) if "outputs" in p}
    l0 = metrics[0]["loss_mem"]
    t_star = next((m["step"] for m in metrics if m["loss_mem"] <= l0 - DROP), None)
    read = t_star if t_star is not None else metrics[-1]["step"]
    groups, start = probes[read], probes[0]
    vocab = range(len(start[0]["mean_probability"]))
    out = {"t_star": t_star, "read_at": read, "loss_mem_0": l0,
           "loss_mem_t": next(m["loss_mem"] for m in metrics if m["step"] == read)}
    mass, share = [], []
    for g, g0 in zip(groups, start):
        rng = set(range(g["label_min"], g["label_max"] + 1))
        m = gained(g["mean_probability"], g0["mean_probability"], vocab)
        outside = gained(g["mean_probability"], g0["mean_probability"], [y for y in vocab if y not in rng])
        mass.append(m)
        share.append(outside / m if m > 0 else float("nan"))
    specific = []
    for i in range(1, len(groups)):
        added = range(groups[i - 1]["label_max"] + 1, groups[i]["label_max"] + 1)
        specific.append(gained(groups[i]["mean_probability"], start[i]["mean_probability"], added)
                        - gained(groups[i - 1]["mean_probability"], start[i - 1]["mean_probability"], added))
    acc = sum(g["accuracy"] for g in groups) / len(groups)
    out.update(mean_accuracy=acc, gained_mass=mass, share_outside=share, group_specific=specific,
               premise_low_accuracy=acc < LOW_ACC, premise_moved=min(mass) >= MOVED,
               check_a_value=0.1 - max(share), check_b_value=min(specific))
    out["qualifies"] = t_star is not None and out["premise_low_accuracy"] and out["premise_moved"]
    return out


def main(root):
    seeds = sorted(d for d in os.listdir(root) if d.startswith("g0.8-s"))
    reports = {s: seed_report(os.path.join(root, s)) for s in seeds}
    qualifying = sum(r["qualifies"] for r in reports.values())
    print(json.dumps({"seeds": reports, "qualifying": qualifying, "of": len(seeds),
                      "adopted": qualifying >= 3}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
