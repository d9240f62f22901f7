#!/usr/bin/env bash
# Data three times larger than the JVM heap (docs/DATA.md, question 7): generated Parquet whose cached
# float64 blocks exceed 3 x the heap of a deliberately small local-mode driver, trained there with
# MEMORY_AND_DISK, then again in a driver large enough to hold everything (MEMORY_ONLY). The two models'
# coefficients must be equal, digit for digit.
#
#   scripts/measure-larger-than-memory.sh [ROWS] [FEATURES] [SMALL_HEAP] [EPOCHS]
#   default: 2000000 100 512m 5  (1.6 GB of cached blocks against a 512 MB heap; ~1.6 GB of Parquet on disk)
#
# WORK=DIR keeps the data and outputs in DIR (default: a temporary directory, removed at the end).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-2000000}"; FEATURES="${2:-100}"; SMALL_HEAP="${3:-512m}"; EPOCHS="${4:-5}"
BIG_HEAP="${BIG_HEAP:-6g}"
if [[ -n "${WORK:-}" ]]; then
  TMP="$WORK"; mkdir -p "$TMP"
else
  TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
fi

run() { # name, then submit.sh arguments; prints the wall-clock seconds and keeps the log
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  if ! "$HERE/submit.sh" "$@" >"$TMP/$name.log" 2>&1; then
    echo "$name failed:"; tail -5 "$TMP/$name.log"; exit 1
  fi
  end=$(date +%s.%N)
  echo "$name: $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') s"
}

# Row groups of 16 MB: a Parquet reader holds one row group per running task, and the default 128 MB
# groups of two tasks do not fit next to Spark's own memory in a 512 MB heap (OutOfMemoryError).
[[ -d "$TMP/data" ]] || run generate --master 'local[2]' --conf spark.hadoop.parquet.block.size=16777216 generate --rows "$ROWS" --features "$FEATURES" \
  --noise 0.1 --seed 7 --partitions 16 --format parquet --output "$TMP/data"
echo "input on disk: $(du -sh "$TMP/data" | cut -f1)"
TRAIN=(--data "$TMP/data" --partitions 16 --epochs "$EPOCHS" --tol 0 --log-every 1 --no-plots)
rm -rf "$TMP/small" "$TMP/memory"
run "small-heap" --master 'local[2]' --driver-memory "$SMALL_HEAP" --storage-level MEMORY_AND_DISK \
  --output "$TMP/small" "${TRAIN[@]}"
run "big-heap" --master 'local[2]' --driver-memory "$BIG_HEAP" --storage-level MEMORY_ONLY \
  --output "$TMP/memory" "${TRAIN[@]}"
for name in small-heap big-heap; do
  echo "$name: $(grep -o 'Cache ([A-Z_]*): [^;]*' "$TMP/$name.log" | head -1)"
done
for out in small memory; do
  echo "$out: seconds per epoch (epochs 2..$EPOCHS): $(awk -F, 'NR==2 {s=$5} NR>1 {e=$5; n=NR-2} END {if (n > 0) printf "%.2f", (e-s)/n}' "$TMP/$out/history.csv")"
done
python3 - "$TMP/small/model.json" "$TMP/memory/model.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
same = a["coefficients"] == b["coefficients"] and a["intercept"] == b["intercept"]
print("rows:", a["rows"], b["rows"])
print("coefficients and intercept identical:", same)
if not same:
    worst = max(abs(x - y) for x, y in zip(a["coefficients"], b["coefficients"]))
    print("largest coefficient difference:", worst)
    sys.exit(1)
EOF
