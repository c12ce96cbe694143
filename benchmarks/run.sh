#!/usr/bin/env bash
# Runs the benchmarks and writes docs/BENCHMARKS.md from their output.
#
#   benchmarks/run.sh                       JMH micro-benchmarks of this checkout
#   benchmarks/run.sh --baseline <git-ref>  the same, alternating with a build of <git-ref>, with ratios
#   QUICK=1 benchmarks/run.sh               fewer iterations (a smoke run, not for quoting)
#   SKIP_HTTP=1 benchmarks/run.sh           without the HTTP part (it needs wrk and redis-server; settings
#                                           in benchmarks/http.sh; writes docs/benchmarks-http.svg and .tsv)
#   SKIP_COLD=1 benchmarks/run.sh           without the cold-start part (benchmarks/coldstart.sh)
#
# Not part of ./mvnw verify. Builds with the Maven wrapper and -Pbenchmarks (the reactor builds the
# library; nothing is installed). Benchmark numbers are only comparable within one run: the script
# alternates the variants it compares and reports medians.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

baseline_ref=""
if [[ "${1:-}" == "--baseline" ]]; then
  baseline_ref="${2:?--baseline needs a git ref}"
fi
rounds=${ROUNDS:-2}; iterations=${ITERATIONS:-8}; warmups=${WARMUPS:-5}
if [[ -n "${QUICK:-}" ]]; then rounds=1; iterations=3; warmups=2; fi
work=$(mktemp -d)
trap '[[ -f "$work/jmh-redis.pid" ]] && kill "$(cat "$work/jmh-redis.pid")" 2>/dev/null; rm -rf "$work"; [[ -n "$baseline_ref" ]] && git -C "$root" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true' EXIT

echo "== building the benchmarks"
./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
jar="$root/benchmarks/target/benchmarks.jar"

baseline_args=()
if [[ -n "$baseline_ref" ]]; then
  echo "== building the baseline $baseline_ref (its library, these benchmarks)"
  git worktree add --detach "$work/baseline" "$baseline_ref" >/dev/null
  rm -rf "$work/baseline/benchmarks"
  cp -r "$root/benchmarks" "$work/baseline/benchmarks"
  rm -rf "$work/baseline/benchmarks/target"
  if ! grep -q "<id>benchmarks</id>" "$work/baseline/pom.xml"; then
    # the baseline predates the module: add the same profile to its parent pom
    sed -i 's#</modules>#</modules>\n  <profiles><profile><id>benchmarks</id><modules><module>benchmarks</module></modules></profile></profiles>#' \
      "$work/baseline/pom.xml"
  fi
  if ! (cd "$work/baseline" && "$root/mvnw" -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests >/dev/null 2>&1); then
    # RedisStoreBenchmark uses the store's current factory; an older library may not have it
    echo "== the baseline does not build RedisStoreBenchmark; it runs without it"
    rm -f "$work/baseline/benchmarks/src/main/java/io/github/sessionfilter/benchmarks/RedisStoreBenchmark.java"
    (cd "$work/baseline" && "$root/mvnw" -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests)
  fi
  cp "$work/baseline/benchmarks/target/benchmarks.jar" "$work/baseline.jar"
  baseline_args=("baseline=$work/baseline.jar" "baseline-label=$(git rev-parse --short "$baseline_ref")")
fi

# RedisStoreBenchmark needs a Redis of its own (never one already running on 6379)
if command -v redis-server >/dev/null; then
  jmh_redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$jmh_redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$work/jmh-redis.pid" --logfile "$work/jmh-redis.log"
  export BENCHMARK_REDIS_URI="redis://127.0.0.1:$jmh_redis_port"
else
  INCLUDE=${INCLUDE:-'io.github.sessionfilter.benchmarks.(Token|Attribute|SessionCommit)Benchmark.*'}
fi
echo "== running JMH (${rounds} round(s); this takes a while)"
java -cp "$jar" io.github.sessionfilter.benchmarks.BenchmarkReport "$work/jmh.md" \
  rounds="$rounds" iterations="$iterations" warmups="$warmups" ${INCLUDE:+include="$INCLUDE"} "${baseline_args[@]}"
sizes=$(java -cp "$jar" io.github.sessionfilter.benchmarks.AttributeBenchmark)

version() { sed -n "s#.*<$1>\(.*\)</$1>.*#\1#p" pom.xml | head -1; }
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
  cat <<DOC
