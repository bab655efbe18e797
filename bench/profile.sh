#!/usr/bin/env bash
# Where the bridge spends more than the raw JSR-356 echo, per message (see bench/README.md):
#
#   bench/profile.sh [small|large|fanout|churn] [--skip-build] [--out DIR] [--tyrus-patch]
#
# --tyrus-patch: the bench server runs tyrus-patch/Masker.java, the proposed faster Tyrus Masker,
# before tyrus-core on its class path (the load generator does not use Tyrus).
# churn: connect, handshake, Close, its answer and the TCP close, 16 loops, per cycle.
# fanout: the Durable Object room (/room, B) against the same fan-out on plain JSR-356
# (/raw-fanout, A), 1,000 sockets, per delivery; the profiler starts once the sockets are open.
#
# One bench server pinned to CPU 0, the load generator on CPU 1, the same echo load as run.sh.
# After a warm-up, async-profiler (tools.profiler:async-profiler from Maven Central, attached with
# loaded at startup, started and stopped with jcmd JVMTI.agent_load) records, for /raw and then /bridge: CPU samples (perf events, with kernel
# frames and thread names), then allocation samples. ProfileDiff turns them into µs and bytes per
# message. Collapsed stacks stay in OUT for flame graphs.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SCENARIO=small BUILD=1 OUT="" TYRUS_PATCH=0
while [ $# -gt 0 ]; do
  case "$1" in
    small|large|fanout|churn) SCENARIO=$1 ;;
    --skip-build) BUILD=0 ;;
    --out) OUT=$2; shift ;;
    --tyrus-patch) TYRUS_PATCH=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-$HERE/target/profile-$SCENARIO-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
CP="$HERE/target/classes:$HERE/target/lib/*"
SERVER_CP=$CP
AP_VERSION=4.1
AP_DIR=$HERE/target/async-profiler
log() { echo "[$(date +%T)] $*" >&2; }

