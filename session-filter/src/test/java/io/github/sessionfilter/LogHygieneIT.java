package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.SecurityServlet;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import io.github.sessionfilter.logging.JsonLinesFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens, full session ids and secrets never reach the logs, at any level. A full scenario (create,
 * login, automatic rotation, bad tokens, unreadable and oversized attributes, invalidate, replay,
 * Redis down) runs with every java.util.logging record captured (the filter logs through
 * System.Logger, which goes to JUL): the filter's own down to DEBUG/TRACE, everyone else's from INFO,
 * stack traces included. Then every captured line is searched for every token, id and secret the
 * scenario used.
 */
class LogHygieneIT {
    private static final String REDIS_PASSWORD = "pw-" + TestKeys.secret(18);
    private static final String JWT_SECRET = TestKeys.secret(32);
    private static final String INTEGRITY_KEY = TestKeys.secret(32);

    private static final List<String> captured = new CopyOnWriteArrayList<>();
    /** The same records as Cloud Logging would get them (JSON lines), searched the same way. */
    private static final List<String> capturedJson = new CopyOnWriteArrayList<>();
    private static final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final JsonLinesFormatter json = new JsonLinesFormatter();

        @Override
        public void publish(LogRecord record) {
            captured.add(formatter.format(record));
            capturedJson.add(json.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Held so the configured level is not lost when the JUL logger is garbage collected. */
    private static Logger filterLogger;
    private static Level previousFilterLevel;
    private static LocalRedis redis;

    @BeforeAll
    static void captureLogs() {
        // Everything at INFO and above from any JUL logger, and everything down to FINEST from the filter's
        // own packages (System.Logger DEBUG and TRACE); the console keeps its INFO threshold.
        filterLogger = Logger.getLogger("io.github.sessionfilter");
        previousFilterLevel = filterLogger.getLevel();
        filterLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        LogManager.getLogManager().getLogger("").addHandler(capture);
        redis = LocalRedis.startProcess("--requirepass", REDIS_PASSWORD);
    }

    @AfterAll
    static void restoreLogs() {
        LogManager.getLogManager().getLogger("").removeHandler(capture);
        filterLogger.setLevel(previousFilterLevel);
        redis.close();
    }

    private static String newToken(HttpResponse<String> response) {
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    }

    private static String idFrom(String infoBody) {
        return infoBody.substring(3, infoBody.indexOf(';'));
    }

    private static HttpResponse<String> send(URI uri, String token) throws Exception {
        return new Browser().get(uri, "Cookie", "SESSION=" + token);
    }

    @Test
    void fullScenario_logsNoToken_noFullSessionId_noSecret() throws Exception {
        String uri = "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port();
        Map<String, String> settings = TwoInstances.settings(redis);
        settings.put("redis.uri", uri);
        settings.put("redis.timeout", "500ms");
        settings.put("jwt.keys", "k1:" + JWT_SECRET);
        settings.put("attributes.integrity-key", INTEGRITY_KEY);
        settings.put("session.rotate-on", "attribute:user");
        settings.put("session.max-bytes", "64KiB");
        Set<String> tokens = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();

        RedisClient client = RedisClient.create(uri);
        try (TwoInstances app = TwoInstances.start(redis, settings, () -> new RedisSessionFilter(Map.of()), SecurityServlet::new);
             StatefulRedisConnection<String, String> connection = client.connect()) {
            // create, read on the other instance
            HttpResponse<String> created = send(app.a.uri("/set?name=cart&value=3items"), "none");
            String t1 = newToken(created);
            tokens.add(t1);
            ids.add(idFrom(send(app.b.uri("/info"), t1).body()));

            // login with changeSessionId, then automatic rotation when the user attribute changes
            String t2 = newToken(send(app.b.uri("/login?value=alice"), t1));
            tokens.add(t2);
            ids.add(idFrom(send(app.a.uri("/info"), t2).body()));
            String t3 = newToken(send(app.a.uri("/set?name=user&value=bob"), t2));
            tokens.add(t3);
            String id3 = idFrom(send(app.b.uri("/info"), t3).body());
            ids.add(id3);

            // bad tokens of several kinds, including real tokens tampered with and replayed
            String[] parts = t3.split("\\.");
            for (String bad : List.of("garbage", t3 + "x", parts[0] + "." + parts[1] + ".", parts[0] + ".e30." + parts[2],
                    t3.replace(parts[0], TestKeys.secret(20)), "A".repeat(5000), t1)) {
                tokens.add(bad);
                assertEquals(200, send(app.a.uri("/get?name=cart"), bad).statusCode());
            }

            // unreadable and oversized attributes
            String key = settings.get("redis.key-prefix") + "{" + id3 + "}";
            connection.sync().hset(key, "a:broken", "not sealed, not serialized");
            assertEquals("null", send(app.a.uri("/get?name=broken"), t3).body());
            assertTrue(send(app.b.uri("/set-big?name=huge&size=70000"), t3).body().startsWith("refused"));
            send(app.a.uri("/grow?name=list"), t3);
            send(app.b.uri("/grow?name=list&size=66000"), t3);

            // invalidate, then replay the dead token
            send(app.a.uri("/invalidate"), t3);
            assertEquals("no-session", send(app.b.uri("/get?name=cart"), t3).body());

            // Redis down: a request that needs its session gets a 503 and a log line
            HttpResponse<String> another = send(app.a.uri("/set?name=x&value=1"), "none");
            String t4 = newToken(another);
            tokens.add(t4);
            ids.add(idFrom(send(app.b.uri("/info"), t4).body()));
            redis.process().stop();
            assertEquals(503, send(app.b.uri("/get?name=x"), t4).statusCode());
            assertEquals(503, send(app.a.uri("/set?name=x&value=2"), t4).statusCode());
        } finally {
            client.shutdown();
        }

        List<String> plain = new ArrayList<>(captured);
        List<String> json = new ArrayList<>(capturedJson);
        System.out.printf("[log hygiene] %d log records captured, searched for %d tokens, %d ids, 3 secrets%n",
                plain.size(), tokens.size(), ids.size());
        assertScenarioWasLogged(plain, ids);
        assertScenarioWasLogged(json, ids);
        assertJsonLines(json, ids);
        List<String> lines = new ArrayList<>(plain);
        lines.addAll(json);
        for (String line : lines) {
            for (String token : tokens) {
                if (token.length() >= 16) {
                    assertFalse(line.contains(token), "a token was logged: " + line);
                }
                for (String segment : token.split("\\.")) {
                    if (segment.length() >= 16) {
                        assertFalse(line.contains(segment), "a token segment was logged: " + line);
                    }
                }
            }
            for (String id : ids) {
                assertFalse(line.contains(id), "a full session id was logged: " + line);
                assertFalse(line.contains(id.substring(0, 12)), "more than an id's abbreviation was logged: " + line);
            }
            for (String secret : List.of(REDIS_PASSWORD, JWT_SECRET, INTEGRITY_KEY)) {
                assertFalse(line.contains(secret), "a secret was logged: " + line);
                assertFalse(line.contains(secret.substring(0, 12)), "part of a secret was logged: " + line);
            }
        }
    }

    /** The search above must not pass on an empty log: the scenario's events are there, in safe form. */
    private static void assertScenarioWasLogged(List<String> lines, Set<String> ids) {
        assertLogged(lines, "session-filter for context '/app'");
        assertLogged(lines, "jwt.keys=SigningKeys[");
        assertLogged(lines, "redis://****@127.0.0.1");
        assertLogged(lines, "attributes.integrity-key=****");
        assertLogged(lines, "session token rejected: ");
        assertLogged(lines, "Rejected 1 session token(s) since the last report");
        assertLogged(lines, "Dropping unreadable attribute 'broken' of session ");
        assertLogged(lines, "was not saved: the session would hold");
        assertLogged(lines, "Answering 503: Redis ");
        String someId = ids.iterator().next();
        assertTrue(lines.stream().noneMatch(l -> l.contains(someId)));
        assertTrue(lines.stream().anyMatch(l -> ids.stream().anyMatch(id -> l.contains(SessionIds.abbreviate(id)))),
                "ids appear only abbreviated");
    }

    /** Each JSON record is one line; the filter's lines about a session carry its abbreviation, and only that. */
    private static void assertJsonLines(List<String> json, Set<String> ids) {
        for (String line : json) {
            assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line per record: " + line);
            assertTrue(line.startsWith("{\"severity\":\""), line);
        }
        assertTrue(json.stream().anyMatch(l -> ids.stream().anyMatch(id -> l.contains("\"session\":\"" + SessionIds.abbreviate(id) + "\""))),
                "a filter line names its session by abbreviation in the session field");
    }

    private static void assertLogged(List<String> lines, String fragment) {
        assertTrue(lines.stream().anyMatch(l -> l.contains(fragment)), "expected a log line containing '" + fragment + "'");
    }
}
