package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.RedisProcess;
import io.github.sessionfilter.localredis.RedisSentinels;
import io.github.sessionfilter.localredis.RespClient;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.FailoverLoad;
import io.github.sessionfilter.testing.TwoInstances;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A primary, a replica and three Sentinels (local processes), reached through a {@code redis-sentinel://}
 * URI; then {@code SENTINEL FAILOVER} promotes the replica while clients keep writing. Redis replicates
 * asynchronously, so a client that kept writing to the old primary until it noticed the switch would see
 * acknowledged writes vanish; this test proves that none does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class RedisSentinelIT {
    private static RedisSentinels redis;
    private static TwoInstances app;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisSentinels.start(1);
        app = TwoInstances.start(null, TwoInstances.settings(redis.sentinelUri()), () -> new RedisSessionFilter(Map.of()),
                ScenarioServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static String key(Browser browser) throws Exception {
        String id = browser.body(app.a.uri("/info")).split(";")[0].substring("id=".length());
        return app.settings.get("redis.key-prefix") + "{" + id + "}";
    }

    @Test
    @Order(1)
    void sessions_travelBetweenInstances_andLiveOnThePrimaryTheSentinelsName() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=alice"));
        assertEquals("alice", browser.body(app.b.uri("/get?name=user")));
        assertEquals(1L, RespClient.once(redis.primary().port(), "EXISTS", key(browser)));
    }

    @Test
    @Order(2)
    void failover_underLoad_losesNoAcknowledgedCommit() throws Exception {
        Browser before = new Browser();
        before.body(app.a.uri("/set?name=user&value=alice"));

        FailoverLoad load = FailoverLoad.start(app, 6, Duration.ofMillis(20));
        Thread.sleep(1000);
        RedisProcess old = redis.primary();
        load.markEvent();
        long start = System.nanoTime();
        RedisProcess promoted = redis.failover();
        double sentinelSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000);
        FailoverLoad.Result result = load.stop();
        Figures.report("%s", result.describe(String.format(Locale.ROOT,
                "sentinel failover (SENTINEL FAILOVER, :%d -> :%d, %.2f s until every Sentinel named the new primary)",
                old.port(), promoted.port(), sentinelSeconds)));

        assertEquals(0, result.lost(), "acknowledged commits lost: " + result.lostNames());
        assertTrue(result.served() > 50, result.describe("the load ran"));
        assertTrue(result.errorWindowSeconds() < 10, result.describe("failover"));
        assertEquals("alice", before.body(app.b.uri("/get?name=user")), "a session from before the failover survives");
        Browser after = new Browser();
        after.body(app.b.uri("/set?name=user&value=bob"));
        assertEquals("bob", after.body(app.a.uri("/get?name=user")));
        assertEquals(1L, RespClient.once(promoted.port(), "EXISTS", key(after)), "new sessions go to the new primary");
    }
}
