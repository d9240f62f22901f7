#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven-resolved Spark jars (no Spark
# installation): one master and N workers, each a separate JVM bound to 127.0.0.1.
#
#   ./submit.sh cluster start [--workers N] [--port P] [--webui-port Q] [--worker-cores C] [--worker-memory M]
#   ./submit.sh cluster status
#   ./submit.sh cluster stop
#
# State (pid files, logs, the executors' work dirs) lives in target/cluster/; stop kills exactly the
# processes that start wrote pid files for.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${SPARK_DGD_CLUSTER_DIR:-$HERE/target/cluster}"
source "$HERE/scripts/java-opens.sh"
source "$HERE/scripts/spark-home.sh"

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

master_json() {
  curl -fsS --max-time 2 "http://127.0.0.1:$(cat "$STATE/webui-port")/json/" 2>/dev/null
}

alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# The port a daemon's service really listens on, from its log (empty until it has bound one). Spark moves
# to the next port when the one asked for is taken (spark.port.maxRetries), so the request is not the answer.
bound_port() { # LOG SERVICE
  # the log may not be there yet: the background shell that redirects into it can run after this one reads it
  [ -f "$1" ] || return 0
  sed -n "s/.*Successfully started service '$2' on port \([0-9]*\)\..*/\1/p" "$1" | tail -n 1
}

# Ends a start whose master has exited, with the end of its log.
master_exited_check() {
  if ! alive "$STATE/pids/master.pid"; then
    echo "error: the master exited; its log:" >&2; tail -n 20 "$STATE/logs/master.log" >&2; stop >/dev/null; exit 1
  fi
}

start() {
  local workers=2 port=7077 webui=8080 cores=1 memory=1g
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --webui-port) webui="$2"; shift 2 ;;
      --worker-cores) cores="$2"; shift 2 ;;
      --worker-memory) memory="$2"; shift 2 ;;
      -h|--help) usage; exit 0 ;;
      *) echo "error: unknown option for cluster start: $1 (see ./submit.sh cluster --help)" >&2; exit 2 ;;
    esac
  done
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "error: --workers must be a positive integer, got '$workers'" >&2; exit 2; }
  if alive "$STATE/pids/master.pid"; then
    echo "error: a cluster started from here is already running (pid $(cat "$STATE/pids/master.pid")); run ./submit.sh cluster stop first" >&2
    exit 1
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE/pids" "$STATE/logs" "$STATE/work"
  make_spark_home "$STATE/spark-home"
  cat > "$STATE/log4j2-daemons.properties" <<'LOG'
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_OUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
LOG
  export SPARK_HOME="$STATE/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  local daemon_opts=("${JAVA_OPENS[@]}" -Xmx512m "-Dlog4j2.configurationFile=file:$STATE/log4j2-daemons.properties")
  nohup java "${daemon_opts[@]}" -cp "$STATE/spark-home/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$webui" > "$STATE/logs/master.log" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/master.pid"
  # the workers connect to the port the master got, and the wait below reads the web UI it got
  local deadline=$((SECONDS + 60)) bound_rpc="" bound_ui=""
  while [ $SECONDS -lt $deadline ]; do
    bound_rpc=$(bound_port "$STATE/logs/master.log" sparkMaster)
    bound_ui=$(bound_port "$STATE/logs/master.log" MasterUI)
    [ -n "$bound_rpc" ] && [ -n "$bound_ui" ] && break
    master_exited_check
    sleep 0.5
  done
  if [ -z "$bound_rpc" ] || [ -z "$bound_ui" ]; then
    echo "error: the master did not bind its ports within 60 s; logs in $STATE/logs" >&2
    stop >/dev/null
    exit 1
  fi
  [ "$bound_rpc" = "$port" ] || echo "note: port $port was taken, so the master listens on $bound_rpc"
  [ "$bound_ui" = "$webui" ] || echo "note: port $webui was taken, so the master's web UI is on $bound_ui"
  port="$bound_rpc"
  webui="$bound_ui"
  echo "$webui" > "$STATE/webui-port"
  echo "$port" > "$STATE/port"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$STATE/work/worker-$i"
    nohup java "${daemon_opts[@]}" -cp "$STATE/spark-home/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port $((webui + i)) \
      --work-dir "$STATE/work/worker-$i" "spark://127.0.0.1:$port" > "$STATE/logs/worker-$i.log" 2>&1 < /dev/null &
    echo $! > "$STATE/pids/worker-$i.pid"
  done
  local deadline=$((SECONDS + 90)) registered=0
  while [ $SECONDS -lt $deadline ]; do
    registered=$(master_json | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
    [ "${registered:-0}" -ge "$workers" ] && break
    master_exited_check
    sleep 1
  done
  if [ "${registered:-0}" -lt "$workers" ]; then
    echo "error: only ${registered:-0} of $workers workers registered within 90 s; logs in $STATE/logs" >&2
    stop >/dev/null
    exit 1
  fi
  echo "Spark standalone cluster running: 1 master, $workers worker(s) x $cores core(s), $memory"
  echo "  master URL:    spark://127.0.0.1:$port"
  echo "  master web UI: http://127.0.0.1:$webui"
  for i in $(seq 1 "$workers"); do
    echo "  worker $i UI:   http://127.0.0.1:$(bound_port "$STATE/logs/worker-$i.log" WorkerUI)"
  done
  echo "  logs:          $STATE/logs"
  echo "Train on it:     ./submit.sh --master spark://127.0.0.1:$port [--deploy-mode cluster] --data <absolute path>"
  echo "Stop it:         ./submit.sh cluster stop"
}

