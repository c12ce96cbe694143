package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drop-in on a WAR nobody here wrote: the Tomcat 11 distribution's {@code examples} app, built without
 * session-filter, gets it the way README.md says, and runs on two Tomcat instances sharing one Redis.
 * {@code /examples} has README steps 1 and 2 (jar + web.xml snippet); {@code /examples-auto} only step 1 (the
 * filter registers itself). The visitor alternates between the instances on every request: the shopping cart
 * ({@code sessions.DummyCart}, changed in place by {@code jsp:setProperty}), the number-guess game
 * ({@code num.NumberGuessBean}) and plain attributes ({@code SessionExample}) follow.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExamplesDropInIT {
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final Pattern SESSION_ID = Pattern.compile("Session ID: (\\S+)");

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static ContainerProcess tomcatA;
    private static ContainerProcess tomcatB;

    @BeforeAll
    static void deployOnTwoTomcats() throws Exception {
        Path work = FileTree.workDirectory("examples-drop-in");
        Path withWebXml = ExamplesApp.withFilterInWebXml(work.resolve("apps/examples"));
        Path jarOnly = ExamplesApp.withJarOnly(work.resolve("apps/examples-auto"));
        redis = LocalRedis.obtain();
        Map<String, String> environment = new HashMap<>(SessionEnvironment.of(redis));
        // README's three steps only: NumberGuessBean's java.util.Random is in the default allow-list.
        tomcatA = LOGS.watch(TomcatServer.create(work.resolve("tomcat-a"), FreePort.find())
                .deployDirectory(withWebXml, "examples").deployDirectory(jarOnly, "examples-auto")
                .start("tomcat-a", environment));
        tomcatB = LOGS.watch(TomcatServer.create(work.resolve("tomcat-b"), FreePort.find())
                .deployDirectory(withWebXml, "examples").deployDirectory(jarOnly, "examples-auto")
                .start("tomcat-b", environment));
        ContainerProcess.awaitAllReady(START_TIMEOUT_MILLIS, tomcatA, tomcatB);
        WebClient probe = new WebClient();
        for (ContainerProcess tomcat : List.of(tomcatA, tomcatB)) {
            for (String context : List.of("/examples/", "/examples-auto/")) {
                WebClient.Page index = probe.get(tomcat.uri(context));
                assertEquals(200, index.status(), () -> context + " did not start on " + tomcat.name() + ": " + index);
            }
        }
        System.out.println("[container-tests] examples app on Tomcat " + tomcatA.base() + " and " + tomcatB.base()
                + ", Redis " + redis);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ContainerProcess tomcat : new ContainerProcess[] {tomcatB, tomcatA}) {
            if (tomcat != null) {
                tomcat.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/examples", "/examples-auto"})
    void cartFollowsTheVisitorBetweenInstances(String context) throws Exception {
        ExamplesScenarios.cartFollowsTheVisitor(tomcatA, tomcatB, context);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/examples", "/examples-auto"})
    void numberGuessGameFollowsTheVisitorBetweenInstances(String context) throws Exception {
        ExamplesScenarios.numberGuessFollowsTheVisitor(tomcatA, tomcatB, context);
    }

    @Test
    void sessionExampleServlet_sameSessionOnBothInstances_andTheAppsSessionListenerIsCalled() throws Exception {
        WebClient browser = new WebClient();
        String servlet = "/examples/servlets/servlet/SessionExample";
        WebClient.Page created = page(browser, tomcatA, servlet + "?dataname=colour&datavalue=green");
        String id = find(SESSION_ID, created);
        assertTrue(created.body().contains("colour = green"), created::toString);

        WebClient.Page onB = page(browser, tomcatB, servlet + "?dataname=size&datavalue=large");
        assertEquals(id, find(SESSION_ID, onB));
        assertTrue(onB.body().contains("colour = green"), onB::toString);
        assertTrue(onB.body().contains("size = large"), onB::toString);

        WebClient.Page removed = page(browser, tomcatA, servlet + "?dataname=colour");
        assertFalse(removed.body().contains("colour = "), removed::toString);
        WebClient.Page finalOnB = page(browser, tomcatB, servlet);
        assertEquals(id, find(SESSION_ID, finalOnB));
        assertFalse(finalOnB.body().contains("colour = "), finalOnB::toString);
        assertTrue(finalOnB.body().contains("size = large"), finalOnB::toString);
        assertEquals(List.of("SESSION"), browser.cookieNamesSet());

        // web.xml's listeners.SessionListener logs through ServletContext.log into logs/localhost.<date>.log.
        awaitLogLine(tomcatA, "SessionListener: sessionCreated('" + id + "')");
        awaitLogLine(tomcatB, "SessionListener: attributeAdded('" + id + "', 'size', 'large')");
        awaitLogLine(tomcatA, "SessionListener: attributeRemoved('" + id + "', 'colour', 'green')");
    }

    @Test
    void filterRegistersItselfOnlyWhereWebXmlDoesNotDeclareIt() {
        for (ContainerProcess tomcat : List.of(tomcatA, tomcatB)) {
            List<String> registered = tomcat.consoleLines("registered itself first in the filter chain");
            assertEquals(1, registered.size(), () -> tomcat.name() + ": " + registered);
            assertTrue(registered.get(0).contains("'/examples-auto'"), registered::toString);
        }
    }

    private static WebClient.Page page(WebClient browser, ContainerProcess instance, String path) throws Exception {
        return ExamplesScenarios.page(browser, instance, path);
    }

    private static String find(Pattern pattern, WebClient.Page page) {
        return ExamplesScenarios.find(pattern, page);
    }

    private static void awaitLogLine(ContainerProcess tomcat, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // Tomcat's file handler is asynchronous
        while (!tomcat.logsContain(line)) {
            if (System.nanoTime() > deadline) {
                fail(tomcat.name() + " never logged: " + line);
            }
            Thread.sleep(250);
        }
    }
}
