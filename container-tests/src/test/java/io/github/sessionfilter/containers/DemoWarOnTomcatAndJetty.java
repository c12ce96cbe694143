package io.github.sessionfilter.containers;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The built {@code demo.war}, unchanged, deployed at {@code /} on the Tomcat 11 distribution and on embedded
 * Jetty 12, each in its own JVM, sharing one Redis, one signing key and one members database (an H2 file
 * with {@code AUTO_SERVER=TRUE}, which lets two JVMs open it).
 */
final class DemoWarOnTomcatAndJetty implements AutoCloseable {
    static final long START_TIMEOUT_MILLIS = 120_000;

    private final LocalRedis redis;
    private final ContainerProcess tomcat;
    private final ContainerProcess jetty;

    private DemoWarOnTomcatAndJetty(LocalRedis redis, ContainerProcess tomcat, ContainerProcess jetty) {
        this.redis = redis;
        this.tomcat = tomcat;
        this.jetty = jetty;
    }

    static Path demoWar() {
        return FileTree.required("container-tests.demo.war", "build it first: ./mvnw -q -DskipTests package");
    }

    /** Starts both containers (in parallel) and waits until both serve the WAR; {@code logs} sees them at once. */
    static DemoWarOnTomcatAndJetty start(String testName, ContainerLogsOnFailure logs) throws InterruptedException {
        Path war = demoWar();
        Path work = FileTree.workDirectory(testName);
        LocalRedis redis = LocalRedis.obtain();
        ContainerProcess tomcat = null;
        ContainerProcess jetty = null;
        try {
            Map<String, String> environment = new HashMap<>(SessionEnvironment.of(redis));
            environment.put("DEMO_JDBC_URL", "jdbc:h2:file:" + work.resolve("members").toAbsolutePath() + ";AUTO_SERVER=TRUE");

            tomcat = logs.watch(TomcatServer.create(work.resolve("tomcat"), FreePort.find())
                    .deployWar(war, "ROOT")
                    .start("tomcat", environment));
            jetty = logs.watch(JettyServer.start("jetty", FreePort.find(), war, "/", work.resolve("jetty"), environment));
            ContainerProcess.awaitAllReady(START_TIMEOUT_MILLIS, tomcat, jetty);
            System.out.println("[container-tests] demo.war on Tomcat " + tomcat.base() + " and Jetty " + jetty.base()
                    + ", Redis " + redis);
            return new DemoWarOnTomcatAndJetty(redis, tomcat, jetty);
        } catch (RuntimeException | Error | InterruptedException e) {
            closeQuietly(jetty);
            closeQuietly(tomcat);
            redis.close();
            throw e;
        }
    }

    ContainerProcess tomcat() {
        return tomcat;
    }

    ContainerProcess jetty() {
        return jetty;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            closeQuietly(jetty);
            closeQuietly(tomcat);
        } finally {
            redis.close();
        }
    }

    private static void closeQuietly(ContainerProcess container) {
        if (container == null) {
            return;
        }
        try {
            container.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
