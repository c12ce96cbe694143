package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ForgedTokens;
import io.github.sessionfilter.testing.HeaderAuthentication;
import io.github.sessionfilter.testing.SecurityServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cookie attributes, ids in URLs, id quality, never adopting an unknown id, and automatic id rotation
 * at login ({@code session.rotate-on}), on two real instances sharing Redis.
 */
class CookieAndFixationIT {
    private static final byte[] K1 = new byte[64];
    private static TwoInstances app;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        new SecureRandom().nextBytes(K1);
        app = TwoInstances.start(TestRedis.get(), settings(Map.of()), () -> new RedisSessionFilter(Map.of()), SecurityServlet::new);
        redisClient = RedisClient.create(TestRedis.get().uri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        redis.close();
        redisClient.shutdown();
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("jwt.keys", "k1:" + ForgedTokens.b64(K1));
        settings.putAll(extra);
        return settings;
    }

    /** A request without a cookie jar: the token goes in by hand, and comes back from Set-Cookie. */
    private static HttpResponse<String> sendAs(URI uri, String cookieName, String token, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of(headers));
        if (token != null) {
            all.add("Cookie");
            all.add(cookieName + "=" + token);
        }
        HttpResponse<String> response = new Browser().get(uri, all.toArray(new String[0]));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static HttpResponse<String> send(URI uri, String token, String... headers) throws Exception {
        return sendAs(uri, "SESSION", token, headers);
    }

    /** The token a response sets, or null when it sets none. */
    private static String newToken(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertTrue(cookies.size() <= 1, "one cookie per response: " + cookies);
        if (cookies.isEmpty()) {
            return null;
        }
        String header = cookies.get(0);
        return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    }

    private static String idOf(URI infoUri, String token, String... headers) throws Exception {
        String body = send(infoUri, token, headers).body();
        return body.substring(body.indexOf("id=") + 3, body.indexOf(';'));
    }

    // ------------------------------------------------------------------ cookies and URLs

