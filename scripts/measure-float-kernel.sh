#!/usr/bin/env bash
# Why float32 blocks do not make an in-memory epoch 1.6x faster (docs/BENCHMARKS.md): our kernel over float64
# and float32 blocks, in memory and in cache (its compute alone), and a what-if kernel on the JDK's
# incubating Vector API, 2 threads, timed in turns (scripts/FloatKernelProbe.java). About a minute a size;
# run it on a quiet machine.
#
#   scripts/measure-float-kernel.sh [ROWS] [FEATURES] [THREADS] [PASSES]    default: 1e7 10 2 25
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
mvn -B -q compile
# run from source, on huge pages like the benchmark's driver; the Vector API is an incubator module, resolved
# only when asked for
java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages --add-modules jdk.incubator.vector -cp target/classes scripts/FloatKernelProbe.java "$@" 2>&1 \
  | grep -v -E 'incubat|^1 warning$'
