# Sourced by submit.sh: class-data sharing (CDS) for the driver JVM it starts from the Maven-resolved jars.
# Starting Spark loads about 17,000 classes; mapping them from an archive instead of reading and verifying
# them from the jars took the default run from 22-24 s to 13-15 s on a 2-core machine.
#
# The archive is made by the JVM itself on the first run that finds none (-XX:ArchiveClassesAtExit: the
# classes that run loaded are written when it exits, which adds about half a minute to that one run), as
# target/cds/<key>.jsa.<pid>. The driver touches the file named by SPARK_DGD_CDS_MARKER once its Spark
# session is up (cli/SparkSessions): a run that stopped earlier (--help, a bad flag) loaded too few classes
# to be worth keeping. A later run checks that the marker exists and that the JVM can map the archive,
# and renames it to <key>.jsa, which every run after it uses. <key> covers the java binary, the classpath
# and the app jar, so a rebuild or another JDK makes a new archive; an archive the JVM cannot use is
# skipped by the JVM (-Xshare:auto). SPARK_DGD_CDS=off turns all of this off.
#
#   class_data_options CLASSPATH   -> CDS_OPTS=(...) for the java command line (empty when off)
# CLASSPATH is the jars' classpath; the java command may append entries after it (YARN's configuration
# directory), which the archive allows, but not put any before it.
class_data_options() {
  local classpath="$1" dir="$HERE/target/cds" java_bin key archive candidate pid
  CDS_OPTS=()
  [ "${SPARK_DGD_CDS:-on}" = "off" ] && return 0
  java_bin="$(readlink -f "$(command -v java)")" || return 0
  key="$( { echo "$java_bin"; stat -c '%s %Y' "$java_bin" "$JAR"; echo "$classpath"; } | cksum | cut -d' ' -f1)"
  archive="$dir/spark-dgd-$key.jsa"
  if [ ! -f "$archive" ]; then
    for candidate in "$archive".*; do
      [ -f "$candidate" ] || continue
      pid="${candidate##*.}"
      kill -0 "$pid" 2>/dev/null && continue # still being written
      if [ -f "$dir/spark-started.$key.$pid" ] &&
          java -Xshare:on -XX:SharedArchiveFile="$candidate" -Xlog:disable -cp "$classpath" -version >/dev/null 2>&1
      then
        mv -f "$candidate" "$archive"
      else
        rm -f "$candidate"
      fi
      rm -f "$dir/spark-started.$key.$pid"
    done
  fi
  # unified logging writes CDS warnings (classes it skips, a mismatched archive) to stdout: keep them out
  if [ -f "$archive" ]; then
    CDS_OPTS=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  elif mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    # archives of other builds or JDKs
    find "$dir" -type f ! -name "*$key*" -mmin +1 -delete 2>/dev/null || true
    CDS_OPTS=(-XX:ArchiveClassesAtExit="$archive.$$" -Xlog:cds=off -Xlog:cds+dynamic=off)
    export SPARK_DGD_CDS_MARKER="$dir/spark-started.$key.$$"
  fi
}
