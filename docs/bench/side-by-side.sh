#!/usr/bin/env bash
# Issue 31's side-by-side measurement: an old build (default a7c9213) and this tree, on one host in one hour, run
# alternately (old, new, old, new) so drift in the host hits both. Nothing else may run meanwhile (never beside a
# training). Usage: docs/bench/side-by-side.sh OUT [OLD_COMMIT] [PARTS]; PARTS is any of "bench d400 suite"
# (default all three). Everything goes under OUT: the old worktree, the JSON reports, the run folders, log.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$(realpath -m "${1:?usage: docs/bench/side-by-side.sh OUT [OLD_COMMIT] [PARTS]}")
OLD=${2:-a7c9213}
PARTS=${3:-bench d400 suite}
NEW=$PWD
mkdir -p "$OUT"
log() { echo "$(date -u +%FT%TZ) $*" | tee -a "$OUT/log.txt"; }
[ -d "$OUT/old" ] || git worktree add --detach "$OUT/old" "$OLD" >/dev/null
log "old $(git -C "$OUT/old" rev-parse --short HEAD), new $(git rev-parse --short HEAD)$(git status --porcelain \
  --untracked-files=no | grep -q . && echo ' (uncommitted changes)'); host: $(grep -m1 'model name' /proc/cpuinfo \
  | cut -d: -f2 | xargs), $(nproc) cores, $(grep -qw avx512_bf16 /proc/cpuinfo && echo Zen 4 class || echo AVX2 only)"
for tree in "$OUT/old" "$NEW"; do
  (cd "$tree" && dotnet build src/InitBias.Cli -c Release -v q >/dev/null \
    && dotnet build claims/InitBias.Claims -v q >/dev/null)
done
cli() { dotnet "$1/src/InitBias.Cli/bin/Release/net10.0/initbias.dll" "${@:2}"; }
for rep in 1 2; do
  for side in old new; do
    tree=$([ $side = old ] && echo "$OUT/old" || echo "$NEW")
    if [[ " $PARTS " == *" bench "* ]]; then
      log "bench $side rep $rep"
      cli "$tree" bench --json --reps 3 --only transformer-grid-x24,emb-mlp-grid-x16,gpt2-mix-grid-x24 \
        > "$OUT/bench-$side-$rep.json"
    fi
    if [[ " $PARTS " == *" d400 "* ]]; then
      # The paper's transformer (d 400), a 2-member ensemble, 300 steps with its evaluations, no probes (the step-0
      # first-step gradients alone take minutes at this size): member-steps/s. /usr/bin/time needs the program
      # itself, not the cli function.
      log "d400 $side rep $rep"
      rm -rf "$OUT/d400-$side-$rep"
      /usr/bin/time -f "%e s wall" -o "$OUT/d400-$side-$rep.time" dotnet \
        "$tree/src/InitBias.Cli/bin/Release/net10.0/initbias.dll" run transformer --profile paper --gamma 0.3,0.8 \
        --seed 201 --steps 300 --no-probes --out "$OUT/d400-$side-$rep" > "$OUT/d400-$side-$rep.txt" 2>&1
      log "  $(cat "$OUT/d400-$side-$rep.time")"
    fi
  done
done
if [[ " $PARTS " == *" suite "* ]]; then
  # The ci claim suite once per build (about 16 minutes each; Debug, as .ci/run runs it), fresh run folders, with
  # the OpenMP spin count that build's .ci/run exports (none before it did). bench and d400 take the caller's.
  for side in old new; do
    tree=$([ $side = old ] && echo "$OUT/old" || echo "$NEW")
    spin=$(grep -oP 'export GOMP_SPINCOUNT=\$\{GOMP_SPINCOUNT:-\K[0-9]+' "$tree/.ci/run" || true)
    log "claim suite $side (GOMP_SPINCOUNT ${spin:-unset})"
    rm -rf "$OUT/suite-$side"
    start=$(date +%s)
    (cd "$tree" && if [ -n "$spin" ]; then export GOMP_SPINCOUNT=$spin; else unset GOMP_SPINCOUNT; fi \
      && INITBIAS_OUT="$OUT/suite-$side/runs" dotnet test claims/InitBias.Claims --no-build \
      --filter Claim --logger trx --results-directory "$OUT/suite-$side/trx" > "$OUT/suite-$side.txt" 2>&1) || true
    log "  claim suite $side: $(( $(date +%s) - start )) s wall; $(grep -o 'Passed: *[0-9]*\|Failed: *[0-9]*' \
      "$OUT/suite-$side.txt" | tr '\n' ' ')"
  done
fi
log done
