#!/usr/bin/env bash
# How load and epoch time grow with the data (docs/QUESTIONS.md, question 12): one generated Parquet data
# set of FILES files, trained on 1/8, 1/4, 1/2 and all of its files (a glob picks them), so the rows double
# from one run to the next on the same machine. One partition per file (no --partitions: the input's own
# splits), MEMORY_ONLY in a local-mode driver with the default memory (half of RAM).
#
#   scripts/measure-scaling.sh [ROWS_PER_FILE] [FEATURES] [EPOCHS]   default: 1000000 10 10   (16 files)
#
# Prints one Markdown row per size: rows, partitions, cached MB, load seconds (read, parse, pack, cache;
# model.json's loadSeconds) and seconds per epoch (history.csv, epochs 2..N).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PER_FILE="${1:-1000000}"; FEATURES="${2:-10}"; EPOCHS="${3:-10}"
FILES=16
MASTER="${MASTER:-local[2]}"
if [[ -n "${WORK:-}" ]]; then
  TMP="$WORK"; mkdir -p "$TMP"
else
  TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
fi
if [[ ! -d "$TMP/data" ]]; then
  "$HERE/submit.sh" --master "$MASTER" generate --rows $((PER_FILE * FILES)) --features "$FEATURES" --seed 9 \
    --partitions "$FILES" --format parquet --output "$TMP/data" >"$TMP/generate.log" 2>&1 \
    || { echo "generate failed:"; tail -5 "$TMP/generate.log"; exit 1; }
fi
echo "| files | rows | partitions | cache | load s | s per epoch |"
echo "|---:|---:|---:|---|---:|---:|"
for glob in 'part-0000[0-1].*' 'part-0000[0-3].*' 'part-0000[0-7].*' 'part-*'; do
  out="$TMP/out"; rm -rf "$out"
  if ! "$HERE/submit.sh" --master "$MASTER" --data "$TMP/data/$glob" --format parquet --storage-level MEMORY_ONLY \
      --epochs "$EPOCHS" --tol 0 --learning-rate 0.1 --log-every 1 --no-plots --output "$out" >"$TMP/log" 2>&1; then
    echo "| $glob | failed: $(tail -1 "$TMP/log") | | | | |"
    continue
  fi
  files=$(ls "$TMP/data"/$glob | grep -c parquet)
  rows=$(grep -o '"rows" *: *[0-9]*' "$out/model.json" | grep -o '[0-9]*$')
  partitions=$(grep -o '"partitions" *: *[0-9]*' "$out/model.json" | grep -o '[0-9]*$')
  load=$(grep -o '"loadSeconds" *: *[0-9.]*' "$out/model.json" | grep -o '[0-9.]*$')
  cache="$(grep -o 'Cache ([A-Z_]*): [^;]*' "$TMP/log" | head -1 | sed 's/Cache ([A-Z_]*): //')"
  per_epoch="$(awk -F, 'NR==2 {s=$5} NR>1 {e=$5; n=NR-2} END {printf "%.3f", (e-s)/n}' "$out/history.csv")"
  printf '| %s | %s | %s | %s | %.1f | %s |\n' "$files" "$rows" "$partitions" "$cache" "$load" "$per_epoch"
done
