package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The filter's metrics through the OpenTelemetry Java agent, end to end: the agent
 * ({@code -javaagent} in {@code CATALINA_OPTS}, logging metric exporter every 2 s) on the Apache Tomcat 11
 * distribution running {@code demo.war} with the OpenTelemetry API jars added to {@code WEB-INF/lib}, as an app
 * that uses OpenTelemetry has them (the -all jar does not bundle the API). The agent bridges that API copy to its
 * SDK; one visitor registers, logs in, fills the cart and logs out; the exporter's lines on Tomcat's console then
 * carry the {@code session_filter.*} instruments with plausible values, and no session id or token.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OpenTelemetryAgentIT {
    private static final Pattern SESSION_ID = Pattern.compile("<dt>Session id</dt><dd>([^<]+)</dd>");
    /** One exported point of a sum: {@code ..., value=3, exemplars=[]}. */
    private static final Pattern LONG_VALUE = Pattern.compile("[, {]value=(\\d+)");
    /** One exported point of a histogram (AutoValue names it {@code getCount}/{@code count} by version). */
    private static final Pattern COUNT = Pattern.compile("[, {](?:getCount|count)=(\\d+)");
    private static final Pattern SUM = Pattern.compile("[, {](?:getSum|sum)=([0-9.Ee-]+)");
    private static final long EXPORT_WAIT_MILLIS = 15_000;

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static ContainerProcess tomcat;
    /** The signing key ({@code SESSION_JWT_KEYS} without its {@code k1:} id), which must not show up either. */
    private static String signingKey;

    @BeforeAll
    static void startTomcatWithTheAgent() throws Exception {
        long started = System.nanoTime();
        Path agent = FileTree.required("container-tests.otel.javaagent",
                "the build copies io.opentelemetry.javaagent:opentelemetry-javaagent there in pre-integration-test");
        Path apiJar = FileTree.required("container-tests.otel.api-jar",
                "the build copies io.opentelemetry:opentelemetry-api there in pre-integration-test");
        Path contextJar = FileTree.required("container-tests.otel.context-jar",
                "the build copies io.opentelemetry:opentelemetry-context there in pre-integration-test");
        Path work = FileTree.workDirectory("opentelemetry-agent");

        // demo.war, unpacked, plus the API an app using OpenTelemetry brings in WEB-INF/lib.
        Path app = FileTree.unzip(DemoWarOnTomcatAndJetty.demoWar(), work.resolve("app"));
        try {
            for (Path jar : List.of(apiJar, contextJar)) {
                Files.copy(jar, app.resolve("WEB-INF/lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the OpenTelemetry API to " + app, e);
        }

        redis = LocalRedis.obtain();
        Map<String, String> environment = new HashMap<>(SessionEnvironment.of(redis));
        signingKey = environment.get("SESSION_JWT_KEYS").substring("k1:".length());
        environment.put("DEMO_JDBC_URL", "jdbc:h2:file:" + work.resolve("members").toAbsolutePath());
        environment.put("CATALINA_OPTS", String.join(" ",
                "-javaagent:" + agent,
                "-Dotel.metrics.exporter=logging",
                "-Dotel.traces.exporter=none",
                "-Dotel.logs.exporter=none",
                "-Dotel.metric.export.interval=2000",
                "-Dotel.service.name=demo"));
        tomcat = LOGS.watch(TomcatServer.create(work.resolve("tomcat"), FreePort.find())
                .deployDirectory(app, "ROOT")
                .start("tomcat", environment));
        tomcat.awaitReady(DemoWarOnTomcatAndJetty.START_TIMEOUT_MILLIS);
        System.out.println("[container-tests] demo.war + OpenTelemetry API " + apiJar.getFileName() + " on Tomcat "
                + tomcat.base() + " with " + agent.getFileName() + ", Redis " + redis + "; set-up took "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
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
    void sessionMetricsReachTheAgentsExporter_withoutIdsOrTokens() throws Exception {
        assertTrue(tomcat.logsContain("opentelemetry-javaagent - version"), "the agent is attached");
        String base = tomcat.base();
        WebClient browser = new WebClient();
        String username = "ot" + UUID.randomUUID().toString().substring(0, 8);
        String password = "metrics, not secrets";
        Set<String> secrets = new LinkedHashSet<>(List.of(signingKey));

        WebClient.Page form = browser.get(base + "/register");
        assertEquals(200, form.status(), form::toString);
        WebClient.Page registered = browser.post(base + "/register", Map.of("_csrf", form.csrfToken(),
                "username", username, "displayName", "Otel Visitor", "password", password, "confirm", password));
        assertEquals(303, registered.status(), registered::toString);
        WebClient.Page login = browser.get(base + "/login");
        assertEquals(200, login.status(), login::toString);
        String anonymousId = find(SESSION_ID, browser.get(base + "/session"));
        secrets.add(anonymousId);
        secrets.add(login.csrfToken());
        secrets.add(cookie(browser));

        WebClient.Page loggedIn = browser.post(base + "/login", Map.of("_csrf", login.csrfToken(),
                "username", username, "password", password));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        WebClient.Page profile = browser.get(base + "/profile");
        assertEquals(200, profile.status(), profile::toString);
        String memberId = find(SESSION_ID, browser.get(base + "/session"));
        assertNotEquals(anonymousId, memberId, "changeSessionId() at login");
        secrets.add(memberId);
        secrets.add(cookie(browser));
        String token = profile.csrfToken();
        secrets.add(token);
        for (String product : List.of("sencha", "sencha", "mug")) {
            WebClient.Page added = browser.post(base + "/cart", Map.of("_csrf", token, "action", "add", "product", product));
            assertEquals(303, added.status(), added::toString);
        }
        assertTrue(browser.get(base + "/cart").body().contains("Cart (3)"));
        WebClient.Page out = browser.post(base + "/logout", Map.of("_csrf", token));
        assertEquals(303, out.status(), out::toString);
        long visitEnded = System.nanoTime();

        // Observable counters are cumulative: wait until an export shows the whole visit.
        long deadline = visitEnded + TimeUnit.MILLISECONDS.toNanos(EXPORT_WAIT_MILLIS);
        Map<String, Long> counters;
        do {
            Thread.sleep(500);
            counters = Map.of(
                    "sessions.created", maxValue("sessions.created"),
                    "sessions.id_changes", maxValue("sessions.id_changes"),
                    "sessions.invalidated", maxValue("sessions.invalidated"),
                    "session.commits", maxValue("session.commits"),
                    "redis.call.duration", maxCount("redis.call.duration"));
        } while (counters.values().stream().anyMatch(value -> value < 1) && System.nanoTime() < deadline);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - visitEnded);
        List<String> exported = metricLines("");
        String sample = String.join("\n", metricLines("sessions.created"));

        assertTrue(counters.get("sessions.created") >= 1, "sessions.created >= 1: " + counters + "\n" + sample);
        assertTrue(counters.get("sessions.id_changes") >= 1, "sessions.id_changes >= 1 (login): " + counters);
        assertTrue(counters.get("sessions.invalidated") >= 1, "sessions.invalidated >= 1 (logout): " + counters);
        assertTrue(counters.get("session.commits") >= 3, "several commits (register, login, cart): " + counters);
        assertTrue(counters.get("redis.call.duration") >= 3, "Redis calls timed: " + counters);
        OptionalDouble seconds = metricLines("redis.call.duration").stream().map(SUM::matcher)
                .flatMap(Matcher::results).mapToDouble(m -> Double.parseDouble(m.group(1))).max();
        assertTrue(seconds.isPresent() && seconds.getAsDouble() > 0 && seconds.getAsDouble() < 60,
                "Redis call durations in seconds, more than 0, less than a minute: " + seconds);
        assertTrue(String.join("\n", metricLines("redis.call.duration")).contains("session_filter.redis.operation="),
                "durations by operation");
        assertTrue(sample.contains("io.github.sessionfilter") && sample.contains("session_filter.context=\"/\""),
                "meter io.github.sessionfilter, attribute session_filter.context:\n" + sample);

        List<String> leaks = new ArrayList<>();
        for (String line : exported) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(secret + " in: " + line);
                }
            }
        }
        assertEquals(List.of(), leaks, "no session id, cookie token, CSRF token or signing key in the exported metrics");
        assertFalse(exported.isEmpty());
        System.out.println("[container-tests] OpenTelemetry agent on Tomcat " + tomcat.port() + ": " + counters
                + " (session_filter.* seen " + waited + " ms after the visit; " + exported.size()
                + " exported metric lines, none with the " + secrets.size() + " ids, tokens and key of the visit)");
    }

    /** The logging exporter's console lines for {@code session_filter.<name>} (every exported metric for ""). */
    private static List<String> metricLines(String name) {
        return tomcat.consoleLines("LoggingMetricExporter").stream()
                .filter(line -> name.isEmpty() || line.contains("name=session_filter." + name + ","))
                .toList();
    }

    private static long maxValue(String name) {
        return metricLines(name).stream().map(LONG_VALUE::matcher).flatMap(Matcher::results)
                .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
    }

    private static long maxCount(String name) {
        return metricLines(name).stream().map(COUNT::matcher).flatMap(Matcher::results)
                .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
    }

    private static String cookie(WebClient browser) {
        String value = browser.cookieValue("SESSION");
        if (value == null) {
            throw new AssertionError("no SESSION cookie in " + browser.cookies());
        }
        return value;
    }

    private static String find(Pattern pattern, WebClient.Page page) {
        assertEquals(200, page.status(), page::toString);
        Matcher m = pattern.matcher(page.body());
        assertTrue(m.find(), () -> "no " + pattern + " on " + page);
        return m.group(1);
    }
}
