#!/usr/bin/env bash
# Measures the figures quoted in docs/CLUSTER.md on this machine:
#   1. the cost of losing an executor mid-run on a standalone cluster (2 workers x 1 core),
#   2. the cost of a checkpoint per epoch (local[2]).
# Usage: scripts/measure-cluster-figures.sh [epochs]   (needs the built jar: mvn -DskipTests package)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EPOCHS="${1:-200}"
WORK="$(mktemp -d)"
DATA="$HERE/sample-data/correlated.csv"
export SPARK_DGD_CLUSTER_DIR="$WORK/cluster"
trap '"$HERE/submit.sh" cluster stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

loop_seconds() { tail -n 1 "$1/history.csv" | cut -d, -f5; }
common=(--data "$DATA" --partitions 4 --epochs "$EPOCHS" --tol 0 --log-every 1 --progress-seconds 0)

port=$((20000 + RANDOM % 10000))
"$HERE/submit.sh" cluster start --workers 2 --port "$port" --webui-port $((port + 1)) >/dev/null
master="spark://127.0.0.1:$(cat "$SPARK_DGD_CLUSTER_DIR/port")" # the port the master got (the next free one if taken)

"$HERE/submit.sh" --master "$master" "${common[@]}" --output "$WORK/undisturbed" >/dev/null
"$HERE/submit.sh" --master "$master" "${common[@]}" --output "$WORK/disturbed" > "$WORK/disturbed.log" &
driver=$!
until grep -q "^Epoch 20:" "$WORK/disturbed.log" 2>/dev/null; do sleep 0.05; done
# an executor of this cluster: its class path (before the class name) holds the cluster's directory
victim=$(pgrep -f "$SPARK_DGD_CLUSTER_DIR.*CoarseGrainedExecutorBackend|CoarseGrainedExecutorBackend.*$SPARK_DGD_CLUSTER_DIR" \
  | head -n 1)
kill -9 "$victim"
wait "$driver"
same=$(cmp -s <(grep -A12 '"coefficients"' "$WORK/undisturbed/model.json") \
              <(grep -A12 '"coefficients"' "$WORK/disturbed/model.json") && echo yes || echo NO)
u=$(loop_seconds "$WORK/undisturbed"); d=$(loop_seconds "$WORK/disturbed")
echo "standalone, 2 workers x 1 core, $EPOCHS epochs of correlated.csv (4000 x 8, 4 partitions):"
echo "  undisturbed training loop: ${u} s"
echo "  one executor killed (kill -9) after epoch 20: ${d} s (recovery cost $(awk -v a="$d" -v b="$u" 'BEGIN {printf "%.1f", a - b}') s); coefficients bit-identical: $same"
"$HERE/submit.sh" cluster stop >/dev/null

"$HERE/submit.sh" --master 'local[2]' "${common[@]}" --output "$WORK/plain" >/dev/null
"$HERE/submit.sh" --master 'local[2]' "${common[@]}" --output "$WORK/ckpt" \
  --checkpoint-dir "$WORK/checkpoints" --checkpoint-every 1 >/dev/null
p=$(loop_seconds "$WORK/plain"); c=$(loop_seconds "$WORK/ckpt")
echo "local[2], $EPOCHS epochs: no checkpoints ${p} s; a checkpoint every epoch ${c} s" \
  "($(awk -v a="$c" -v b="$p" -v n="$EPOCHS" 'BEGIN {printf "%.1f", (a - b) * 1000 / n}') ms per checkpoint)"
