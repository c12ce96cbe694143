package io.github.sessionfilter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a person uses it: start it with nothing configured, then register, log in and shop while
 * switching between the two instances on every step, log out, and stop it. Needs demo.war built first
 * (the reactor does that) and a Redis the way {@code LocalRedis} finds one.
 */
class DemoIT {
    private static final long START_TIMEOUT_MILLIS = 180_000;

    @TempDir
    Path dataDir;

    @Test
    void oneSessionFollowsTheMemberAcrossBothInstances() throws Exception {
        int portA = FreePort.find();
        int portB = FreePort.find();
        String a = "http://127.0.0.1:" + portA;
        String b = "http://127.0.0.1:" + portB;
        try (RunningDemo demo = RunningDemo.start(dataDir, portA, portB)) {
            demo.awaitLine("Press Ctrl+C to stop", START_TIMEOUT_MILLIS);
            assertTrue(demo.output().contains("generated a throwaway 256-bit signing key"), demo.output());
            assertTrue(demo.output().contains("http://localhost:" + portA + "/"), demo.output());
            assertTrue(demo.output().contains("http://localhost:" + portB + "/"), demo.output());

            Browser browser = new Browser();
            String username = "member" + UUID.randomUUID().toString().substring(0, 8);
            String password = "a long tea-time password";

            // Register on A; the "account created" message shows up on B.
            Browser.Page form = browser.get(a + "/register");
            assertEquals(200, form.status());
            assertServedBy(form, portA);
            Browser.Page registered = browser.post(a + "/register", Map.of("_csrf", form.csrfToken(),
                    "username", username, "displayName", "Tea <Lover> & Co", "password", password, "confirm", password));
            assertEquals(303, registered.status(), registered.body());
            assertEquals("/login", registered.location());
            Browser.Page login = browser.get(b + "/login");
            assertTrue(login.body().contains("Welcome to the club, Tea &lt;Lover&gt; &amp; Co!"), login.body());
            assertServedBy(login, portB);
            assertTrue(login.body().contains("/style.css"), "pages link the stylesheet: " + login.body());
            Browser.Page css = browser.get(b + "/style.css");
            assertEquals(200, css.status(), "the stylesheet through the container's default servlet, session cookie sent");
            assertTrue(css.body().contains("{"), css.body());

            // Wrong password: the form comes back with a message, nothing else happens.
            Browser.Page wrong = browser.post(b + "/login", Map.of("_csrf", login.csrfToken(),
                    "username", username, "password", "not the password"));
            assertEquals(422, wrong.status());
            assertTrue(wrong.body().contains("Unknown user name or wrong password."), wrong.body());

            // Log in on B: the session id changes.
            String anonymousSession = sessionIdOn(browser, a);
            Browser.Page loggedIn = browser.post(b + "/login", Map.of("_csrf", wrong.csrfToken(),
                    "username", username.toUpperCase(), "password", password));
            assertEquals(303, loggedIn.status(), loggedIn.body());
            assertEquals("/profile", loggedIn.location());

            // The profile on A knows the member (and shows the one-time message set on B).
            Browser.Page profile = browser.get(a + "/profile");
            assertEquals(200, profile.status());
            assertTrue(profile.body().contains("Welcome back, Tea &lt;Lover&gt; &amp; Co."), profile.body());
            assertTrue(profile.body().contains(username), profile.body());
            assertServedBy(profile, portA);
            assertNotEquals(anonymousSession, sessionIdOn(browser, b), "changeSessionId() at login");

            // Fill the cart, alternating instances; the cart object is only ever changed in place.
            String token = profile.csrfToken();
            assertEquals(303, browser.post(a + "/cart", Map.of("_csrf", token, "action", "add", "product", "sencha")).status());
            assertEquals(303, browser.post(b + "/cart", Map.of("_csrf", token, "action", "add", "product", "sencha")).status());
            assertEquals(303, browser.post(a + "/cart", Map.of("_csrf", token, "action", "add", "product", "mug")).status());
            assertEquals(303, browser.post(b + "/cart", Map.of("_csrf", token, "action", "add", "product", "rooibos")).status());
            assertEquals(303, browser.post(a + "/cart", Map.of("_csrf", token, "action", "remove", "product", "rooibos")).status());

            Browser.Page cart = browser.get(b + "/cart");
            assertEquals(200, cart.status());
            assertServedBy(cart, portB);
            assertTrue(cart.body().contains("Cart (3)"), cart.body());
            assertTrue(cart.body().matches("(?s).*Sencha green tea, 100 g</td><td class=\"num\">€8.90</td><td class=\"num\">2<.*"),
                    cart.body());
            assertTrue(cart.body().contains("Enamel club mug"), cart.body());
            assertTrue(cart.body().contains("Removed Rooibos vanilla, 100 g from your cart."), cart.body());
            assertFalse(cart.body().contains("Rooibos vanilla, 100 g</td>"), cart.body());
            assertTrue(cart.body().contains("€26.80"), cart.body());

            Browser.Page session = browser.get(a + "/session");
            assertTrue(session.body().contains("<dd>cart, csrfToken, member</dd>"), session.body());
            assertTrue(session.body().contains("1800 s (30 min)"), session.body());

            // A form without the token is refused, with a plain page and no details.
            Browser.Page forged = browser.post(b + "/cart", Map.of("action", "add", "product", "mug"));
            assertEquals(403, forged.status());
            assertTrue(forged.body().contains("Form expired"), forged.body());
            assertFalse(forged.body().contains("Exception"), forged.body());

            // Log out on B: the session is gone everywhere, even for a copy of the old cookie.
            Map<String, String> oldCookies = browser.cookies();
            Browser.Page out = browser.post(b + "/logout", Map.of("_csrf", token));
            assertEquals(303, out.status(), out.body());
            Browser.Page home = browser.get(a + "/");
            assertTrue(home.body().contains("You have been logged out."), home.body());
            assertTrue(home.body().contains("Cart (0)"), home.body());
            assertEquals(303, browser.get(a + "/profile").status());
            browser.replaceCookies(oldCookies);
            Browser.Page replayed = browser.get(a + "/profile");
            assertEquals(303, replayed.status(), "an old cookie must not bring the session back");
            assertEquals("/login", replayed.location());

            Browser.Page missing = browser.get(b + "/no-such-page");
            assertEquals(404, missing.status());
            assertTrue(missing.body().contains("Page not found"), missing.body());

            demo.stop();
            demo.awaitExit(60_000);
            assertTrue(demo.output().contains("[runner] stopped."), demo.output());
            assertFalse(listening(portA), "instance on " + portA + " still listening after stop");
            assertFalse(listening(portB), "instance on " + portB + " still listening after stop");
        }
    }

