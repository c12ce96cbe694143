# Sourced by catalina.sh. The JSON-lines log formatter must be on the system class path: JUL loads a
# console handler's formatter from there, not from the web app.
CLASSPATH="$CATALINA_HOME/bin/session-filter-logging.jar"
