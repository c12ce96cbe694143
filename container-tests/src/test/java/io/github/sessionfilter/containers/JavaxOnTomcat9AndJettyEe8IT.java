package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The javax build ({@code session-filter-javax-<version>-all.jar} and README's web.xml snippet) in a Servlet 4.0 app
 * ({@link TestWebApps#legacy}) on two javax containers sharing one Redis: the Apache Tomcat 9 distribution
 * ({@code catalina.sh run}) and the Eclipse Jetty 12 distribution with its {@code ee8} environment. The visitor
 * alternates between them: values, a basket changed in place, login rotation, logout, the app's session listeners
 * from web.xml, and the 503 policy while Redis is down.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaxOnTomcat9AndJettyEe8IT {
    private static final long START_TIMEOUT_MILLIS = 120_000;

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static ContainerProcess tomcat9;
    private static ContainerProcess jettyEe8;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        Path work = FileTree.workDirectory("javax-tomcat9-jetty-ee8");
        Path app = TestWebApps.legacy(work.resolve("apps/app"));
        // A Redis process of our own: the last test stops and restarts it.
        redis = LocalRedis.startProcess();
        System.out.println("[local-redis] using " + redis);
        Map<String, String> environment = SessionEnvironment.of(redis);
        tomcat9 = LOGS.watch(TomcatServer.create(TomcatServer.home9(), work.resolve("tomcat9"), FreePort.find())
                .deployDirectory(app, "app").start("tomcat9", environment));
        jettyEe8 = LOGS.watch(JettyDistribution.createEe8(work.resolve("jetty-ee8"), FreePort.find())
                .deployDirectory(app, "app").start("jetty-ee8", environment));
        ContainerProcess.awaitAllReady(START_TIMEOUT_MILLIS, tomcat9, jettyEe8);
        for (ContainerProcess container : List.of(tomcat9, jettyEe8)) {
            new LegacyAppClient().call(container, "none");
        }
        System.out.println("[container-tests] javax app on " + TomcatServer.version(TomcatServer.home9()) + " "
                + tomcat9.base() + " and " + JettyDistribution.version() + " ee8 " + jettyEe8.base()
                + "; set-up took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ContainerProcess container : new ContainerProcess[] {jettyEe8, tomcat9}) {
                if (container != null) {
                    container.close();
                }
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    @Order(1)
    void valuesFollowTheVisitor_bothWays() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        String id = visitor.call(tomcat9, "put", "name", "colour", "value", "green").get("id");
        assertEquals(Map.of("colour", "green", "id", id), visitor.call(jettyEe8, "get", "name", "colour"));
        assertEquals(id, visitor.call(jettyEe8, "put", "name", "size", "value", "large").get("id"));
        assertEquals(Map.of("size", "large", "id", id), visitor.call(tomcat9, "get", "name", "size"));
        assertEquals(List.of("SESSION"), visitor.browser.cookieNamesSet(), "only session-filter's cookie, no JSESSIONID");
    }

    @Test
    @Order(2)
    void basketChangedInPlace_followsTheVisitor() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        assertEquals("tea", visitor.call(tomcat9, "add", "item", "tea").get("basket"));
        assertEquals("tea,mug", visitor.call(jettyEe8, "add", "item", "mug").get("basket"));
        assertEquals("tea,mug,tea", visitor.call(tomcat9, "add", "item", "tea").get("basket"));
        assertEquals("tea,mug,tea", visitor.call(jettyEe8, "basket").get("basket"));
    }

    @Test
    @Order(3)
    void loginRotatesTheId_andTheOldCookieIsDeadOnBoth() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        visitor.call(tomcat9, "add", "item", "tea");
        List<HttpCookie> beforeLogin = List.copyOf(visitor.browser.cookies()); // a copy: the jar returns a live view
        Map<String, String> login = visitor.call(jettyEe8, "login", "user", "alice");
        assertNotEquals(login.get("before"), login.get("id"), "changeSessionId gave the same id");
        Map<String, String> after = visitor.call(tomcat9, "get", "name", "user");
        assertEquals(Map.of("user", "alice", "id", login.get("id")), after);
        assertEquals("tea", visitor.call(tomcat9, "basket").get("basket"));

        LegacyAppClient replay = new LegacyAppClient();
        replay.browser.replaceCookies(URI.create(tomcat9.base()), beforeLogin);
        for (ContainerProcess container : List.of(tomcat9, jettyEe8)) {
            assertEquals(Map.of("user", "null", "id", "none"), replay.call(container, "get", "name", "user"),
                    "the pre-login cookie still names a session on " + container.name());
        }
    }

    @Test
    @Order(4)
    void logoutOnOneEndsTheSessionOnBoth() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        visitor.call(jettyEe8, "put", "name", "user", "value", "bob");
        List<HttpCookie> loggedIn = List.copyOf(visitor.browser.cookies());
        assertEquals("none", visitor.call(tomcat9, "logout").get("id"));
        assertEquals(Map.of("user", "null", "id", "none"), visitor.call(jettyEe8, "get", "name", "user"));
        visitor.browser.replaceCookies(URI.create(jettyEe8.base()), loggedIn);
        for (ContainerProcess container : List.of(jettyEe8, tomcat9)) {
            assertEquals(Map.of("user", "null", "id", "none"), visitor.call(container, "get", "name", "user"),
                    "an old cookie brought the session back on " + container.name());
        }
    }

    @Test
    @Order(5)
    void sessionListenersFromWebXml_areCalledWhereTheEventHappens() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        String first = visitor.call(tomcat9, "put", "name", "pet", "value", "cat").get("id");
        visitor.call(jettyEe8, "put", "name", "pet", "value", "dog");
        Map<String, String> login = visitor.call(tomcat9, "login", "user", "carol");
        String second = login.get("id");
        visitor.call(jettyEe8, "logout");

        String onTomcat = new LegacyAppClient().call(tomcat9, "events").get("events");
        String onJetty = new LegacyAppClient().call(jettyEe8, "events").get("events");
        for (String event : List.of("created:" + first, "added:pet=cat", "idChanged:" + first + "->" + second,
                "added:user=carol")) {
            assertTrue(onTomcat.contains(event), () -> "Tomcat 9 did not hear " + event + ": " + onTomcat);
        }
        for (String event : List.of("replaced:pet=cat", "destroyed:" + second)) {
            assertTrue(onJetty.contains(event), () -> "Jetty ee8 did not hear " + event + ": " + onJetty);
        }
    }

    /** Last: stops Redis, then starts it again on the same port. */
    @Test
    @Order(6)
    void whileRedisIsDown_sessionRequestsGet503_othersAreServed_andItRecovers() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        visitor.call(tomcat9, "put", "name", "colour", "value", "blue");
        redis.process().stop();
        try {
            for (ContainerProcess container : List.of(tomcat9, jettyEe8)) {
                WebClient.Page existing = visitor.page(container, "get", "name", "colour");
                assertEquals(503, existing.status(), () -> container.name() + ": " + existing);
                WebClient.Page fresh = new LegacyAppClient().page(container, "put", "name", "a", "value", "b");
                assertEquals(503, fresh.status(), () -> container.name() + ": " + fresh);
                HttpResponse<byte[]> retry = visitor.browser.exchange(HttpRequest.newBuilder(
                        container.uri("/app/s?op=get&name=colour")).GET());
                assertEquals("1", retry.headers().firstValue("Retry-After").orElse(null), container.name());
                assertEquals(200, visitor.page(container, "none").status(), "a request without session on " + container.name());
            }
        } finally {
            redis.process().start();
        }
        for (ContainerProcess container : List.of(tomcat9, jettyEe8)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            LegacyAppClient after = new LegacyAppClient();
            while (after.page(container, "put", "name", "back", "value", "yes").status() != 200) {
                assertTrue(System.nanoTime() < deadline, container.name() + " did not recover after Redis came back");
                Thread.sleep(250);
            }
        }
        LegacyAppClient later = new LegacyAppClient();
        later.call(tomcat9, "put", "name", "back", "value", "yes");
        assertEquals("yes", later.call(jettyEe8, "get", "name", "back").get("back"));
    }
}
