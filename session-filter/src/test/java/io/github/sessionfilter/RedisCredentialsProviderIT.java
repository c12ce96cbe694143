package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.localredis.RespClient;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.RotatingCredentials;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TwoInstances;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IAM-style credentials: the password of the ACL user rotates on the server (as a short-lived token
 * expires), the connection is killed, and the filter must reconnect with the password its
 * {@link RedisCredentialsProvider} hands out now. The server's default user is disabled, so nothing
 * works without the provider's credentials.
 */
@Timeout(120)
class RedisCredentialsProviderIT {
    private static LocalRedis redis;

    @BeforeAll
    static void start() {
        redis = LocalRedis.startProcess("--user", "default", "off",
                "--user", "admin", "on", ">admin-pass", "~*", "&*", "+@all",
                "--user", RotatingCredentials.USER, "on", ">token-1", "~*", "&*", "+@all");
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private static Object admin(String... command) {
        try (RespClient client = RespClient.connect(redis.port(), "admin", "admin-pass")) {
            return client.call(command);
        }
    }

    /** Rotates the user's password on the server: the old one stops working for new connections. */
    private static void rotateServerPassword(String password) {
        admin("ACL", "SETUSER", RotatingCredentials.USER, "resetpass", ">" + password);
    }

    private static HttpResponse<String> awaitStatus(Browser browser, URI uri, int status, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpResponse<String> response = browser.get(uri);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = browser.get(uri);
        }
        return response;
    }

    @Test
    void everyReconnect_asksTheProviderAgain_andUsesTheRotatedPassword() throws Exception {
        RotatingCredentials.PASSWORD.set("token-1");
        RotatingCredentials.CALLS.set(0);
        Map<String, String> settings = TwoInstances.settings(redis.uri());
        settings.put("redis.credentials-provider", RotatingCredentials.class.getName());
        try (TwoInstances app = TwoInstances.start(redis, settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new)) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=user&value=alice"));
            assertEquals("alice", browser.body(app.a.uri("/get?name=user")));
            int afterFirstConnect = RotatingCredentials.CALLS.get();
            assertTrue(afterFirstConnect >= 1, "the provider was asked on connect");

            // The token rotates: the server knows only token-2 now, and so does the provider.
            rotateServerPassword("token-2");
            RotatingCredentials.PASSWORD.set("token-2");
            admin("CLIENT", "KILL", "USER", RotatingCredentials.USER);
            HttpResponse<String> afterRotation = awaitStatus(browser, app.a.uri("/get?name=user"), 200, 20);
            assertEquals(200, afterRotation.statusCode(), afterRotation.body());
            assertEquals("alice", afterRotation.body());
            int afterRotationCalls = RotatingCredentials.CALLS.get();
            assertTrue(afterRotationCalls > afterFirstConnect,
                    "the reconnect asked the provider again (" + afterFirstConnect + " -> " + afterRotationCalls + ")");
            assertTrue(admin("CLIENT", "LIST").toString().contains(" user=" + RotatingCredentials.USER + " "),
                    "a connection authenticated as the app user exists; only token-2 can have opened it");

            // The server rotates again but the provider still hands out the old token: no session until it catches up.
            rotateServerPassword("token-3");
            int beforeKill = RotatingCredentials.CALLS.get();
            admin("CLIENT", "KILL", "USER", RotatingCredentials.USER);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (RotatingCredentials.CALLS.get() == beforeKill && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(RotatingCredentials.CALLS.get() > beforeKill, "the reconnect attempt asked the provider");
            HttpResponse<String> stale = awaitStatus(browser, app.a.uri("/get?name=user"), 503, 10);
            assertEquals(503, stale.statusCode(), "a stale token must not pass: " + stale.body());
            int whileStale = RotatingCredentials.CALLS.get();
            RotatingCredentials.PASSWORD.set("token-3");
            long start = System.nanoTime();
            HttpResponse<String> recovered = awaitStatus(browser, app.a.uri("/get?name=user"), 200, 40);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, recovered.statusCode(), recovered.body());
            assertEquals("alice", recovered.body());
            assertTrue(RotatingCredentials.CALLS.get() > whileStale, "reconnect attempts keep asking the provider");
            Figures.report("credentials rotation: reconnect with the new token after "
                    + "CLIENT KILL; provider asked %d times in all; recovered %.2f s after the provider got the new token",
                    RotatingCredentials.CALLS.get(), seconds);
        }
    }
}
