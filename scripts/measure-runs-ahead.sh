#!/usr/bin/env bash
# A mini-batch drawn in runs, summed block by block and with each stretch's cache lines read a few stretches
# ahead (loss/RunsAhead), on two threads in turns (sparkdgd.loss.RunsAheadProbe; docs/BENCHMARKS.md, session 19).
#
#   scripts/measure-runs-ahead.sh [ROWS] [FEATURES] [PASSES] [RUN_ROWS] [float64|float32]   default: 1e7 10 90 64 float64
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$HERE/scripts/test-main.sh"
run_test_main 6g sparkdgd.loss.RunsAheadProbe "${1:-1e7}" "${2:-10}" "${3:-90}" "${4:-64}" "${5:-float64}"
