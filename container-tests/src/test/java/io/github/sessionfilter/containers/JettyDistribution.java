package io.github.sessionfilter.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Eclipse Jetty 12 from the official distribution ({@code org.eclipse.jetty:jetty-home} tar.gz, unpacked by
 * the build into {@code target/jetty}), set up and started the way an operator does it: a fresh
 * {@code JETTY_BASE}, {@code java -jar $JETTY_HOME/start.jar --add-modules=...} once, web apps copied into
 * {@code $JETTY_BASE/webapps}, then {@code java -jar $JETTY_HOME/start.jar jetty.http.port=...}. Settings reach
 * the web apps through the environment only.
 *
 * <p>{@link #MODULES} is what a Jakarta EE 10 web app with JSPs, annotations and WebSocket endpoints needs.
 * Not in it: {@code ee10-jstl} (the Tomcat examples bring their own JSTL in {@code WEB-INF/lib}).
 */
final class JettyDistribution {
    /** The modules of every instance. */
    static final List<String> MODULES = List.of("http", "ee10-deploy", "ee10-jsp", "ee10-annotations",
            "ee10-websocket-jakarta");
    /**
     * The modules of an instance whose web apps are javax.servlet (Servlet 4.0): Jetty 12's {@code ee8} environment,
     * what a Jetty 9.4/10 app moved to Jetty 12 runs on.
     */
    static final List<String> EE8_MODULES = List.of("http", "ee8-deploy", "ee8-jsp", "ee8-annotations");
    /** Printed once the server has started, after the deployment scanner deployed {@code webapps/}. */
    private static final String READY = "Started oejs.Server@";
    private static final long SETUP_TIMEOUT_SECONDS = 60;

    private final Path home;
    private final Path base;
    private final int port;

    private JettyDistribution(Path home, Path base, int port) {
        this.home = home;
        this.base = base;
        this.port = port;
    }

    /** The distribution's {@code JETTY_HOME}. */
    static Path home() {
        Path home = FileTree.required("container-tests.jetty.home",
                "the build unpacks org.eclipse.jetty:jetty-home:<version>:tar.gz there in pre-integration-test");
        if (!Files.isRegularFile(home.resolve("start.jar"))) {
            throw new IllegalStateException(home + " is not a Jetty distribution (no start.jar)");
        }
        return home;
    }

    /** The distribution's version, from the first line of {@code $JETTY_HOME/VERSION.txt} ("12.1.12 - 04 August 2026"). */
    static String version() {
        try (var lines = Files.lines(home().resolve("VERSION.txt"), StandardCharsets.UTF_8)) {
            return "Jetty " + lines.findFirst().map(line -> line.split("\\s")[0]).orElse("(unknown version)");
        } catch (IOException e) {
            return "Jetty (unknown version)";
        }
    }

    /** A fresh {@code JETTY_BASE} in {@code base} with {@link #MODULES} and {@code extraModules}, port {@code port}. */
    static JettyDistribution create(Path base, int port, String... extraModules) {
        return create(MODULES, base, port, extraModules);
    }

    /** A fresh {@code JETTY_BASE} with {@link #EE8_MODULES}: javax.servlet web apps. */
    static JettyDistribution createEe8(Path base, int port) {
        return create(EE8_MODULES, base, port);
    }

    private static JettyDistribution create(List<String> baseModules, Path base, int port, String... extraModules) {
        Path home = home();
        FileTree.delete(base);
        try {
            Files.createDirectories(base.resolve("webapps"));
            Files.createDirectories(base.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create JETTY_BASE " + base, e);
        }
        JettyDistribution jetty = new JettyDistribution(home, base, port);
        List<String> modules = new ArrayList<>(baseModules);
        modules.addAll(List.of(extraModules));
        jetty.startJar("--add-modules=" + String.join(",", modules));
        return jetty;
    }

    Path base() {
        return base;
    }

    /** Copies an unpacked web app into {@code webapps/<contextName>} (deployed at {@code /<contextName>}). */
    JettyDistribution deployDirectory(Path webapp, String contextName) {
        FileTree.copy(webapp, base.resolve("webapps").resolve(contextName));
        return this;
    }

    /** Copies a WAR file into {@code webapps/} as {@code <contextName>.war}. */
    JettyDistribution deployWar(Path war, String contextName) {
        try {
            Files.copy(war, base.resolve("webapps").resolve(contextName + ".war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + war, e);
        }
        return this;
    }

    /**
     * Puts jars on the ee10 environment's class path (the {@code ee10-ext} module, {@code $JETTY_BASE/lib/ee10/ext}),
     * where every ee10 web app sees them as container classes, like the jars in Tomcat's {@code lib/}.
     */
    JettyDistribution addToEnvironmentClasspath(List<Path> jars) {
        Path ext = base.resolve("lib/ee10/ext");
        try {
            Files.createDirectories(ext);
            for (Path jar : jars) {
                Files.copy(jar, ext.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy jars into " + ext, e);
        }
        startJar("--add-modules=ee10-ext");
        return this;
    }

    /**
     * Declares a login service (no users) for the realm a web app's {@code <login-config>} names: Jetty refuses
     * to start a web app with FORM or BASIC authentication when the server has no login service for its realm;
     * Tomcat uses the realm of its {@code server.xml} (the distribution's {@code UserDatabaseRealm}) instead.
     * Done the Jetty way: an XML file in {@code $JETTY_BASE/etc} listed in {@code start.d}.
     */
    JettyDistribution addEmptyLoginService(String realmName) {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="Server" class="org.eclipse.jetty.server.Server">
                  <Call name="addBean">
                    <Arg>
                      <New class="org.eclipse.jetty.security.HashLoginService">
                        <Set name="name">%s</Set>
                        <Set name="userStore"><New class="org.eclipse.jetty.security.UserStore"/></Set>
                      </New>
                    </Arg>
                  </Call>
                </Configure>
                """.formatted(realmName.replace("&", "&amp;").replace("<", "&lt;"));
        try {
            Files.createDirectories(base.resolve("etc"));
            Files.writeString(base.resolve("etc/login-service.xml"), xml, StandardCharsets.UTF_8);
            Files.writeString(base.resolve("start.d/login-service.ini"), "etc/login-service.xml\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the login service of " + base, e);
        }
        return this;
    }

    /** Runs {@code java -jar $JETTY_HOME/start.jar} with the given extra environment; call {@link ContainerProcess#awaitReady}. */
    ContainerProcess start(String name, Map<String, String> environment) {
        List<String> command = List.of(java(),
                // A small heap and the C1 compiler only: several JVMs share two busy cores in CI.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-Djava.io.tmpdir=" + base.resolve("tmp"),
                "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port);
        // start.jar runs the server in this JVM (no --exec in start.d): SIGTERM runs Jetty's graceful stop.
        return ContainerProcess.start(name, port, command, environment, base, READY, List.of());
    }

    /** One {@code start.jar} command that changes {@code JETTY_BASE} and exits (module set-up). */
    private void startJar(String argument) {
        List<String> command = List.of(java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base, argument);
        Path log = base.resolve("start-jar.log");
        try {
            Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + SETUP_TIMEOUT_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
