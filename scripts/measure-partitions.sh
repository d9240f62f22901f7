#!/usr/bin/env bash
# Question 5 (the number of processes): epoch time and coefficients against --partitions, on the
# 8-feature sample data, with a fixed number of epochs.
#
#   scripts/measure-partitions.sh [EPOCHS] [PARTITIONS...]   default: 30 epochs, 1 2 4 8 16
#
# Prints one Markdown table row per partition count: the mean seconds per epoch (from history.csv,
# epochs 2..N, so reading and caching in epoch 1 are left out), the final MSE and the first
# coefficient, which must not depend on the partitioning.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EPOCHS="${1:-30}"
shift || true
PARTS=("$@")
[ ${#PARTS[@]} -eq 0 ] && PARTS=(1 2 4 8 16)
MASTER="${MASTER:-local[2]}"
DATA="${DATA:-$HERE/sample-data/correlated.csv}"   # any --data; e.g. a generated set of millions of rows
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "| partitions | master | seconds per epoch | final MSE | first coefficient |"
echo "|---|---|---|---|---|"
for p in "${PARTS[@]}"; do
  out="$TMP/p$p"
  if ! "$HERE/submit.sh" --master "$MASTER" --data "$DATA" --partitions "$p" \
      --epochs "$EPOCHS" --tol 0 --no-plots --quiet --output "$out" >"$TMP/log" 2>&1; then
    echo "| $p | $MASTER | failed: $(tail -1 "$TMP/log") | | |"
    continue
  fi
  per_epoch="$(awk -F, 'NR==2 {s=$5} NR>1 {e=$5; n=NR-2} END {printf "%.4f", (e-s)/n}' "$out/history.csv")"
  mse="$(grep -o '"finalMse" : [^,]*' "$out/model.json" | sed 's/.*: //')"
  w1="$(grep -o '"coefficients" : \[[^],]*' "$out/model.json" | sed 's/.*\[ *//')"
  echo "| $p | $MASTER | $per_epoch | $mse | $w1 |"
done
