#!/usr/bin/env bash
# The comparison of issues 6, 11 and 15 in one command (see bench/README.md):
#
#   bench/run.sh            full run: 10 interleaved rounds per message size and of fan-out, idle
#                           5,000 (x2) and 50,000, churn, JMH; about 30 minutes on a 2-core machine
#   bench/run.sh --quick    smoke run: 3 rounds, shorter windows, 10,000 instead of 50,000
#
# Options: --skip-build, --no-workerd, --no-node, --rounds N (echo, churn, fan-out), --churn-rounds N,
# --idle-reps N, --out DIR,
# --phases "echo churn idle big fanout jmh" (a subset; with --append the results are added to
# OUT's and the report covers them all), --baseline IMPL_JAR (another wspair-impl jar, e.g. main's,
# run beside the work tree's as the labels room-base and object-base in the idle and fan-out rows),
# --tyrus-patch (the bench servers run tyrus-patch/Masker.java, the proposed faster Tyrus Masker,
# before tyrus-core on their class path; the load generator does not use Tyrus).
#
# The build is `mvn -pl bench -am package`: the bench always runs the work tree's api and impl.
# Targets: the raw JSR-356 echo (/raw and, for the A/A control, /raw2), the bridge route (/bridge)
# the Durable Object room (/room: BenchRoom, hibernateAfter PT1S) and the same fan-out on plain
# JSR-356 (/raw-fanout) in one bench-server JVM;
# workerd (workerd/echo.capnp, and workerd/fanout.capnp for the fan-out); Node's ws (node/server.mjs,
# installed with npm ci into bench/node/node_modules). Every server is bound to 127.0.0.1 and
# pinned to CPU 0, the load generator (and jcmd) to CPU 1. The legs of a round run in a rotating
# order. The many-connections run wants BIG_N descriptors; where the hard limit of open files is
# lower and cannot be raised, it holds as many as the limit allows and says so.
# Results: OUT/results.jsonl (one JSON line per load-generator run), OUT/hist/ (class histograms
# of the idle runs), OUT/jmh.csv, OUT/report.md (printed at the end).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
COMMAND="bench/run.sh $*"
ROUNDS=10 WARMUP=1 DURATION=4 IDLE_N=5000 IDLE_REPS=2 BIG_N=50000 CHURN_ROUNDS=
FAN_N=1000 FAN_INFLIGHT=8 FAN_WARMUP=2 FAN_DURATION=4
JMH_OPTS=(-wi 3 -w 1s -i 5 -r 2s -f 1)
QUICK=0 BUILD=1 WORKERD=1 NODE=1 APPEND=0 BASELINE="" TYRUS_PATCH=0
PHASES="echo churn idle big fanout jmh"
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-build) BUILD=0 ;;
    --no-workerd) WORKERD=0 ;;
    --no-node) NODE=0 ;;
    --phases) PHASES=$2; shift ;;
    --append) APPEND=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --idle-reps) IDLE_REPS=$2; shift ;;
    --churn-rounds) CHURN_ROUNDS=$2; shift ;;
    --baseline) BASELINE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift ;;
    --out) OUT=$2; shift ;;
    --tyrus-patch) TYRUS_PATCH=1 ;;
    -h|--help) sed -n 2,25p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  ROUNDS=3 DURATION=2 IDLE_REPS=1 BIG_N=10000 CHURN_ROUNDS=1 FAN_DURATION=2
  JMH_OPTS=(-wi 1 -w 1s -i 2 -r 1s -f 1)
