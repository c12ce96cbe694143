package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The opt-in per-session lock ({@code session.lock}): read-modify-write of one attribute by parallel
 * requests across two instances, with and without it; a lock held elsewhere, under both timeout policies.
 */
@Timeout(180)
class SessionLockIT {
    private static final int INCREMENTS = 30;

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void connect() {
        redisClient = RedisClient.create(TestRedis.get().uri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        redisClient.shutdown();
    }

    @Test
    void lockOn_parallelInPlaceIncrementsAcrossTwoInstances_countExactly() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.lock", "/slow-incr, *.do");
        settings.put("session.lock-wait", "30s");
        try (TwoInstances app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()),
                ReliabilityServlet::new)) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=start&value=1"));
            long started = System.nanoTime();
            List<Integer> statuses = incrementInParallel(app, browser);
            long took = System.nanoTime() - started;
            assertEquals(List.of(200), statuses.stream().distinct().toList(), "every increment was served");
            assertEquals(String.valueOf(INCREMENTS), browser.body(app.b.uri("/counter?name=counter")));
            String id = sessionId(browser, app.a);
            assertEquals(0L, redis.sync().exists(settings.get("redis.key-prefix") + "{" + id + "}:lock"),
                    "every request released its lock");
            Figures.report("session lock on: %d parallel in-place increments across two instances -> counter %d"
                    + " (0 lost) in %.1f s", INCREMENTS, INCREMENTS, Figures.seconds(took));
        }
    }

    @Test
    void lockOff_sameIncrements_mayLoseUpdates_lastWriterWins() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        try (TwoInstances app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()),
                ReliabilityServlet::new)) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=start&value=1"));
            List<Integer> statuses = incrementInParallel(app, browser);
            assertEquals(List.of(200), statuses.stream().distinct().toList());
            int counter = Integer.parseInt(browser.body(app.b.uri("/counter?name=counter")));
            assertTrue(counter >= 1 && counter <= INCREMENTS, "counter " + counter);
            // How many are lost depends on timing; the point is that without the lock it is allowed to happen.
            Figures.report("session lock off: %d parallel in-place increments of one attribute -> counter %d"
                    + " (%d lost to last-writer-wins)", INCREMENTS, counter, INCREMENTS - counter);
        }
    }

    @Test
    void lockHeldElsewhere_failPolicyAnswers503AfterTheWait_proceedPolicyServes_unlockedPathsUnaffected()
            throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.lock", "/slow-incr");
        settings.put("session.lock-wait", "300ms");
        Map<String, String> proceeding = new HashMap<>(settings);
        proceeding.put("session.lock-timeout-policy", "proceed");
        try (AppServer failing = AppServer.start(new RedisSessionFilter(Map.of()), settings, new ReliabilityServlet());
             AppServer proceed = AppServer.start(new RedisSessionFilter(Map.of()), proceeding, new ReliabilityServlet())) {
            Browser browser = new Browser();
            browser.body(failing.uri("/set?name=user&value=alice"));
            String lockKey = settings.get("redis.key-prefix") + "{" + sessionId(browser, failing) + "}:lock";
            assertEquals("OK", redis.sync().set(lockKey, "someone-else", SetArgs.Builder.nx().px(30_000)));
            try {
                long started = System.nanoTime();
                HttpResponse<String> refused = browser.get(failing.uri("/slow-incr?name=counter"));
                long waited = System.nanoTime() - started;
                assertEquals(503, refused.statusCode());
                assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
                assertTrue(waited >= 250_000_000L && waited < 3_000_000_000L, "gave up after the 300 ms wait, took "
                        + Figures.millis(waited) + " ms");
                assertEquals("alice", browser.body(failing.uri("/get?name=user")), "paths that are not locked don't wait");
                assertEquals("incremented", browser.body(proceed.uri("/slow-incr?name=counter")),
                        "proceed: served without the lock");
                assertEquals("someone-else", redis.sync().get(lockKey), "a lock that is not ours is never released");
                Figures.report("session lock held elsewhere: fail policy answered 503 after %d ms (lock-wait 300 ms);"
                        + " proceed policy served the request", Figures.millis(waited));
            } finally {
                redis.sync().del(lockKey);
            }
            assertEquals("incremented", browser.body(failing.uri("/slow-incr?name=counter")));
            assertEquals(0L, redis.sync().exists(lockKey));
        }
    }

    private static List<Integer> incrementInParallel(TwoInstances app, Browser browser) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < INCREMENTS; i++) {
                int n = i;
                results.add(pool.submit(() ->
                        browser.get(app.alternate(n, "/slow-incr?name=counter&millis=20")).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static String sessionId(Browser browser, AppServer server) throws Exception {
        String info = browser.body(server.uri("/info"));
        return info.substring("id=".length(), info.indexOf(';'));
    }
}