    /**
     * A member logged in with two browsers, one on each instance: both list the two sessions, each marks its
     * own; one ends the other through the other instance and that browser is logged out at once; then "log out
     * everywhere else". An onlooker's footer follows "online now" throughout.
     */
    @Test
    void aMemberSeesBothSessionsAndEndsTheOther_onlineNowFollows() throws Exception {
        int portA = FreePort.find();
        int portB = FreePort.find();
        String a = "http://127.0.0.1:" + portA;
        String b = "http://127.0.0.1:" + portB;
        try (RunningDemo demo = RunningDemo.start(dataDir, portA, portB)) {
            demo.awaitLine("Press Ctrl+C to stop", START_TIMEOUT_MILLIS);
            String username = "member" + UUID.randomUUID().toString().substring(0, 8);
            String password = "a long tea-time password";

            // The onlooker's first page starts its session, which is counted at once.
            Browser onlooker = new Browser();
            long online = onlineNow(onlooker.get(a + "/"));
            assertTrue(online >= 1, "the onlooker's own session is online");

            // A new visitor on B: one more, on both instances.
            Browser laptop = new Browser();
            Browser.Page form = laptop.get(b + "/register");
            assertEquals(online + 1, onlineNow(form), "a visitor's new session is counted");
            assertEquals(online + 1, onlineNow(onlooker.get(a + "/cart")), "the other instance counts it too");
            assertEquals(303, laptop.post(b + "/register", Map.of("_csrf", form.csrfToken(), "username", username,
                    "displayName", "Two Devices", "password", password, "confirm", password)).status());
            logIn(laptop, b, username, password);

            Browser phone = new Browser();
            logIn(phone, a, username, password);
            assertEquals(online + 2, onlineNow(onlooker.get(b + "/cart")), "logging in changes the id, not the count");

            // Both browsers list both sessions, on either instance, and each marks its own.
            Browser.Page onLaptop = laptop.get(a + "/sessions");
            assertEquals(200, onLaptop.status(), onLaptop.body());
            assertTrue(onLaptop.body().contains("/sessions\">Your sessions</a>"), "linked in the navigation: " + onLaptop.body());
            assertEquals(2, sessionRows(onLaptop), onLaptop.body());
            assertEquals(1, count(onLaptop.body(), "<tr class=\"this-device\">"), onLaptop.body());
            Browser.Page onPhone = phone.get(b + "/sessions");
            assertEquals(2, sessionRows(onPhone), onPhone.body());
            assertEquals(1, count(onPhone.body(), "<tr class=\"this-device\">"), onPhone.body());
            String phoneRef = revokableRef(onLaptop);
            String phoneId = sessionIdOn(phone, a);
            assertTrue(phoneId.startsWith(phoneRef.substring(0, 6)), "the other session is the phone's: " + phoneId + " " + phoneRef);
            assertTrue(onLaptop.body().contains("<td>" + phoneRef.substring(0, 6) + "…</td>"), onLaptop.body());

            // The laptop, listed on A, ends the phone's session through B: the phone is logged out at once.
            Browser.Page ended = laptop.post(b + "/sessions", Map.of("_csrf", onLaptop.csrfToken(),
                    "action", "revoke", "ref", phoneRef));
            assertEquals(303, ended.status(), ended.body());
            assertEquals("/sessions", ended.location());
            assertEquals(online + 1, onlineNow(onlooker.get(a + "/cart")), "the ended session is no longer online");
            Browser.Page phoneProfile = phone.get(a + "/profile");
            assertEquals(303, phoneProfile.status(), "the phone is logged out on A");
            assertEquals("/login", phoneProfile.location());
            assertEquals(303, phone.get(b + "/sessions").status(), "and on B");
            Browser.Page afterRevoke = laptop.get(a + "/sessions");
            assertTrue(afterRevoke.body().contains("That session has been logged out."), afterRevoke.body());
            assertEquals(1, sessionRows(afterRevoke), afterRevoke.body());
            assertTrue(afterRevoke.body().contains("You are not logged in anywhere else."), afterRevoke.body());

            // The phone logs in again (its redirect to the login page started a new session, counted); the
            // laptop logs out everywhere else, on A; the phone is logged out on B.
            logIn(phone, b, username, password);
            assertEquals(online + 2, onlineNow(onlooker.get(b + "/cart")));
            Browser.Page both = laptop.get(a + "/sessions");
            assertEquals(2, sessionRows(both), both.body());
            Browser.Page everywhere = laptop.post(a + "/sessions", Map.of("_csrf", both.csrfToken(), "action", "revoke-others"));
            assertEquals(303, everywhere.status(), everywhere.body());
            assertEquals(online + 1, onlineNow(onlooker.get(b + "/cart")));
            assertEquals(303, phone.get(b + "/profile").status(), "the phone is logged out everywhere");
            Browser.Page alone = laptop.get(b + "/sessions");
            assertTrue(alone.body().contains("Logged out 1 other session."), alone.body());
            assertEquals(1, sessionRows(alone), alone.body());
            assertEquals(online + 2, onlineNow(onlooker.get(a + "/cart")), "the phone's new anonymous session");

            // Logging out ends the laptop's session (sessionDestroyed: one down) and starts the fresh one that
            // carries "You have been logged out." (one up): the count does not grow.
            assertEquals(303, laptop.post(a + "/logout", Map.of("_csrf", alone.csrfToken())).status());
            assertEquals(online + 2, onlineNow(onlooker.get(b + "/cart")), "logout ends a session");
            Browser.Page bye = laptop.get(b + "/");
            assertTrue(bye.body().contains("You have been logged out."), bye.body());
            assertEquals(online + 2, onlineNow(bye));
            assertEquals(303, laptop.get(b + "/sessions").status(), "a visitor has no sessions page");
        }
    }

