#!/usr/bin/env bash
# The HTTP benchmark: the same servlet on embedded Jetty 12 with three session implementations, each in its
# own JVM and, for the two Redis-backed ones, on its own Redis:
#   memory  the container's in-memory sessions (the baseline of every ratio)
#   spring  Spring Session Data Redis with its defaults
#   filter  session-filter
# Load comes from wrk in its own process, one connection per wrk thread, each with its own session cookie
# (wrk-session.lua). The three servers start once and are warmed up until the JIT has settled; then, per
# round and workload, the variants are measured one after the other (their order rotates per round), so a
# ratio compares measurements taken seconds apart.
#
#   benchmarks/http.sh <benchmarks.jar> <out-dir>
#
# Writes <out-dir>/http.tsv (one line per measurement) and <out-dir>/http-sessions.tsv (bytes per session
# in Redis); BenchmarkReport turns them into Markdown and the chart. Needs wrk, redis-server, redis-cli,
# curl. Only 127.0.0.1 is used. Settings (environment): HTTP_DURATION (s per measurement, 10),
# HTTP_WARMUP (s per workload and variant before the first round, 10), HTTP_CONNECTIONS (32), HTTP_ROUNDS (3).
set -euo pipefail
jar=$(realpath "${1:?usage: http.sh <benchmarks.jar> <out-dir>}")
out=$(realpath "${2:?usage: http.sh <benchmarks.jar> <out-dir>}")
cd "$(dirname "$0")"
duration=${HTTP_DURATION:-10}; warmup=${HTTP_WARMUP:-10}; connections=${HTTP_CONNECTIONS:-32}; rounds=${HTTP_ROUNDS:-3}
variants=(memory spring filter)
workloads=(none read write mutate)
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
declare -A server_pid server_port redis_port
cleanup() {
  for v in "${variants[@]}"; do [[ -n "${server_pid[$v]:-}" ]] && kill "${server_pid[$v]}" 2>/dev/null || true; done
  for f in "$work"/redis-*.pid; do [[ -f "$f" ]] && kill "$(cat "$f")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

rcli() { redis-cli -h 127.0.0.1 -p "${redis_port[$1]}" "${@:2}"; }
for v in spring filter; do
  redis_port[$v]=$(free_port)
  redis-server --port "${redis_port[$v]}" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$work/redis-$v.pid" --logfile "$work/redis-$v.log"
  for _ in $(seq 50); do rcli "$v" ping >/dev/null 2>&1 && break; sleep 0.1; done
done

for v in "${variants[@]}"; do
  server_port[$v]=$(free_port)
  java -Xms512m -Xmx512m -cp "$jar" io.github.sessionfilter.benchmarks.HttpBenchmarkServer "$v" "${server_port[$v]}" \
    "redis://127.0.0.1:${redis_port[$v]:-0}" > "$work/server-$v.log" 2>&1 &
  server_pid[$v]=$!
done
for v in "${variants[@]}"; do
  # ready when a session can be created (the filter's Redis client connects in the background)
  for _ in $(seq 150); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${server_port[$v]}/login")" == 200 ]] && continue 2
    sleep 0.2
  done
  echo "server $v did not start" >&2; cat "$work/server-$v.log" >&2; exit 1
done

load() { # variant workload seconds [--latency]
  wrk -t "$connections" -c "$connections" -d "${3}s" ${4:-} -s wrk-session.lua \
    "http://127.0.0.1:${server_port[$1]}" -- "/$2"
}
ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
redis_cpu() { [[ -n "${redis_port[$1]:-}" ]] && rcli "$1" info cpu | awk -F: '/^used_cpu_(user|sys):/ {s += $2} END {printf "%.6f", s}' || echo 0; }
# "<round trips> <all commands>": commandstats also counts the commands a Lua script runs, so where scripts
# were called the round trips are the script calls plus the plain commands the filter sends (DEL);
# without scripts every command is a round trip.
redis_calls() {
  [[ -z "${redis_port[$1]:-}" ]] && { echo "0 0"; return; }
  rcli "$1" info commandstats | awk -F'[:=,]' '
    /^cmdstat_/ && $1 != "cmdstat_info" && $1 !~ /^cmdstat_config/ {all += $3}
    $1 == "cmdstat_evalsha" || $1 == "cmdstat_eval" {scripts += $3}
    $1 == "cmdstat_del" || $1 == "cmdstat_unlink" {plain += $3}
    END {print (scripts > 0 ? scripts + plain : all) + 0, all + 0}'
}

echo "== HTTP: warming up ${#variants[@]} servers (${warmup} s per workload each)" >&2
for v in "${variants[@]}"; do for w in "${workloads[@]}"; do load "$v" "$w" "$warmup" > /dev/null; done; done

# one measurement -> a line of http.tsv
measure() { # round workload variant
  local v=$3 pid=${server_pid[$3]}
  [[ -n "${redis_port[$v]:-}" ]] && rcli "$v" config resetstat > /dev/null
  local before rbefore result after rafter
  before=$(cpu_ticks "$pid"); rbefore=$(redis_cpu "$v")
  result=$(load "$v" "$2" "$duration" --latency)
  after=$(cpu_ticks "$pid"); rafter=$(redis_cpu "$v")
  local trips calls; read -r trips calls <<< "$(redis_calls "$v")"
  local requests rps p50 p99 errors
  requests=$(echo "$result" | awk '/requests in/ {print $1}')
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$result" | awk '/Non-2xx/ {print $5}'); errors=${errors:-0}
  awk -v round="$1" -v w="$2" -v v="$v" -v r="$rps" -v p50="$p50" -v p99="$p99" -v t=$((after - before)) \
      -v hz="$ticks_per_second" -v n="$requests" -v rc="$(awk -v a="$rafter" -v b="$rbefore" 'BEGIN {print a - b}')" \
      -v c="$calls" -v k="$trips" -v e="$errors" \
      'BEGIN {printf "%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%.2f\t%.2f\t%s\n", round, w, v, r, p50, p99, t / hz * 1e6 / n, rc * 1e6 / n, k / n, c / n, e}'
}

{
  echo -e "# wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $connections connections, ${duration} s per measurement, ${warmup} s warm-up per workload, $rounds rounds, Redis $(redis-server --version | awk '{print $3}' | sed 's/v=//'), $(nproc) cores"
  echo -e "round\tworkload\tvariant\trequests_per_s\tp50\tp99\tserver_cpu_us\tredis_cpu_us\tround_trips\tcommands\terrors"
} > "$out/http.tsv"
for round in $(seq "$rounds"); do
  echo "== HTTP: round $round of $rounds" >&2
  for w in "${workloads[@]}"; do
    order=("${variants[@]:$(( (round - 1) % ${#variants[@]} ))}" "${variants[@]:0:$(( (round - 1) % ${#variants[@]} ))}")
    for v in "${order[@]}"; do measure "$round" "$w" "$v" >> "$out/http.tsv"; done
  done
done

# Bytes per session in Redis: MEMORY USAGE of each session hash (one per connection), averaged.
echo -e "variant\tsessions\tbytes_per_session" > "$out/http-sessions.tsv"
for v in spring filter; do
  rcli "$v" --scan | while read -r key; do
    [[ "$(rcli "$v" type "$key")" == hash ]] && rcli "$v" memory usage "$key" samples 0
  done | awk -v v="$v" '{s += $1; n++} END {printf "%s\t%d\t%.0f\n", v, n, n ? s / n : 0}' >> "$out/http-sessions.tsv"
done
