#!/usr/bin/env bash
# The fan-out of one Durable Object across three nodes against the same on one node (issue 12):
#
#   bench/run-cluster.sh --rounds 5      one room ("room", BenchRoom) of 900 sockets, one sender
#
# Four bench-server JVMs on this machine, all bound to 127.0.0.1 and pinned to CPU 0 (the load
# generator to CPU 1), so both scenarios get the same CPU:
#   single   one node alone (no cluster settings: Hazelcast not loaded), 900 clients to it;
#   cluster  three nodes in one Hazelcast cluster (wspair.cluster.members, TCP-IP on 127.0.0.1),
#            300 clients entering through each. The room lives on one node (its owner); the 600
#            clients of the two other nodes reach it by the link (one WebSocket per client from the
#            entry node to the owner), so each message makes 900 deliveries, 600 of them cross-node.
# The sender is the first client; it enters through the owner (found after the warm-up by asking
# each node's /room-stats which one created the room), so its own messages do not cross.
# Each leg is a fresh LoadGen fan-out run (900 connections, 8 messages of 32 B in flight, warm-up,
# window, drain, Close); server CPU is the utime+stime of all the scenario's JVMs (/proc/PID/stat).
# Rounds alternate the order of the two scenarios; round 1 is dropped from the summary.
#
# Options: --rounds N (default 5), --warmup S (5; the 600 links are still settling after 2 s),
# --duration S (5), --clients N (900, a multiple of 3), --skip-build, --out DIR, --node-opt -Dk=v
# (a JVM option of the three cluster nodes only, repeatable; e.g.
# -Dorg.glassfish.tyrus.client.sharedContainer=true: the links' Tyrus clients share one Grizzly
# transport instead of one transport, with its threads, per link).
# Results: OUT/results.jsonl, OUT/report.md (printed at the end); about 7 minutes on 2 cores.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
COMMAND="bench/run-cluster.sh $*"
ROUNDS=5 WARMUP=5 DURATION=5 CLIENTS=900 BUILD=1 OUT=""
NODE_OPTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --skip-build) BUILD=0 ;;
    --node-opt) NODE_OPTS+=("$2"); shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n 2,24p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-$HERE/target/cluster-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
: > "$RESULTS"
CP="$HERE/target/classes:$HERE/target/lib/*"
SERVER_JVM=(-Xms512m -Xmx2g -Dwspair.objects.hibernateAfter=PT1S)
CLIENT_JVM=(-Xms256m -Xmx2g)
log() { echo "[$(date +%T)] $*" >&2; }

if [ "$BUILD" = 1 ]; then
  log "building bench with the work tree's api and impl"
  (cd "$ROOT" && { mvn -B -q -o -pl bench -am package -DskipTests 2>/dev/null || mvn -B -q -pl bench -am package -DskipTests; })
fi

PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
wait_line() {  # wait_line PATTERN PID FILES...: until one of FILES has a line matching PATTERN
  local pattern=$1 pid=$2; shift 2
  for _ in $(seq 600); do
    grep -q "$pattern" "$@" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$@" >&2 2>/dev/null; return 1; }
    sleep 0.1
  done
  log "no '$pattern' in $*"; return 1
}
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 10000))
    ss -ltn "sport = :$p" | grep -q LISTEN || { echo "$p"; return; }
  done
}
STARTED_PID="" STARTED_PORT=""
start_jvm() {  # start_jvm NAME JVM-OPTIONS...
  local name=$1; shift
  taskset -c 0 java "${SERVER_JVM[@]}" "$@" -cp "$CP" dev.wspair.bench.server.BenchServer 0 > "$OUT/$name.out" 2> "$OUT/$name.err" &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  wait_line '^bench-server port' "$STARTED_PID" "$OUT/$name.out"
  STARTED_PORT=$(awk '/^bench-server port/ {print $3}' "$OUT/$name.out")
}
ticks() {  # ticks PID...: utime+stime summed, in clock ticks
  local sum=0 p f
  for p in "$@"; do
    f=$(sed 's/.*) //' "/proc/$p/stat")
    sum=$((sum + $(echo "$f" | awk '{print $12 + $13}')))
  done
  echo "$sum"
}

log "starting the single node"
start_jvm single; SINGLE_PID=$STARTED_PID; SINGLE_PORT=$STARTED_PORT; SINGLE_URL="ws://127.0.0.1:$STARTED_PORT/room"

log "starting three nodes in one cluster"
HZ=($(free_port) $(free_port) $(free_port))
while [ "${HZ[0]}" = "${HZ[1]}" ] || [ "${HZ[1]}" = "${HZ[2]}" ] || [ "${HZ[0]}" = "${HZ[2]}" ]; do HZ=($(free_port) $(free_port) $(free_port)); done
MEMBERS="127.0.0.1:${HZ[0]},127.0.0.1:${HZ[1]},127.0.0.1:${HZ[2]}"
NODE_PIDS=() NODE_PORTS=()
for i in 0 1 2; do
  start_jvm "node-$i" -Dwspair.cluster.members="$MEMBERS" -Dwspair.cluster.port="${HZ[$i]}" -Dwspair.cluster.bindAddress=127.0.0.1 ${NODE_OPTS[@]+"${NODE_OPTS[@]}"}
  NODE_PIDS+=("$STARTED_PID"); NODE_PORTS+=("$STARTED_PORT")
done
for i in 0 1 2; do
  wait_line 'Members {size:3' "${NODE_PIDS[$i]}" "$OUT/node-$i.out" "$OUT/node-$i.err"
done
log "cluster of 3 formed: HTTP ${NODE_PORTS[*]}, Hazelcast ${HZ[*]}"

