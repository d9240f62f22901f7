#!/usr/bin/env bash
# The per-job floor: Spark's smallest job against our pass without the kernel, alternating in one local[2]
# process (docs/BENCHMARKS.md; sparkdgd.bench.JobFloor).
#
#   scripts/measure-job-floor.sh [ROWS] [ROUNDS]   default: 4000000 50
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; ROUNDS="${2:-50}"
source "$HERE/scripts/test-main.sh"
run_test_main 6g sparkdgd.bench.JobFloor "$ROWS" "$ROUNDS"
