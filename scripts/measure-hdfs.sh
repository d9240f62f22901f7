#!/usr/bin/env bash
# Reading from HDFS against the local file system (docs/QUESTIONS.md, question 6): starts a real HDFS
# (MiniDFSCluster: one NameNode and one DataNode in the measuring JVM, data on this machine's disk),
# generates Parquet and CSV, copies them into HDFS, then alternates runs on the local and the HDFS copy:
# a raw read of the files, and the trainer's load time and seconds per epoch (sparkdgd.hdfs.HdfsThroughput).
#
#   scripts/measure-hdfs.sh [ROWS] [FEATURES] [REPETITIONS]     default: 2000000 10 3
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-2000000}"; FEATURES="${2:-10}"; REPETITIONS="${3:-3}"
cd "$HERE"
source scripts/java-opens.sh
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p target/tmp
SPARK_LOCAL_IP=127.0.0.1 java -Xmx8g "${JAVA_OPENS[@]}" -Djava.io.tmpdir="$HERE/target/tmp" \
  -Dlog4j2.configurationFile="$HERE/src/test/resources/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  sparkdgd.hdfs.HdfsThroughput "$WORK" "$ROWS" "$FEATURES" "$REPETITIONS"
