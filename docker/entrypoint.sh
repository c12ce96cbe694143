#!/bin/sh
# Starts Tomcat on the port the platform asks for.
#
# Cloud Run tells the container which port to listen on through $PORT (8080 unless the
# service says otherwise); docker/tomcat/server.xml reads it as the system property
# ${port.http}. Anything given as arguments (default: `catalina.sh run`) replaces this shell,
# so the JVM is PID 1's only child of interest and receives SIGTERM directly.
set -eu

PORT="${PORT:-8080}"
case "$PORT" in
  '' | *[!0-9]*)
    echo "entrypoint: PORT must be a TCP port number, got '$PORT'" >&2
    exit 64
    ;;
esac

# EXIT_ON_INIT_FAILURE: if the connector cannot bind, stop instead of running a server that
# accepts nothing (the platform then restarts the instance and shows the error).
CATALINA_OPTS="${CATALINA_OPTS:-} -Dport.http=$PORT -Dorg.apache.catalina.startup.EXIT_ON_INIT_FAILURE=true"
export CATALINA_OPTS

exec "$@"
