#!/usr/bin/env bash
# Cold start: from launching the Apache Tomcat 11 distribution to the first answered session request
# (GET /session on demo.war, which creates a session), with session-filter and without it (the same WAR
# with the filter's jar and <filter> removed: the container's own sessions). Rounds alternate the two.
#
#   benchmarks/coldstart.sh            5 rounds
#   ROUNDS=3 benchmarks/coldstart.sh
#   CDS=1 ROUNDS=3 benchmarks/coldstart.sh
#                                      also both variants with an AppCDS archive (docs/CLOUD_RUN.md): each is
#                                      trained once (start, GET /session, stop, -XX:ArchiveClassesAtExit), then
#                                      started with -XX:SharedArchiveFile; two more columns
#
# Needs a JDK and redis-server on the PATH. Not part of ./mvnw verify. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rounds=${ROUNDS:-5}

echo "== building demo.war and unpacking the Tomcat distribution" >&2
./mvnw -B -q -DskipTests -pl container-tests -am pre-integration-test >&2
home=$(ls -d "$root"/container-tests/target/tomcat/apache-tomcat-*/ | head -1)
war="$root/demo-war/target/demo.war"
work=$(mktemp -d)
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile "$work/redis.log"
trap 'redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$work" 2>/dev/null || true' EXIT

# Two exploded copies of the WAR: as built, and without the filter.
mkdir -p "$work/with" "$work/without"
(cd "$work/with" && unzip -q "$war")
(cd "$work/without" && unzip -q "$war")
rm -f "$work"/without/WEB-INF/lib/session-filter-*.jar
python3 - "$work/without/WEB-INF/web.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r'\s*<filter>\s*<filter-name>sessionFilter</filter-name>.*?</filter>', '', s, flags=re.S)
s = re.sub(r'\s*<filter-mapping>\s*<filter-name>sessionFilter</filter-name>.*?</filter-mapping>', '', s, flags=re.S)
open(p, 'w').write(s)
PY

key="k1:$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
one_start() { # $1 = with|without, $2 = extra JVM options; prints milliseconds to the first answered /session
  local variant=$1 extra=${2:-} base="$work/base-$1" port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$base"; mkdir -p "$base"/{logs,temp,work,webapps}; cp -r "$home/conf" "$base/conf"
  sed -i "s/<Server port=\"8005\"/<Server port=\"-1\"/; s/<Connector port=\"8080\" protocol=\"HTTP\/1.1\"/<Connector port=\"$port\" address=\"127.0.0.1\" protocol=\"HTTP\/1.1\"/" "$base/conf/server.xml"
  cp -r "$work/$variant" "$base/webapps/ROOT"
  local start end
  start=$(date +%s%N)
  CATALINA_HOME="$home" CATALINA_BASE="$base" JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}" \
    SESSION_REDIS_URI="redis://127.0.0.1:$redis_port" SESSION_JWT_KEYS="$key" \
    CATALINA_OPTS="-Xmx256m $extra" bash "$home/bin/catalina.sh" run > "$base/console.log" 2>&1 &
  local pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/session" 2>/dev/null | grep -q '^200$'; do
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

if [ -z "${CDS:-}" ]; then
  echo "| round | without session-filter (ms) | with session-filter (ms) | difference (ms) |"
  echo "|---:|---:|---:|---:|"
  for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then a=$(one_start without); b=$(one_start with); else b=$(one_start with); a=$(one_start without); fi
    echo "| $round | $a | $b | $((b - a)) |"
    echo "$a $b $((b - a))" >> "$work/rows"
  done
  median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
  echo "| median | $(for i in 1 2 3; do awk -v i="$i" '{print $i}' "$work/rows" | median; done | paste -sd'|' | sed 's/|/ | /g') |"
  exit 0
fi

# AppCDS: one training start per variant writes its archive when the JVM exits (as the image build does).
for variant in without with; do
  echo "== training the AppCDS archive of '$variant'" >&2
  one_start "$variant" "-XX:ArchiveClassesAtExit=$work/$variant.jsa -Xlog:cds=off" >/dev/null
  [ -s "$work/$variant.jsa" ] || { echo "no archive written for $variant" >&2; exit 1; }
done
echo "| round | without (ms) | with (ms) | difference (ms) | without + AppCDS (ms) | with + AppCDS (ms) | difference with AppCDS (ms) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  a=""; b=""; c=""; d=""
  if (( round % 2 )); then order="a b c d"; else order="d c b a"; fi
  for x in $order; do
    case $x in
      a) a=$(one_start without) ;;
      b) b=$(one_start with) ;;
      c) c=$(one_start without "-XX:SharedArchiveFile=$work/without.jsa") ;;
      d) d=$(one_start with "-XX:SharedArchiveFile=$work/with.jsa") ;;
    esac
  done
  echo "| $round | $a | $b | $((b - a)) | $c | $d | $((d - c)) |"
  echo "$a $b $((b - a)) $c $d $((d - c))" >> "$work/rows"
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
echo "| median | $(for i in 1 2 3 4 5 6; do awk -v i="$i" '{print $i}' "$work/rows" | median; done | paste -sd'|' | sed 's/|/ | /g') |"
