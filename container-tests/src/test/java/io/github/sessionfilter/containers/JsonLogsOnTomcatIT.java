package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The container image's logging, on the Tomcat distribution: {@code docker/tomcat/logging.properties} and
 * {@code docker/tomcat/setenv.sh} exactly as the image has them, and the formatter jar where the image puts
 * it ({@code bin/session-filter-logging.jar}). Every console line is then a JSON object Cloud Logging
 * turns into a structured entry, the filter's own lines included, and none holds a token.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class JsonLogsOnTomcatIT {
    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static ContainerProcess tomcat;
    private static Map<String, String> environment;

    @BeforeAll
    static void start() throws Exception {
        Path work = FileTree.workDirectory("JsonLogsOnTomcatIT");
        Path base = work.resolve("tomcat");
        redis = LocalRedis.obtain();
        environment = SessionEnvironment.of(redis);
        TomcatServer server = TomcatServer.create(base, FreePort.find()).deployWar(DemoWarOnTomcatAndJetty.demoWar(), "ROOT");
        Path dockerTomcat = FileTree.required("container-tests.docker-tomcat", "docker/tomcat in the repository");
        Files.copy(dockerTomcat.resolve("logging.properties"), base.resolve("conf/logging.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(base.resolve("bin"));
        // The image puts both in CATALINA_HOME/bin; this test's CATALINA_HOME is shared, so CATALINA_BASE/bin
        // (which catalina.sh reads first) gets setenv.sh, pointing at the jar where it is here.
        String setenv = Files.readString(dockerTomcat.resolve("setenv.sh")).replace(
                "$CATALINA_HOME/bin/session-filter-logging.jar",
                FileTree.required("container-tests.logging-jar", "built by session-filter's package phase").toString());
        Files.writeString(base.resolve("bin/setenv.sh"), setenv);
        tomcat = LOGS.watch(server.start("tomcat", environment));
        ContainerProcess.awaitAllReady(DemoWarOnTomcatAndJetty.START_TIMEOUT_MILLIS, tomcat);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (tomcat != null) {
                tomcat.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void everyConsoleLine_isAJsonObject_withASeverity_theFiltersIncluded() throws Exception {
        WebClient browser = new WebClient();
        assertEquals(200, browser.get(tomcat.uri("/register")).status());
        assertEquals(200, browser.get(tomcat.uri("/session")).status());

        List<String> filterLines = tomcat.consoleLines("\"logger\":\"io.github.sessionfilter.");
        assertFalse(filterLines.isEmpty(), "the filter logs at start-up (its effective settings)");
        assertTrue(filterLines.stream().anyMatch(line -> line.contains("\"severity\":\"INFO\"")
                && line.contains("session-filter for context")), filterLines.toString());
        List<String> all = tomcat.consoleLines("");
        List<String> notJson = all.stream().filter(line -> !line.isBlank())
                .filter(line -> !(line.startsWith("{") && line.endsWith("}") && line.contains("\"severity\":")))
                .toList();
        assertTrue(notJson.isEmpty() || notJson.stream().noneMatch(line -> line.contains("org.apache.catalina")),
                "Tomcat's own log records are JSON too: " + notJson);
        String key = environment.get("SESSION_JWT_KEYS");
        String secret = key.substring(key.indexOf(':') + 1);
        assertTrue(all.stream().noneMatch(line -> line.contains(secret)), "the signing key is never logged");
        String token = browser.cookies().stream().filter(c -> c.getName().equals("SESSION")).map(c -> c.getValue())
                .findFirst().orElseThrow();
        assertTrue(all.stream().noneMatch(line -> line.contains(token)), "no token in the log");
    }
}
