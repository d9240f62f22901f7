# Sourced by the measure-*.sh scripts whose measuring program lives in the test sources (it needs test-scope
# parts such as MiniDFSCluster, or it is not part of the product): compiles the tests and runs one of their
# main classes in a local JVM, from the project's directory, with the Spark module openings and the tests' logging.
#   run_test_main HEAP CLASS [ARGS...]    e.g. run_test_main 6g sparkdgd.bench.JobFloor 4000000 50
# TEST_MAIN_JAVA_OPTS adds JVM options, e.g. "-XX:+UseTransparentHugePages" (the benchmark's driver has it).
source "$HERE/scripts/java-opens.sh"
run_test_main() {
  local heap="$1" main_class="$2"
  shift 2
  cd "$HERE"
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test
  mkdir -p target/tmp
  # shellcheck disable=SC2086 # TEST_MAIN_JAVA_OPTS: extra JVM options, split on spaces
  SPARK_LOCAL_IP=127.0.0.1 java "-Xmx$heap" ${TEST_MAIN_JAVA_OPTS:-} "${JAVA_OPENS[@]}" \
    -Djava.io.tmpdir="$HERE/target/tmp" \
    -Dlog4j2.configurationFile="$HERE/src/test/resources/log4j2-test.properties" \
    -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    "$main_class" "$@"
}
