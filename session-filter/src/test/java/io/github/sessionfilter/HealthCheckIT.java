package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.SilentProxy;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code health.path}, as Cloud Run's startup probe sees it: answered by the filter (the app never sees
 * it), 200 while Redis answers, a fast 503 while Redis is down or silent, and 200 again once it is back.
 */
class HealthCheckIT {
    private static final String HEALTH = "/session-filter/health";

    /** Counts the requests that reach the app; touches no session. */
    private static final class CountingServlet extends HttpServlet {
        final AtomicInteger requests = new AtomicInteger();

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            requests.incrementAndGet();
            response.getWriter().write("app");
        }
    }

    private static Map<String, String> settings(String redisUri) {
        Map<String, String> settings = TwoInstances.settings(redisUri);
        settings.put("health.path", HEALTH);
        settings.put("redis.timeout", "500ms");
        return settings;
    }

    @Test
    @Timeout(60)
    void redisUpThenDownThenBack_healthAnswers200Then503FastThen200_andTheAppNeverSeesIt() throws Exception {
        CountingServlet app = new CountingServlet();
        try (LocalRedis redis = LocalRedis.startProcess();
             AppServer server = AppServer.start(new RedisSessionFilter(Map.of()), settings(redis.uri()), app)) {
            Browser browser = new Browser();
            HttpResponse<String> up = awaitStatus(browser, server, 200);
            assertEquals("ok: the session store answered\n", up.body());
            assertEquals("no-store", up.headers().firstValue("Cache-Control").orElse(null));
            assertTrue(up.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(up.headers().allValues("Set-Cookie").isEmpty(), "no session is created");
            assertEquals(0, app.requests.get(), "the app never sees the health path");

            redis.process().stop();
            long started = System.nanoTime();
            HttpResponse<String> down = browser.get(server.uri(HEALTH));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("unavailable: the session store did not answer\n", down.body());
            assertEquals("no-store", down.headers().firstValue("Cache-Control").orElse(null));
            assertTrue(tookMillis < 3000, "answered within about the timeout, took " + tookMillis + " ms");
            assertEquals("app", browser.body(server.uri("/page")), "the app itself keeps answering");
            assertEquals(1, app.requests.get());

            redis.process().start();
            awaitStatus(browser, server, 200);
            assertEquals(1, app.requests.get());
        }
    }

    @Test
    @Timeout(60)
    void redisSilent_healthAnswers503WithinAboutTheTimeout_not_aHang() throws Exception {
        CountingServlet app = new CountingServlet();
        try (SilentProxy proxy = SilentProxy.start(TestRedis.get().host(), TestRedis.get().port());
             AppServer server = AppServer.start(new RedisSessionFilter(Map.of()), settings(proxy.uri()), app)) {
            Browser browser = new Browser();
            awaitStatus(browser, server, 200);

            proxy.silence();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                HttpResponse<String> silent = browser.get(server.uri(HEALTH));
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(503, silent.statusCode(), silent.body());
                assertTrue(tookMillis < 3000, "answered within about the timeout, took " + tookMillis + " ms");
            }
            assertEquals("app", browser.body(server.uri("/page")), "the app itself keeps answering");
            assertEquals(1, app.requests.get());
        }
    }

    @Test
    void healthPathOff_orAnotherPath_reachesTheApp() throws Exception {
        CountingServlet app = new CountingServlet();
        Map<String, String> off = TwoInstances.settings(TestRedis.get());
        try (AppServer server = AppServer.start(new RedisSessionFilter(Map.of()), off, app)) {
            assertEquals("app", new Browser().body(server.uri(HEALTH)));
        }
        try (AppServer server = AppServer.start(new RedisSessionFilter(Map.of()), settings(TestRedis.get().uri()), app)) {
            assertEquals("app", new Browser().body(server.uri(HEALTH + "/more")));
            assertEquals("app", new Browser().body(server.uri("/session-filter")));
        }
        assertEquals(3, app.requests.get());
    }

    private static HttpResponse<String> awaitStatus(Browser browser, AppServer server, int status) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            HttpResponse<String> response = browser.get(server.uri(HEALTH));
            if (response.statusCode() == status || System.nanoTime() > deadline) {
                assertEquals(status, response.statusCode(), response.body());
                return response;
            }
            Thread.sleep(200);
        }
    }
}
