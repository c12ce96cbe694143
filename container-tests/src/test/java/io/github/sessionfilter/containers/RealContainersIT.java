package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo WAR, unchanged, on two real, different servlet containers at once: the Apache Tomcat 11
 * distribution and embedded Jetty 12 (ee10), each its own JVM, one Redis. One visitor (one cookie jar)
 * registers on Tomcat, logs in on Jetty, fills the cart on Tomcat, sees it on Jetty, changes it there,
 * sees that on Tomcat, logs out on one and is logged out on the other.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RealContainersIT {
    private static final Pattern SESSION_ID = Pattern.compile("<dt>Session id</dt><dd>([^<]+)</dd>");
    private static final Pattern CREATED = Pattern.compile("<dt>Created</dt><dd>([^<]+)</dd>");

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static DemoWarOnTomcatAndJetty containers;

    @BeforeAll
    static void startContainers() throws Exception {
        containers = DemoWarOnTomcatAndJetty.start("real-containers", LOGS);
    }

    @AfterAll
    static void stopContainers() throws Exception {
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void oneVisitorMovesBetweenTomcatAndJetty() throws Exception {
        String tomcat = containers.tomcat().base();
        String jetty = containers.jetty().base();
        WebClient browser = new WebClient();
        String username = "ct" + UUID.randomUUID().toString().substring(0, 8);
        String password = "two containers, one session";

        // Register on Tomcat; the one-time message set there is shown by Jetty.
        WebClient.Page form = browser.get(tomcat + "/register");
        assertEquals(200, form.status(), form::toString);
        assertServedBy(form, containers.tomcat());
        WebClient.Page registered = browser.post(tomcat + "/register", Map.of("_csrf", form.csrfToken(),
                "username", username, "displayName", "Tomcat & Jetty", "password", password, "confirm", password));
        assertEquals(303, registered.status(), registered::toString);
        WebClient.Page login = browser.get(jetty + "/login");
        assertEquals(200, login.status(), login::toString);
        assertServedBy(login, containers.jetty());
        assertTrue(login.body().contains("Welcome to the club, Tomcat &amp; Jetty!"), login::toString);

        // The anonymous session, seen from both containers: same id, same creation time.
        WebClient.Page beforeOnTomcat = browser.get(tomcat + "/session");
        WebClient.Page beforeOnJetty = browser.get(jetty + "/session");
        String anonymousId = find(SESSION_ID, beforeOnTomcat);
        assertEquals(anonymousId, find(SESSION_ID, beforeOnJetty));
        assertEquals(find(CREATED, beforeOnTomcat), find(CREATED, beforeOnJetty));
        String anonymousCookie = sessionCookie(browser);

        // Log in on Jetty: changeSessionId() gives a new id and a new cookie.
        WebClient.Page loggedIn = browser.post(jetty + "/login", Map.of("_csrf", login.csrfToken(),
                "username", username, "password", password));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        assertEquals("/profile", loggedIn.location());
        assertNotEquals(anonymousCookie, sessionCookie(browser), "a new cookie after login");
        WebClient.Page profile = browser.get(tomcat + "/profile");
        assertEquals(200, profile.status(), profile::toString);
        assertServedBy(profile, containers.tomcat());
        assertTrue(profile.body().contains("Welcome back, Tomcat &amp; Jetty."), profile::toString);
        WebClient.Page afterLogin = browser.get(tomcat + "/session");
        String memberId = find(SESSION_ID, afterLogin);
        assertNotEquals(anonymousId, memberId, "changeSessionId() at login");
        assertEquals(memberId, find(SESSION_ID, browser.get(jetty + "/session")));

        // Fill the cart on Tomcat (the cart object is changed in place), see it on Jetty.
        String token = profile.csrfToken();
        addToCart(browser, tomcat, token, "add", "sencha");
        addToCart(browser, tomcat, token, "add", "sencha");
        addToCart(browser, tomcat, token, "add", "mug");
        WebClient.Page cartOnJetty = browser.get(jetty + "/cart");
        assertServedBy(cartOnJetty, containers.jetty());
        assertTrue(cartOnJetty.body().contains("Cart (3)"), cartOnJetty::toString);
        assertTrue(cartOnJetty.body().matches("(?s).*Sencha green tea, 100 g</td><td class=\"num\">€8.90</td>"
                + "<td class=\"num\">2<.*"), cartOnJetty::toString);
        assertTrue(cartOnJetty.body().contains("Enamel club mug"), cartOnJetty::toString);

        // ... and back: change it on Jetty, see it on Tomcat.
        addToCart(browser, jetty, token, "add", "rooibos");
        addToCart(browser, jetty, token, "remove", "mug");
        WebClient.Page cartOnTomcat = browser.get(tomcat + "/cart");
        assertServedBy(cartOnTomcat, containers.tomcat());
        assertTrue(cartOnTomcat.body().contains("Cart (3)"), cartOnTomcat::toString);
        assertTrue(cartOnTomcat.body().contains("Rooibos vanilla, 100 g</td>"), cartOnTomcat::toString);
        assertFalse(cartOnTomcat.body().contains("Enamel club mug</td>"), cartOnTomcat::toString);
        assertTrue(cartOnTomcat.body().contains("Removed Enamel club mug from your cart."),
                "the one-time message set on Jetty shows once on Tomcat:\n" + cartOnTomcat);

        WebClient.Page sessionOnJetty = browser.get(jetty + "/session");
        assertTrue(sessionOnJetty.body().contains("<dd>cart, csrfToken, member</dd>"), sessionOnJetty::toString);
        assertTrue(sessionOnJetty.body().contains("1800 s (30 min)"), "web.xml <session-timeout> on Jetty");
        assertTrue(browser.get(tomcat + "/session").body().contains("1800 s (30 min)"), "web.xml <session-timeout> on Tomcat");

        // Log out on Tomcat: logged out on Jetty too, and a copy of the old cookie does not bring the session back.
        List<HttpCookie> oldJar = browser.cookies();
        WebClient.Page out = browser.post(tomcat + "/logout", Map.of("_csrf", token));
        assertEquals(303, out.status(), out::toString);
        WebClient.Page home = browser.get(jetty + "/");
        assertTrue(home.body().contains("You have been logged out."), home::toString);
        assertTrue(home.body().contains("Cart (0)"), home::toString);
        assertEquals(303, browser.get(jetty + "/profile").status(), "the profile needs a login again on Jetty");
        assertEquals(303, browser.get(tomcat + "/profile").status(), "and on Tomcat");
        browser.replaceCookies(URI.create(tomcat + "/"), oldJar);
        WebClient.Page replayed = browser.get(jetty + "/profile");
        assertEquals(303, replayed.status(), "an old cookie must not bring the session back:\n" + replayed);
        assertTrue(browser.get(tomcat + "/cart").body().contains("Your cart is empty."));

        // Neither container ever made a session of its own.
        assertEquals(List.of("SESSION"), browser.cookieNamesSet(), "cookies set by the containers");
        System.out.println("[container-tests] Tomcat " + containers.tomcat().port() + " <-> Jetty " + containers.jetty().port()
                + ": session " + anonymousId + " became " + memberId + " at login on Jetty; cart changed on both, "
                + "logout on Tomcat seen on Jetty; cookies set: " + browser.cookieNamesSet());
    }

    private static void addToCart(WebClient browser, String base, String token, String action, String product)
            throws Exception {
        WebClient.Page page = browser.post(base + "/cart", Map.of("_csrf", token, "action", action, "product", product));
        assertEquals(303, page.status(), page::toString);
    }

    private static String sessionCookie(WebClient browser) {
        return browser.cookies().stream().filter(c -> c.getName().equals("SESSION")).map(HttpCookie::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no SESSION cookie in " + browser.cookies()));
    }

    private static String find(Pattern pattern, WebClient.Page page) {
        assertEquals(200, page.status(), page::toString);
        Matcher m = pattern.matcher(page.body());
        assertTrue(m.find(), () -> "no " + pattern + " on " + page);
        return m.group(1);
    }

    static void assertServedBy(WebClient.Page page, ContainerProcess container) {
        assertTrue(page.body().matches("(?s).*Served by instance <strong>[^<]*:" + container.port() + "</strong>.*"),
                () -> "expected the footer to name " + container.name() + " (port " + container.port() + "):\n" + page);
    }
}