status() {
  if ! alive "$STATE/pids/master.pid"; then
    echo "no cluster started from here is running"
    return 3
  fi
  echo "master: pid $(cat "$STATE/pids/master.pid"), spark://127.0.0.1:$(cat "$STATE/port"), http://127.0.0.1:$(cat "$STATE/webui-port")"
  for f in "$STATE"/pids/worker-*.pid; do
    local name; name="$(basename "$f" .pid)"
    if alive "$f"; then echo "$name: pid $(cat "$f") running"; else echo "$name: not running"; fi
  done
  local json totals
  json="$(master_json | tr -d '\n' || true)"
  if [ -z "$json" ]; then
    echo "the master's web UI does not answer at http://127.0.0.1:$(cat "$STATE/webui-port")/json/"
    return 0
  fi
  # the cluster's totals sit between the workers' list and the applications'
  totals="${json#*\"aliveworkers\"}"
  totals="\"aliveworkers\"${totals%%\"activeapps\"*}"
  echo "workers alive: $(total aliveworkers "$totals"); cores in use: $(total coresused "$totals") of" \
    "$(total cores "$totals"); memory in use: $(total memoryused "$totals") of $(total memory "$totals") MB"
  # applications and drivers (a --deploy-mode cluster submit's), with their states: FAILED ones say where to look
  printf '%s' "$json" | tr '}' '\n' | sed -nE \
    's/.*"id" *: *"((app|driver)-[^"]*)".*"state" *: *"([A-Z]+)".*/\1: \3/p'
  if printf '%s' "$json" | grep -qE '"id" *: *"driver-[^"]*"[^}]*"state" *: *"(FAILED|ERROR|KILLED)"'; then
    echo "a driver that did not finish left its stderr in the worker's work directory: $STATE/work/worker-*/driver-*/stderr"
  fi
}

# total FIELD JSON: a whole-number field of the master's JSON
total() {
  printf '%s' "$2" | grep -oE "\"$1\" *: *[0-9]+" | head -n 1 | grep -oE '[0-9]+$'
}

stop() {
  local stopped=0
  for f in "$STATE"/pids/worker-*.pid "$STATE/pids/master.pid"; do
    [ -f "$f" ] || continue
    local pid; pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$f"
  done
  echo "stopped $stopped process(es)"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  -h|--help|help|"") usage ;;
  *) echo "error: unknown cluster command '$cmd': use start, stop or status" >&2; exit 2 ;;
esac
