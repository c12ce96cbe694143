package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ForgedTokens;
import io.github.sessionfilter.testing.ForgedTokens.Forgery;
import io.github.sessionfilter.testing.RedisCommandLog;
import io.github.sessionfilter.testing.SecurityServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token attack suite against real servers: every forged token class from the security issue is
 * sent as the session cookie to one of two Jetty instances sharing a real Redis. Each must give "no
 * session" (a fresh anonymous session where the app asks for one), never an error page, and cost zero
 * Redis commands (counted with MONITOR). The forgeries name a real victim session and are signed with
 * the server's own key wherever the attack allows, so a failing defence would show the victim's data.
 */
class TokenAttackIT {
    private static final String SECRET = "victim-secret-" + Long.toHexString(new SecureRandom().nextLong());
    private static final byte[] K1 = random(64);
    private static final byte[] K2 = random(32);

    private static TwoInstances app;
    private static AppServer otherApp;
    private static RedisCommandLog commands;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;
    private static ServerSocket keyServer;
    private static String victimToken;
    private static String victimId;
    private static ForgedTokens forge;
    private static List<Forgery> forgeries;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("jwt.keys", "k1:" + ForgedTokens.b64(K1) + ",k2:" + ForgedTokens.b64(K2));
        app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), SecurityServlet::new);
        Map<String, String> other = new HashMap<>(settings);
        other.put("jwt.audience", "/other-app");
        otherApp = AppServer.start(new RedisSessionFilter(Map.of()), other, new SecurityServlet());
        commands = new RedisCommandLog(TestRedis.get().host(), TestRedis.get().port());
        redisClient = RedisClient.create(TestRedis.get().uri());
        redis = redisClient.connect();
        keyServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        Browser victim = new Browser();
        victim.body(app.a.uri("/set?name=secret&value=" + SECRET));
        victimToken = victim.cookie("SESSION");
        victimId = info(victim.body(app.b.uri("/info"))).get("id");
        Browser attacker = new Browser();
        attacker.body(app.a.uri("/set?name=mine&value=1"));
        String attackerToken = attacker.cookie("SESSION");

        forge = new ForgedTokens(K1, K2, "session-filter", "/app", victimId, Instant.now(), 8 * 3600);
        forgeries = forge.all(attackerToken, "http://127.0.0.1:" + keyServer.getLocalPort() + "/keys.json");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        otherApp.close();
        commands.close();
        redis.close();
        redisClient.shutdown();
        keyServer.close();
    }

    static Stream<Forgery> forgeries() {
        return forgeries.stream();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String key(String id) {
        return app.settings.get("redis.key-prefix") + "{" + id + "}";
    }

    private static HttpResponse<String> withCookieHeader(URI uri, String cookieHeader) throws Exception {
        return new Browser().get(uri, "Cookie", cookieHeader);
    }

    private static Map<String, String> info(String body) {
        Map<String, String> values = new HashMap<>();
        for (String part : body.split(";")) {
            String[] kv = part.split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return values;
    }

    /** Sends a cookie to a read-only page and to a page that creates a session; both must see no session. */
    private static void assertNoSession(String cookieHeader, String what) throws Exception {
        List<String> reading = commands.commandsDuring(() -> {
            HttpResponse<String> response = withCookieHeader(app.a.uri("/get?name=secret"), cookieHeader);
            assertEquals(200, response.statusCode(), what + ": " + response.body());
            assertEquals("no-session", response.body(), what);
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), what);
        });
        assertEquals(List.of(), reading, what + ": the token reached Redis");
        List<String> creating = commands.commandsDuring(() -> {
            HttpResponse<String> response = withCookieHeader(app.b.uri("/info"), cookieHeader);
            assertEquals(200, response.statusCode(), what + ": " + response.body());
            Map<String, String> session = info(response.body());
            assertNotEquals(victimId, session.get("id"), what + ": the victim's session was adopted");
            assertEquals("true", session.get("new"), what + ": not a fresh session");
        });
        assertEquals(1, creating.size(), what + ": only the new session is written: " + creating);
    }

    @Test
    void control_aTokenForgedWithOurKeyAndValidClaims_opensTheVictimsSession() throws Exception {
        assertEquals(SECRET, withCookieHeader(app.a.uri("/get?name=secret"), "SESSION=" + forge.control()).body(),
                "the forging helpers make tokens the server accepts; every forgery differs from this only in its attack");
        assertEquals(SECRET, withCookieHeader(app.b.uri("/get?name=secret"), "SESSION=" + victimToken).body());
    }

    @Test
    void suite_coversEveryAttackClassOfTheIssue() {
        List<String> classes = forgeries.stream().map(Forgery::attackClass).distinct().toList();
        System.out.printf("[token attacks] %d forgeries in %d classes: %s%n", forgeries.size(), classes.size(), classes);
        assertEquals(List.of("alg none", "stripped or truncated signature", "payload changed under the old signature",
                "header changed under the old signature", "algorithm confusion", "keys or key URLs in the token",
                "kid attacks", "time claims", "wrong issuer or audience", "JSON tricks, JWE and compression",
                "oversized or malformed"), classes);
        assertTrue(forgeries.size() > 100, String.valueOf(forgeries.size()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("forgeries")
    void forgedToken_givesNoSession_noErrorPage_andNoRedisCommand(Forgery forgery) throws Exception {
        assertNoSession("SESSION=" + forgery.token(), forgery.toString());
    }

    @Test
    void keyUrlsInTokens_areNeverFetched() throws Exception {
        for (Forgery forgery : forgeries) {
            if (forgery.description().contains("URL")) {
                withCookieHeader(app.a.uri("/get?name=secret"), "SESSION=" + forgery.token());
            }
        }
        keyServer.setSoTimeout(1000);
        assertThrows(SocketTimeoutException.class, keyServer::accept, "the server connected to a URL named in a token");
    }

    @Test
    void tokenMintedForAnotherAppWithTheSameKeyAndRedis_givesNoSession() throws Exception {
        Browser otherUser = new Browser();
        otherUser.body(otherApp.uri("/set?name=secret&value=other-app-secret"));
        String token = otherUser.cookie("SESSION");
        String id = info(otherUser.body(otherApp.uri("/info"))).get("id");
        assertEquals(1L, redis.sync().exists(key(id)), "the session exists in the shared Redis: only the audience protects it");
        assertNoSession("SESSION=" + token, "token of another app");
    }

    @Test
    void validTokenWhoseSessionWasDeleted_givesNoSession_andTheIdIsNotRecreated() throws Exception {
        Browser user = new Browser();
        user.body(app.a.uri("/set?name=secret&value=gone"));
        String token = user.cookie("SESSION");
        String id = info(user.body(app.a.uri("/info"))).get("id");
        redis.sync().del(key(id));
        List<String> sent = commands.commandsDuring(() ->
                assertEquals("no-session", withCookieHeader(app.b.uri("/get?name=secret"), "SESSION=" + token).body()));
        assertEquals(1, sent.size(), "one load finds nothing: " + sent);
        Map<String, String> fresh = info(withCookieHeader(app.a.uri("/info"), "SESSION=" + token).body());
        assertNotEquals(id, fresh.get("id"));
        assertEquals(0L, redis.sync().exists(key(id)), "a deleted id is never brought back");
    }

    @Test
    void preLoginToken_replayedAfterChangeSessionId_givesNoSession() throws Exception {
        Browser user = new Browser();
        user.body(app.a.uri("/set?name=secret&value=cart"));
        String preLogin = user.cookie("SESSION");
        assertTrue(user.body(app.b.uri("/login?value=alice")).startsWith("changed"));
        String postLogin = user.cookie("SESSION");
        assertNotEquals(preLogin, postLogin);
        assertEquals("no-session", withCookieHeader(app.a.uri("/get?name=user"), "SESSION=" + preLogin).body());
        assertEquals("alice", withCookieHeader(app.a.uri("/get?name=user"), "SESSION=" + postLogin).body());
        assertEquals("cart", withCookieHeader(app.b.uri("/get?name=secret"), "SESSION=" + postLogin).body());
    }

    @Test
    void tokenReplayedAfterLogout_givesNoSession_onEitherInstance() throws Exception {
        Browser user = new Browser();
        user.body(app.a.uri("/login?value=bob"));
        String token = user.cookie("SESSION");
        assertEquals("bob", user.body(app.b.uri("/get?name=user")));
        user.body(app.b.uri("/invalidate"));
        assertEquals("no-session", withCookieHeader(app.a.uri("/get?name=user"), "SESSION=" + token).body());
        assertEquals("no-session", withCookieHeader(app.b.uri("/get?name=user"), "SESSION=" + token).body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SESSION=", "SESSION", "SESSION=\"\"", "SESSION=\"abc.def.ghi\"", "=SESSION", ";;;", "=",
            "SESSION=a; SESSION=b; SESSION=c", "SESSION=%00%0A%0D", "SESSION=${jndi:ldap://127.0.0.1/x}",
            "SESSION=eyJ; other=1", "other=1; SESSION=..; third", "SESSION=\\\"\\\\", "SESSION=a=b=c", "session=x.y.z",
            "SESSION='or'1'='1"})
    void malformedCookieHeaders_giveNoSession_withoutErrors(String cookieHeader) throws Exception {
        assertNoSession(cookieHeader, cookieHeader);
    }

    @Test
    void oversizedCookies_over4KB_giveNoSession_withoutErrors() throws Exception {
        assertNoSession("SESSION=" + "A".repeat(5000), "5000-character cookie");
        assertNoSession("SESSION=" + victimToken + "." + "A".repeat(4500), "a real token padded past 4 KB");
        assertNoSession("SESSION=" + ForgedTokens.replaceSegment(victimToken, 1, "A".repeat(4200)), "4 KB payload");
    }

    @Test
    void garbageCookieBeforeAValidOne_doesNotHideTheValidSession() throws Exception {
        assertEquals(SECRET, withCookieHeader(app.a.uri("/get?name=secret"), "SESSION=garbage; SESSION=" + victimToken).body(),
                "browsers send same-name cookies of several paths; the first valid token counts");
    }

    @Test
    void rejectedTokens_areCounted_andVisibleToOperators() throws Exception {
        long before = Long.parseLong(new Browser().body(app.a.uri("/stats")));
        for (int i = 0; i < 3; i++) {
            withCookieHeader(app.a.uri("/get?name=secret"), "SESSION=forged.token." + i);
        }
        long after = Long.parseLong(new Browser().body(app.a.uri("/stats")));
        assertEquals(before + 3, after, "servlet context attribute " + SessionFilterStatistics.CONTEXT_ATTRIBUTE);
        assertFalse(new Browser().body(app.b.uri("/stats")).equals("none"));
    }
}
