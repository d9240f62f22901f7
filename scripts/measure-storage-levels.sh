#!/usr/bin/env bash
# Epoch time by --storage-level and --precision (docs/DATA.md): generated data, the same run at each level,
# with float64 and float32 blocks.
#
#   scripts/measure-storage-levels.sh [ROWS] [FEATURES] [EPOCHS]    default: 2000000 10 20
#   LEVELS="MEMORY_ONLY_SER DISK_ONLY" PRECISIONS="float64 float32" scripts/measure-storage-levels.sh
#   SUBMIT_ARGS="--conf spark.kryo.unsafe=true" scripts/measure-storage-levels.sh   # more options for every run
#
# Prints one Markdown row per level and precision: the cached bytes in memory and on disk (the trainer's
# "Cache" line) and the mean seconds per epoch over epochs 2..N (from history.csv; epoch 1 is left out).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-2000000}"; FEATURES="${2:-10}"; EPOCHS="${3:-20}"
MASTER="${MASTER:-local[2]}"
LEVELS="${LEVELS:-MEMORY_ONLY MEMORY_ONLY_SER MEMORY_AND_DISK DISK_ONLY}"
PRECISIONS="${PRECISIONS:-float64 float32}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$HERE/submit.sh" --master "$MASTER" generate --rows "$ROWS" --features "$FEATURES" --seed 5 --partitions 4 \
  --format parquet --output "$TMP/data" >/dev/null 2>&1 || { echo "generate failed"; exit 1; }
echo "| storage level | precision | cache (trainer's line) | seconds per epoch |"
echo "|---|---|---|---|"
for level in $LEVELS; do
  for precision in $PRECISIONS; do
    out="$TMP/$level-$precision"
    # shellcheck disable=SC2086 # SUBMIT_ARGS holds several options
    if ! "$HERE/submit.sh" --master "$MASTER" ${SUBMIT_ARGS:-} --data "$TMP/data" --partitions 4 \
        --storage-level "$level" --precision "$precision" --epochs "$EPOCHS" --tol 0 --no-plots \
        --output "$out" >"$TMP/log" 2>&1; then
      echo "| $level | $precision | failed: $(tail -1 "$TMP/log") | |"
      continue
    fi
    cache="$(grep -o 'Cache ([A-Z_]*): [^;]*' "$TMP/log" | head -1)"
    per_epoch="$(awk -F, 'NR==2 {s=$5} NR>1 {e=$5; n=NR-2} END {printf "%.4f", (e-s)/n}' "$out/history.csv")"
    echo "| $level | $precision | $cache | $per_epoch |"
  done
done
