package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second real application nobody here wrote: Eclipse Jetty's own JSP demo, the WAR
 * {@code org.eclipse.jetty.ee10.demos:jetty-ee10-demo-jsp-webapp} from Maven Central (Jakarta Servlet 6), with
 * session-filter added as README.md says (the {@code -all} jar in {@code WEB-INF/lib}, the README's {@code web.xml}
 * snippet; a second copy, {@code /jsp-demo-auto}, only the jar: the filter registers itself), on the Apache
 * Tomcat 11 distribution and the Eclipse Jetty 12 distribution sharing one Redis.
 * Its {@code bean1.jsp} and {@code bean2.jsp} keep a session-scoped {@code org.example.Counter}
 * ({@code <jsp:useBean scope="session">}) that counts every read ({@code getCount()} is {@code return ++counter}) and
 * remembers the last page ({@code <jsp:setProperty name="counter" property="last">}): both change the bean in
 * place, without {@code setAttribute}. The visitor alternates between the containers; the count never restarts.
 *
 * <p>Configuration: exactly README's three steps, nothing else. {@code org.example.Counter} lives in
 * {@code WEB-INF/classes}, which the default allow-list accepts, so no {@code SESSION_ATTRIBUTES_ALLOW}; the
 * app's {@code WEB-INF/jetty-web.xml} only logs a line on Jetty and is ignored by Tomcat.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JettyJspDemoOnTomcatAndJettyIT {
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final Pattern COUNT = Pattern.compile("Counter accessed (\\d+) times");
    private static final Pattern LAST = Pattern.compile("Counter last accessed by ([^<\\s]*)");

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static ContainerProcess tomcat;
    private static ContainerProcess jetty;

    @BeforeAll
    static void deployOnTomcatAndJetty() throws Exception {
        long started = System.nanoTime();
        Path work = FileTree.workDirectory("jetty-jsp-demo");
        Path war = FileTree.required("container-tests.jetty-jsp-demo.war",
                "the build copies org.eclipse.jetty.ee10.demos:jetty-ee10-demo-jsp-webapp:war there in pre-integration-test");
        Path unpacked = FileTree.unzip(war, work.resolve("apps/original"));
        Path app = ExamplesApp.dropIn(unpacked, work.resolve("apps/jsp-demo"));
        Path jarOnly = ExamplesApp.dropInJarOnly(unpacked, work.resolve("apps/jsp-demo-auto"));
        redis = LocalRedis.obtain();
        long redisReady = System.nanoTime();
        Map<String, String> environment = SessionEnvironment.of(redis);
        tomcat = LOGS.watch(TomcatServer.create(work.resolve("tomcat"), FreePort.find())
                .deployDirectory(app, "jsp-demo").deployDirectory(jarOnly, "jsp-demo-auto").start("tomcat", environment));
        jetty = LOGS.watch(JettyDistribution.create(work.resolve("jetty"), FreePort.find())
                .deployDirectory(app, "jsp-demo").deployDirectory(jarOnly, "jsp-demo-auto").start("jetty", environment));
        ContainerProcess.awaitAllReady(START_TIMEOUT_MILLIS, tomcat, jetty);
        WebClient probe = new WebClient();
        for (ContainerProcess container : List.of(tomcat, jetty)) {
            for (String context : List.of("/jsp-demo/", "/jsp-demo-auto/")) {
                WebClient.Page index = probe.get(container.uri(context));
                assertEquals(200, index.status(), () -> context + " did not start on " + container.name() + ": " + index);
                assertTrue(index.body().contains("Eclipse Jetty JSP Demo Webapp"), index::toString);
            }
        }
        System.out.printf("[container-tests] %s on Tomcat %s and %s %s, Redis %s; set-up took %d ms"
                + " (Redis %d ms, both containers started and deployed %d ms)%n",
                war.getFileName(), tomcat.base(), JettyDistribution.version(), jetty.base(), redis,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                TimeUnit.NANOSECONDS.toMillis(redisReady - started),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - redisReady));
    }

    @AfterAll
    static void stop() throws Exception {
        for (ContainerProcess container : new ContainerProcess[] {jetty, tomcat}) {
            if (container != null) {
                container.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/jsp-demo", "/jsp-demo-auto"})
    void sessionScopedCounterFollowsTheVisitorBetweenTomcatAndJetty(String context) throws Exception {
        WebClient browser = new WebClient();
        String previous = "null"; // a new Counter's "last" is null, printed as "null"
        for (int visit = 0; visit < 8; visit++) {
            ContainerProcess container = visit % 2 == 0 ? tomcat : jetty;
            String page = context + "/bean" + (visit % 2 + 1) + ".jsp";
            WebClient.Page answer = browser.get(container.uri(page));
            assertEquals(200, answer.status(), () -> container.name() + ": " + answer);
            assertEquals(visit + 1, Integer.parseInt(find(COUNT, answer)), "the count on " + container.name() + ", visit " + visit);
            assertEquals(previous, find(LAST, answer), "the page before, seen on " + container.name());
            previous = page;
        }
        assertEquals(List.of("SESSION"), browser.cookieNamesSet(), "only session-filter's cookie, never JSESSIONID");
    }

    @Test
    void filterRegistersItselfOnlyWhereWebXmlDoesNotDeclareIt() {
        for (ContainerProcess container : List.of(tomcat, jetty)) {
            List<String> registered = container.consoleLines("registered itself first in the filter chain");
            assertEquals(1, registered.size(), () -> container.name() + ": " + registered);
            assertTrue(registered.get(0).contains("'/jsp-demo-auto'"), registered::toString);
        }
    }

    @Test
    void twoVisitorsKeepTheirOwnCounters() throws Exception {
        WebClient alice = new WebClient();
        WebClient bob = new WebClient();
        for (int visit = 0; visit < 3; visit++) {
            assertEquals(visit + 1, count(alice, visit % 2 == 0 ? jetty : tomcat));
        }
        assertEquals(1, count(bob, tomcat));
        assertEquals(4, count(alice, tomcat));
        assertEquals(2, count(bob, jetty));
    }

    private static int count(WebClient browser, ContainerProcess container) throws Exception {
        WebClient.Page answer = browser.get(container.uri("/jsp-demo/bean1.jsp"));
        assertEquals(200, answer.status(), () -> container.name() + ": " + answer);
        return Integer.parseInt(find(COUNT, answer));
    }

    private static String find(Pattern pattern, WebClient.Page page) {
        Matcher m = pattern.matcher(page.body());
        assertTrue(m.find(), () -> "no " + pattern + " on " + page);
        return m.group(1);
    }
}
