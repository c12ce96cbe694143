#!/usr/bin/env bash
# Image build step: a training start of Tomcat that writes an AppCDS (class-data sharing) archive of
# every class Tomcat, the web app and session-filter load up to the first session request, so that
# each real start maps those classes instead of loading, parsing and verifying them again
# (docs/CLOUD_RUN.md, "Cold start"). bin/setenv.sh passes the archive when it exists.
#
#     docker/cds-training.sh /usr/local/tomcat/cds/app.jsa
#
# There is no Redis at image build time: SESSION_REDIS_URI points at a closed port, so the filter
# starts (Lettuce, Netty, Reactor and its own classes load), its first connect is refused and
# GET /session gets the 503. The classes of a successful Redis handshake are left out and load from
# their jars at run time. The signing key is made up here and exists only in this process.
# Uses only bash (no curl in the image): the request goes through /dev/tcp.
set -euo pipefail
archive=${1:?usage: cds-training.sh ARCHIVE}
: "${CATALINA_HOME:?CATALINA_HOME must be set}"
base=${CATALINA_BASE:-$CATALINA_HOME}
port=${CDS_TRAINING_PORT:-8080}
log=$(mktemp)

mkdir -p "$(dirname "$archive")"
SESSION_REDIS_URI="${CDS_TRAINING_REDIS_URI:-redis://127.0.0.1:1}" \
  SESSION_JWT_KEYS="k1:$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
  CATALINA_OPTS="${CATALINA_OPTS:-} -Dport.http=$port -XX:ArchiveClassesAtExit=$archive -Xlog:cds=off" \
  "$CATALINA_HOME/bin/catalina.sh" run >"$log" 2>&1 &
pid=$!

status=""
for _ in $(seq 1 360); do
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /session HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 \
    && head -n 1 <&3) 2>/dev/null || true)
  case "$status" in
    HTTP/1.1\ [0-9]*) break ;;
  esac
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
kill "$pid" 2>/dev/null || true
wait "$pid" || true # the archive is written while the JVM exits

if [ ! -s "$archive" ]; then
  echo "cds-training: no archive written (first answer: '${status:-none}'); Tomcat's output:" >&2
  cat "$log" >&2
  exit 1
fi
echo "cds-training: $archive written ($(du -h "$archive" | cut -f1)); GET /session answered: ${status%$'\r'}"
rm -f "$log"
chmod 0444 "$archive"
# Leave no trace of the training start: the unpacked WAR, compiled JSPs, logs and the demo's H2 files
# in temp/ were made by root here, and the server runs as another user.
if [ -f "$base/webapps/ROOT.war" ]; then
  rm -rf "$base/webapps/ROOT"
fi
rm -rf "$base"/work/* "$base"/logs/* "$base"/temp/*
