# Sourced by catalina.sh. The JSON-lines log formatter must be on the system class path: JUL loads a
# console handler's formatter from there, not from the web app.
CLASSPATH="$CATALINA_HOME/bin/session-filter-logging.jar"

# AppCDS: the class-data sharing archive docker/cds-training.sh wrote at image build time (docs/CLOUD_RUN.md,
# "Cold start"). Absent during that training start itself. A JVM that cannot use it (another JDK, another
# class path) warns and starts without it.
if [ -r "$CATALINA_HOME/cds/app.jsa" ]; then
  CATALINA_OPTS="${CATALINA_OPTS:-} -XX:SharedArchiveFile=$CATALINA_HOME/cds/app.jsa"
fi
