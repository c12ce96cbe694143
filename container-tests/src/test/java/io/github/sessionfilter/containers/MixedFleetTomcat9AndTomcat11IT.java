package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.localredis.RespClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet in the middle of a migration: one Apache Tomcat 9 instance (the javax app {@link TestWebApps#legacy} with
 * {@code session-filter-javax-<version>-all.jar}) and one Apache Tomcat 11 instance (its Jakarta twin
 * {@link TestWebApps#jakarta} with {@code session-filter-<version>-all.jar}), the same settings, one Redis, one
 * visitor. The session goes both ways under the same cookie; both builds write the same hash, field for field and
 * byte for byte. The attribute class ({@code shared.Basket}) names no servlet type, so both apps carry it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MixedFleetTomcat9AndTomcat11IT {
    private static final long START_TIMEOUT_MILLIS = 120_000;

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static String keyPrefix;
    private static ContainerProcess tomcat9;
    private static ContainerProcess tomcat11;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        Path work = FileTree.workDirectory("mixed-fleet-tomcat9-tomcat11");
        Path javaxApp = TestWebApps.legacy(work.resolve("apps/javax"));
        Path jakartaApp = TestWebApps.jakarta(work.resolve("apps/jakarta"));
        // A Redis process of our own on 127.0.0.1: the tests read the hashes with a plain RESP client.
        redis = LocalRedis.startProcess();
        System.out.println("[local-redis] using " + redis);
        Map<String, String> environment = SessionEnvironment.of(redis);
        keyPrefix = environment.get("SESSION_REDIS_KEY_PREFIX");
        // The same context path on both: the cookie's path and the token's default audience are the same.
        tomcat9 = LOGS.watch(TomcatServer.create(TomcatServer.home9(), work.resolve("tomcat9"), FreePort.find())
                .deployDirectory(javaxApp, "app").start("tomcat9", environment));
        tomcat11 = LOGS.watch(TomcatServer.create(TomcatServer.home(), work.resolve("tomcat11"), FreePort.find())
                .deployDirectory(jakartaApp, "app").start("tomcat11", environment));
        ContainerProcess.awaitAllReady(START_TIMEOUT_MILLIS, tomcat9, tomcat11);
        for (ContainerProcess container : List.of(tomcat9, tomcat11)) {
            new LegacyAppClient().call(container, "none");
        }
        System.out.println("[container-tests] mixed fleet: " + TomcatServer.version(TomcatServer.home9())
                + " (javax jar) " + tomcat9.base() + " and " + TomcatServer.version(TomcatServer.home())
                + " (Jakarta jar) " + tomcat11.base() + "; set-up took "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ContainerProcess container : new ContainerProcess[] {tomcat11, tomcat9}) {
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
    void oneSessionFollowsTheVisitor_bothWays_underOneCookie() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        String id = visitor.call(tomcat9, "put", "name", "colour", "value", "green").get("id");
        String cookie = visitor.browser.cookieValue("SESSION");
        assertEquals(Map.of("colour", "green", "id", id), visitor.call(tomcat11, "get", "name", "colour"));
        assertEquals("tea", visitor.call(tomcat11, "add", "item", "tea").get("basket"));
        assertEquals("tea,mug", visitor.call(tomcat9, "add", "item", "mug").get("basket"));
        assertEquals("tea,mug,cup", visitor.call(tomcat11, "add", "item", "cup").get("basket"));
        assertEquals("tea,mug,cup", visitor.call(tomcat9, "basket").get("basket"));
        assertEquals(Map.of("colour", "green", "id", id), visitor.call(tomcat9, "get", "name", "colour"));
        assertEquals(cookie, visitor.browser.cookieValue("SESSION"), "one cookie, never replaced by the other build");
        assertEquals(List.of("SESSION"), visitor.browser.cookieNamesSet());
    }

    @Test
    void loginOnTheNewBuild_logoutOnTheOld() throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        visitor.call(tomcat9, "add", "item", "tea");
        Map<String, String> login = visitor.call(tomcat11, "login", "user", "dave");
        assertNotEquals(login.get("before"), login.get("id"));
        assertEquals(Map.of("user", "dave", "id", login.get("id")), visitor.call(tomcat9, "get", "name", "user"));
        assertEquals("none", visitor.call(tomcat9, "logout").get("id"));
        assertEquals(Map.of("user", "null", "id", "none"), visitor.call(tomcat11, "get", "name", "user"));
    }

    @Test
    void bothBuildsWriteTheSameHash_fieldForField_byteForByte() throws Exception {
        Map<String, String> fromJavax = sessionWrittenBy(tomcat9);
        Map<String, String> fromJakarta = sessionWrittenBy(tomcat11);
        assertEquals(fromJavax.keySet(), fromJakarta.keySet(), "metadata and attribute fields");
        assertEquals(fromJavax.get("a:colour"), fromJakarta.get("a:colour"));
        assertEquals(fromJavax.get("a:basket"), fromJakarta.get("a:basket"));
        assertNotNull(fromJavax.get("a:basket"), fromJavax.keySet().toString());
    }

    /** A new session with the same attributes, written by {@code instance}; its Redis hash. */
    private static Map<String, String> sessionWrittenBy(ContainerProcess instance) throws Exception {
        LegacyAppClient visitor = new LegacyAppClient();
        visitor.call(instance, "put", "name", "colour", "value", "green");
        String id = visitor.call(instance, "add", "item", "tea").get("id");
        Object reply;
        try (RespClient client = RespClient.connect(redis.port())) {
            reply = client.call("HGETALL", keyPrefix + "{" + id + "}");
        }
        List<?> flat = (List<?>) reply;
        Map<String, String> hash = new TreeMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return hash;
    }
}
