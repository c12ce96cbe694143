package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.RegistryServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's sessions ({@link SessionRegistry}, {@code session.user=attribute:user}) on two instances
 * sharing one Redis: listed on either instance, revoked on one and dead on the other at once.
 */
class UserSessionsIT {
    private static TwoInstances app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.user", "attribute:user");
        app = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), RegistryServlet::new).awaitRedis();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    private static Browser loggedIn(String user, int instance) throws Exception {
        Browser browser = new Browser();
        browser.body(app.alternate(instance, "/set?name=cart&value=tea"));
        browser.body(app.alternate(instance, "/login?value=" + user));
        return browser;
    }

    private static List<String> sessions(String user, int instance) throws Exception {
        String body = new Browser().body(app.alternate(instance, "/sessions?user=" + user));
        return body.isEmpty() ? List.of() : List.of(body.split(","));
    }

    @Test
    void aUsersSessions_areListedOnEitherInstance_andNoOneElses() throws Exception {
        String alice = user();
        String bob = user();
        loggedIn(alice, 0);
        loggedIn(alice, 1);
        loggedIn(alice, 0);
        loggedIn(bob, 1);
        assertEquals(3, sessions(alice, 1).size());
        assertEquals(3, sessions(alice, 0).size());
        assertEquals(1, sessions(bob, 0).size());
    }

    @Test
    void revokeAll_onOneInstance_endsEverySessionOnTheOtherAtOnce() throws Exception {
        String alice = user();
        Browser laptop = loggedIn(alice, 0);
        Browser phone = loggedIn(alice, 1);
        assertEquals(alice, laptop.body(app.b.uri("/get?name=user")));
        assertEquals("2", new Browser().body(app.a.uri("/revoke-all?user=" + alice)));
        assertEquals("no-session", laptop.body(app.b.uri("/get?name=user")));
        assertEquals("no-session", phone.body(app.b.uri("/get?name=user")));
        assertEquals(List.of(), sessions(alice, 1));
    }

    @Test
    void revokeAllButTheCurrent_logsOutEverywhereElse() throws Exception {
        String alice = user();
        Browser laptop = loggedIn(alice, 0);
        Browser phone = loggedIn(alice, 1);
        assertEquals("1", laptop.body(app.b.uri("/revoke-others?user=" + alice)));
        assertEquals(alice, laptop.body(app.a.uri("/get?name=user")), "the caller's session stays");
        assertEquals("no-session", phone.body(app.a.uri("/get?name=user")));
    }

    @Test
    void revokeOne_byItsRef() throws Exception {
        String alice = user();
        Browser laptop = loggedIn(alice, 0);
        List<String> refs = sessions(alice, 1);
        assertEquals(1, refs.size());
        assertEquals("true", new Browser().body(app.b.uri("/revoke?user=" + alice + "&ref=" + refs.get(0))));
        assertEquals("no-session", laptop.body(app.a.uri("/get?name=user")));
        assertEquals("false", new Browser().body(app.b.uri("/revoke?user=" + alice + "&ref=" + refs.get(0))));
    }

    @Test
    void logout_andRename_keepTheIndexExact() throws Exception {
        String alice = user();
        Browser browser = loggedIn(alice, 0);
        browser.body(app.b.uri("/login?value=" + alice)); // a new id for the same user
        assertEquals(1, sessions(alice, 0).size(), "the renamed session is listed once");
        browser.body(app.a.uri("/invalidate"));
        assertEquals(List.of(), sessions(alice, 1), "logged out: not listed");
    }

    @Test
    void maxPerUser_endsTheOldestSession() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.user", "attribute:user");
        settings.put("session.max-per-user", "2");
        try (TwoInstances limited = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()),
                RegistryServlet::new)) {
            String alice = user();
            Browser first = new Browser();
            first.body(limited.a.uri("/login?value=" + alice));
            Thread.sleep(5); // distinct creation times
            Browser second = new Browser();
            second.body(limited.b.uri("/login?value=" + alice));
            Thread.sleep(5);
            Browser third = new Browser();
            third.body(limited.a.uri("/login?value=" + alice));
            assertEquals("no-session", first.body(limited.b.uri("/get?name=user")), "the oldest was ended");
            assertEquals(alice, second.body(limited.b.uri("/get?name=user")));
            assertEquals(alice, third.body(limited.b.uri("/get?name=user")));
        }
    }

    @Test
    void revokedSessions_areAnnouncedToTheListeners_onceWithTheirAttributes() throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("session.user", "attribute:user");
        settings.put("listeners", io.github.sessionfilter.testing.ExpiryListener.class.getName());
        try (TwoInstances listening = TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()),
                RegistryServlet::new).awaitRedis()) {
            String alice = user();
            Browser laptop = new Browser();
            laptop.body(listening.a.uri("/login?value=" + alice));
            Browser phone = new Browser();
            phone.body(listening.b.uri("/login?value=" + alice));
            io.github.sessionfilter.testing.ExpiryListener.DESTROYED.clear();
            assertEquals("1", laptop.body(listening.a.uri("/revoke-others?user=" + alice)));
            assertEquals(List.of("user=" + alice), io.github.sessionfilter.testing.ExpiryListener.DESTROYED.stream()
                    .map(e -> e.substring(e.indexOf(' ') + 1)).toList(), "announced at once, with its attributes");
            assertEquals("no-session", phone.body(listening.a.uri("/get?name=user")));
            Thread.sleep(2_500); // the sweeps of both instances (every 10 s by default, first one within one period)
            assertEquals(1, io.github.sessionfilter.testing.ExpiryListener.DESTROYED.size(), "once");
        }
    }

    @Test
    void token_namesTheUser_andIsReissuedWhenTheUserChanges_sameSession() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=cart&value=tea"));
        String anonymous = browser.cookie("SESSION");
        assertEquals(null, claim(anonymous, "uid"));
        String alice = user();
        browser.body(app.b.uri("/set?name=user&value=" + alice));
        String aliceToken = browser.cookie("SESSION");
        assertEquals(alice, claim(aliceToken, "uid"), "a new token names the user");
        assertEquals(claim(anonymous, "sub"), claim(aliceToken, "sub"), "same session (no rotation configured here)");
        browser.body(app.a.uri("/get?name=user"));
        assertEquals(aliceToken, browser.cookie("SESSION"), "no new token while the user stays");
        browser.body(app.a.uri("/remove?name=user"));
        assertEquals(null, claim(browser.cookie("SESSION"), "uid"), "logged out in place: the token names nobody");
    }

    /** A string claim of a token's payload (readable by whoever holds the cookie), or null. */
    private static String claim(String token, String name) {
        String json = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void registry_isNotPublished_withoutSessionUser() throws Exception {
        try (TwoInstances plain = TwoInstances.start(TestRedis.get(), TwoInstances.settings(TestRedis.get()),
                () -> new RedisSessionFilter(Map.of()), io.github.sessionfilter.testing.ScenarioServlet::new)) {
            assertNull(plain.a.context().getAttribute(SessionRegistry.CONTEXT_ATTRIBUTE));
        }
    }
}