if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && { mvn -B -q -o -pl bench -am package -DskipTests 2>/dev/null || mvn -B -q -pl bench -am package -DskipTests; })
fi
if [ ! -f "$AP_DIR/linux-x64/libasyncProfiler.so" ]; then
  log "fetching async-profiler $AP_VERSION"
  mkdir -p "$AP_DIR"
  (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" \
      -DoutputDirectory="$AP_DIR")
  (cd "$AP_DIR" && unzip -q -o "async-profiler-$AP_VERSION-linux-x64.jar" 'linux-x64/*')
fi
LIB=$AP_DIR/linux-x64/libasyncProfiler.so
if [ "$TYRUS_PATCH" = 1 ]; then
  SERVER_CP="$(bash "$HERE/tyrus-patch/jar.sh"):$CP"
fi

A=raw B=bridge UNIT=Msg RATE=msgPerSec
if [ "$SCENARIO" = small ]; then
  LOAD=(--mode echo --connections 64 --inflight 16 --size 32 --type text)
elif [ "$SCENARIO" = large ]; then
  LOAD=(--mode echo --connections 64 --inflight 16 --size 16384 --type binary)
elif [ "$SCENARIO" = churn ]; then
  LOAD=(--mode churn --connections 16 --sources 8)
  UNIT=Cycle RATE=cyclesPerSec
else
  LOAD=(--mode fanout --connections 1000 --inflight 8 --size 32 --concurrency 128)
  A=raw-fanout B=room UNIT=Delivery RATE=deliveriesPerSec
fi

# The agent is loaded at startup and only started later: attaching it to a running JVM made the JIT
# recompile during the profiled window and doubled the CPU per message.
taskset -c 0 java -agentpath:"$LIB" -Xms512m -Xmx4g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
    -cp "$SERVER_CP" dev.wspair.bench.server.BenchServer 0 > "$OUT/server.out" 2> "$OUT/server.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q '^bench-server port' "$OUT/server.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(awk '/^bench-server port/ {print $3}' "$OUT/server.out")
log "server pid $PID port $PORT"

loadgen() {
  taskset -c 1 java -Xms256m -Xmx2g -cp "$CP" dev.wspair.bench.load.LoadGen "$@" 2>> "$OUT/loadgen.err"
}
agent() {  # the options quoted once more: jcmd's parser would read "start,event=cpu" as a key=value pair
  taskset -c 1 jcmd "$PID" JVMTI.agent_load "$LIB" "\"$1\"" > /dev/null
}

log "warm-up"
for label in $A $B $A $B $A $B; do
  loadgen --url "ws://127.0.0.1:$PORT/$label" "${LOAD[@]}" --warmup 3 --duration 2 > /dev/null
done

EVENT=cpu
if ! agent "start,event=cpu,interval=1ms,threads,file=$OUT/probe.txt,collapsed" 2>/dev/null; then EVENT=itimer; fi
agent "stop,file=$OUT/probe.txt,collapsed" 2>/dev/null || true
rm -f "$OUT/probe.txt"
for kind in cpu alloc; do
  for label in $A $B; do
    log "$kind profile of $label"
    start=(start,event=$EVENT,interval=1ms,threads)
    [ "$kind" = alloc ] && start=(start,event=alloc,alloc=16k)
    if [ "$SCENARIO" = fanout ]; then
      # the agent starts once the 1,000 sockets are open and warm: handshakes are not profiled
      loadgen --url "ws://127.0.0.1:$PORT/$label" --server-pid "$PID" "${LOAD[@]}" --warmup 5 --duration 12 \
          --tag "label=$label" --tag "profile=$kind" > "$OUT/$label.$kind.json" &
      LG=$!
      sleep 7
      agent "${start[0]}"
      sleep 8.7
    else
      agent "${start[0]}"
      loadgen --url "ws://127.0.0.1:$PORT/$label" --server-pid "$PID" "${LOAD[@]}" --warmup 0.5 --duration 8 \
          --tag "label=$label" --tag "profile=$kind" > "$OUT/$label.$kind.json"
    fi
    if [ "$kind" = cpu ]; then
      agent "stop,file=$OUT/$label.$kind.collapsed,collapsed"
    else
      agent "stop,file=$OUT/$label.$kind.collapsed,collapsed,total"
    fi
    [ "$SCENARIO" = fanout ] && wait "$LG"
    cat "$OUT/$label.$kind.json" >&2
  done
done

field() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"; }
{
  echo "# Profile: $SCENARIO, $B (B) vs $A (A), $(date -u '+%Y-%m-%d %H:%M UTC'), async-profiler $AP_VERSION event=$EVENT$([ "$TYRUS_PATCH" = 1 ] && echo ", server with tyrus-patch/Masker.java")"
  for label in $A $B; do
    echo "- $label under the CPU profile: $(field "$OUT/$label.cpu.json" $RATE)/s, $(field "$OUT/$label.cpu.json" serverCpuUsPer$UNIT) µs per ${UNIT,,}"
  done
  java -cp "$CP" dev.wspair.bench.tools.ProfileDiff cpu \
      "$OUT/$A.cpu.collapsed" "$(field "$OUT/$A.cpu.json" serverCpuUsPer$UNIT)" \
      "$OUT/$B.cpu.collapsed" "$(field "$OUT/$B.cpu.json" serverCpuUsPer$UNIT)" 30
  # messages during the allocation profile: the window's rate over the whole profiled run
  ra=$(awk -v r="$(field "$OUT/$A.alloc.json" $RATE)" 'BEGIN {print r * 8.7}')
  ba=$(awk -v r="$(field "$OUT/$B.alloc.json" $RATE)" 'BEGIN {print r * 8.7}')
  java -cp "$CP" dev.wspair.bench.tools.ProfileDiff alloc "$OUT/$A.alloc.collapsed" "$ra" "$OUT/$B.alloc.collapsed" "$ba" 20
} > "$OUT/profile.md"
cat "$OUT/profile.md"
log "profiles in $OUT"
