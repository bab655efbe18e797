#!/usr/bin/env bash
# Two Payara Micro 6 nodes serving the same chat WAR in one wspair cluster, checked by hand (issue 12;
# not in CI):
#
#   bench/payara-cluster.sh [--skip-build] [--payara-hazelcast] [--delegate] [--no-bundle]
#
# The WAR is war-example's chat.war plus src-it's ClusterProbe (/cluster-probe), a /hz-where servlet
# (which class loader and jar give the WAR com.hazelcast.core.Hazelcast) and, unless --no-bundle,
# Hazelcast 5.7.0 in WEB-INF/lib and WEB-INF/glassfish-web.xml with <class-loader delegate="false"/>
# (--delegate leaves that descriptor out: Payara's default, parent first). Both nodes run the same
# bytes, with the cluster settings as system properties; everything binds 127.0.0.1:
#   node A  http://127.0.0.1:18081/cluster-chat/   wspair member 127.0.0.1:15701
#   node B  http://127.0.0.1:18082/cluster-chat/   wspair member 127.0.0.1:15702
# By default Payara's own Hazelcast is off (--nohazelcast, as in the ITs); --payara-hazelcast leaves
# it on (its data grid on 127.0.0.1:6900-6901, TCP-IP, beside the WAR's members).
# Then ChatCheck waits until both probes say "members=2 settled=true" and puts alice (through A)
# and bob (through B) in a room living on each node; exit 0 when both saw both messages in the same
# order. The nodes are stopped by their PIDs. Logs: target/payara-cluster/. About 3 min on 2 cores.
# The Payara Micro and Hazelcast jars come from ~/.m2 (mvn -o dependency:get ... if missing).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=1 PAYARA_HZ=0 DELEGATE=0 BUNDLE=1
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) BUILD=0 ;;
    --payara-hazelcast) PAYARA_HZ=1 ;;
    --delegate) DELEGATE=1 ;;
    --no-bundle) BUNDLE=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
M2=${M2:-$HOME/.m2/repository}
version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
PAYARA_VERSION=$(version payara.version)
HZ_VERSION=$(version hazelcast.version)
PAYARA_JAR=$M2/fish/payara/extras/payara-micro/$PAYARA_VERSION/payara-micro-$PAYARA_VERSION.jar
HZ_JAR=$M2/com/hazelcast/hazelcast/$HZ_VERSION/hazelcast-$HZ_VERSION.jar
CHAT_WAR=${CHAT_WAR:-$ROOT/war-example/target/chat.war}
OUT=$ROOT/target/payara-cluster
for jar in "$PAYARA_JAR" "$HZ_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar" >&2; exit 1; }
done
if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && mvn -B -q -o -pl war-example -am package -DskipTests)
fi
rm -rf "$OUT" && mkdir -p "$OUT/war"
(cd "$OUT/war" && jar --extract --file "$CHAT_WAR")
API=$(ls "$OUT"/war/WEB-INF/lib/wspair-*.jar | tr '\n' ':')
CP="$OUT/war/WEB-INF/classes:$API$M2/jakarta/enterprise/jakarta.enterprise.cdi-api/4.0.1/jakarta.enterprise.cdi-api-4.0.1.jar"
CP="$CP:$M2/jakarta/inject/jakarta.inject-api/2.0.1/jakarta.inject-api-2.0.1.jar:$M2/jakarta/servlet/jakarta.servlet-api/6.0.0/jakarta.servlet-api-6.0.0.jar"
javac --release 17 -d "$OUT/war/WEB-INF/classes" -cp "$CP" \
  "$ROOT/src-it/src/test/java/dev/wspair/it/cluster/ClusterProbe.java" "$HERE/payara-cluster/HzWhere.java"
if [ "$BUNDLE" = 1 ]; then
  cp "$HZ_JAR" "$OUT/war/WEB-INF/lib/"
  if [ "$DELEGATE" = 0 ]; then
    cat > "$OUT/war/WEB-INF/glassfish-web.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE glassfish-web-app PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN" "http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd">
<glassfish-web-app>
  <class-loader delegate="false"/>
</glassfish-web-app>
XML
  fi
fi
(cd "$OUT/war" && jar --create --file "$OUT/cluster-chat.war" .)
printf '%s\n' \
  'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
  'set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1' \
  > "$OUT/preboot.asadmin"
if [ "$PAYARA_HZ" = 1 ]; then
  HZ_ARGS=(--interfaces 127.0.0.1 --clustermode tcpip:127.0.0.1:6900)
else
  HZ_ARGS=(--nohazelcast)
fi

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT
for node in 0 1; do
  name=$([ $node = 0 ] && echo a || echo b)
  mkdir -p "$OUT/$name/tmp"
  java -Xmx512m -Djava.net.preferIPv4Stack=true -Djava.io.tmpdir="$OUT/$name/tmp" -Dhazelcast.socket.bind.any=false \
    -Dwspair.cluster.members=127.0.0.1:15701,127.0.0.1:15702 -Dwspair.cluster.port=$((15701 + node)) \
    -Dwspair.cluster.name=wspair-payara -Dwspair.cluster.advertise=http://127.0.0.1:$((18081 + node)) \
    -jar "$PAYARA_JAR" --port $((18081 + node)) --disablephonehome "${HZ_ARGS[@]}" \
    --rootdir "$OUT/$name/root" --prebootcommandfile "$OUT/preboot.asadmin" --deploy "$OUT/cluster-chat.war" \
    > "$OUT/$name.log" 2>&1 &
  pids+=($!)
  echo "node $name: pid $!, log $OUT/$name.log"
done
for name in a b; do
  for _ in $(seq 1 120); do
    grep -qs "ready in" "$OUT/$name.log" && break
    sleep 2
  done
  grep -h -o "wspair node .*\|.*did not join its cluster: .*" "$OUT/$name.log" | head -1 || true
done
for port in 18081 18082; do
  curl -s -m 10 "http://127.0.0.1:$port/cluster-chat/hz-where" | grep -E "^com.hazelcast.core.Hazelcast|version" \
    | sed 's/WebappClassLoader (\(delegate=[a-z]*\);.*@/WebappClassLoader (\1) @/' || true
done
java "$HERE/payara-cluster/ChatCheck.java" http://127.0.0.1:18081/cluster-chat/ http://127.0.0.1:18082/cluster-chat/
