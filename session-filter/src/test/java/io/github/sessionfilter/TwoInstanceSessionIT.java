package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.RedisCommandLog;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof of statelessness: two Jetty servers share one Redis and a client with a cookie jar
 * alternates between them.
 */
class TwoInstanceSessionIT {
    private static TwoInstances app;
    private static RedisCommandLog commands;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
        commands = new RedisCommandLog(TestRedis.get().host(), TestRedis.get().port());
        redisClient = RedisClient.create(TestRedis.get().uri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        commands.close();
        redis.close();
        redisClient.shutdown();
    }

    @Test
    void attributes_setOnOneInstance_areSeenOnTheOther() throws Exception {
        Browser browser = new Browser();
        assertEquals("set", browser.body(app.a.uri("/set?name=user&value=alice")));
        assertEquals("alice", browser.body(app.b.uri("/get?name=user")));
        assertEquals("set", browser.body(app.b.uri("/set?name=user&value=bob")));
        assertEquals("bob", browser.body(app.a.uri("/get?name=user")));
    }

    @Test
    void objectMutatedInPlace_isSavedWithoutSetAttribute() throws Exception {
        Browser browser = new Browser();
        for (int i = 0; i < 6; i++) {
            browser.body(app.alternate(i, "/add?item=item" + i));
        }
        assertEquals("[item0, item1, item2, item3, item4, item5, item6]",
                browser.body(app.b.uri("/add?item=item6")));
    }

