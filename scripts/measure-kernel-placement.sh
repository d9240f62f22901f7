#!/usr/bin/env bash
# Is the block kernel slower inside Spark tasks than on plain threads? (docs/BENCHMARKS.md) One local[2]
# process times it per million rows inside tasks, on two driver threads over the same cached blocks, and on
# two driver threads over blocks built on the driver (sparkdgd.bench.KernelPlacement).
#
#   scripts/measure-kernel-placement.sh [ROWS] [FEATURES] [ROUNDS]   default: 4000000 10 10
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; FEATURES="${2:-10}"; ROUNDS="${3:-10}"
cd "$HERE"
source scripts/java-opens.sh
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
mkdir -p target/tmp
SPARK_LOCAL_IP=127.0.0.1 java -Xmx6g "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$HERE/target/tmp" \
  -Dlog4j2.configurationFile="$HERE/src/test/resources/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  sparkdgd.bench.KernelPlacement "$ROWS" "$FEATURES" "$ROUNDS"
