#!/usr/bin/env bash
# What the float32 pass would gain with its gradient products taken in float (margins in double as ours), beside
# our four-quarter loop over float64 and float32 blocks, in memory and in cache, on huge pages like the
# benchmark's driver (sparkdgd.loss.FloatProductsProbe; docs/BENCHMARKS.md, session 28). About a minute; run it
# on a quiet machine.
#
#   scripts/measure-float-products.sh [ROWS] [FEATURES] [REPETITIONS] [THREADS]   default: 1e7 10 25 2
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1e7}"; FEATURES="${2:-10}"; REPETITIONS="${3:-25}"; THREADS="${4:-2}"
source "$HERE/scripts/test-main.sh"
TEST_MAIN_JAVA_OPTS="-Xms8g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages ${TEST_MAIN_JAVA_OPTS:-}" \
  run_test_main 8g sparkdgd.loss.FloatProductsProbe "$ROWS" "$FEATURES" "$REPETITIONS" "$THREADS"
