#!/usr/bin/env bash
# JMH benchmark of the block kernel (docs/BENCHMARKS.md): our kernel, the plain Java loop and the read bound,
# each on 2 threads over the benchmark's own blocks, every (method, size) in 3 forked JVMs of 5 + 5 two-second
# iterations (sparkdgd.bench.BlockKernelBenchmark). Takes about 8 minutes; run it on a quiet machine.
#
#   scripts/measure-kernel-jmh.sh [JMH OPTIONS...]   e.g. kernel -p size=1e7x10 -f 8, or -h for JMH's options
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$HERE/scripts/test-main.sh"
run_test_main 1g org.openjdk.jmh.Main "$@"
