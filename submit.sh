#!/usr/bin/env bash
# Runs spark-dgd under spark-submit. With no arguments: trains on sample-data/tutorial.csv on local[*].
#
#   ./submit.sh [spark-submit options] [trainer options]
#   ./submit.sh --master spark://host:7077 --data hdfs://nn:8020/data/train.csv --epochs 50
#   ./submit.sh cluster start|status|stop   # a real standalone cluster on 127.0.0.1 (scripts/cluster.sh)
#
# Uses $SPARK_HOME/bin/spark-submit, or spark-submit on PATH, when there is one; otherwise Spark's own
# SparkSubmit from the Maven-resolved jars (no Spark installation needed). Builds the app jar first
# when it is missing or older than the sources.
#
# SPARK_DGD_JAVA_OPTS: extra JVM options for the driver started here (for example GC or JIT flags);
# the integration tests use it to start their many short drivers faster.
# SPARK_DGD_CDS=off: no class-data archive for the driver (see scripts/class-data.sh; without a Spark
# installation a background job makes one in target/cds/ after the first run, and later runs start from
# it, seconds faster).
# SPARK_DGD_VECTOR_API=false: the squared loss's dense loops scalar instead of on the JDK's Vector API in the
# driver started here (executors: --conf spark.executorEnv.SPARK_DGD_VECTOR_API=false); README, --precision.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HERE/target/spark-dgd.jar"
CLASSPATH_FILE="$HERE/target/spark-classpath.txt"
MAIN_CLASS="sparkdgd.cli.Main"
export SPARK_DGD_HOME="$HERE"
# The command as typed, for reports that quote it (the benchmark's Markdown).
SPARK_DGD_COMMAND="./submit.sh"
for a in "$@"; do
  if [[ "$a" =~ ^[A-Za-z0-9_./:,=+@%-]+$ ]]; then SPARK_DGD_COMMAND+=" $a"; else SPARK_DGD_COMMAND+=" $(printf '%q' "$a")"; fi
done
export SPARK_DGD_COMMAND

source "$HERE/scripts/java-opens.sh"

needs_build() {
  [ ! -f "$JAR" ] || [ ! -f "$CLASSPATH_FILE" ] && return 0
  [ -n "$(find "$HERE/src/main" "$HERE/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]
}
# Runs in one checkout share target/. Each looks at the jar, and builds it, holding an exclusive flock on
# target/.build.lock (util-linux; a few milliseconds when no build is due): a run started during another's build waits
# for it and then finds the jar fresh, instead of building again or starting a half-built jar (the jar plugin's
# unshaded output is at the jar's path, newer than the sources, until the shade plugin renames its own over it).
# Without flock (macOS has none) or where target/ cannot be written, runs go on without the lock, as before.
if command -v flock >/dev/null 2>&1 && mkdir -p "$HERE/target" 2>/dev/null && { exec 9>>"$HERE/target/.build.lock"; } 2>/dev/null; then
  if ! flock -n 9; then
    echo "submit.sh: waiting for another ./submit.sh in this checkout (checking or building the app jar)..." >&2
    flock 9 || true # a file system without locks: go on, as without flock
  fi
fi
if needs_build; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: $JAR is missing or older than the sources, and mvn (Apache Maven 3.9+, which builds it) is not on PATH; install Maven and Java 17, or build it elsewhere with: mvn -B package -DskipTests" >&2
    exit 2
  fi
  echo "submit.sh: building the app jar (first run, or the sources changed)..." >&2
  # The jar plugin writes the new jar into the old one's file (truncated, then rewritten), which a JVM still running
  # from it would read at its old offsets (NoClassDefFoundError mid-run); the old jar is renamed aside first, so such
  # a JVM keeps its own file (an open file outlives its name), and the new one appears at the path by the shade
  # plugin's rename. Tests are not compiled: a run needs none. C1 only for Maven's own JVM (javac runs inside it): a
  # short-lived compiler gains nothing from C2, and the build took 10 s instead of 16 s on 2 cores.
  # A failed or interrupted build (Ctrl-C, a closed terminal, a CI timeout) can leave the jar plugin's unshaded jar
  # at the path, newer than the sources: the old jar goes back (or none stays), so the next run builds again rather
  # than starting it.
  previous="$HERE/target/spark-dgd.jar.previous"
  restored=false # once: a signal's trap and the build's failure can both come
  restore_previous_jar() {
    "$restored" && return 0
    restored=true
    if [ -f "$previous" ]; then mv -f "$previous" "$JAR"; else rm -f "$JAR"; fi
  }
  trap 'restore_previous_jar; exit 130' INT
  trap 'restore_previous_jar; exit 143' TERM
  trap 'restore_previous_jar; exit 129' HUP
  [ ! -f "$JAR" ] || mv -f "$JAR" "$previous"
  if ! (cd "$HERE" && MAVEN_OPTS="-XX:TieredStopAtLevel=1 ${MAVEN_OPTS:-}" \
      mvn -B -q -Dmaven.test.skip=true package) >&2; then
    restore_previous_jar
    exit 1
  fi
  trap - INT TERM HUP
  rm -f "$previous"
