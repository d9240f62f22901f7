# Sourced by submit.sh and scripts/cluster.sh: lays out a Spark home whose jars/ links to the
# Maven-resolved Spark jars (target/spark-classpath.txt). Standalone workers build their executors'
# classpath from SPARK_HOME/jars, and Spark on YARN uploads SPARK_HOME/jars to the containers.
#   make_spark_home DIR   -> DIR/jars/*.jar
make_spark_home() {
  local dir="$1" classpath_file="$HERE/target/spark-classpath.txt"
  if [ -d "$dir/jars" ] && cmp -s "$classpath_file" "$dir/classpath.txt"; then
    return 0
  fi
  rm -rf "$dir/jars"
  mkdir -p "$dir/jars"
  local jars jar
  IFS=':' read -r -a jars < "$classpath_file" || true  # one line, no trailing newline
  for jar in "${jars[@]}"; do
    [ -n "$jar" ] && ln -sf "$jar" "$dir/jars/$(basename "$jar")"
  done
  cp "$classpath_file" "$dir/classpath.txt"
}
