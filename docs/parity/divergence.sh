#!/usr/bin/env bash
# Where the trajectories part (issue 28, docs/parity.md): full's transformer at the paper's width (d400.json:
# d_model 400, d_ff 1,200, d_k 200), γ 0.3, the first STEPS steps of its 6,000-step schedule, evaluated every 50
# steps, C# against the PyTorch reference from the same start on the same batches.
# Usage: docs/parity/divergence.sh OUT   (env: STEPS=3000, SEEDS=201-205, ONLY="201 ...", PY_THREADS=1)
# The seeds train as ONE ensemble (member i = i-th seed): the cheapest, and every member takes the multi-member
# matmul kernel the claim runs take (a one-member ensemble takes another, docs/runs.md "Shards"). So the export is all or
# nothing (skipped when every member's manifest.json exists); the reference runs per seed, skipped when its
# divergence.json exists, so an interrupted run resumes there. ONLY limits the reference to those seeds.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$(realpath -m "${1:?usage: docs/parity/divergence.sh OUT}")
STEPS=${STEPS:-3000}
SEEDS=${SEEDS:-201-205}
GAMMA=0.3
PY_THREADS=${PY_THREADS:-1}
mkdir -p "$OUT"
log() { echo "$(date -u +%FT%TZ) $*" | tee -a "$OUT/log.txt"; }
seeds=$(/usr/bin/python3 -c "import sys; a, _, b = sys.argv[1].partition('-'); \
print(*range(int(a), int(b or a) + 1))" "$SEEDS")
dir() { echo "$OUT/g$GAMMA-s$1"; }

missing=0
for s in $seeds; do [ -s "$(dir "$s")/manifest.json" ] || missing=1; done
if [ $missing = 1 ]; then
  dotnet build src/InitBias.Cli -c Release -v q >/dev/null
  log "export: seeds $SEEDS as one ensemble, γ $GAMMA, $STEPS steps of full's schedule"
  start=$(date +%s)
  dotnet src/InitBias.Cli/bin/Release/net10.0/initbias.dll parity-export transformer --profile full \
    --config docs/parity/d400.json --gamma $GAMMA --seeds "$SEEDS" --stop-after "$STEPS" --eval-every 50 \
    --out "$OUT" 2> >(tee -a "$OUT/export.log" >&2) | tee -a "$OUT/log.txt"
  log "export done in $(( $(date +%s) - start )) s"
else
  log "export: every manifest.json exists, kept"
fi

for s in ${ONLY:-$seeds}; do
  if [ -s "$(dir "$s")/divergence.json" ]; then log "seed $s: divergence.json exists, kept"; continue; fi
  log "seed $s: reference"
  OPENBLAS_NUM_THREADS=$PY_THREADS /usr/bin/python3 tests/parity/divergence.py "$(dir "$s")" \
    --threads "$PY_THREADS" --progress 250 | tee -a "$OUT/log.txt"
done

/usr/bin/python3 - "$OUT" $seeds <<'PY'
import json, os, sys
out, seeds = sys.argv[1], sys.argv[2:]
at = (1000, 2000, 3000)
print(f"{'seed':>5} {'first |Δacc_mem| > 0.05':>24} " + " ".join(f"{'acc_mem C#/torch @' + str(s):>25}" for s in at))
for s in seeds:
    path = os.path.join(out, f"g0.3-s{s}", "divergence.json")
    if not os.path.exists(path):
        print(f"{s:>5} {'(not run)':>24}")
        continue
    d = json.load(open(path))
    points = {p["step"]: p for p in d["points"]}
    cells = [f"{points[t]['csharp']['acc_mem']:.3f} / {points[t]['torch']['acc_mem']:.3f}" if t in points else "-"
             for t in at]
    first = d["first_step_acc_mem_differs_by_more_than_0.05"]
    print(f"{s:>5} {str(first):>24} " + " ".join(f"{c:>25}" for c in cells))
PY
