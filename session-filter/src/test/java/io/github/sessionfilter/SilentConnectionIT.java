package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.SilentProxy;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection whose packets are dropped (not refused): Redis behind a TCP proxy that stops forwarding
 * without closing anything. Lettuce alone would keep using the dead connection for many minutes; the
 * filter must notice, close it, and connect again once the network is back. Default 1 s timeout.
 */
class SilentConnectionIT {

    @Test
    @Timeout(120)
    void silentConnection_underTraffic_requestsFailFast_connectionIsReplaced_serviceRecovers() throws Exception {
        try (SilentProxy proxy = SilentProxy.start(TestRedis.get().host(), TestRedis.get().port());
             TwoInstances app = start(proxy)) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=user&value=alice"));
            assertEquals("alice", browser.body(app.b.uri("/get?name=user")), "both instances connected");

            proxy.silence();
            long silencedAt = System.nanoTime();
            int failed = 0;
            long slowestFailure = 0;
            for (int i = 0; proxy.silentConnectionsClosedAtNanos().size() < 2; i++) {
                assertTrue(System.nanoTime() - silencedAt < 60_000_000_000L, "dead connections not replaced within 60 s");
                long started = System.nanoTime();
                HttpResponse<String> response = browser.get(app.alternate(i, "/get?name=user"));
                long took = System.nanoTime() - started;
                assertEquals(503, response.statusCode(), "nothing can be served while the network is silent");
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                assertTrue(took < 3_000_000_000L, "failed within about the timeout, took " + Figures.millis(took) + " ms");
                failed++;
                slowestFailure = Math.max(slowestFailure, took);
                Thread.sleep(100);
            }
            List<Long> closed = proxy.silentConnectionsClosedAtNanos();
            long detection = closed.get(closed.size() - 1) - silencedAt;
            assertTrue(detection < 30_000_000_000L, "detected in " + Figures.seconds(detection) + " s");

            proxy.resume();
            long resumedAt = System.nanoTime();
            awaitValue(browser, app, resumedAt);
            long recovery = System.nanoTime() - resumedAt;
            assertTrue(recovery < 15_000_000_000L, "recovered in " + Figures.seconds(recovery) + " s");
            Figures.report("silent connection under traffic: both dead connections closed %.1f s after the network went"
                            + " silent (first %.1f s); %d session requests failed meanwhile, slowest %d ms, all 503 with"
                            + " Retry-After; recovery %.1f s after the network came back",
                    Figures.seconds(detection), Figures.seconds(closed.get(0) - silencedAt), failed,
                    Figures.millis(slowestFailure), Figures.seconds(recovery));
        }
    }

    @Test
    @Timeout(120)
    void silentConnection_whileIdle_isReplacedByTheProbe_andTheNextRequestSucceeds() throws Exception {
        try (SilentProxy proxy = SilentProxy.start(TestRedis.get().host(), TestRedis.get().port());
             TwoInstances app = start(proxy)) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=user&value=alice"));
            assertEquals("alice", browser.body(app.b.uri("/get?name=user")));

            proxy.silence();
            long silencedAt = System.nanoTime();
            while (proxy.silentConnectionsClosedAtNanos().size() < 2) {
                assertTrue(System.nanoTime() - silencedAt < 60_000_000_000L, "idle dead connections not replaced in 60 s");
                Thread.sleep(100);
            }
            List<Long> closed = proxy.silentConnectionsClosedAtNanos();
            long detection = closed.get(1) - silencedAt;
            assertTrue(detection < 30_000_000_000L, "detected in " + Figures.seconds(detection) + " s");

            proxy.resume();
            long resumedAt = System.nanoTime();
            assertEquals("alice", browser.body(app.a.uri("/get?name=user")), "no user ever saw the dead connection");
            assertEquals("alice", browser.body(app.b.uri("/get?name=user")));
            Figures.report("silent connection while idle: both dead connections closed by the idle probe %.1f s after"
                            + " the network went silent; first requests after the network came back served (%d ms)",
                    Figures.seconds(detection), Figures.millis(System.nanoTime() - resumedAt));
        }
    }

    private static TwoInstances start(SilentProxy proxy) throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("redis.uri", proxy.uri());
        return TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), ReliabilityServlet::new);
    }

    private static void awaitValue(Browser browser, TwoInstances app, long since) throws Exception {
        boolean a = false;
        boolean b = false;
        while (!(a && b)) {
            assertTrue(System.nanoTime() - since < 30_000_000_000L, "no recovery within 30 s");
            if (!a) {
                a = "alice".equals(bodyOrNull(browser, app.a.uri("/get?name=user")));
            }
            if (!b) {
                b = "alice".equals(bodyOrNull(browser, app.b.uri("/get?name=user")));
            }
            Thread.sleep(100);
        }
    }

    private static String bodyOrNull(Browser browser, java.net.URI uri) throws Exception {
        HttpResponse<String> response = browser.get(uri);
        return response.statusCode() == 200 ? response.body() : null;
    }
}
