#!/bin/bash
# Runs the claims of one profile on a Slurm cluster: a job array trains the grids in shards (one array task per
# shard), then one dependent job evaluates every claim over the shared run root without training what is complete.
#
#   PROFILE=paper SHARDS=4 bash docs/slurm-claims.sh     # on the login node, from the repository root: submits both
#
# Every task must see the same RUN_ROOT (a shared file system) and run on the same kind of node: reuse compares the
# numeric environment (device, threads, libtorch), and a member trained elsewhere is trained again, with the reason.
# SHARDS must leave every shard at least 2 members of each grid (n ≤ 4 for the 8-seed grids).
# Time limits from the FLOP table in docs/cuda.md (paper): all grids take about 2,143 min at 25% of an H100's fp32 peak plus
# about 25 min of launch floor, so a shard of 4 about 542 min (9 h; GPT-2's grid is 2,115 of them); 12 h leaves a
# third more. The evaluation trains at most one shard's members (--evaluates-shards; more is refused with the
# members and why), so its worst case is one shard's time too. Fewer shards need a longer limit: 4 is the most
# the 8-member grids allow.
#SBATCH --job-name=initbias-shard
#SBATCH --gres=gpu:1
#SBATCH --time=12:00:00
#SBATCH --output=slurm-%x-%A_%a.out
set -euo pipefail

PROFILE=${PROFILE:-paper}
SHARDS=${SHARDS:-4}
RUN_ROOT=${RUN_ROOT:-$PWD/runs/claims}
BACKEND=${BACKEND:-cuda}
DEVICE=${DEVICE:-cuda} # asked for by name: no CUDA means a one-line error, never a silent CPU run

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
  # Started by hand: submit the shards as an array and the evaluation after them, then stop.
  array=$(sbatch --parsable --array=1-"$SHARDS" --export=ALL,PROFILE="$PROFILE",SHARDS="$SHARDS",RUN_ROOT="$RUN_ROOT" \
    "$0")
  sbatch --dependency=afterany:"$array" --job-name=initbias-evaluate --gres=gpu:1 --time=12:00:00 \
    --output=slurm-%x-%j.out --wrap \
    "dotnet run --project src/InitBias.Cli -p:TorchBackend=$BACKEND -- claim all --profile $PROFILE --reuse \
     --device $DEVICE --evaluates-shards $SHARDS --out $RUN_ROOT"
  echo "submitted shards as job $array and the evaluation after them"
  exit 0
fi

dotnet run --project src/InitBias.Cli -p:TorchBackend="$BACKEND" -- \
  claim all --profile "$PROFILE" --device "$DEVICE" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" --out "$RUN_ROOT"
