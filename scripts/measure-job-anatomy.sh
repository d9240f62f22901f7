#!/usr/bin/env bash
# Where the wall time of one kernel job over cached blocks goes (docs/BENCHMARKS.md): Spark's own task
# events (launch, finish, deserialization and run time per task) around a job that runs our block kernel
# over generated, cached blocks, each task also timing the kernel inside it (sparkdgd.bench.JobAnatomy).
#
#   scripts/measure-job-anatomy.sh [ROWS] [FEATURES] [PARTITIONS] [REPETITIONS]   default: 4000000 10 4 5
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-4000000}"; FEATURES="${2:-10}"; PARTITIONS="${3:-4}"; REPETITIONS="${4:-5}"
cd "$HERE"
source scripts/java-opens.sh
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
mkdir -p target/tmp
SPARK_LOCAL_IP=127.0.0.1 java -Xmx6g "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$HERE/target/tmp" \
  -Dlog4j2.configurationFile="$HERE/src/test/resources/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  sparkdgd.bench.JobAnatomy "$ROWS" "$FEATURES" "$PARTITIONS" "$REPETITIONS"