fi
# Spark's class path (the Maven-resolved jars, for a run without a Spark installation), read while no build can be
# rewriting it; the lock ends here: the JVM started below must not hold it.
BASE_CP="$(cat "$CLASSPATH_FILE")"
exec 9>&-

if [ "${1:-}" = "cluster" ]; then
  shift
  exec "$HERE/scripts/cluster.sh" "$@"
fi

# Split spark-submit's own options from the trainer's. The settings this script acts on (master, deploy mode,
# driver and executor memory, the driver's JVM options, class path and library path) are resolved as spark-submit
# resolves them: its flag, else the last --conf KEY=VALUE, else the properties file (--properties-file, by default
# conf/spark-defaults.conf), else, for four of them, an environment variable (MASTER, DEPLOY_MODE,
# SPARK_DRIVER_MEMORY, SPARK_EXECUTOR_MEMORY). This script's own variables have other names, so the user's reach
# spark-submit as set.
SPARK_ARGS=()
APP_ARGS=()
PROPERTIES_FILE="$HERE/conf/spark-defaults.conf"
# (Plain variables FLAG_<key> and CONF_<key>, not associative arrays: the bash of macOS, 3.2, has none.)
# flag_key FLAG: the setting a spark-submit flag sets, if this script acts on it
flag_key() {
  case "$1" in
    --master) echo spark.master ;;
    --deploy-mode) echo spark.submit.deployMode ;;
    --driver-memory) echo spark.driver.memory ;;
    --executor-memory) echo spark.executor.memory ;;
    --driver-java-options) echo spark.driver.extraJavaOptions ;;
    --driver-class-path) echo spark.driver.extraClassPath ;;
    --driver-library-path) echo spark.driver.extraLibraryPath ;;
  esac
}
# env_key KEY: the environment variable spark-submit falls back to for KEY (SparkSubmitArguments)
env_key() {
  case "$1" in
    spark.master) echo MASTER ;;
    spark.submit.deployMode) echo DEPLOY_MODE ;;
    spark.driver.memory) echo SPARK_DRIVER_MEMORY ;;
    spark.executor.memory) echo SPARK_EXECUTOR_MEMORY ;;
  esac
}
# setting_var PREFIX KEY: the variable that holds KEY's value given as PREFIX (FLAG or CONF)
setting_var() {
  printf '%s_%s' "$1" "$(printf '%s' "$2" | tr -c 'A-Za-z0-9' '_')"
}
# is_set VAR / value_of VAR: whether a variable named by setting_var is set, and its value
is_set() { eval "[ -n \"\${$1+x}\" ]"; }
value_of() { eval "printf '%s\\n' \"\${$1}\""; }
# note_spark_option FLAG VALUE: remembers what the settings above are given on the command line
note_spark_option() {
  local key
  case "$1" in
    --conf|-c) [[ "$2" == *=* ]] && printf -v "$(setting_var CONF "${2%%=*}")" '%s' "${2#*=}" ;;
    *) key="$(flag_key "$1")"; [ -n "$key" ] && printf -v "$(setting_var FLAG "$key")" '%s' "$2" ;;
  esac
  return 0
}
# takes_value FLAG: whether FLAG is a spark-submit option that takes a value, given as FLAG VALUE or (but -c)
# FLAG=VALUE. The one spark-submit option here that takes none is --supervise; every other word is the trainer's.
takes_value() {
  case "$1" in
    --master|--deploy-mode|--conf|-c|--driver-memory|--executor-memory|--executor-cores|--num-executors|\
    --total-executor-cores|--driver-cores|--queue|--jars|--packages|--repositories|--files|--archives|\
    --name|--properties-file|--driver-java-options|--driver-class-path|--driver-library-path|\
    --principal|--keytab|--exclude-packages|--proxy-user) return 0 ;;
  esac
  return 1
}
# each_spark_option FN: runs FN FLAG VALUE for each option in SPARK_ARGS, in order, and FN FLAG for one that takes
# no value (--supervise). FN runs under set -e: it ends with status 0, or the script stops.
each_spark_option() {
  local i
  for ((i = 0; i < ${#SPARK_ARGS[@]}; i++)); do
    if takes_value "${SPARK_ARGS[i]}"; then
      "$1" "${SPARK_ARGS[i]}" "${SPARK_ARGS[i + 1]}"
      i=$((i + 1))
    else
      "$1" "${SPARK_ARGS[i]}"
    fi
  done
}
while [ $# -gt 0 ]; do
  arg="$1"
  if takes_value "$arg"; then
    [ $# -ge 2 ] || { echo "error: $arg needs a value (see ./submit.sh --help)" >&2; exit 2; }
    flag="$arg" value="$2"; shift 2
  elif [[ "$arg" == --*=* ]] && takes_value "${arg%%=*}"; then
    flag="${arg%%=*}" value="${arg#*=}"; shift
  else
    case "$arg" in
      --supervise) SPARK_ARGS+=("$arg") ;;
      *) APP_ARGS+=("$arg") ;;
    esac
    shift; continue
  fi
  if [ "$flag" = --properties-file ]; then
    PROPERTIES_FILE="$value"
  else
    note_spark_option "$flag" "$value"
    SPARK_ARGS+=("$flag" "$value")
  fi
done

# What spark-submit would refuse with a stack trace, refused here in one line.
# refuse_bad_option FLAG [VALUE]: exits 2 on a --conf that is not KEY=VALUE
refuse_bad_option() {
  case "$1" in
    --conf|-c) [[ "$2" == ?*=* ]] || {
      echo "error: $1 $2 is not KEY=VALUE; give a Spark setting as --conf spark.some.key=value" >&2
      exit 2
    } ;;
  esac
}
each_spark_option refuse_bad_option
if [ ! -r "$PROPERTIES_FILE" ] || [ -d "$PROPERTIES_FILE" ]; then
  echo "error: --properties-file $PROPERTIES_FILE is not a readable file" >&2
  exit 2
fi

# property KEY FILE: KEY's value in a Java properties file, as Spark reads it (java.util.Properties, value
# trimmed): '#' and '!' start comments, '=', ':' or blanks end the key, a line ending in '\' goes on, the
# last occurrence wins. Prints nothing, and fails, when the key is not there.
property() {
  [ -r "$2" ] || return 1
  awk -v want="$1" '
    function unescape(s,   out, i, c) {
      out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" && i < length(s)) {
          c = substr(s, ++i, 1)
          if (c == "t") c = "\t"; else if (c == "n") c = "\n"; else if (c == "r") c = "\r"; else if (c == "f") c = "\f"
        }
        out = out c
      }
      return out
    }
    function entry(line,   i, c, n, key, rest) {
      sub(/^[ \t\f]+/, "", line)
      if (line == "" || line ~ /^[#!]/) return
      n = length(line)
      for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "\\") { i++; continue }
        if (c == "=" || c == ":" || c == " " || c == "\t" || c == "\f") break
      }
      key = unescape(substr(line, 1, i - 1)); rest = substr(line, i)
      sub(/^[ \t\f]*/, "", rest)
      if (rest ~ /^[=:]/) rest = substr(rest, 2)
      if (key == want) { value = unescape(rest); found = 1 }
    }
    # a line ends in an odd number of backslashes: it goes on, without the leading blanks of the next
    function continues(line) { match(line, /\\+$/); return RLENGTH > 0 && RLENGTH % 2 == 1 }
    {
      line = $0; sub(/\r$/, "", line)
      if (pending != "") { sub(/^[ \t\f]+/, "", line); line = pending line; pending = "" }
      else if (line ~ /^[ \t\f]*[#!]/) next
      if (continues(line)) { pending = substr(line, 1, length(line) - 1); next }
      entry(line)
    }
    END {
      if (pending != "") entry(pending)
      if (!found) exit 1
      gsub(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/, "", value)
      print value
    }' "$2"
}
# spark_setting KEY [conf]: its value as spark-submit resolves it (see above); fails when it is not set anywhere.
# With conf: from --conf or the properties file only (what spark-submit puts in a local master's conf when it drops
# the flag and the variable, as it does --executor-memory and SPARK_EXECUTOR_MEMORY).
spark_setting() {
  local env
  if [ "${2:-}" != conf ] && is_set "$(setting_var FLAG "$1")"; then value_of "$(setting_var FLAG "$1")"
  elif is_set "$(setting_var CONF "$1")"; then value_of "$(setting_var CONF "$1")"
  elif property "$1" "$PROPERTIES_FILE"; then :
  elif [ "${2:-}" != conf ]; then env="$(env_key "$1")"; [ -n "$env" ] && is_set "$env" && value_of "$env"
  else return 1
  fi
}
# setting_origin KEY [conf]: where that value came from, for messages (--master X, --conf KEY=X, KEY X in FILE,
# VAR=X in the environment); conf as for spark_setting
setting_origin() {
  local flag value env
  for flag in --master --deploy-mode --driver-memory --executor-memory --driver-java-options --driver-class-path \
      --driver-library-path; do
    if [ "${2:-}" != conf ] && [ "$(flag_key "$flag")" = "$1" ] && is_set "$(setting_var FLAG "$1")"; then
      echo "$flag $(value_of "$(setting_var FLAG "$1")")"; return
    fi
  done
  if is_set "$(setting_var CONF "$1")"; then echo "--conf $1=$(value_of "$(setting_var CONF "$1")")"; return; fi
  if value="$(property "$1" "$PROPERTIES_FILE")"; then echo "$1 $value in $PROPERTIES_FILE"; return; fi
  env="$(env_key "$1")"
  echo "$env=$(value_of "$env") in the environment"
}

# The master as spark-submit decides it (see above), else its default, local[*]. conf/spark-defaults.conf names
# none: there it would outrank the MASTER environment variable. An empty one is refused, as Spark refuses it.
spark_master="$(spark_setting spark.master)" || spark_master="local[*]"
# The local forms as SparkContext parses them (local, local[N], local[*], local[N,F], local[*,F],
# local-cluster[N,C,M]), with at least one thread.
local_forms='^(local|local\[(0*[1-9][0-9]*|\*)\]|local\[(0*[1-9][0-9]*|\*)[[:space:]]*,[[:space:]]*[0-9]+\]|local-cluster\[[[:space:]]*[1-9][0-9]*[[:space:]]*,[[:space:]]*[1-9][0-9]*[[:space:]]*,[[:space:]]*[1-9][0-9]*[[:space:]]*\])$'
case "$spark_master" in
  local*) [[ "$spark_master" =~ $local_forms ]] || {
    echo "error: $(setting_origin spark.master) is not a local master Spark knows; use local[*] (every core), local[N] with N >= 1 threads, or local[N,F] (F: task failures allowed)" >&2
    exit 2
  } ;;
  spark://*|yarn|k8s://*) ;;
  *) echo "error: $(setting_origin spark.master) is not a master Spark knows; use local[*], local[N], spark://HOST:PORT, yarn or k8s://HOST:PORT" >&2
     exit 2 ;;
