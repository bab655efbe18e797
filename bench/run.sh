#!/usr/bin/env bash
# The whole comparison of issue 6 in one command (see bench/README.md):
#
#   bench/run.sh            full run: 10 interleaved rounds per message size, idle 5,000 (x2) and
#                           50,000, churn, JMH; about 15 minutes on a 2-core machine
#   bench/run.sh --quick    smoke run: 3 rounds, shorter windows, 10,000 instead of 50,000; ~4 min
#
# Options: --install (first `mvn install -pl api,impl`, to measure the engine in the work tree),
# --skip-build, --no-workerd, --rounds N, --out DIR, --phases "echo churn idle big jmh" (a subset;
# with --append the results are added to OUT's and the report covers them all).
#
# The many-connections run wants BIG_N (50,000) descriptors in the server and in the load
# generator; where the hard limit of open files is lower and cannot be raised (a container without
# CAP_SYS_RESOURCE: 20,000 here), it holds as many as the limit allows and says so.
#
# Servers run pinned to CPU 0, the load generator (and jcmd) to CPU 1. Every server is bound to
# 127.0.0.1. The raw JSR-356 echo (/raw and, for the A/A control, /raw2) and the bridge route
# (/bridge) live in the same JVM; workerd runs beside it on the same CPU (idle while not measured).
# The legs of a round run in a rotating order. Results: OUT/results.jsonl (one JSON line per
# load-generator run), OUT/jmh.csv, OUT/report.md (printed at the end).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
ROUNDS=10
WARMUP=1
DURATION=4
IDLE_N=5000
IDLE_REPS=2
BIG_N=50000
CHURN_ROUNDS=3
JMH_OPTS=(-wi 3 -w 1s -i 5 -r 2s -f 1)
QUICK=0 INSTALL=0 BUILD=1 WORKERD=1 APPEND=0
PHASES="echo churn idle big jmh"
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --install) INSTALL=1 ;;
    --skip-build) BUILD=0 ;;
    --no-workerd) WORKERD=0 ;;
    --phases) PHASES=$2; shift ;;
    --append) APPEND=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n 2,24p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  ROUNDS=3 DURATION=2 IDLE_REPS=1 BIG_N=10000 CHURN_ROUNDS=1
  JMH_OPTS=(-wi 1 -w 1s -i 2 -r 1s -f 1)
fi
OUT=${OUT:-$HERE/target/run-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
[ "$APPEND" = 1 ] || : > "$RESULTS"
phase() { case " $PHASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
CP="$HERE/target/classes:$HERE/target/lib/*"
SERVER_JVM=(-Xms512m -Xmx4g)
CLIENT_JVM=(-Xms256m -Xmx2g)
WD_BIN=$ROOT/src-it/workerd/node_modules/@cloudflare/workerd-linux-64/bin/workerd
log() { echo "[$(date +%T)] $*" >&2; }

# Many connections: raise the descriptor limit (the hard one too where that is allowed).
ulimit -Hn $((BIG_N + 10000)) 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT=$(ulimit -n)
BIG_TARGET=$BIG_N
if [ "$FD_LIMIT" != unlimited ] && [ "$FD_LIMIT" -lt $((BIG_N + 1000)) ]; then
  BIG_N=$(( (FD_LIMIT - 1000) / 1000 * 1000 ))
  log "open files are limited to $FD_LIMIT (hard limit, cannot be raised here): the many-connections run holds $BIG_N instead of $BIG_TARGET"
fi

# ---- build ----
if [ "$INSTALL" = 1 ]; then
  log "installing api and impl"
  (cd "$ROOT" && mvn -B -q -DskipTests install -pl api,impl)
fi
if [ "$BUILD" = 1 ]; then
  log "building bench"
  (cd "$ROOT" && { mvn -B -q -o -pl bench package 2>/dev/null || mvn -B -q -pl bench package; })
fi
if [ "$WORKERD" = 1 ] && [ ! -x "$WD_BIN" ]; then
  log "npm install in src-it/workerd"
  (cd "$ROOT/src-it/workerd" && npm install --no-audit --no-fund >/dev/null)
fi

# ---- processes ----
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

JVM_PID="" JVM_PORT=""
start_jvm() {  # start_jvm NAME: the bench server, pinned to CPU 0
  local name=$1
  taskset -c 0 java "${SERVER_JVM[@]}" -cp "$CP" dev.wspair.bench.server.BenchServer 0 \
      > "$OUT/$name.out" 2> "$OUT/$name.err" &
  JVM_PID=$!
  PIDS+=("$JVM_PID")
  for _ in $(seq 300); do
    if grep -q '^bench-server port' "$OUT/$name.out" 2>/dev/null; then
      JVM_PORT=$(awk '/^bench-server port/ {print $3}' "$OUT/$name.out")
      return 0
    fi
    kill -0 "$JVM_PID" 2>/dev/null || { cat "$OUT/$name.err" >&2; return 1; }
    sleep 0.1
  done
  log "bench server did not start"; return 1
}
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

WD_PID="" WD_PORT=""
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 10000))
    ss -ltn "sport = :$p" | grep -q LISTEN || { echo "$p"; return; }
  done
}
start_workerd() {  # start_workerd NAME
  local name=$1
  WD_PORT=$(free_port)
  (cd "$HERE/workerd" && exec taskset -c 0 "$WD_BIN" serve echo.capnp --socket-addr "http=127.0.0.1:$WD_PORT") \
      > "$OUT/$name.out" 2>&1 &
  WD_PID=$!
  PIDS+=("$WD_PID")
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$WD_PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "workerd did not start"; cat "$OUT/$name.out" >&2; return 1
}