measure_idle() {  # measure_idle LABEL PID...: CPU of idle servers over 5 s, in cores
  local label=$1; shift
  local a b
  a=$(ticks "$@"); sleep 5; b=$(ticks "$@")
  echo "{\"scenario\":\"idle\",\"label\":\"$label\",\"serverCpu\":$(awk -v d=$((b - a)) -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.4f", d / t / 5}')}" | tee -a "$RESULTS" >&2
}

FAN=(--mode fanout --connections "$CLIENTS" --inflight 8 --size 32 --concurrency 128)
loadgen() {  # loadgen LABEL ROUND ARGS...
  local label=$1 round=$2; shift 2
  taskset -c 1 java "${CLIENT_JVM[@]}" -cp "$CP" dev.wspair.bench.load.LoadGen "${FAN[@]}" "$@" \
      --tag "scenario=fanout" --tag "label=$label" --tag "round=$round" --tag "load1=$(cut -d' ' -f1 /proc/loadavg)" \
      2>> "$OUT/loadgen.err" | tee -a "$RESULTS" >&2 || log "load generator failed: $label round $round"
}
CLUSTER_URLS=""
leg() {  # leg LABEL ROUND WARMUP DURATION
  local label=$1 round=$2 w=$3 d=$4
  if [ "$label" = single ]; then
    (sleep $(( ${w%.*} + 3 )); awk '/^Threads/ {print $2}' "/proc/$SINGLE_PID/status" > "$OUT/single-threads.txt") 2>/dev/null &
    loadgen single "$round" --url "$SINGLE_URL" --server-pid "$SINGLE_PID" --warmup "$w" --duration "$d"
  else
    # the JVMs' threads in the middle of the leg (the links' clients add threads)
    (sleep $(( ${w%.*} + 3 )); echo "round $round: threads $(for p in "${NODE_PIDS[@]}"; do awk '/^Threads/ {printf "%s ", $2}' "/proc/$p/status"; done)(node $OWNER owns the room)") >> "$OUT/threads.txt" 2>/dev/null &
    loadgen cluster "$round" --url "$CLUSTER_URLS" --server-pid "$(IFS=,; echo "${NODE_PIDS[*]}")" --warmup "$w" --duration "$d"
  fi
}

log "idle CPU (5 s each)"
measure_idle single "$SINGLE_PID"
measure_idle cluster "${NODE_PIDS[@]}"

log "warm-up (not recorded)"
CLUSTER_URLS="ws://127.0.0.1:${NODE_PORTS[0]}/room,ws://127.0.0.1:${NODE_PORTS[1]}/room,ws://127.0.0.1:${NODE_PORTS[2]}/room"
leg single 0 3 2 >/dev/null 2>&1 || true
leg cluster 0 3 2 >/dev/null 2>&1 || true
OWNER=-1
for i in 0 1 2; do
  stats=$(curl -s "http://127.0.0.1:${NODE_PORTS[$i]}/room-stats" || true)
  log "node $i /room-stats: $stats"
  case "$stats" in instances=0*) ;; instances=*) OWNER=$i ;; esac
done
if [ "$OWNER" -lt 0 ]; then log "no node created the room: the warm-up failed (see $OUT/loadgen.err)"; exit 1; fi
ORDER=("$OWNER" $(( (OWNER + 1) % 3 )) $(( (OWNER + 2) % 3 )))
CLUSTER_URLS="ws://127.0.0.1:${NODE_PORTS[${ORDER[0]}]}/room,ws://127.0.0.1:${NODE_PORTS[${ORDER[1]}]}/room,ws://127.0.0.1:${NODE_PORTS[${ORDER[2]}]}/room"
log "owner of the room: node $OWNER; the sender enters through it"
leg cluster 0 3 2 >/dev/null 2>&1 || true
sed -i '/"round":"0"/d' "$RESULTS"

for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order=(single cluster); else order=(cluster single); fi
  for label in "${order[@]}"; do
    log "round $r/$ROUNDS: $label"
    leg "$label" "$r" "$WARMUP" "$DURATION"
  done
done
log "single node /room-stats at the end: $(curl -s "http://127.0.0.1:$SINGLE_PORT/room-stats" || true)"
for i in 0 1 2; do
  log "node $i /room-stats at the end: $(curl -s "http://127.0.0.1:${NODE_PORTS[$i]}/room-stats" || true)"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
SINGLE_THREADS=$(cat "$OUT/single-threads.txt" 2>/dev/null || echo "?")
cleanup; PIDS=()

{
  echo "## Cluster fan-out: run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- command: \`$COMMAND\` ($ROUNDS rounds, round 1 dropped; ${WARMUP} s warm-up + ${DURATION} s window per leg; $CLIENTS sockets, 8 messages of 32 B in flight)"
  echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB; load average at the end: $LOAD_END"
  echo "- JDK: $(java -version 2>&1 | head -2 | tail -1); servers: ${SERVER_JVM[*]} all pinned to CPU 0 (each JVM sees 1 CPU: SerialGC); load generator on CPU 1"
  [ ${#NODE_OPTS[@]} -gt 0 ] && echo "- JVM options of the cluster nodes only: ${NODE_OPTS[*]}"
  echo "- owner of the room: node $OWNER; the sender enters through it"
  echo
  python3 "$HERE/cluster-report.py" "$RESULTS" "$CLIENTS"
  echo
  echo "Threads of the three nodes in the middle of each cluster leg (node 0, 1, 2):"
  echo
  sed 's/^/- /' "$OUT/threads.txt" 2>/dev/null || true
  echo "- the single node: $SINGLE_THREADS threads during its last leg"
} > "$OUT/report.md"
cat "$OUT/report.md"
log "results in $OUT"
