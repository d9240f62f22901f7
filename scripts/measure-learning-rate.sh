#!/usr/bin/env bash
# Question 4 (the role of the learning rate): final MSE after a fixed number of epochs for several
# fixed learning rates on the tutorial data in raw units (the tutorial's setting), and for auto.
#
#   scripts/measure-learning-rate.sh [EPOCHS] [RATES...]     default: 100 epochs, 0.01 0.1 0.5 0.75 0.8 1.0
#
# Prints one Markdown table row per rate: rate, exit code, epochs run, final MSE, w, b.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EPOCHS="${1:-100}"
shift || true
RATES=("$@")
[ ${#RATES[@]} -eq 0 ] && RATES=(0.01 0.1 0.5 0.75 0.8 1.0)
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

field() { # field NAME FILE: a number from model.json
  grep -o "\"$1\" : [^,]*" "$2" | head -1 | sed 's/.*: //; s/\[ *//'
}

echo "| learning rate | standardize | exit | epochs | final MSE | w | b |"
echo "|---|---|---|---|---|---|---|"
run() { # run RATE STANDARDIZE
  local out="$TMP/$1-$2"
  "$HERE/submit.sh" --master 'local[2]' --data "$HERE/sample-data/tutorial.csv" --standardize "$2" \
    --learning-rate "$1" --epochs "$EPOCHS" --tol 0 --no-plots --quiet --output "$out" >"$TMP/log" 2>&1
  local code=$?
  if [ $code -eq 0 ]; then
    local w; w="$(grep -o '"coefficients" : \[[^],]*' "$out/model.json" | sed 's/.*\[ *//')"
    echo "| $1 | $2 | 0 | $(field epochs "$out/model.json") | $(field finalMse "$out/model.json") | $w | $(field intercept "$out/model.json") |"
  else
    echo "| $1 | $2 | $code | - | $(tail -1 "$TMP/log" | cut -c1-120) | - | - |"
  fi
}
for r in "${RATES[@]}"; do
  run "$r" false
done
run auto true
