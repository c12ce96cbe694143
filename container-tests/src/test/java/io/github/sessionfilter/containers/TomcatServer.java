package io.github.sessionfilter.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Apache Tomcat 11 (or, with {@link #home9()}, Tomcat 9) from the official distribution (unpacked by the build
 * into {@code target/tomcat}),
 * started the way an operator starts it: {@code catalina.sh run} with its own {@code CATALINA_BASE}
 * (the distribution's {@code conf/}, an HTTP connector on a free loopback port, no shutdown port) and
 * web apps dropped into {@code webapps/}. Settings reach the web apps through the environment.
 */
final class TomcatServer {
    private static final String READY = "Server startup in";

    private final Path home;
    private final Path base;
    private final int port;

    private TomcatServer(Path home, Path base, int port) {
        this.home = home;
        this.base = base;
        this.port = port;
    }

    /** The Tomcat 11 distribution's {@code CATALINA_HOME}. */
    static Path home() {
        return home("container-tests.tomcat.home");
    }

    /** The Tomcat 9 distribution's {@code CATALINA_HOME} (javax.servlet, Servlet 4.0). */
    static Path home9() {
        return home("container-tests.tomcat9.home");
    }

    private static Path home(String property) {
        Path home = FileTree.required(property,
                "the build unpacks org.apache.tomcat:tomcat:<version>:tar.gz there in pre-integration-test");
        if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
            throw new IllegalStateException(home + " is not a Tomcat distribution (no bin/catalina.sh)");
        }
        return home;
    }

    /** A fresh Tomcat 11 {@code CATALINA_BASE} in {@code base} whose HTTP connector listens on 127.0.0.1:{@code port}. */
    static TomcatServer create(Path base, int port) {
        return create(home(), base, port);
    }

    /** A fresh {@code CATALINA_BASE} of the distribution {@code home} ({@link #home()}, {@link #home9()}). */
    static TomcatServer create(Path home, Path base, int port) {
        FileTree.delete(base);
        FileTree.copy(home.resolve("conf"), base.resolve("conf"));
        try {
            for (String directory : List.of("logs", "temp", "work", "webapps")) {
                Files.createDirectories(base.resolve(directory));
            }
            Path serverXml = base.resolve("conf/server.xml");
            String original = Files.readString(serverXml, StandardCharsets.UTF_8);
            String patched = replaceOnce(original, "<Server port=\"8005\"", "<Server port=\"-1\"");
            patched = replaceOnce(patched, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                    "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
            Files.writeString(serverXml, patched, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare CATALINA_BASE " + base, e);
        }
        return new TomcatServer(home, base, port);
    }

    /** Copies a WAR file into {@code webapps/} as {@code <contextName>.war} ({@code ROOT} for "/"). */
    TomcatServer deployWar(Path war, String contextName) {
        try {
            Files.copy(war, base.resolve("webapps").resolve(contextName + ".war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + war, e);
        }
        return this;
    }

    /** Copies an unpacked web app into {@code webapps/<contextName>}. */
    TomcatServer deployDirectory(Path webapp, String contextName) {
        FileTree.copy(webapp, base.resolve("webapps").resolve(contextName));
        return this;
    }

    /**
     * Runs {@code bin/catalina.sh run} with the given extra environment; call {@link ContainerProcess#awaitReady}.
     * A {@code CATALINA_OPTS} in {@code environment} is added after the small-heap options below.
     */
    ContainerProcess start(String name, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        String extraOptions = env.getOrDefault("CATALINA_OPTS", "");
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JRE_HOME");
        // A small heap and the C1 compiler only: several JVMs share two busy cores in CI.
        env.put("CATALINA_OPTS", ("-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 " + extraOptions).strip());
        // catalina.sh ends in "exec java ...": the process we hold is Tomcat's JVM, so SIGTERM stops it gracefully.
        List<String> command = List.of("bash", home.resolve("bin/catalina.sh").toString(), "run");
        return ContainerProcess.start(name, port, command, env, base, READY, List.of(base.resolve("logs")));
    }

    /** The distribution's version, from {@code RELEASE-NOTES} ("Apache Tomcat Version 9.0.117"). */
    static String version(Path home) {
        try (var lines = Files.lines(home.resolve("RELEASE-NOTES"), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("Apache Tomcat Version")).findFirst()
                    .map(line -> "Tomcat " + line.substring(line.indexOf("Version") + 8).strip()).orElse("Tomcat");
        } catch (IOException e) {
            return "Tomcat " + home.getFileName();
        }
    }

    private static String replaceOnce(String text, String find, String replacement) {
        int at = text.indexOf(find);
        if (at < 0) {
            throw new IllegalStateException("conf/server.xml of the distribution no longer contains " + find);
        }
        return text.substring(0, at) + replacement + text.substring(at + find.length());
    }
}
