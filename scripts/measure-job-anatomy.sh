#!/usr/bin/env bash
# Where the wall time of one kernel job over cached blocks goes (docs/BENCHMARKS.md): Spark's own task
# events (launch, finish, deserialization and run time per task) around a job that runs our block kernel
# over generated, cached blocks, each task also timing the kernel inside it (sparkdgd.bench.JobAnatomy).
#
#   scripts/measure-job-anatomy.sh [ROWS] [FEATURES] [PARTITIONS] [REPETITIONS] [float32]   default: 4000000 10 4 5
#   (float32: also the same blocks rounded to float, a job over each in turns)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; FEATURES="${2:-10}"; PARTITIONS="${3:-4}"; REPETITIONS="${4:-5}"; PRECISION="${5:-float64}"
source "$HERE/scripts/test-main.sh"
run_test_main "${ANATOMY_HEAP:-6g}" sparkdgd.bench.JobAnatomy "$ROWS" "$FEATURES" "$PARTITIONS" "$REPETITIONS" "$PRECISION"