fi
# churn rounds follow --rounds unless given (a round is 4 s per target)
CHURN_ROUNDS=${CHURN_ROUNDS:-$ROUNDS}
OUT=${OUT:-$HERE/target/run-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT/hist"
RESULTS=$OUT/results.jsonl
[ "$APPEND" = 1 ] || : > "$RESULTS"
phase() { case " $PHASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
CP="$HERE/target/classes:$HERE/target/lib/*"
SERVER_CP=$CP
SERVER_JVM=(-Xms512m -Xmx4g -Dwspair.objects.hibernateAfter=PT1S)
CLIENT_JVM=(-Xms256m -Xmx2g)
WD_BIN=$ROOT/src-it/workerd/node_modules/@cloudflare/workerd-linux-64/bin/workerd
log() { echo "[$(date +%T)] $*" >&2; }

ulimit -Hn $((BIG_N + 10000)) 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT=$(ulimit -n)
BIG_TARGET=$BIG_N
if [ "$FD_LIMIT" != unlimited ] && [ "$FD_LIMIT" -lt $((BIG_N + 1000)) ]; then
  BIG_N=$(( (FD_LIMIT - 1000) / 1000 * 1000 ))
  log "open files are limited to $FD_LIMIT (hard limit, cannot be raised here): the many-connections run holds $BIG_N instead of $BIG_TARGET"
fi

# ---- build ----
if [ "$BUILD" = 1 ]; then
  log "building bench with the work tree's api and impl"
  (cd "$ROOT" && { mvn -B -q -o -pl bench -am package -DskipTests 2>/dev/null || mvn -B -q -pl bench -am package -DskipTests; })
fi
if [ "$WORKERD" = 1 ] && [ ! -x "$WD_BIN" ]; then
  log "npm ci in src-it/workerd"
  (cd "$ROOT/src-it/workerd" && npm ci --no-audit --no-fund >/dev/null)
fi
if [ "$NODE" = 1 ] && [ ! -f "$HERE/node/node_modules/ws/package.json" ]; then
  log "npm ci in bench/node"
  (cd "$HERE/node" && npm ci --no-audit --no-fund >/dev/null)
fi
if [ "$TYRUS_PATCH" = 1 ]; then
  SERVER_CP="$(bash "$HERE/tyrus-patch/jar.sh"):$CP"
fi
BASE_CP=""
if [ -n "$BASELINE" ]; then
  mkdir -p "$OUT/baseline-lib"
  cp "$HERE"/target/lib/*.jar "$OUT/baseline-lib/"
  cp "$BASELINE" "$OUT/baseline-lib/wspair-impl-0.1.0-SNAPSHOT.jar"
  BASE_CP="$HERE/target/classes:$OUT/baseline-lib/*"
fi

# ---- processes ----
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
# wait_line FILE PATTERN PID: until FILE has a line matching PATTERN (the server listens)
wait_line() {
  for _ in $(seq 300); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { cat "$1" "${1%.out}.err" >&2 2>/dev/null; return 1; }
    sleep 0.1
  done
  log "no '$2' in $1"; return 1
}
STARTED_PID="" STARTED_PORT=""
start_jvm() {  # start_jvm NAME [CLASSPATH]: the bench server
  local name=$1 cp=${2:-$SERVER_CP}
  taskset -c 0 java "${SERVER_JVM[@]}" -cp "$cp" dev.wspair.bench.server.BenchServer 0 > "$OUT/$name.out" 2> "$OUT/$name.err" &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  wait_line "$OUT/$name.out" '^bench-server port' "$STARTED_PID"
  STARTED_PORT=$(awk '/^bench-server port/ {print $3}' "$OUT/$name.out")
}
start_node() {  # start_node NAME
  local name=$1
  taskset -c 0 node "$HERE/node/server.mjs" > "$OUT/$name.out" 2> "$OUT/$name.err" &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  wait_line "$OUT/$name.out" '^node-server port' "$STARTED_PID"
  STARTED_PORT=$(awk '/^node-server port/ {print $3}' "$OUT/$name.out")
}
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 10000))
    ss -ltn "sport = :$p" | grep -q LISTEN || { echo "$p"; return; }
  done
}
start_workerd() {  # start_workerd NAME CONFIG
  local name=$1 config=$2
  STARTED_PORT=$(free_port)
  (cd "$HERE/workerd" && exec taskset -c 0 "$WD_BIN" serve "$config" --socket-addr "http=127.0.0.1:$STARTED_PORT") > "$OUT/$name.out" 2>&1 &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$STARTED_PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "workerd did not start"; cat "$OUT/$name.out" >&2; return 1
}

loadgen() {  # loadgen ARGS...: one run, its JSON line appended to results.jsonl
  taskset -c 1 java "${CLIENT_JVM[@]}" -cp "$CP" dev.wspair.bench.load.LoadGen "$@" 2>> "$OUT/loadgen.err" | tee -a "$RESULTS" >&2 || log "load generator failed: $*"
}

# Targets of the running phase: LABEL -> "PID URL"
declare -A TARGET
leg() {  # leg LABEL SCENARIO ROUND EXTRA...
  local label=$1 scenario=$2 round=$3; shift 3
  local t=${TARGET[$label]}
  loadgen --url "${t#* }" --server-pid "${t%% *}" --tag "scenario=$scenario" --tag "label=$label" --tag "round=$round" "$@"
}
rotate() {  # rotate ROUND LABELS...: the labels in this round's order
  local r=$1; shift
  local labels=("$@") n=$# i
  for i in $(seq 0 $((n - 1))); do echo "${labels[$(( (i + r) % n ))]}"; done
}

# ---- echo and churn: one bench server, workerd and Node, interleaved rounds ----
if phase echo || phase churn; then
  log "starting the bench server, workerd and Node"
  start_jvm server; JVM=$STARTED_PID
  for l in raw raw2 bridge; do TARGET[$l]="$JVM ws://127.0.0.1:$STARTED_PORT/$l"; done
  LABELS=(raw bridge raw2)
  if [ "$WORKERD" = 1 ]; then start_workerd workerd echo.capnp; WD=$STARTED_PID; TARGET[workerd]="$WD ws://127.0.0.1:$STARTED_PORT/"; LABELS+=(workerd); fi
  if [ "$NODE" = 1 ]; then start_node node; NODE_PID=$STARTED_PID; TARGET[node]="$NODE_PID ws://127.0.0.1:$STARTED_PORT/echo"; LABELS+=(node); fi
fi
SMALL=(--mode echo --connections 64 --inflight 16 --size 32 --type text)
LARGE=(--mode echo --connections 64 --inflight 16 --size 16384 --type binary)
if phase echo; then
  log "warm-up (not recorded)"
  for label in "${LABELS[@]}"; do
    leg "$label" warm 0 "${SMALL[@]}" --warmup 10 --duration 2 >/dev/null 2>&1 || true
    leg "$label" warm 0 "${LARGE[@]}" --warmup 2 --duration 1 >/dev/null 2>&1 || true
  done
  sed -i '/"scenario":"warm"/d' "$RESULTS"
  for scenario in small large; do
    if [ "$scenario" = small ]; then ARGS=("${SMALL[@]}"); else ARGS=("${LARGE[@]}"); fi
    for r in $(seq "$ROUNDS"); do
      for label in $(rotate "$r" "${LABELS[@]}"); do
        log "echo $scenario round $r/$ROUNDS: $label"
        leg "$label" "$scenario" "$r" "${ARGS[@]}" --warmup "$WARMUP" --duration "$DURATION"
      done
    done
  done
fi
if phase churn; then
  # Opening and closing runs far more code than an echo (handshake, route, CDI, the closing
  # handshake): without this, the first rounds measured the JIT compiling the bridge's longer path
  # (79 us of C2 per cycle in a profile) more than the path itself.
  log "churn warm-up (not recorded)"
  for label in "${LABELS[@]}"; do
    [ "$label" = raw2 ] && continue
    leg "$label" warm 0 --mode churn --connections 16 --sources 8 --warmup 20 --duration 1 >/dev/null 2>&1 || true
  done
  sed -i '/"scenario":"warm"/d' "$RESULTS"
  for r in $(seq "$CHURN_ROUNDS"); do
    for label in $(rotate "$r" "${LABELS[@]}"); do
      [ "$label" = raw2 ] && continue
      log "churn round $r: $label"
      leg "$label" churn "$r" --mode churn --connections 16 --sources 8 --warmup 1 --duration 3
    done
  done
fi
if phase echo || phase churn; then
  for p in $JVM ${WD:-} ${NODE_PID:-}; do stop_pid "$p"; done
fi

# ---- idle: a fresh server per run, rounds rotating over the targets ----
if phase idle; then
  IDLE_LABELS=(raw bridge room raw2)
  [ -n "$BASELINE" ] && IDLE_LABELS+=(room-base)
  [ "$WORKERD" = 1 ] && IDLE_LABELS+=(workerd)
  [ "$NODE" = 1 ] && IDLE_LABELS+=(node)
  for rep in $(seq "$IDLE_REPS"); do
    for label in $(rotate "$rep" "${IDLE_LABELS[@]}"); do
      log "idle $IDLE_N, $label, run $rep"
      args=(--mode idle --connections "$IDLE_N" --concurrency 128 --settle 3 --tag scenario=idle --tag "label=$label" --tag "round=$rep")
      case "$label" in
        workerd) start_workerd "idle-$label-$rep" echo.capnp; url="ws://127.0.0.1:$STARTED_PORT/" ;;
        node) start_node "idle-$label-$rep"; url="ws://127.0.0.1:$STARTED_PORT/echo" ;;
        *)
          if [ "$label" = room-base ]; then start_jvm "idle-$label-$rep" "$BASE_CP"; else start_jvm "idle-$label-$rep"; fi
          path=/${label%-base}
          url="ws://127.0.0.1:$STARTED_PORT$path"
          args+=(--heap --histograms "$OUT/hist/$label-$rep")
          [ "$path" = /room ] && args+=(--probe "http://127.0.0.1:$STARTED_PORT/room-stats")
          ;;
      esac
      loadgen "${args[@]}" --url "$url" --server-pid "$STARTED_PID"
      stop_pid "$STARTED_PID"
    done
  done
fi
if phase big; then
  for label in bridge raw; do
    log "idle $BIG_N, $label"
    start_jvm "big-$label"
    loadgen --mode idle --url "ws://127.0.0.1:$STARTED_PORT/$label" --server-pid "$STARTED_PID" --connections "$BIG_N" \
        --concurrency 256 --sources 8 --warm-connections 0 --settle 3 --heap --tag scenario=big --tag "label=$label" --tag round=1 \
        --tag "target=$BIG_TARGET" --tag "fdLimit=$FD_LIMIT"
    stop_pid "$STARTED_PID"
  done
fi

# ---- fan-out: one room of FAN_N sockets, interleaved rounds ----
if phase fanout; then
  log "starting the fan-out servers"
  start_jvm fanout-server; FJVM=$STARTED_PID
  TARGET[object]="$FJVM ws://127.0.0.1:$STARTED_PORT/room"
  TARGET[object2]=${TARGET[object]}
  TARGET[raw-fanout]="$FJVM ws://127.0.0.1:$STARTED_PORT/raw-fanout"
  FAN_LABELS=(object object2 raw-fanout)
  FAN_PIDS=("$FJVM")
  if [ -n "$BASELINE" ]; then
    start_jvm fanout-base "$BASE_CP"; FAN_PIDS+=("$STARTED_PID"); TARGET[object-base]="$STARTED_PID ws://127.0.0.1:$STARTED_PORT/room"; FAN_LABELS+=(object-base)
  fi
  if [ "$WORKERD" = 1 ]; then
    start_workerd fanout-workerd fanout.capnp; FAN_PIDS+=("$STARTED_PID"); TARGET[workerd]="$STARTED_PID ws://127.0.0.1:$STARTED_PORT/room"; FAN_LABELS+=(workerd)
  fi
  if [ "$NODE" = 1 ]; then
    start_node fanout-node; FAN_PIDS+=("$STARTED_PID"); TARGET[node]="$STARTED_PID ws://127.0.0.1:$STARTED_PORT/fanout"; FAN_LABELS+=(node)
  fi
  FAN=(--mode fanout --connections "$FAN_N" --inflight "$FAN_INFLIGHT" --size 32 --concurrency 128)
  log "fan-out warm-up (not recorded)"
  for label in "${FAN_LABELS[@]}"; do
    [ "$label" = object2 ] && continue
    leg "$label" warm 0 "${FAN[@]}" --warmup 3 --duration 2 >/dev/null 2>&1 || true
  done
  sed -i '/"scenario":"warm"/d' "$RESULTS"
  for r in $(seq "$ROUNDS"); do
    for label in $(rotate "$r" "${FAN_LABELS[@]}"); do
      log "fan-out round $r/$ROUNDS: $label"
      leg "$label" fanout "$r" "${FAN[@]}" --warmup "$FAN_WARMUP" --duration "$FAN_DURATION"
    done
  done
  for p in "${FAN_PIDS[@]}"; do stop_pid "$p"; done
fi

# ---- JMH ----
if phase jmh; then
  log "JMH"
  java -jar "$HERE/target/benchmarks.jar" "${JMH_OPTS[@]}" -rf csv -rff "$OUT/jmh.csv" \
      'PairBenchmark|OutboundQueueBenchmark|DispatchBenchmark' > "$OUT/jmh.txt" 2>&1 || log "JMH failed: see $OUT/jmh.txt"
fi

# ---- report ----
{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- command: \`$COMMAND\` ($ROUNDS rounds, ${WARMUP} s warm-up + ${DURATION} s window per echo leg; fan-out ${FAN_WARMUP} s + ${FAN_DURATION} s, $FAN_N sockets, $FAN_INFLIGHT messages in flight)"
  echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JDK: $(java -version 2>&1 | head -2 | tail -1); servers: ${SERVER_JVM[*]} pinned to CPU 0 (the JVM sees 1 CPU and picks SerialGC); load generator on CPU 1"
  echo "- Tyrus 2.1.6 on Grizzly (embedded runtime$([ "$TYRUS_PATCH" = 1 ] && echo ", bench servers with tyrus-patch/Masker.java")), workerd $("$WD_BIN" --version 2>/dev/null | awk '{print $2}'), Node $(node --version) with ws $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$HERE/node/node_modules/ws/package.json" 2>/dev/null)"
  java -cp "$CP" dev.wspair.bench.tools.Report "$RESULTS" "$OUT/jmh.csv"
} > "$OUT/report.md"
cat "$OUT/report.md"
log "results in $OUT"
