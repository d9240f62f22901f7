#!/usr/bin/env bash
# The per-job floor: Spark's smallest job against our pass without the kernel, alternating in one local[2]
# process (docs/BENCHMARKS.md; sparkdgd.bench.JobFloor).
#
#   scripts/measure-job-floor.sh [ROWS] [ROUNDS]   default: 4000000 50
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; ROUNDS="${2:-50}"
cd "$HERE"
source scripts/java-opens.sh
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
mkdir -p target/tmp
SPARK_LOCAL_IP=127.0.0.1 java -Xmx6g "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$HERE/target/tmp" \
  -Dlog4j2.configurationFile="$HERE/src/test/resources/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  sparkdgd.bench.JobFloor "$ROWS" "$ROUNDS"