    @Test
    void portAlreadyInUse_failsAtOnceAndSaysWhich() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            try (RunningDemo demo = RunningDemo.start(dataDir, FreePort.find(), port)) {
                assertEquals(2, demo.awaitExit(60_000), demo.output());
                assertTrue(demo.output().contains("port " + port + " on 127.0.0.1 is already in use"), demo.output());
                assertFalse(demo.output().contains("local-redis"), "nothing should start: " + demo.output());
            }
        }
    }

    private static final Pattern SESSION_ID = Pattern.compile("<dt>Session id</dt><dd>([^<]+)</dd>");
    private static final Pattern ONLINE_NOW = Pattern.compile("<span id=\"online-now\">online now: (\\d+)</span>");
    private static final Pattern SESSIONS_TABLE = Pattern.compile("(?s)<table id=\"sessions\">.*?<tbody>(.*?)</tbody>");
    private static final Pattern REF = Pattern.compile("name=\"ref\" value=\"([^\"]+)\"");

    private static void logIn(Browser browser, String base, String username, String password)
            throws IOException, InterruptedException {
        Browser.Page form = browser.get(base + "/login");
        Browser.Page in = browser.post(base + "/login", Map.of("_csrf", form.csrfToken(), "username", username,
                "password", password));
        assertEquals(303, in.status(), in.body());
        assertEquals("/profile", in.location());
    }

    private static long onlineNow(Browser.Page page) {
        Matcher m = ONLINE_NOW.matcher(page.body());
        assertTrue(m.find(), "no \"online now\" in the footer:\n" + page.body());
        return Long.parseLong(m.group(1));
    }

    private static int sessionRows(Browser.Page page) {
        Matcher m = SESSIONS_TABLE.matcher(page.body());
        assertTrue(m.find(), "no sessions table:\n" + page.body());
        return count(m.group(1), "<tr");
    }

    /** The ref of the one session on the page that can be logged out (not this device). */
    private static String revokableRef(Browser.Page page) {
        Matcher m = REF.matcher(page.body());
        assertTrue(m.find(), "no session to log out:\n" + page.body());
        String ref = m.group(1);
        assertFalse(m.find(), "more than one other session:\n" + page.body());
        return ref;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String sessionIdOn(Browser browser, String base) throws IOException, InterruptedException {
        Matcher m = SESSION_ID.matcher(browser.get(base + "/session").body());
        assertTrue(m.find());
        return m.group(1);
    }

    private static void assertServedBy(Browser.Page page, int port) {
        assertTrue(page.body().matches("(?s).*Served by instance <strong>[^<]*:" + port + "</strong>.*"),
                "expected the footer to name port " + port + ":\n" + page.body());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
