package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionExpiries;
import io.github.sessionfilter.redis.RedisConnectionOptions;
import io.github.sessionfilter.redis.RedisSessionStore;
import io.github.sessionfilter.testing.BoundValue;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ExpiryListener;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timed-out sessions are announced to the app's listeners once across two instances sharing one
 * Redis, with their attributes readable, also when the instance that claimed one died; an app without
 * session listeners pays nothing. Idle timeout 2 s, a sweep every second.
 */
class ExpiryEventsIT {
    private static TwoInstances app;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.timeout", "2s");
        settings.put("session.expiry-sweep", "1s");
        settings.put("listeners", ExpiryListener.class.getName());
        app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new).awaitRedis();
        client = RedisClient.create(TestRedis.get().uri());
        redis = client.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        redis.close();
        client.shutdown();
    }

    @BeforeEach
    void clear() {
        ExpiryListener.DESTROYED.clear();
        BoundValue.EVENTS.clear();
    }

    @Test
    void timedOutSessions_areAnnouncedOnceAcrossTwoInstances_withTheirAttributesReadable() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Browser browser = new Browser();
            browser.body(app.alternate(i, "/set?name=user&value=u" + i));
            browser.body(app.alternate(i + 1, "/bind?name=seat&value=s" + i));
            ids.add(id(browser, i));
        }
        await(() -> announced(ids).size() >= 6, "six sessions announced");
        Thread.sleep(3_000); // several more sweeps on both instances: nothing is announced twice
        List<String> destroyed = announced(ids);
        assertEquals(6, destroyed.size(), destroyed.toString());
        for (int i = 0; i < 6; i++) {
            assertTrue(destroyed.contains(ids.get(i) + " user=u" + i), destroyed.toString());
        }
        List<String> unbound = BoundValue.EVENTS.stream().filter(e -> e.matches("unbound s[0-5]")).toList();
        assertEquals(6, unbound.size(), unbound.toString());
        for (int i = 0; i < 6; i++) {
            assertTrue(unbound.contains("unbound s" + i), unbound.toString());
        }
    }

    @Test
    void sessionInUse_isNotAnnounced_untilItTimesOut() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=busy"));
        List<String> id = List.of(id(browser, 1));
        for (int i = 0; i < 6; i++) { // 4.2 s of use, each request within the 2 s idle timeout
            Thread.sleep(700);
            assertEquals("busy", browser.body(app.alternate(i, "/get?name=user")));
        }
        assertEquals(List.of(), announced(id), "in use: not timed out");
        await(() -> announced(id).size() == 1, "announced once it timed out");
        assertEquals(List.of(id.get(0) + " user=busy"), announced(id));
    }

    @Test
    void invalidatedSession_isAnnouncedByInvalidateOnly() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=leaving"));
        List<String> id = List.of(id(browser, 1));
        browser.body(app.b.uri("/invalidate"));
        assertEquals(1, announced(id).size(), "invalidate announces it");
        Thread.sleep(4_000);
        assertEquals(1, announced(id).size(), "and the timeout does not again: " + ExpiryListener.DESTROYED);
    }

    @Test
    void claimOfAnInstanceThatDied_isTakenOver() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=orphan"));
        String id = id(browser, 1);
        try (RedisSessionStore deadInstance = RedisSessionStore.create(new RedisConnectionOptions(TestRedis.get().uri(),
                Duration.ofSeconds(5), null, RedisConnectionOptions.TlsVerification.FULL),
                app.settings.get("redis.key-prefix"), Long.MAX_VALUE, Duration.ofMinutes(10),
                io.github.sessionfilter.redis.RedisCallListener.NONE)) {
            SessionExpiries index = deadInstance.expiries().orElseThrow();
            long now = System.currentTimeMillis();
            // It claims the entry (as if due) for 4 s and never finishes: the session times out meanwhile.
            assertTrue(index.claim(id, now + 60_000, now + 4_000));
        }
        Thread.sleep(3_000);
        assertEquals(List.of(), announced(List.of(id)), "claimed: the others wait for the lease");
        await(() -> announced(List.of(id)).size() == 1, "taken over after the lease");
        Thread.sleep(2_000);
        assertEquals(List.of(id + " user=orphan"), announced(List.of(id)), "once");
    }

    @Test
    void appWithoutSessionListeners_keepsNoIndex() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        try (TwoInstances plain = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()),
                ScenarioServlet::new)) {
            new Browser().body(plain.a.uri("/set?name=user&value=x"));
            assertEquals(0L, redis.sync().exists(settings.get("redis.key-prefix") + "expiries"));
        }
        new Browser().body(app.a.uri("/set?name=user&value=x"));
        assertEquals(1L, redis.sync().exists(app.settings.get("redis.key-prefix") + "expiries"),
                "the app with a listener keeps one");
    }

    /** The announcements of these sessions (other tests' sessions time out too). */
    private static List<String> announced(List<String> ids) {
        return ExpiryListener.DESTROYED.stream().filter(e -> ids.contains(e.substring(0, e.indexOf(' ')))).toList();
    }

    private static String id(Browser browser, int i) throws Exception {
        String info = browser.body(app.alternate(i, "/info"));
        return info.substring(info.indexOf("id=") + 3, info.indexOf(';'));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what + "; seen " + ExpiryListener.DESTROYED);
            }
            Thread.sleep(100);
        }
    }
}
