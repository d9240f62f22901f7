#!/usr/bin/env bash
# Where a round of resident tasks spends its time: an empty round, mini-batches of 0.01 and 0.0001 in runs of 64
# rows, and an epoch, in turns in one local[2] process, then a 0.01 batch's pass alone after an epoch, four runs at a
# time and one after another (docs/BENCHMARKS.md, sessions 20 and 23; sparkdgd.bench.ResidentRoundProbe). About a
# minute at the default size; run it on a quiet machine.
#
#   scripts/measure-resident-round.sh [ROWS] [ROUNDS] [FEATURES] [float32]   default: 10000000 100 10
#   (float32: the tasks also hold the blocks rounded to float, as the benchmark's tasks do)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$HERE/scripts/test-main.sh"
# the heap on transparent huge pages, as the benchmark's driver has it: without, a sampled run's page walks double
# what its rows cost (docs/BENCHMARKS.md, session 23)
TEST_MAIN_JAVA_OPTS="${TEST_MAIN_JAVA_OPTS:--Xms8g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages}" \
  run_test_main 8g sparkdgd.bench.ResidentRoundProbe "${1:-10000000}" "${2:-100}" "${3:-10}" ${4:-}
