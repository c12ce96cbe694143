package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.TwoInstances;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code redis.unavailable} policy with Redis really stopped: {@code fail} answers 503, {@code degrade}
 * serves an empty, unsaved session; either way the real session is intact when Redis is back.
 */
@Timeout(120)
class UnavailablePolicyIT {
    private static LocalRedis redis;
    private static AppServer failing;
    private static AppServer degrading;

    @BeforeAll
    static void start() throws Exception {
        // The append-only file keeps the data over the restart, so "intact afterwards" can be checked.
        redis = LocalRedis.startProcess("--appendonly", "yes", "--appendfsync", "always");
        Map<String, String> settings = TwoInstances.settings(redis);
        failing = AppServer.start(new RedisSessionFilter(Map.of()), settings, new ReliabilityServlet());
        Map<String, String> degrade = new HashMap<>(settings);
        degrade.put("redis.unavailable", "degrade");
        degrading = AppServer.start(new RedisSessionFilter(Map.of()), degrade, new ReliabilityServlet());
    }

    @AfterAll
    static void stop() throws Exception {
        failing.close();
        degrading.close();
        redis.close();
    }

    @Test
    void degrade_redisDown_servesAnEmptyUnsavedSession_touchesNoCookie_andTheRealSessionSurvives() throws Exception {
        Browser browser = new Browser();
        // Each instance reconnects on its own schedule after the other test restarted Redis: wait until this one is back.
        assertEquals("set", awaitBody(browser, degrading.uri("/set?name=user&value=alice")));
        String cookie = browser.cookie("SESSION");
        redis.process().stop();
        try {
            HttpResponse<String> read = browser.get(degrading.uri("/get?name=user"));
            assertEquals(200, read.statusCode());
            assertEquals("null", read.body(), "an empty session for this request");
            assertNoCookie(read);

            HttpResponse<String> write = browser.get(degrading.uri("/set?name=user&value=mallory"));
            assertEquals(200, write.statusCode());
            assertNoCookie(write);
            assertEquals("[]", browser.body(degrading.uri("/names")), "what a degraded request set is not kept");

            HttpResponse<String> logout = browser.get(degrading.uri("/invalidate"));
            assertEquals(503, logout.statusCode(), "a logout that cannot reach the store must not seem to work");
            assertEquals("1", logout.headers().firstValue("Retry-After").orElse(null));
            assertNoCookie(logout);
            assertEquals(503, browser.get(degrading.uri("/login?value=eve")).statusCode(), "nor a login");
            assertEquals("ok", browser.body(degrading.uri("/none")));

            Browser newcomer = new Browser();
            assertEquals("set", newcomer.body(degrading.uri("/set?name=user&value=eve")),
                    "a new visitor is served too; the new session is simply not saved");
            assertEquals(cookie, browser.cookie("SESSION"), "the real session's cookie was never replaced or cleared");
        } finally {
            redis.process().start();
        }
        assertEquals("alice", awaitBody(browser, degrading.uri("/get?name=user")), "degraded requests overwrote nothing");
    }

    @Test
    void fail_redisDown_answers503WithRetryAfter_andNoCookie_andTheSessionSurvives() throws Exception {
        Browser browser = new Browser();
        // Each instance reconnects on its own schedule after the other test restarted Redis: wait until this one is back.
        assertEquals("set", awaitBody(browser, failing.uri("/set?name=user&value=bob")));
        redis.process().stop();
        try {
            for (String path : new String[] {"/get?name=user", "/set?name=user&value=mallory", "/invalidate"}) {
                HttpResponse<String> response = browser.get(failing.uri(path));
                assertEquals(503, response.statusCode(), path);
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null), path);
                assertNoCookie(response);
            }
            HttpResponse<String> newcomer = new Browser().get(failing.uri("/set?name=user&value=eve"));
            assertEquals(503, newcomer.statusCode(), "a new session that cannot be saved is not handed out");
            assertNoCookie(newcomer);
            assertEquals("ok", browser.body(failing.uri("/none")), "requests without session are unaffected");
        } finally {
            redis.process().start();
        }
        assertEquals("bob", awaitBody(browser, failing.uri("/get?name=user")));
    }

    private static void assertNoCookie(HttpResponse<String> response) {
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "no Set-Cookie: "
                + response.headers().allValues("Set-Cookie"));
    }

    /** The body of the first 200 answer, retrying while the client reconnects (bounded). */
    private static String awaitBody(Browser browser, URI uri) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            HttpResponse<String> response = browser.get(uri);
            if (response.statusCode() == 200 && !response.body().equals("null")) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                return response.statusCode() + " " + response.body();
            }
            Thread.sleep(100);
        }
    }
}