# Benchmarks

Written by \`benchmarks/run.sh\` on $(date -u +%Y-%m-%d) from commit \`$(git rev-parse --short HEAD)\`$( [[ -n "$baseline_ref" ]] && echo " (baseline \`$(git rev-parse --short "$baseline_ref")\`)" ).
Rerun: \`benchmarks/run.sh\` (add \`--baseline <git-ref>\` to compare with an older commit).
Not part of \`./mvnw verify\`.

## Machine

- CPU: ${cpu:-unknown}, $(nproc) cores visible; load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)
- Java: $(java -version 2>&1 | sed -n 2p)
- Libraries: jose4j $(version jose4j.version), Lettuce $(version lettuce.version), Jetty $(version jetty.version), JMH $(sed -n 's#.*<jmh.version>\(.*\)</jmh.version>.*#\1#p' benchmarks/pom.xml)

Numbers from a shared or small machine are noisy: compare only figures from the same run (ratios),
never against another machine's absolute figures.

## Micro-benchmarks (JMH)

What they measure:

- \`TokenBenchmark.verifySeenBefore\`: the token check for a token this instance accepted before (every
  request of a session after its first here); \`verifyNew\`: a token never seen (more distinct tokens than the
  cache holds); \`verifyForged\`: a token with an altered signature (always the full check, never cached);
  \`issue\`: signing a new token (includes making a random session id).
- \`AttributeBenchmark\`: Java serialization through the allow-list of one value: a String, a 10-item list,
  a ~2 KB object graph (a cart). Serialized sizes: $(echo "$sizes" | tr '\n' ';' | sed 's/;$//; s/;/, /g').
- \`SessionCommitBenchmark\` on a 10-attribute session (the cart, the list, strings, numbers, an Instant),
  store calls not included: \`changeDetection\` is the commit of a session whose attributes were all read
  and none changed; \`readAllThenCommitUnchanged\` adds the load and the decoding of all ten;
  \`readAllSetOneThenCommit\` changes one; \`setOneThenCommit\` sets one without reading the others.
- \`RedisStoreBenchmark\`: the same session through the filter's Redis store against a local Redis (one
  thread, loopback): \`load\` is the read path's one round trip, \`loadSetOneCommit\` the write path's two.

DOC
  cat "$work/jmh.md"
} > docs/BENCHMARKS.md.new
if [[ -n "${SKIP_HTTP:-}" ]]; then
  printf '\n## HTTP\n\nSkipped in this run (SKIP_HTTP).\n' >> docs/BENCHMARKS.md.new
elif command -v wrk >/dev/null && command -v redis-server >/dev/null; then
  echo "== running the HTTP benchmark"
  benchmarks/http.sh "$jar" "$work"
  cp "$work/http.tsv" docs/benchmarks-http.tsv
  { echo; java -cp "$jar" io.github.sessionfilter.benchmarks.HttpReport "$work/http.tsv" "$work/http-sessions.tsv" \
      docs/benchmarks-http.svg benchmarks-http.svg; } >> docs/BENCHMARKS.md.new
else
  printf '\n## HTTP\n\nSkipped: needs wrk and redis-server (apt-get install wrk redis-server).\n' >> docs/BENCHMARKS.md.new
fi
if [[ -n "${SKIP_COLD:-}" ]] || ! command -v redis-server >/dev/null; then
  printf '\n## Cold start\n\nSkipped in this run (SKIP_COLD, or no redis-server).\n' >> docs/BENCHMARKS.md.new
else
  echo "== running the cold-start benchmark"
  {
    printf '\n## Cold start\n\nFrom launching the Apache Tomcat 11 distribution (`catalina.sh run`, `-Xmx256m`) to the first answered\n'
    printf '`GET /session` of demo.war (which creates a session), with session-filter and with the same WAR without it\n'
    printf '(the container'"'"'s own sessions), then both again with an AppCDS archive each (trained by one start with\n'
    printf '`-XX:ArchiveClassesAtExit`, as the image build does: docs/CLOUD_RUN.md); rounds alternate the order\n'
    printf '(`CDS=1 benchmarks/coldstart.sh`). Target: the filter adds at most 500 ms.\n\n'
    CDS=1 benchmarks/coldstart.sh
  } >> docs/BENCHMARKS.md.new
fi
mv docs/BENCHMARKS.md.new docs/BENCHMARKS.md
echo "== wrote docs/BENCHMARKS.md"
