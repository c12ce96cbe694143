package io.github.sessionfilter.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the demo runs: the WAR to serve, one instance per port (8080 and 8081 unless told otherwise), the
 * address they listen on (loopback unless told otherwise) and where the members database keeps its files.
 */
record DemoOptions(Path war, String host, List<Integer> ports, Path dataDir) {
    static final String USAGE = """
            usage: DemoRunner [--war demo-war/target/demo.war] [--ports 8080,8081] [--host 127.0.0.1] [--data-dir DIR]
              one instance of the WAR per port, all sharing one Redis and one members database.
              Environment: SESSION_REDIS_URI (else a local Redis is started), SESSION_JWT_KEYS (else a throwaway
              key is generated), DEMO_JDBC_URL/_USER/_PASSWORD (else an H2 server is started in --data-dir).""";

    static DemoOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, 0, Set.of("war", "ports", "host", "data-dir"));
        Path war = Path.of(arguments.get("war", "demo-war/target/demo.war")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(war)) {
            throw UsageException.cannotStart("no WAR at " + war + ". Build it first: ./mvnw -q -DskipTests package"
                    + " (or run the demo with ./mvnw -q -Pdemo -DskipTests package, which builds it)");
        }
        Set<Integer> ports = new LinkedHashSet<>();
        for (String port : arguments.get("ports", "8080,8081").split(",")) {
            if (!ports.add(Arguments.port(port))) {
                throw UsageException.badCommandLine("port " + port.strip() + " listed twice in --ports");
            }
        }
        Path dataDir = Path.of(arguments.get("data-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "session-filter-demo-data").toString()));
        return new DemoOptions(war, arguments.get("host", "127.0.0.1"), new ArrayList<>(ports), dataDir.toAbsolutePath());
    }

    /** The host to put in printed URLs: a browser on this machine reaches a loopback or wildcard address as localhost. */
    String browserHost() {
        return switch (host) {
            case "127.0.0.1", "0.0.0.0", "::", "::1", "localhost" -> "localhost";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
    }
}