loadgen() {  # loadgen ARGS...: one run, its JSON line appended to results.jsonl
  taskset -c 1 java "${CLIENT_JVM[@]}" -cp "$CP" dev.wspair.bench.load.LoadGen "$@" 2>> "$OUT/loadgen.err" | tee -a "$RESULTS" >&2 || log "load generator failed: $*"
}

leg() {  # leg LABEL SCENARIO ROUND EXTRA...
  local label=$1 scenario=$2 round=$3; shift 3
  local url pid
  case "$label" in
    workerd) url="ws://127.0.0.1:$WD_PORT/"; pid=$WD_PID ;;
    *) url="ws://127.0.0.1:$JVM_PORT/$label"; pid=$JVM_PID ;;
  esac
  loadgen --url "$url" --server-pid "$pid" --tag "scenario=$scenario" --tag "label=$label" --tag "round=$round" "$@"
}

SMALL=(--mode echo --connections 64 --inflight 16 --size 32 --type text)
LARGE=(--mode echo --connections 64 --inflight 16 --size 16384 --type binary)

LABELS=(raw bridge raw2)
[ "$WORKERD" = 1 ] && LABELS+=(workerd)

# ---- echo: interleaved rounds ----
if phase echo || phase churn; then
log "starting the bench server and workerd"
start_jvm server
[ "$WORKERD" = 1 ] && start_workerd workerd
log "bench server pid $JVM_PID port $JVM_PORT; workerd pid ${WD_PID:-none} port ${WD_PORT:-none}"
fi
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
    n=${#LABELS[@]}
    for i in $(seq 0 $((n - 1))); do
      label=${LABELS[$(( (i + r) % n ))]}
      log "echo $scenario round $r/$ROUNDS: $label"
      leg "$label" "$scenario" "$r" "${ARGS[@]}" --warmup "$WARMUP" --duration "$DURATION"
    done
  done
done
fi

# ---- churn ----
if phase churn; then
  for r in $(seq "$CHURN_ROUNDS"); do
    for label in raw bridge $([ "$WORKERD" = 1 ] && echo workerd); do
      log "churn round $r: $label"
      leg "$label" churn "$r" --mode churn --connections 16 --sources 8 --warmup 1 --duration 3
    done
  done
fi
if phase echo || phase churn; then
  stop_pid "$JVM_PID"
  [ "$WORKERD" = 1 ] && stop_pid "$WD_PID"
fi

# ---- idle: a fresh server per run ----
if phase idle; then
  for rep in $(seq "$IDLE_REPS"); do
    for label in raw bridge; do
      log "idle $IDLE_N, $label, run $rep"
      start_jvm "idle-$label-$rep"
      loadgen --mode idle --url "ws://127.0.0.1:$JVM_PORT/$label" --server-pid "$JVM_PID" --connections "$IDLE_N" \
          --concurrency 128 --heap --tag "label=$label" --tag "round=$rep"
      stop_pid "$JVM_PID"
    done
    if [ "$WORKERD" = 1 ]; then
      log "idle $IDLE_N, workerd, run $rep"
      start_workerd "idle-workerd-$rep"
      loadgen --mode idle --url "ws://127.0.0.1:$WD_PORT/" --server-pid "$WD_PID" --connections "$IDLE_N" \
          --concurrency 128 --tag "label=workerd" --tag "round=$rep"
      stop_pid "$WD_PID"
    fi
  done
fi
if phase big; then
  for label in bridge raw; do
    log "idle $BIG_N, $label"
    start_jvm "big-$label"
    loadgen --mode idle --url "ws://127.0.0.1:$JVM_PORT/$label" --server-pid "$JVM_PID" --connections "$BIG_N" \
        --concurrency 256 --sources 8 --warm-connections 0 --settle 3 --heap --tag "label=$label" --tag round=1 \
        --tag "target=$BIG_TARGET" --tag "fdLimit=$FD_LIMIT"
    stop_pid "$JVM_PID"
  done
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
  echo "- command: \`bench/run.sh$([ "$QUICK" = 1 ] && echo ' --quick')\` ($ROUNDS rounds, ${WARMUP} s warm-up + ${DURATION} s window per leg)"
  echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
  echo "- JDK: $(java -version 2>&1 | head -2 | tail -1); servers: ${SERVER_JVM[*]} pinned to CPU 0 (the JVM sees 1 CPU and picks SerialGC); load generator on CPU 1"
  echo "- Tyrus 2.1.6 on Grizzly (embedded runtime), workerd $("$WD_BIN" --version 2>/dev/null | awk '{print $2}')"
  java -cp "$CP" dev.wspair.bench.tools.Report "$RESULTS" "$OUT/jmh.csv"
} > "$OUT/report.md"
cat "$OUT/report.md"
log "results in $OUT"
