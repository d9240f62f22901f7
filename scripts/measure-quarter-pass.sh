#!/usr/bin/env bash
# A full pass's vector loop over each block's full tiles in one stretch against the same tiles in four quarters
# walked together (what a pass does below 64 features since session 24), float64 and float32 blocks, in memory and
# in cache, on huge pages like the benchmark's driver (sparkdgd.loss.QuarterPassProbe; docs/BENCHMARKS.md,
# session 24). About 20-40 s a run; run it on a quiet machine.
#
#   scripts/measure-quarter-pass.sh [FEATURES] [VALUES] [REPETITIONS] [THREADS]   default: 10 1e8 21 2
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FEATURES="${1:-10}"; VALUES="${2:-1e8}"; REPETITIONS="${3:-21}"; THREADS="${4:-2}"
source "$HERE/scripts/test-main.sh"
TEST_MAIN_JAVA_OPTS="-Xms8g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages ${TEST_MAIN_JAVA_OPTS:-}" \
  run_test_main 8g sparkdgd.loss.QuarterPassProbe "$FEATURES" "$VALUES" "$REPETITIONS" "$THREADS"