esac
case "$spark_master" in
  local*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
esac
# In client deploy mode (the default) the driver is the JVM this script starts.
deploy_mode="$(spark_setting spark.submit.deployMode || true)"
case "${deploy_mode:-client}" in
  client) ;;
  cluster) if [[ "$spark_master" == local* ]]; then
      echo "error: $(setting_origin spark.submit.deployMode) needs a cluster master (spark://HOST:PORT, yarn or k8s://...), not $spark_master: a local run has its driver here; leave the deploy mode out (client)" >&2
      exit 2
    fi ;;
  *) echo "error: $(setting_origin spark.submit.deployMode) is not a deploy mode; use client (the driver runs here, the default) or cluster (on a worker)" >&2
     exit 2 ;;
esac

# jvm_size SIZE: a driver memory as Spark reads it (JavaUtils.byteStringAs: blanks around a whole number that
# fits a Java long, then b, k, kb, ki, kib, m, mb, mi, mib, g, gb, gi, gib, t, tb, ti, tib, p, pb, pi or pib in any
# case (all powers of 1024), or no unit for MiB; Spark refuses a
# size whose MiB overflow a long) in the form java's -Xmx and -Xms take (bytes without a unit, k, m, g or t).
# Fails on anything else.
jvm_size() {
  local number unit max=9223372036854775807
  [[ "$1" =~ ^[[:space:]]*([0-9]+)([A-Za-z]*)[[:space:]]*$ ]] || return 1
  number="${BASH_REMATCH[1]}"
  unit="$(printf '%s' "${BASH_REMATCH[2]}" | tr '[:upper:]' '[:lower:]')"
  number="${number#"${number%%[!0]*}"}" # without leading zeros, which bash's arithmetic reads as octal
  number="${number:-0}"
  if [ ${#number} -gt 19 ] || { [ ${#number} -eq 19 ] && [[ "$number" > "$max" ]]; }; then return 1; fi
  case "$unit" in
    b|k|kb|ki|kib|m|mb|mi|mib|'') ;;
    g|gb|gi|gib) ((number <= max >> 10)) || return 1 ;;
    t|tb|ti|tib) ((number <= max >> 20)) || return 1 ;;
    p|pb|pi|pib) ((number <= max >> 30)) || return 1 ;;
    *) return 1 ;;
  esac
  case "$unit" in
    b) echo "$number" ;;
    '') echo "${number}m" ;;
    p*) echo "$((number * 1024))t" ;; # the JVM has no p
    *) echo "$number${unit:0:1}" ;;
  esac
}