    @Test
    void concurrentRequests_changingDifferentAttributes_loseNothing() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=start&value=1"));
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                results.add(pool.submit(() -> browser.body(app.alternate(n, "/set?name=attr" + n + "&value=v" + n))));
            }
            for (Future<String> result : results) {
                assertEquals("set", result.get());
            }
        } finally {
            pool.shutdown();
        }
        String names = browser.body(app.b.uri("/names"));
        for (int i = 0; i < requests; i++) {
            assertTrue(names.contains("attr" + i + ","), "attr" + i + " lost: " + names);
        }
    }

    @Test
    void invalidateOnOneInstance_endsTheSessionOnTheOtherAtOnce() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=alice"));
        String token = browser.cookie("SESSION");
        HttpResponse<String> response = browser.get(app.a.uri("/invalidate"));
        assertTrue(response.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("SESSION=;") && h.contains("Max-Age=0")),
                "cookie expired: " + response.headers().allValues("Set-Cookie"));
        assertEquals("no-session", browser.body(app.b.uri("/get?name=user")));

        Browser replay = new Browser();
        replay.setCookie(app.b.uri("/"), "SESSION", token);
        assertEquals("no-session", replay.body(app.b.uri("/get?name=user")), "the old token names a dead session");
    }

    @Test
    void sessionUsedAfterInvalidate_throwsIllegalStateException() throws Exception {
        assertEquals("IllegalStateException", new Browser().body(app.a.uri("/use-after-invalidate")));
    }

    @Test
    void changeSessionId_keepsAttributes_andKillsTheOldIdAtOnce() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=cart&value=3items"));
        String before = browser.cookie("SESSION");
        assertTrue(browser.body(app.b.uri("/login?value=alice")).startsWith("changed"));
        String after = browser.cookie("SESSION");
        assertNotEquals(before, after);
        assertEquals("3items", browser.body(app.a.uri("/get?name=cart")));
        assertEquals("alice", browser.body(app.a.uri("/get?name=user")));

        Browser attacker = new Browser();
        attacker.setCookie(app.a.uri("/"), "SESSION", before);
        assertEquals("no-session", attacker.body(app.a.uri("/get?name=cart")), "pre-login token replayed");
    }

    @Test
    void untouchedRequest_costsNoRedisCommand_andSetsNoCookie() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=x&value=1"));
        List<String> sent = commands.commandsDuring(() -> {
            HttpResponse<String> response = browser.get(app.b.uri("/none"));
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        });
        assertEquals(List.of(), sent);
    }

    @Test
    void roundTrips_are_0_untouched_1_readOnly_2_writing_1_creating() throws Exception {
        Browser browser = new Browser();
        List<String> creating = commands.commandsDuring(() -> browser.body(app.a.uri("/set?name=x&value=1")));
        List<String> untouched = commands.commandsDuring(() -> browser.body(app.b.uri("/none")));
        List<String> readOnly = commands.commandsDuring(() -> browser.body(app.b.uri("/get?name=x")));
        List<String> writing = commands.commandsDuring(() -> browser.body(app.a.uri("/set?name=x&value=2")));
        List<String> mutating = commands.commandsDuring(() -> browser.body(app.b.uri("/add?item=a")));
        List<String> readMutable = commands.commandsDuring(() -> browser.body(app.a.uri("/get?name=cart")));
        System.out.printf("[round trips] creating=%s untouched=%s read-only=%s writing=%s mutating-new=%s read-mutable=%s%n",
                creating, untouched, readOnly, writing, mutating, readMutable);
        assertEquals(1, creating.size(), creating.toString());
        assertEquals(0, untouched.size(), untouched.toString());
        assertEquals(1, readOnly.size(), readOnly.toString());
        assertEquals(2, writing.size(), writing.toString());
        assertEquals(2, mutating.size(), mutating.toString());
        assertEquals(1, readMutable.size(), "a read that does not change the value writes nothing: " + readMutable);
    }

    @Test
    void garbageAndForgedTokens_giveNoSession_withoutAnyRedisCommand() throws Exception {
        Browser real = new Browser();
        real.body(app.a.uri("/set?name=secret&value=s3"));
        String token = real.cookie("SESSION");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        for (String forged : List.of("garbage", "a.b.c", tampered, token + "x", parts[0] + "." + parts[1] + ".")) {
            Browser attacker = new Browser();
            attacker.setCookie(app.a.uri("/"), "SESSION", forged);
            List<String> sent = commands.commandsDuring(() ->
                    assertEquals("no-session", attacker.body(app.a.uri("/get?name=secret"))));
            assertEquals(List.of(), sent, "forged token reached Redis: " + forged);
        }
    }

    @Test
    void requestedSessionId_reportsCookieOrigin_andValidity() throws Exception {
        Browser browser = new Browser();
        assertEquals("id=false;valid=false;cookie=false;url=false", browser.body(app.a.uri("/requested")));
        browser.body(app.a.uri("/set?name=x&value=1"));
        assertEquals("id=true;valid=true;cookie=true;url=false", browser.body(app.b.uri("/requested")));
        browser.body(app.b.uri("/invalidate"));
        Browser stale = new Browser();
        stale.setCookie(app.a.uri("/"), "SESSION", real(browser));
        assertEquals("id=false;valid=false;cookie=false;url=false", stale.body(app.a.uri("/requested")));
    }

    private static String real(Browser browser) {
        String value = browser.cookie("SESSION");
        return value == null ? "" : value;
    }

    @Test
    void isNew_isTrueOnlyUntilTheClientJoins_andTimesAreKept() throws Exception {
        Browser browser = new Browser();
        Map<String, String> first = info(browser.body(app.a.uri("/info")));
        assertEquals("true", first.get("new"));
        Thread.sleep(20);
        Map<String, String> second = info(browser.body(app.b.uri("/info")));
        assertEquals("false", second.get("new"));
        assertEquals(first.get("id"), second.get("id"));
        assertEquals(first.get("created"), second.get("created"));
        assertEquals("1800", second.get("max"), "default idle timeout 30 min");
        Thread.sleep(20);
        Map<String, String> third = info(browser.body(app.a.uri("/info")));
        assertTrue(Long.parseLong(third.get("last")) > Long.parseLong(second.get("last")),
                "last accessed time moves with each request");
    }

    @Test
    void maxInactiveInterval_isPerSession_andTravels() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/max?seconds=120"));
        assertEquals("120", info(browser.body(app.b.uri("/info"))).get("max"));
        String key = app.settings.get("redis.key-prefix") + "{" + sessionIdOf(browser) + "}";
        long ttl = redis.sync().pttl(key);
        assertTrue(ttl > 100_000 && ttl <= 120_000, "TTL follows the idle timeout: " + ttl);
    }

    @Test
    void redirect_commitsTheSessionBeforeTheResponse() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> response = browser.get(app.a.uri("/redirect?name=flash&value=saved"));
        assertEquals(302, response.statusCode());
        assertEquals("saved", browser.body(app.b.uri("/get?name=flash")));
    }

    @Test
    void largeBody_commitsTheSessionBeforeTheBufferOverflows() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> response = browser.get(app.a.uri("/big?name=big&value=yes&size=200000"));
        assertEquals(200, response.statusCode());
        assertEquals(200_000, response.body().length());
        assertNotNull(browser.cookie("SESSION"), "the cookie still made it into the headers");
        assertEquals("yes", browser.body(app.b.uri("/get?name=big")));
    }

    @Test
    void unserializableValue_failsAtSetAttribute_namingAttributeAndClass() throws Exception {
        String message = new Browser().body(app.a.uri("/set-unserializable?name=widget"));
        assertTrue(message.contains("widget") && message.contains("java.lang.Object"), message);
    }

    @Test
    void unreadableAttribute_isDropped_andTheRestSurvives() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=good&value=kept"));
        String key = app.settings.get("redis.key-prefix") + "{" + sessionIdOf(browser) + "}";
        redis.sync().hset(key, "a:broken", "definitely not java serialization");
        assertEquals("null", browser.body(app.b.uri("/get?name=broken")));
        assertEquals("kept", browser.body(app.a.uri("/get?name=good")));
        assertEquals(false, redis.sync().hexists(key, "a:broken"), "the unreadable value is removed from Redis");
    }

    private static String sessionIdOf(Browser browser) throws Exception {
        return info(browser.body(app.a.uri("/info"))).get("id");
    }

    private static Map<String, String> info(String body) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String part : body.split(";")) {
            String[] kv = part.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    @Test
    void cookie_isHttpOnly_sameSiteLax_pathIsContext_noMaxAge() throws Exception {
        HttpResponse<String> response = new Browser().get(app.a.uri("/set?name=x&value=1"));
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.startsWith("SESSION=ey"), header);
        assertTrue(header.contains("; Path=/app"), header);
        assertTrue(header.contains("; HttpOnly"), header);
        assertTrue(header.contains("; SameSite=Lax"), header);
        assertTrue(!header.contains("Max-Age") && !header.contains("Secure"), header);
        assertNull(response.headers().firstValue("Set-Cookie").filter(h -> h.contains("JSESSIONID")).orElse(null));
    }
}
