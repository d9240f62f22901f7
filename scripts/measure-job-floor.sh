#!/usr/bin/env bash
# The per-job floor: Spark's smallest job against our pass without the kernel, alternating in one local[2]
# process (docs/BENCHMARKS.md; sparkdgd.bench.JobFloor), after our pass alone run COLD times from a fresh JVM
# (medians by windows of jobs: the JIT compiling Spark's scheduling code).
#
#   scripts/measure-job-floor.sh [ROWS] [ROUNDS] [COLD]   default: 4000000 50 800
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; ROUNDS="${2:-50}"; COLD="${3:-800}"
source "$HERE/scripts/test-main.sh"
run_test_main 6g sparkdgd.bench.JobFloor "$ROWS" "$ROUNDS" "$COLD"