# below_512m SIZE: whether a size in jvm_size's form (no unit for bytes, k, m, g, t) is below 512 MiB, the least heap
# this script gives a driver or an executor. Spark's UnifiedMemoryManager needs a JVM's Runtime.maxMemory of 450 MiB,
# 471859200 bytes, and maxMemory can be below -Xmx: 450m gives 471859200 under G1 (the default), 456130560 under the
# serial collector (the JVM's choice on a machine of one core or under 1792 MB), 419430400 under the parallel one;
# 512m is enough under each.
below_512m() {
  local min
  [[ "$1" =~ ^([0-9]+)([kmgt]?)$ ]] || return 1
  case "${BASH_REMATCH[2]}" in
    '') min=536870912 ;;
    k) min=524288 ;;
    m) min=512 ;;
    *) min=1 ;;
  esac
  ((BASH_REMATCH[1] < min))
}

# a heap size among JVM options: -Xmx, -Xms or -XX:MaxHeapSize=/InitialHeapSize=/MinHeapSize= as an option of its own
# (not -XX:SoftMaxHeapSize, a GC's soft goal, nor -Xms inside a path)
HEAP_SIZE_OPTION='(^|[[:space:]])(-Xm[xs]|-XX:(Max|Initial|Min)HeapSize=)'
if [[ "${SPARK_DGD_JAVA_OPTS:-}" =~ $HEAP_SIZE_OPTION ]]; then
  echo "error: SPARK_DGD_JAVA_OPTS=$SPARK_DGD_JAVA_OPTS sets the driver's heap, which would override the driver memory without a word; use --driver-memory (or spark.driver.memory)" >&2
  exit 2