    @Test
    void cookie_behindATlsTerminatingProxy_isSecure_httpOnly_sameSiteLax() throws Exception {
        String header = send(app.a.uri("/set?name=x&value=1"), null, "X-Forwarded-Proto", "https")
                .headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.contains("; Secure"), header);
        assertTrue(header.contains("; HttpOnly"), header);
        assertTrue(header.contains("; SameSite=Lax"), header);
        assertTrue(header.contains("; Path=/app"), header);
        String plain = send(app.a.uri("/set?name=x&value=1"), null).headers().firstValue("Set-Cookie").orElseThrow();
        assertFalse(plain.contains("Secure"), "plain HTTP without the proxy header: " + plain);
    }

    @Test
    void defaultName_onHttps_isHostPrefixed_andOnlyThatNameIsRead() throws Exception {
        HttpResponse<String> created = send(app.a.uri("/set?name=x&value=tls"), null, "X-Forwarded-Proto", "https");
        String header = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.startsWith("__Secure-SESSION=ey"), "below the root (/app): __Secure-, keeping the path: " + header);
        assertTrue(header.contains("; Path=/app;") && header.contains("; Secure"), header);
        String token = newToken(created);
        assertEquals("tls", sendAs(app.b.uri("/get?name=x"), "__Secure-SESSION", token, "Forwarded", "for=1.2.3.4;proto=https").body(),
                "the standard Forwarded header counts like X-Forwarded-Proto");
        assertEquals("no-session", sendAs(app.b.uri("/get?name=x"), "SESSION", token, "X-Forwarded-Proto", "https").body(),
                "on HTTPS a cookie without the prefix (planted by a subdomain or over plain HTTP) is not read");
        assertEquals("no-session", sendAs(app.b.uri("/get?name=x"), "__Secure-SESSION", token).body(),
                "on plain HTTP only the bare name is read");
    }

    @Test
    void tossedTokenOfADeadSession_placedFirst_doesNotHideTheLiveSession() throws Exception {
        String dead = newToken(send(app.a.uri("/set?name=x&value=attacker"), null));
        send(app.b.uri("/invalidate"), dead);
        String victim = newToken(send(app.a.uri("/set?name=x&value=victim"), null));
        HttpResponse<String> response = new Browser().get(app.b.uri("/get?name=x"), "Cookie",
                "SESSION=" + dead + "; SESSION=" + victim);
        assertEquals("victim", response.body(), "the dead token is skipped, the live one is used");
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "nothing is re-issued");
    }

    @Test
    void hostPrefixedCookie_isSecureHostOnlyWithPathSlash_evenOverPlainHttp() throws Exception {
        try (TwoInstances host = TwoInstances.start(TestRedis.get(), settings(Map.of("cookie.name", "__Host-SESSION")),
                () -> new RedisSessionFilter(Map.of()), SecurityServlet::new)) {
            HttpResponse<String> created = send(host.a.uri("/set?name=x&value=host"), null);
            String header = created.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(header.startsWith("__Host-SESSION=ey"), header);
            assertTrue(header.contains("; Path=/;"), header);
            assertTrue(header.contains("; Secure"), header);
            assertFalse(header.contains("Domain"), header);
            assertEquals("host", sendAs(host.b.uri("/get?name=x"), "__Host-SESSION", newToken(created)).body());
            assertEquals("no-session", sendAs(host.b.uri("/get?name=x"), "SESSION", newToken(created)).body(),
                    "only the configured name counts");
        }
    }

    @Test
    void encodeUrlAndEncodeRedirectUrl_neverRewrite() throws Exception {
        HttpResponse<String> response = send(app.a.uri("/encode"), null);
        assertEquals("/app/page?x=1|/app/next|page;jsessionid=abc", response.body());
        String token = newToken(response);
        assertEquals("/app/page?x=1|/app/next|page;jsessionid=abc", send(app.b.uri("/encode"), token).body());
        assertEquals("id=true;valid=true;cookie=true;url=false", send(app.b.uri("/requested"), token).body());
    }

    @Test
    void sessionIdInTheUrl_isIgnored() throws Exception {
        HttpResponse<String> created = send(app.a.uri("/info"), null);
        String id = created.body().substring(3, created.body().indexOf(';'));
        assertEquals("no-session", send(app.b.uri("/get;jsessionid=" + id + "?name=x"), null).body());
        assertEquals("no-session", send(app.b.uri("/get?name=x&jsessionid=" + id + "&SESSION=" + newToken(created)), null).body());
    }

    // ------------------------------------------------------------------ ids

    @Test
    void issuedIds_are192BitUrlSafe_andUnique() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String body = send(app.alternate(i, "/info"), null).body();
            String id = body.substring(3, body.indexOf(';'));
            assertTrue(SessionIds.isWellFormed(id), id);
            assertEquals(24, Base64.getUrlDecoder().decode(id).length);
            assertTrue(ids.add(id), "repeated id " + id);
        }
    }

    @Test
    void tokenNamingAnIdThatDoesNotExist_getsANewId_neverThatOne() throws Exception {
        String chosen = "AttackerChosenId" + "A".repeat(16);
        ForgedTokens forge = new ForgedTokens(K1, new byte[32], "session-filter", "/app", chosen, Instant.now(), 8 * 3600);
        String token = forge.control();
        HttpResponse<String> response = send(app.a.uri("/info"), token);
        String id = response.body().substring(3, response.body().indexOf(';'));
        assertNotEquals(chosen, id);
        assertTrue(response.body().contains("new=true"), response.body());
        assertNotNull(newToken(response));
        assertEquals(0L, redis.sync().exists(app.settings.get("redis.key-prefix") + "{" + chosen + "}"),
                "the chosen id was never written");
        assertEquals("no-session", send(app.b.uri("/get?name=x"), token).body());
    }

    // ------------------------------------------------------------------ automatic rotation

    @Test
    void rotateOnPrincipal_changesTheIdWhenTheUserLogsIn_andThePreLoginTokenIsDead() throws Exception {
        try (TwoInstances rotating = TwoInstances.start(TestRedis.get(), settings(Map.of("session.rotate-on", "principal")),
                () -> new HeaderAuthentication(new RedisSessionFilter(Map.of())), SecurityServlet::new)) {
            String anonymous = newToken(send(rotating.a.uri("/set?name=cart&value=3items"), null));
            String anonymousId = idOf(rotating.b.uri("/info"), anonymous);

            HttpResponse<String> login = send(rotating.b.uri("/get?name=cart"), anonymous, HeaderAuthentication.HEADER, "alice");
            assertEquals("3items", login.body(), "the session's data survives the login");
            String alice = newToken(login);
            assertNotNull(alice, "the login request rotated the id");
            assertNotEquals(anonymousId, idOf(rotating.a.uri("/info"), alice, HeaderAuthentication.HEADER, "alice"));

            assertEquals("no-session", send(rotating.a.uri("/get?name=cart"), anonymous).body(), "pre-login token replayed");
            assertEquals("no-session", send(rotating.b.uri("/get?name=cart"), anonymous, HeaderAuthentication.HEADER, "alice").body());
            assertEquals("3items", send(rotating.a.uri("/get?name=cart"), alice, HeaderAuthentication.HEADER, "alice").body());

            HttpResponse<String> again = send(rotating.b.uri("/get?name=cart"), alice, HeaderAuthentication.HEADER, "alice");
            assertNull(newToken(again), "same user: no rotation, no cookie");
            assertEquals("[cart]", send(rotating.a.uri("/names"), alice, HeaderAuthentication.HEADER, "alice").body(),
                    "the recorded principal is not an application attribute");

            String bob = newToken(send(rotating.a.uri("/get?name=cart"), alice, HeaderAuthentication.HEADER, "bob"));
            assertNotNull(bob, "another user: rotated again");
            assertEquals("no-session", send(rotating.b.uri("/get?name=cart"), alice, HeaderAuthentication.HEADER, "alice").body());
            HttpResponse<String> publicPage = send(rotating.b.uri("/get?name=cart"), bob);
            assertEquals("3items", publicPage.body());
            assertNull(newToken(publicPage), "a request without a principal (a public page) does not rotate");
            assertNotNull(newToken(send(rotating.a.uri("/get?name=cart"), bob, HeaderAuthentication.HEADER, "alice")),
                    "back to alice: rotated");
        }
    }

    @Test
    void rotateOnPrincipal_newSessionOfALoggedInUser_isNotRotatedAgain() throws Exception {
        try (TwoInstances rotating = TwoInstances.start(TestRedis.get(), settings(Map.of("session.rotate-on", "principal")),
                () -> new HeaderAuthentication(new RedisSessionFilter(Map.of())), SecurityServlet::new)) {
            String token = newToken(send(rotating.a.uri("/set?name=x&value=1"), null, HeaderAuthentication.HEADER, "carol"));
            assertNull(newToken(send(rotating.b.uri("/get?name=x"), token, HeaderAuthentication.HEADER, "carol")));
            assertEquals("1", send(rotating.a.uri("/get?name=x"), token, HeaderAuthentication.HEADER, "carol").body());
        }
    }

    @Test
    void rotateOnAttribute_changesTheIdWhenTheAppSetsTheUser_withoutAppChanges() throws Exception {
        try (TwoInstances rotating = TwoInstances.start(TestRedis.get(), settings(Map.of("session.rotate-on", "attribute:user")),
                () -> new RedisSessionFilter(Map.of()), SecurityServlet::new)) {
            String anonymous = newToken(send(rotating.a.uri("/set?name=cart&value=3items"), null));
            String anonymousId = idOf(rotating.a.uri("/info"), anonymous);

            String alice = newToken(send(rotating.b.uri("/set?name=user&value=alice"), anonymous));
            assertNotNull(alice, "setting the user rotated the id");
            assertNotEquals(anonymousId, idOf(rotating.a.uri("/info"), alice));
            assertEquals("no-session", send(rotating.a.uri("/get?name=user"), anonymous).body(), "pre-login token replayed");
            assertEquals("alice", send(rotating.a.uri("/get?name=user"), alice).body());
            assertEquals("3items", send(rotating.b.uri("/get?name=cart"), alice).body());

            assertNull(newToken(send(rotating.a.uri("/set?name=user&value=alice"), alice)), "same value: no rotation");
            assertNull(newToken(send(rotating.a.uri("/set?name=cart&value=4items"), alice)), "other attributes: no rotation");
            String bob = newToken(send(rotating.b.uri("/set?name=user&value=bob"), alice));
            assertNotNull(bob, "another user: rotated");
            assertEquals("no-session", send(rotating.a.uri("/get?name=user"), alice).body());
            String anonymousAgain = newToken(send(rotating.a.uri("/remove?name=user"), bob));
            assertNotNull(anonymousAgain, "user removed (logout): rotated");
            assertEquals("4items", send(rotating.b.uri("/get?name=cart"), anonymousAgain).body());
        }
    }

    @Test
    void rotateOnAttribute_inTheRequestThatCreatesTheSession_setsOneCookie() throws Exception {
        try (TwoInstances rotating = TwoInstances.start(TestRedis.get(), settings(Map.of("session.rotate-on", "attribute:user")),
                () -> new RedisSessionFilter(Map.of()), SecurityServlet::new)) {
            HttpResponse<String> response = send(rotating.a.uri("/set?name=user&value=dave"), null);
            assertEquals("dave", send(rotating.b.uri("/get?name=user"), newToken(response)).body());
        }
    }

    @Test
    void rotateOnAttribute_whenTheAppAlreadyCalledChangeSessionId_doesNotRotateTwice() throws Exception {
        Map<String, String> extra = new HashMap<>(Map.of("session.rotate-on", "attribute:user"));
        extra.put("listeners", io.github.sessionfilter.testing.RecordingListener.class.getName());
        try (TwoInstances rotating = TwoInstances.start(TestRedis.get(), settings(extra),
                () -> new RedisSessionFilter(Map.of()), SecurityServlet::new)) {
            String anonymous = newToken(send(rotating.a.uri("/set?name=cart&value=1"), null));
            io.github.sessionfilter.testing.RecordingListener.EVENTS.clear();
            String loggedIn = newToken(send(rotating.b.uri("/login?value=frank"), anonymous));
            assertEquals(List.of("id changed to new", "added user=frank"),
                    List.copyOf(io.github.sessionfilter.testing.RecordingListener.EVENTS));
            assertEquals("frank", send(rotating.a.uri("/get?name=user"), loggedIn).body());
        }
    }

    @Test
    void listenersHearAutomaticRotation_likeChangeSessionId() throws Exception {
        Map<String, String> extra = new HashMap<>(Map.of("session.rotate-on", "attribute:user"));
        extra.put("listeners", io.github.sessionfilter.testing.RecordingListener.class.getName());
        try (TwoInstances rotating = TwoInstances.start(TestRedis.get(), settings(extra),
                () -> new RedisSessionFilter(Map.of()), SecurityServlet::new)) {
            String anonymous = newToken(send(rotating.a.uri("/set?name=cart&value=1"), null));
            io.github.sessionfilter.testing.RecordingListener.EVENTS.clear();
            send(rotating.b.uri("/set?name=user&value=erin"), anonymous);
            assertEquals(List.of("added user=erin", "id changed to new"),
                    List.copyOf(io.github.sessionfilter.testing.RecordingListener.EVENTS));
        }
    }
}
