#!/usr/bin/env bash
# The example chat on a cluster of three nodes on this machine, in one command (from anywhere):
#   war-example/run-cluster.sh
# Three JVMs, each an embedded runtime with its own Hazelcast member, all on 127.0.0.1:
#   http://127.0.0.1:8081/  http://127.0.0.1:8082/  http://127.0.0.1:8083/   (HTTP_PORT=8081 to move them)
#   Hazelcast members on 5701, 5702, 5703                                  (CLUSTER_PORT=5701 to move them)
# Open the chat on two of them and join the same room: the room (a Durable Object) lives on one
# node and both pages meet in it. Kill one node (kill -9 PID, printed below) and reconnect.
# Ctrl-C stops the three nodes cleanly (their clients get 1001). Logs: war-example/target/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."
HTTP_PORT=${HTTP_PORT:-8081}
CLUSTER_PORT=${CLUSTER_PORT:-5701}
mvn -q -B -pl war-example -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/cluster.classpath
CP="war-example/target/test-classes:war-example/target/classes:$(cat war-example/target/cluster.classpath)"
MEMBERS="127.0.0.1:${CLUSTER_PORT},127.0.0.1:$((CLUSTER_PORT + 1)),127.0.0.1:$((CLUSTER_PORT + 2))"
mkdir -p war-example/target/cluster
pids=()
stop() {
    trap - INT TERM EXIT
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT
for i in 0 1 2; do
    java -cp "$CP" -Dwspair.objects.hibernateAfter=PT30M \
        -Dwspair.cluster.members="$MEMBERS" -Dwspair.cluster.port=$((CLUSTER_PORT + i)) \
        dev.wspair.embedded.Main --port $((HTTP_PORT + i)) --static war-example/src/main/webapp \
        > "war-example/target/cluster/node-$i.log" 2>&1 &
    pids+=($!)
    echo "node $i: http://127.0.0.1:$((HTTP_PORT + i))/ (pid $!, log war-example/target/cluster/node-$i.log)"
done
wait "${pids[@]}"