fi
# The same among the driver's Java options (--driver-java-options, spark.driver.extraJavaOptions or
# defaultJavaOptions), in every mode: Spark's own check looks for -Xmx alone, so -XX:MaxHeapSize=2g under
# --driver-memory 8g gave a 2 GB heap without a word, and an -Xms above the driver memory stopped the JVM at its start.
for key in spark.driver.defaultJavaOptions spark.driver.extraJavaOptions; do
  if [[ "$(spark_setting "$key" || true)" =~ $HEAP_SIZE_OPTION ]]; then
    echo "error: $(setting_origin "$key") sets the driver's heap, which would override the driver memory without a word (Spark does not allow -Xmx there); use --driver-memory (or spark.driver.memory)" >&2
    exit 2
  fi
done

# The driver's memory: --driver-memory, else --conf spark.driver.memory, else the properties file, else
# SPARK_DRIVER_MEMORY (spark-submit's order), in any form Spark reads (jvm_size). With none of them, a local-mode
# driver (which does all the work) gets half of the physical memory (at most 31g, where the JVM still uses
# compressed pointers; 2g when /proc/meminfo cannot be read). Other masters keep Spark's default.
given_memory="$(spark_setting spark.driver.memory || true)"
DRIVER_MEMORY=""
if [ -n "$given_memory" ]; then
  DRIVER_MEMORY="$(jvm_size "$given_memory")" || {
    echo "error: $(setting_origin spark.driver.memory) is not a size; give a whole number of MiB, or one with a unit: b, k, m, g, t or p (or kb, mb, gb, tb, pb, or kib, mib, gib, tib, pib), e.g. --driver-memory 8g" >&2
    exit 2
  }
  # Every driver, of any master and deploy mode, starts Spark's UnifiedMemoryManager, which refuses a heap
  # (Runtime.maxMemory) below 1.5 x 300 MiB reserved = 450 MiB, 471859200 bytes, with a stack trace (see below_512m).
  if below_512m "$DRIVER_MEMORY"; then
    echo "error: $(setting_origin spark.driver.memory) is too small: Spark needs a driver heap of at least 450 MiB (471859200 bytes), and the JVM makes it smaller than asked under some garbage collectors; give the driver 512m or more, e.g. --driver-memory 512m" >&2
    exit 2
  fi
  export SPARK_DGD_DRIVER_MEMORY="driver memory $DRIVER_MEMORY as given"
else
  case "$spark_master" in
    local*)
      mem_kb="$(awk '$1 == "MemTotal:" {print $2}' /proc/meminfo 2>/dev/null || true)"
      if [ -n "$mem_kb" ] && [ "$mem_kb" -gt 0 ] 2>/dev/null; then
        mem_mb=$((mem_kb / 2 / 1024))
        [ "$mem_mb" -gt 31744 ] && mem_mb=31744
        [ "$mem_mb" -lt 512 ] && mem_mb=512
        DRIVER_MEMORY="${mem_mb}m"
        export SPARK_DGD_DRIVER_MEMORY="driver memory $DRIVER_MEMORY: local-mode default, half of physical RAM"
      else
        DRIVER_MEMORY="2g"
        export SPARK_DGD_DRIVER_MEMORY="driver memory 2g: local-mode default (physical RAM unknown)"
      fi
      SPARK_ARGS+=(--driver-memory "$DRIVER_MEMORY")
      ;;
  esac
fi

