#!/usr/bin/env bash
# The scale probes of issue 21 (CLAIMS.md, "Scale probes"), one after another: never two trainings at once on 2
# cores. Exploratory seeds only (201 and up). Usage: docs/scale/run.sh [OUT] [PROBE...]; default OUT is
# ../scale-runs beside the checkout, default probes P2 P4 P6 P5 P7 P3 P1 (cheapest first, P1's d400 gradients last).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$(realpath -m "${1:-../scale-runs}"); shift || true
PROBES=("${@:-P2 P4 P6 P5 P7 P3 P1}")
dotnet build src/InitBias.Cli -c Release -v q >/dev/null
initbias() { dotnet src/InitBias.Cli/bin/Release/net10.0/initbias.dll "$@"; }
mkdir -p "$OUT"
step() { echo "$(date -u +%FT%TZ) $*" | tee -a "$OUT/log.txt"; }
# A grid folder whose every member completed (summary.json says so).
completed() {
  local d
  compgen -G "$1/*/summary.json" >/dev/null || return 1
  for d in "$1"/*/; do
    [ -f "$d/config.json" ] || continue
    grep -q '"completed": true' "$d/summary.json" 2>/dev/null || return 1
  done
}
# Trains a grid into OUT, resumes it from its checkpoints, or skips it when it completed. Never a fresh run over a
# folder with checkpoints: a resume that fails stops the script. (Until 2026-12-07 a failed resume fell back to a
# fresh run, which overwrote P8's completed γ 0.3 folders: docs/runs/P8.log, part 3.)
train() {
  local out=$1; shift
  if completed "$out"; then step "  $out: every member completed; skipped"
  elif compgen -G "$out/*/checkpoint.bin" >/dev/null; then initbias "$@" --out "$out" --resume
  else initbias "$@" --out "$out"; fi
}
for probe in ${PROBES[*]}; do
  start=$(date +%s)
  step "start $probe"
  case $probe in
    P2) for p in ci full paper; do initbias theory token-sets --profile $p --json > "$OUT/P2-$p.json"; done ;;
    P1) mkdir -p "$OUT/P1"
        # Cheapest first; the d400 gradients over 200,000 samples take minutes each, so those run two seeds at a
        # time into their own files (whatever finished is kept).
        for f in docs/scale/P1-d128-*.json docs/scale/P1-d400-*-n50.json docs/scale/P1-d400-*-n250.json; do
          [ -s "$OUT/P1/$(basename "$f")" ] && continue
          initbias theory first-step --profile full --config "$f" --seeds 201-208 --json \
            > "$OUT/P1/$(basename "$f").tmp" && mv "$OUT/P1/$(basename "$f").tmp" "$OUT/P1/$(basename "$f")"
          step "  $(basename "$f") done"
        done
        for f in docs/scale/P1-d400-*-n1000.json; do
          for seeds in 201-202 203-204 205-206 207-208; do
            target="$OUT/P1/$(basename "$f" .json)-s$seeds.json"
            [ -s "$target" ] && continue
            initbias theory first-step --profile full --config "$f" --seeds $seeds --json > "$target.tmp" \
              && mv "$target.tmp" "$target"
            step "  $(basename "$f") seeds $seeds done"
          done
        done ;;
    P3) train "$OUT/P3" run transformer --profile paper --config docs/scale/P3.json --gamma 0.3,0.8 --seed 201 ;;
    P4) initbias run transformer --profile full --config docs/scale/P4.json --gamma 0.3,0.8 --seed 201 \
          --out "$OUT/P4" ;;
    P5) initbias run gpt2-mix --profile full --config docs/scale/P5.json --gamma 0.5,0.8 --seed 201-202 \
          --out "$OUT/P5" ;;
    P8) for g in 0.3 0.8; do
          train "$OUT/P8-g$g" run transformer --profile paper --config docs/scale/P3.json --gamma $g --seed 202-207
        done ;;
    P9) initbias run label-groups-disjoint --profile full --config docs/scale/P9.json --gamma 0.8 --seed 201-204 \
          --out "$OUT/P9" ;;
    P7) initbias run transformer --profile full --config docs/scale/P7.json --gamma 0.3,0.8 --seed 201-204 \
          --out "$OUT/P7" ;;
    P6) for v in no-ln low-lr next-token; do
          initbias run transformer-$v --profile full --config docs/scale/P6-$v.json --gamma 0.3,0.8 \
            --seed 201-202 --out "$OUT/P6-$v"
        done ;;
    *) echo "unknown probe $probe"; exit 2 ;;
  esac
  step "done $probe in $(( $(date +%s) - start )) s"
done
