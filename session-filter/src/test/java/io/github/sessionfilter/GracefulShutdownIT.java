package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping an instance (Cloud Run's SIGTERM) while a request is still working on its session. */
@Timeout(90)
class GracefulShutdownIT {

    @Test
    void stop_whileARequestIsInFlight_itsCommitLands_andDestroyEndsWithinAFewSeconds() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        ReliabilityServlet servlet = new ReliabilityServlet();
        AppServer stopping = AppServer.start(new RedisSessionFilter(Map.of()), settings, servlet);
        try (AppServer other = AppServer.start(new RedisSessionFilter(Map.of()), settings, new ReliabilityServlet())) {
            Browser browser = new Browser();
            browser.body(other.uri("/set?name=user&value=alice"));
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> response = browser.get(stopping.uri("/slow?name=order&value=placed&millis=2000"));
                    return String.valueOf(response.statusCode());
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            long waitStarted = System.nanoTime();
            while (servlet.slowInFlight.get() == 0) {
                assertTrue(System.nanoTime() - waitStarted < 20_000_000_000L, "the slow request never started");
                Thread.sleep(20);
            }

            long stopStarted = System.nanoTime();
            stopping.close();
            long stopNanos = System.nanoTime() - stopStarted;

            assertEquals("placed", browser.body(other.uri("/get?name=order")), "the in-flight commit landed");
            assertEquals("alice", browser.body(other.uri("/get?name=user")));
            assertTrue(stopNanos < 8_000_000_000L, "stopped in " + Figures.millis(stopNanos) + " ms");
            String client;
            try {
                client = "answered " + slow.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                client = "connection closed by the stopping server";
            }
            Figures.report("graceful shutdown: server stop with a 2 s request in flight took %.1f s; its session change"
                    + " landed in Redis; the client was %s", Figures.seconds(stopNanos), client);
        }
    }

    @Test
    void stop_withNothingInFlight_isQuick() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        AppServer server = AppServer.start(new RedisSessionFilter(Map.of()), settings, new ReliabilityServlet());
        new Browser().body(server.uri("/set?name=user&value=alice"));
        long started = System.nanoTime();
        server.close();
        long took = System.nanoTime() - started;
        assertTrue(took < 5_000_000_000L, "stopped in " + Figures.millis(took) + " ms");
        Figures.report("graceful shutdown: idle server stop took %.2f s", Figures.seconds(took));
    }
}
