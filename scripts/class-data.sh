# Sourced by submit.sh: class-data sharing (CDS) for the driver JVM it starts from the Maven-resolved jars.
# Starting Spark loads about 17,000 classes; mapping them from an archive instead of reading and verifying
# them from the jars took the default run from 22-24 s to 11-15 s on a 2-core machine.
#
# No run waits for the archive. A run that finds none lists the classes it loads
# (-XX:DumpLoadedClassList, a few seconds more) and leaves a background job behind it, at the lowest CPU
# priority, that waits for that run's JVM to exit and then, if the list holds Spark's classes (a run that
# stopped at --help or a bad flag does not), writes the archive from it (java -Xshare:dump, about a minute
# of one core), checks that the JVM can map it, and renames it into place as target/cds/spark-dgd-<key>.jsa
# for the runs after it. <key> covers the java binary, the classpath and the app jar, so a rebuild or
# another JDK makes a new archive. One job at a time builds (target/cds/building-<key> is its lock); an
# archive the JVM cannot use is skipped by the JVM (-Xshare:auto). SPARK_DGD_CDS=off turns all of this off.
#
#   class_data_options CLASSPATH   -> CDS_OPTS=(...) for the java command line (empty when off)
# JAVA_BIN is the java submit.sh starts the driver with. CLASSPATH is the jars' classpath; the java command may append entries after it (YARN's configuration
# directory), which the archive allows, but not put any before it. Call it just before exec'ing the
# driver: the background job waits for this process id.
class_data_options() {
  local classpath="$1" dir="$HERE/target/cds" java_bin key archive lock
  CDS_OPTS=()
  [ "${SPARK_DGD_CDS:-on}" = "off" ] && return 0
  java_bin="$(readlink -f "$JAVA_BIN")" || return 0
  key="$( { echo "$java_bin"; stat -c '%s %Y' "$java_bin" "$JAR"; echo "$classpath"; } | cksum | cut -d' ' -f1)"
  archive="$dir/spark-dgd-$key.jsa"
  if [ -f "$archive" ]; then
    # unified logging writes CDS warnings (a mismatched archive) to stdout: keep them out
    CDS_OPTS=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
    return 0
  fi
  mkdir -p "$dir" 2>/dev/null || return 0
  lock="$dir/building-$key"
  # a lock older than 15 minutes was left by a job that died with its machine
  find "$dir" -maxdepth 1 -name "building-$key" -mmin +15 -exec rm -rf {} + 2>/dev/null || true
  mkdir "$lock" 2>/dev/null || return 0 # another run's job is building it
  # archives and locks of other builds or JDKs
  find "$dir" -mindepth 1 -maxdepth 1 ! -name "*-$key*" -mmin +15 -exec rm -rf {} + 2>/dev/null || true
  CDS_OPTS=(-XX:DumpLoadedClassList="$lock/classes.lst")
  build_class_data_after "$$" "$lock" "$archive" "$classpath" </dev/null >/dev/null 2>&1 &
}

# The background job: build_class_data_after DRIVER_PID LOCK_DIR ARCHIVE CLASSPATH
build_class_data_after() {
  local driver="$1" lock="$2" archive="$3" classpath="$4"
  while kill -0 "$driver" 2>/dev/null; do
    sleep 1
  done
  if grep -qx 'org/apache/spark/SparkContext' "$lock/classes.lst" &&
      nice -n 19 "$JAVA_BIN" "${JAVA_OPENS[@]}" -Xshare:dump -XX:SharedClassListFile="$lock/classes.lst" \
        -XX:SharedArchiveFile="$lock/archive.jsa" -cp "$classpath" &&
      "$JAVA_BIN" -Xshare:on -XX:SharedArchiveFile="$lock/archive.jsa" -Xlog:disable -cp "$classpath" -version
  then
    mv -f "$lock/archive.jsa" "$archive"
  fi
  rm -rf "$lock"
}
