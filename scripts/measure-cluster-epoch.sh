#!/usr/bin/env bash
# Epoch time with the executors in other processes (docs/QUESTIONS.md, question 10): the same training
# run on local[2] (driver and tasks in one JVM) and on a standalone cluster on this machine (a master and
# two workers as separate JVMs, one core and 3g each: parameters and sums cross TCP every epoch).
#
#   scripts/measure-cluster-epoch.sh [ROWS] [FEATURES] [EPOCHS]    default: 1000000 10 30
#
# Prints the median seconds per epoch (history.csv) and the load time of each, twice each, alternating.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"; FEATURES="${2:-10}"; EPOCHS="${3:-30}"
TMP="$(mktemp -d)"
export SPARK_DGD_CLUSTER_DIR="$TMP/cluster"
trap '"$HERE/submit.sh" cluster stop >/dev/null 2>&1; rm -rf "$TMP"' EXIT
"$HERE/submit.sh" --master 'local[2]' generate --rows "$ROWS" --features "$FEATURES" --seed 11 --partitions 4 \
  --format parquet --output "$TMP/data" >"$TMP/generate.log" 2>&1 || { echo "generate failed"; exit 1; }
port=$((20000 + RANDOM % 10000))
"$HERE/submit.sh" cluster start --workers 2 --worker-memory 3g --port "$port" --webui-port $((port + 1)) >/dev/null \
  || { echo "cluster start failed"; exit 1; }
port="$(cat "$SPARK_DGD_CLUSTER_DIR/port")" # where the master really listens (the next free port if taken)
median_epoch() { # history.csv -> median of the differences of the seconds column
  awk -F, 'NR>1 {if (NR>2) print $5 - prev; prev = $5}' "$1" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
echo "| run | master | partitions | read and cached in | median s per epoch |"
echo "|---|---|---:|---:|---:|"
for rep in 1 2; do
  for master in 'local[2]' "spark://127.0.0.1:$port"; do
    out="$TMP/out"; rm -rf "$out"
    if ! "$HERE/submit.sh" --master "$master" --executor-memory 2g --data "$TMP/data" --partitions 4 \
        --storage-level MEMORY_ONLY --epochs "$EPOCHS" --tol 0 --learning-rate 0.1 --log-every 1 --no-plots \
        --quiet --output "$out" >"$TMP/log" 2>&1; then
      echo "| $rep | $master | failed: $(tail -1 "$TMP/log") | | |"; continue
    fi
    load=$(grep -o '"loadSeconds" *: *[0-9.]*' "$out/model.json" | grep -o '[0-9.]*$')
    printf '| %s | %s | 4 | %.1f s | %s |\n' "$rep" "$master" "$load" "$(median_epoch "$out/history.csv")"
  done
done