# The executors' memory, refused here when Spark would refuse it with a stack trace or start executors that die.
# spark-submit gives a cluster master --executor-memory, else spark.executor.memory (--conf, then the properties
# file), else SPARK_EXECUTOR_MEMORY; a local master has no executors to size, and spark-submit drops the flag and the
# variable there, but a --conf or the file's still reaches the conf. The driver's UnifiedMemoryManager checks that
# value (SparkConf.getSizeAsBytes, which reads a number without a unit as bytes: --executor-memory 1024 is refused,
# 536870912 is 512 MiB on a standalone cluster) against 450 MiB, in client and cluster deploy mode alike (in cluster
# mode the driver fails on a worker after the submit has exited 0). Each executor checks its own heap as a driver
# does (see below_512m): at 450m under the serial or parallel collector they die one after another and the run waits
# for an executor until spark.dgd.executorWaitSeconds.
# Whatever the master, spark-submit first checks that the value it reads from any of them is a positive size
# (SparkSubmitArguments: "Executor memory must be a positive number", with a stack trace).
# executor_size FROM: the executor memory from those sources (any, or conf: see spark_setting) in jvm_size's form in
# executor_memory, unitless saying how a number without a unit reads; refuses what is not a size
executor_size() {
  local given
  given="$(spark_setting spark.executor.memory "$1" || true)"
  executor_memory=""
  [ -n "$given" ] || return 0
  if [[ "$given" =~ ^[[:space:]]*([0-9]+)[[:space:]]*$ ]]; then
    executor_memory="$(jvm_size "${BASH_REMATCH[1]}b")" || executor_memory=""
    unitless="; a number without a unit is bytes to Spark here"
  else
    executor_memory="$(jvm_size "$given")" || executor_memory=""
    unitless=""
  fi
  if [ -z "$executor_memory" ]; then
    echo "error: $(setting_origin spark.executor.memory "$1") is not a size; give a whole number with a unit: b, k, m, g, t or p (or kb, mb, gb, tb, pb, or kib, mib, gib, tib, pib), e.g. --executor-memory 2g" >&2
    exit 2
  fi
}
executor_size any
if [[ "$spark_master" == local* && "$executor_memory" =~ ^0+[kmgt]?$ ]]; then
  echo "error: $(setting_origin spark.executor.memory any) is not a size above 0, which spark-submit requires even of a local master (where executors' memory is not used); leave it out, or give e.g. --executor-memory 2g" >&2
  exit 2
fi
if [[ "$spark_master" == local* ]]; then
  executor_from=conf
  # the flag and the variable, which spark-submit drops here without a word (a --conf's value reaches the run, which
  # says so itself): a review followed a warning's --executor-memory on a local master and nothing changed
  if [ -n "$executor_memory" ] && ! spark_setting spark.executor.memory conf >/dev/null; then
    echo "warning: $(setting_origin spark.executor.memory any) has no effect on a local master, whose tasks run in the driver's JVM: --driver-memory sizes it" >&2
  fi
else
  executor_from=any
fi
executor_size "$executor_from"
if [ -n "$executor_memory" ]; then
  if below_512m "$executor_memory"; then
    echo "error: $(setting_origin spark.executor.memory "$executor_from") is too small: Spark needs an executor heap of at least 450 MiB (471859200 bytes$unitless), and the JVM makes it smaller than asked under some garbage collectors; give each executor 512m or more, e.g. --executor-memory 512m" >&2
    exit 2
  fi
fi

# The benchmark measures a long run's steady state, so a local driver's whole heap is committed and touched
# when it starts (about 4 s for 12 GB here): no measurement then pays the first touch of memory the heap grows
# into (serialized epochs at 1e7 x 10 took 0.7-1.6 s while G1 grew into fresh memory, 250-450 ms after).
# It also holds up to four copies of a size's data at once (our float64 and float32 blocks, MLlib's rows, the
# plain loop's arrays): about 9 GB of a 12 GB heap at 2e7 x 10, where G1's adaptive threshold (from 45%) had its
# concurrent marking run back to back through every timed row, reading the heap beside them on one of the two
# cores (a read of the same blocks went 2.6x slower from 1e7 to 2e7 rows). Marking from 90% only keeps it out of
# the timings; a training run holds one copy (docs/BENCHMARKS.md, session 22).
# Not for --help or --version, which print and exit (touching a 12 GB heap first took 4-44 s).
BENCH_OPTS=""
prints_only=false
for arg in "${APP_ARGS[@]:1}"; do
  case "$arg" in -h|--help|-V|--version) prints_only=true ;; esac
done
if [ "${APP_ARGS[0]:-}" = benchmark ] && [[ "$spark_master" == local* ]] && [ -n "$DRIVER_MEMORY" ] \
    && [ "$prints_only" = false ]; then
  # the report's machine line shows them from the JVM itself
  BENCH_OPTS="-Xms$DRIVER_MEMORY -XX:+AlwaysPreTouch -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=90"
