#!/usr/bin/env bash
# Our kernel over float64 and float32 blocks (float32 on the JDK's Vector API since session 18), in memory
# and in cache (its compute alone), beside session 13's what-if kernel on the Vector API, 2 threads, timed in
# turns (scripts/FloatKernelProbe.java; docs/BENCHMARKS.md, sessions 13 and 18): for trying other shapes of
# the float32 loop. About a minute a size; run it on a quiet machine.
#
#   scripts/measure-float-kernel.sh [ROWS] [FEATURES] [THREADS] [PASSES]    default: 1e7 10 2 25
#   PROBE_JAVA_OPTS=-Dsparkdgd.vectorApi=false scripts/measure-float-kernel.sh ...   both kernels scalar
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
mvn -B -q compile
# run from source, on huge pages like the benchmark's driver; the Vector API is an incubator module, resolved
# only when asked for
java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages ${PROBE_JAVA_OPTS:-} --add-modules jdk.incubator.vector -cp target/classes scripts/FloatKernelProbe.java "$@" 2>&1 \
  | grep -v -E 'incubat|^1 warning$'
