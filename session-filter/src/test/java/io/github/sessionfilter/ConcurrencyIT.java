package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parallel requests of one session on two instances, without the session lock (the default). */
@Timeout(180)
class ConcurrencyIT {
    private static TwoInstances app;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        app = TwoInstances.start(TestRedis.get(), TwoInstances.settings(TestRedis.get()),
                () -> new RedisSessionFilter(Map.of()), ReliabilityServlet::new);
        redisClient = RedisClient.create(TestRedis.get().uri());
        redis = redisClient.connect();
        pool = Executors.newFixedThreadPool(12);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.shutdownNow();
        app.close();
        redis.close();
        redisClient.shutdown();
    }

    @Test
    void ajax_manyParallelRequestsEachChangingItsOwnAttribute_everyChangeIsPresent() throws Exception {
        int requests = 100;
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=start&value=1"));
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
            results.add(pool.submit(() -> browser.body(app.alternate(n, "/slow?name=attr" + n + "&value=v" + n + "&millis=5"))));
        }
        for (Future<String> result : results) {
            assertEquals("slow done", result.get(120, TimeUnit.SECONDS));
        }
        String names = browser.body(app.b.uri("/names"));
        int present = 0;
        for (int i = 0; i < requests; i++) {
            if (names.contains("attr" + i + ",") || names.contains("attr" + i + "]")) {
                present++;
            }
        }
        Figures.report("AJAX pattern: %d parallel requests of one session on two instances, each setting its own"
                + " attribute -> %d of %d present", requests, present, requests);
        assertEquals(requests, present, names);
    }

    @Test
    void sameAttribute_parallelWrites_lastWriterWins_withOneOfTheWrittenValues() throws Exception {
        int requests = 40;
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=shared&value=initial"));
        Set<String> written = new HashSet<>();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
            written.add("v" + n);
            results.add(pool.submit(() -> browser.body(app.alternate(n, "/set?name=shared&value=v" + n))));
        }
        for (Future<String> result : results) {
            assertEquals("set", result.get(120, TimeUnit.SECONDS));
        }
        String value = browser.body(app.b.uri("/get?name=shared"));
        assertTrue(written.contains(value), "the value is one of the writes, whole: " + value);
        assertEquals(value, browser.body(app.a.uri("/get?name=shared")), "both instances agree");
    }

    @Test
    void invalidate_racingWithWritesOnTheOtherInstance_sessionStaysDead() throws Exception {
        int rounds = 10;
        int writers = 8;
        String prefix = app.settings.get("redis.key-prefix");
        int concurrentWrites = 0;
        for (int round = 0; round < rounds; round++) {
            Browser owner = new Browser();
            String id = SessionLockIT.sessionId(owner, app.a);
            owner.body(app.a.uri("/set?name=user&value=alice"));
            String token = owner.cookie("SESSION");
            List<Future<String>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int n = w;
                Browser writer = new Browser();
                writer.setCookie(app.b.uri("/"), "SESSION", token);
                writes.add(pool.submit(() -> writer.body(app.b.uri("/slow?name=w" + n + "&value=x&millis=" + (n * 5)))));
            }
            Thread.sleep(5L * round);
            owner.body(app.a.uri("/invalidate"));
            for (Future<String> write : writes) {
                assertEquals("slow done", write.get(120, TimeUnit.SECONDS));
            }
            assertEquals(0L, redis.sync().exists(prefix + "{" + id + "}"), "round " + round + ": the session came back");
            Browser replay = new Browser();
            replay.setCookie(app.b.uri("/"), "SESSION", token);
            assertEquals("no-session", replay.body(app.b.uri("/get?name=user")), "round " + round);
            concurrentWrites += writers;
        }
        Figures.report("invalidate racing with writes: %d rounds, %d concurrent writes on the other instance;"
                + " the invalidated session never came back", rounds, concurrentWrites);
    }
}
