package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TwoInstances;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redis stopped and started under a running app: fail fast with 503, recover by itself. */
class RedisOutageIT {
    private static LocalRedis redis;
    private static TwoInstances app;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.startProcess();
        Map<String, String> settings = TwoInstances.settings(redis);
        settings.put("redis.timeout", "500ms");
        app = TwoInstances.start(redis, settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        redis.close();
    }

    @Test
    void redisDown_sessionRequestsGet503Fast_othersSucceed_andServiceRecovers() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=alice"));

        redis.process().stop();
        long started = System.nanoTime();
        HttpResponse<String> failed = browser.get(app.b.uri("/get?name=user"));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, failed.statusCode(), failed.body());
        assertEquals("1", failed.headers().firstValue("Retry-After").orElse(null));
        assertTrue(failed.headers().allValues("Set-Cookie").isEmpty(), "no new session cookie replaces the real one");
        assertTrue(elapsedMillis < 3000, "failed within the timeout, took " + elapsedMillis + " ms");
        assertEquals(503, browser.get(app.a.uri("/set?name=user&value=mallory")).statusCode());
        assertEquals("ok", browser.body(app.a.uri("/none")), "requests that do not touch the session are unaffected");
        System.out.printf("[outage] 503 after %d ms with Redis down%n", elapsedMillis);

        redis.process().start();
        long recoveryStarted = System.nanoTime();
        String value = null;
        while (System.nanoTime() - recoveryStarted < 15_000_000_000L) {
            HttpResponse<String> response = browser.get(app.b.uri("/get?name=user"));
            if (response.statusCode() == 200) {
                value = response.body();
                break;
            }
            Thread.sleep(200);
        }
        System.out.printf("[outage] recovered after %d ms%n", (System.nanoTime() - recoveryStarted) / 1_000_000);
        // The server restarted empty (nothing persisted), so the session is gone: a clean "no session", not an error.
        assertEquals("no-session", value);
        assertEquals("set", browser.body(app.a.uri("/set?name=user&value=bob")));
        assertEquals("bob", browser.body(app.b.uri("/get?name=user")));
    }
}
