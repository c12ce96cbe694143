#!/usr/bin/env bash
# The HTTP benchmark: embedded Jetty 12 with the container's in-memory sessions vs session-filter on a
# Redis of its own, load from wrk in its own process (one connection per wrk thread, each with its own
# session cookie: wrk-session.lua). For each workload the two variants run alternately, ROUNDS times.
# Prints a Markdown section on stdout. Needs wrk and redis-server on the PATH; called by run.sh with the
# benchmarks jar already built. Only 127.0.0.1 is ever used.
set -euo pipefail
jar=$(realpath "${1:?usage: http.sh <benchmarks.jar>}")
cd "$(dirname "$0")"
duration=${HTTP_DURATION:-10}; warmup=${HTTP_WARMUP:-5}; connections=${HTTP_CONNECTIONS:-4}; rounds=${HTTP_ROUNDS:-2}
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -f "$work/redis.pid" ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
for _ in $(seq 50); do rcli ping >/dev/null 2>&1 && break; sleep 0.1; done

ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# "<script calls> <all commands>": commandstats counts the commands a Lua script runs as well, so the round
# trips are the script calls (EVALSHA/EVAL) plus the plain commands the filter sends (DEL, SET/lock).
redis_calls() { rcli info commandstats | awk -F'[:=,]' '
  /^cmdstat_/ && $1 != "cmdstat_info" && $1 != "cmdstat_config" {all += $3}
  $1 == "cmdstat_evalsha" || $1 == "cmdstat_eval" || $1 == "cmdstat_del" {trips += $3}
  END {print trips + 0, all + 0}'; }

start_server() { # mode port
  java -Xms512m -Xmx512m -cp "$jar" io.github.sessionfilter.benchmarks.HttpBenchmarkServer "$1" "$2" \
    "redis://127.0.0.1:$redis_port" > "$work/server-$1.log" 2>&1 &
  server_pid=$!
  # ready when a session can be created (the filter's Redis client connects in the background)
  for _ in $(seq 100); do [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/login")" == 200 ]] && return; sleep 0.2; done
  echo "server $1 did not start" >&2; cat "$work/server-$1.log" >&2; exit 1
}

# one measurement: mode workload -> "rps p50 p99 cpu_us_per_request redis_per_request errors"
measure() {
  local mode=$1 workload=$2 port
  port=$(free_port)
  start_server "$mode" "$port"
  wrk -t "$connections" -c "$connections" -d "${warmup}s" -s wrk-session.lua "http://127.0.0.1:$port" -- "/$workload" > /dev/null
  rcli config resetstat > /dev/null
  local before after out requests
  before=$(cpu_ticks "$server_pid")
  out=$(wrk -t "$connections" -c "$connections" -d "${duration}s" --latency -s wrk-session.lua "http://127.0.0.1:$port" -- "/$workload")
  after=$(cpu_ticks "$server_pid")
  local calls; read -r trips calls <<< "$(redis_calls)"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}'); errors=${errors:-0}
  awk -v r="$rps" -v p50="$p50" -v p99="$p99" -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" \
      -v c="$calls" -v k="$trips" -v e="$errors" \
      'BEGIN {printf "%s %s %s %.1f %.2f %.2f %s\n", r, p50, p99, t / hz * 1e6 / n, k / n, c / n, e}'
}

echo "## HTTP"
echo
echo "Embedded Jetty $(unzip -p "$jar" META-INF/maven/org.eclipse.jetty/jetty-server/pom.properties 2>/dev/null | sed -n 's/^version=//p'),"
echo "one servlet; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') with $connections connections (one session each), ${duration} s per"
echo "measurement after ${warmup} s of warm-up, server and wrk on the same $(nproc) cores; Redis $(redis-server --version | awk '{print $3}' | sed 's/v=//')"
echo "on 127.0.0.1 (no network latency: on Memorystore add a round trip per Redis command). The variants ran"
echo "alternately, $rounds round(s) each; the table shows the median round. CPU per request is the server JVM's user+system"
echo "time over the measurement divided by the requests (includes GC and JIT). Redis commands per request from"
echo "INFO commandstats: round trips (script calls and DEL; the one login per connection is included) and all
commands including those the Lua scripts run. The ratio compares with the in-memory sessions of the same round."
echo
echo "| workload | sessions | requests/s | p50 | p99 | server CPU µs/request | Redis round trips/request | Redis commands/request | errors | requests/s vs in-memory | CPU/request vs in-memory |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for workload in none read write mutate; do
  : > "$work/memory.txt"; : > "$work/filter.txt"
  for _ in $(seq "$rounds"); do
    measure memory "$workload" >> "$work/memory.txt"
    measure filter "$workload" >> "$work/filter.txt"
  done
  mem=$(sort -n -k1 "$work/memory.txt" | sed -n "$(( (rounds + 1) / 2 ))p")
  fil=$(sort -n -k1 "$work/filter.txt" | sed -n "$(( (rounds + 1) / 2 ))p")
  read -r m_rps m_p50 m_p99 m_cpu m_trips m_redis m_err <<< "$mem"
  read -r f_rps f_p50 f_p99 f_cpu f_trips f_redis f_err <<< "$fil"
  echo "| $workload | container (in memory) | $m_rps | $m_p50 | $m_p99 | $m_cpu | – | – | $m_err | 1 | 1 |"
  echo "| $workload | session-filter | $f_rps | $f_p50 | $f_p99 | $f_cpu | $f_trips | $f_redis | $f_err |" \
    "$(awk -v a="$f_rps" -v b="$m_rps" 'BEGIN {printf "%.2f", a / b}') | $(awk -v a="$f_cpu" -v b="$m_cpu" 'BEGIN {printf "%.2f", a / b}') |"
done
