#!/usr/bin/env bash
# Is the block kernel slower inside Spark tasks than on plain threads? (docs/BENCHMARKS.md) One local[2]
# process times it per million rows inside tasks, on two driver threads over the same cached blocks, and on
# two driver threads over blocks built on the driver (sparkdgd.bench.KernelPlacement).
#
#   scripts/measure-kernel-placement.sh [ROWS] [FEATURES] [ROUNDS] [float64|float32]   default: 4000000 10 10 float64
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; FEATURES="${2:-10}"; ROUNDS="${3:-10}"; PRECISION="${4:-float64}"
source "$HERE/scripts/test-main.sh"
run_test_main "${PLACEMENT_HEAP:-6g}" sparkdgd.bench.KernelPlacement "$ROWS" "$FEATURES" "$ROUNDS" "$PRECISION"
