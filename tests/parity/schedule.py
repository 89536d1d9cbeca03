"""The learning-rate schedule of spec §6, stepped once per batch (t = 0-based optimiser step).

GradualWarmupScheduler then CosineAnnealingLR, as the spec writes them:
  warm-up, t <= T_w:  lr(t) = base * ((m - 1) * t / T_w + 1),          T_w = warmupFraction * steps
  after:              lr(t) = min + (base * m - min) * (1 + cos(pi * t' / T_max)) / 2,  t' = t - T_w
The spec does not fix T_max; "cosine to minLr over the rest of the run" is read as reaching minLr at the last
optimiser step, t = steps - 1, i.e. T_max = steps - 1 - T_w (with a floor of 1).
"""
import math


def lr_at(t, train, brk=()):
    steps, base, m = train["steps"], train["baseLr"], train["warmupMultiplier"]
    if "warmup" in brk:
        m = 1.0
    t_w = train["warmupFraction"] * steps
    low = train["minLr"]
    if t_w > 0 and t <= t_w:
        return base * ((m - 1) * t / t_w + 1)
    t_max = steps - t_w if "cosine" in brk else max(1.0, steps - 1 - t_w)
    return low + (base * m - low) * (1 + math.cos(math.pi * (t - t_w) / t_max)) / 2
