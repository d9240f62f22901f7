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
source "$HERE/scripts/test-main.sh"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
run_test_main 8g sparkdgd.hdfs.HdfsThroughput "$WORK" "$ROWS" "$FEATURES" "$REPETITIONS"