fi

# Transparent huge pages for the driver's heap, where the kernel offers them to madvise (Debian's default)
# or always: an epoch streams through the cached blocks, and with 4 KiB pages it crosses a page every 512
# doubles. With 2 MiB pages a sweep over memory ran at about 20 GB/s instead of 12-15 here, and at 1e6 x 100 the
# block kernel took 75-80 ms instead of 83-100 (docs/BENCHMARKS.md). Where the system has none, HotSpot says so once
# and runs as before; SPARK_DGD_JAVA_OPTS=-XX:-UseTransparentHugePages turns it off. Executors get it from
# conf/spark-defaults.conf.
HEAP_OPTS="-XX:+UseTransparentHugePages"

LOG4J="-Dlog4j2.configurationFile=file:$HERE/conf/log4j2.properties"
SPARK_SUBMIT=""
if [ -n "${SPARK_HOME:-}" ] && [ ! -d "$SPARK_HOME" ]; then
  echo "warning: SPARK_HOME=$SPARK_HOME is not a directory, so it is left out (a spark-submit on PATH, else the project's own jars, runs Spark); unset it, or point it at a Spark 4.2 installation" >&2
  unset SPARK_HOME
fi
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  SPARK_SUBMIT="$(command -v spark-submit)"
fi

if [ -n "$SPARK_SUBMIT" ]; then
  # --driver-java-options replaces spark.driver.extraJavaOptions, and the last one given wins: this script's
  # options and the user's (--driver-java-options, --conf or the properties file) go in one, the user's after.
  user_opts="$(spark_setting spark.driver.extraJavaOptions || true)"
  args=()
  pass_on() { [ "$1" = --driver-java-options ] || args+=("$@"); } # FLAG [VALUE]: all but the user's, joined above
  each_spark_option pass_on
  # Spark's launcher starts a client-mode driver with -Xmx and the driver memory as given, which java refuses in
  # Spark's other forms (512 for MiB, 512mb): the same size goes last, in java's form.
  if [ "${deploy_mode:-client}" != cluster ] && [ -n "$given_memory" ] && [ "$DRIVER_MEMORY" != "$given_memory" ]; then
    args+=(--driver-memory "$DRIVER_MEMORY")
  fi
  exec "$SPARK_SUBMIT" --properties-file "$PROPERTIES_FILE" \
    --driver-java-options "${JAVA_OPENS[*]} $LOG4J $HEAP_OPTS $BENCH_OPTS $user_opts ${SPARK_DGD_JAVA_OPTS:-}" \
    ${args[@]+"${args[@]}"} --class "$MAIN_CLASS" "$JAR" ${APP_ARGS[@]+"${APP_ARGS[@]}"}
fi

# No Spark installation: run SparkSubmit from the Maven-resolved jars. The driver runs in this JVM,
# so its memory is this JVM's heap. Its java is JAVA_HOME's, as Spark's launcher chooses, else the one on PATH.
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
  [ -x "$JAVA_BIN" ] || {
    echo "error: JAVA_HOME=$JAVA_HOME has no bin/java; point JAVA_HOME at a Java 17 (or later) installation, or unset it to use the java on PATH" >&2
    exit 2
  }
else
  JAVA_BIN="$(command -v java)" || {
    echo "error: java is not on PATH and JAVA_HOME is not set; spark-dgd needs Java 17 (or later): install it, or set JAVA_HOME" >&2
    exit 2
  }
fi
EXTRA_CP=""
case "$spark_master" in
  yarn*)
    # Spark on YARN ships SPARK_HOME/jars to the containers; SparkSubmit reads the cluster's
    # configuration from the classpath, so HADOOP_CONF_DIR goes there too.
    CONF_DIR="${HADOOP_CONF_DIR:-${YARN_CONF_DIR:-}}"
    if [ -z "$CONF_DIR" ]; then
      echo "error: a yarn master needs HADOOP_CONF_DIR (or YARN_CONF_DIR): the directory with the cluster's core-site.xml and yarn-site.xml" >&2
      exit 2
    fi
    source "$HERE/scripts/spark-home.sh"
    make_spark_home "$HERE/target/spark-home"
    export SPARK_HOME="$HERE/target/spark-home" SPARK_SCALA_VERSION=2.13
    EXTRA_CP=":$CONF_DIR" # after the jars (none holds a *-site.xml), so the class-data archive still fits
    ;;
esac

# In client deploy mode the driver is the JVM started below, already running when SparkSubmit reads the driver's
# settings: its JVM options (spark.driver.defaultJavaOptions, then --driver-java-options or
# spark.driver.extraJavaOptions), class path (--driver-class-path, spark.driver.extraClassPath: before the jars)
# and library path (--driver-library-path, spark.driver.extraLibraryPath: on LD_LIBRARY_PATH) go on its command
# line here, as Spark's own launcher puts them (the options after this script's, before SPARK_DGD_JAVA_OPTS).
# In cluster deploy mode they are Spark's to pass on.
DRIVER_OPTS=()
DRIVER_CP=""
if [ "${deploy_mode:-client}" != cluster ]; then
  # split_options STRING: appends STRING's options to DRIVER_OPTS, split as Spark's launcher splits them
  # (CommandBuilderUtils.parseOptionString: blanks separate, quotes group, a backslash escapes outside '...')
  split_options() {
    local s="$1" opt="" c i in_opt=0 sq=0 dq=0 esc=0
    for ((i = 0; i < ${#s}; i++)); do
      c="${s:i:1}"
      if ((esc)); then opt+="$c"; esc=0
      elif ((in_opt)); then
        case "$c" in
          \\) if ((sq)); then opt+="$c"; else esc=1; fi ;;
          \') if ((dq)); then opt+="$c"; else sq=$((1 - sq)); fi ;;
          \") if ((sq)); then opt+="$c"; else dq=$((1 - dq)); fi ;;
          [[:space:]]) if ((sq || dq)); then opt+="$c"; else DRIVER_OPTS+=("$opt"); opt=""; in_opt=0; fi ;;
          *) opt+="$c" ;;
        esac
      else
        case "$c" in
          \') sq=1; in_opt=1 ;;
          \") dq=1; in_opt=1 ;;
          \\) esc=1; in_opt=1 ;;
          [[:space:]]) ;;
          *) opt+="$c"; in_opt=1 ;;
        esac
      fi
    done
    ((sq || dq || esc)) && return 1
    ((in_opt)) && DRIVER_OPTS+=("$opt")
    return 0
  }
  for key in spark.driver.defaultJavaOptions spark.driver.extraJavaOptions; do
    opts="$(spark_setting "$key" || true)"
    [ -n "$opts" ] || continue # a heap size among them is refused above
    split_options "$opts" || {
      echo "error: $(setting_origin "$key") has an unclosed quote or a trailing backslash" >&2
      exit 2
    }
  done
  DRIVER_CP="$(spark_setting spark.driver.extraClassPath || true)"
  [ -n "$DRIVER_CP" ] && DRIVER_CP+=":"
  lib_path="$(spark_setting spark.driver.extraLibraryPath || true)"
  [ -n "$lib_path" ] && export LD_LIBRARY_PATH="$lib_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
else
  # A worker starts a cluster-mode driver with spark.driver.extraJavaOptions alone, so the user's (from
  # --driver-java-options or --conf) would replace the module openings conf/spark-defaults.conf puts there, and
  # the driver would fail on Java 17 while the submit exits 0: the openings go in front of the user's options.
  user_opts="$(spark_setting spark.driver.extraJavaOptions || true)"
  if is_set "$(setting_var FLAG spark.driver.extraJavaOptions)" ||
      is_set "$(setting_var CONF spark.driver.extraJavaOptions)"; then
    kept=()
    # keep FLAG [VALUE]: all but the user's driver options, which follow the openings below
    keep() {
      case "$1" in
        --driver-java-options) ;;
        --conf|-c) [[ "$2" == spark.driver.extraJavaOptions=* ]] || kept+=("$@") ;;
        *) kept+=("$@") ;;
      esac
    }
    each_spark_option keep
    SPARK_ARGS=(${kept[@]+"${kept[@]}"} --driver-java-options "${JAVA_OPENS[*]} $HEAP_OPTS $user_opts")
  fi
fi

source "$HERE/scripts/class-data.sh"
class_data_options "$DRIVER_CP$BASE_CP"
# shellcheck disable=SC2086 # BENCH_OPTS and SPARK_DGD_JAVA_OPTS hold several options
exec "$JAVA_BIN" "${JAVA_OPENS[@]}" -Xmx"${DRIVER_MEMORY:-1g}" "$LOG4J" ${CDS_OPTS[@]+"${CDS_OPTS[@]}"} $HEAP_OPTS $BENCH_OPTS \
  ${DRIVER_OPTS[@]+"${DRIVER_OPTS[@]}"} ${SPARK_DGD_JAVA_OPTS:-} \
  -cp "$DRIVER_CP$BASE_CP$EXTRA_CP" org.apache.spark.deploy.SparkSubmit \
  --properties-file "$PROPERTIES_FILE" ${SPARK_ARGS[@]+"${SPARK_ARGS[@]}"} \
  --class "$MAIN_CLASS" "$JAR" ${APP_ARGS[@]+"${APP_ARGS[@]}"}
