package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ExamplesDropInIT} for javax.servlet: the Apache Tomcat 9 distribution's own {@code examples} app (Servlet
 * 4.0, nobody here wrote it) gets {@code session-filter-javax-<version>-all.jar} the way README.md says and runs on
 * two Tomcat 9 instances sharing one Redis. {@code /examples} has the jar and README's web.xml snippet,
 * {@code /examples-auto} only the jar (the filter registers itself through
 * {@code META-INF/services/javax.servlet.ServletContainerInitializer}). The cart and the number-guess game, both
 * changed in place by {@code jsp:setProperty}, follow the visitor.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExamplesOnTomcat9IT {
    private static final long START_TIMEOUT_MILLIS = 120_000;

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static LocalRedis redis;
    private static ContainerProcess tomcatA;
    private static ContainerProcess tomcatB;

    @BeforeAll
    static void deployOnTwoTomcat9s() throws Exception {
        long started = System.nanoTime();
        Path work = FileTree.workDirectory("examples-tomcat9");
        Path home = TomcatServer.home9();
        Path original = ExamplesApp.original(home);
        Path withWebXml = ExamplesApp.dropIn(original, work.resolve("apps/examples"), ExamplesApp.javaxAllJar());
        Path jarOnly = ExamplesApp.dropInJarOnly(original, work.resolve("apps/examples-auto"), ExamplesApp.javaxAllJar());
        redis = LocalRedis.obtain();
        var environment = SessionEnvironment.of(redis);
        tomcatA = LOGS.watch(TomcatServer.create(home, work.resolve("tomcat9-a"), FreePort.find())
                .deployDirectory(withWebXml, "examples").deployDirectory(jarOnly, "examples-auto")
                .start("tomcat9-a", environment));
        tomcatB = LOGS.watch(TomcatServer.create(home, work.resolve("tomcat9-b"), FreePort.find())
                .deployDirectory(withWebXml, "examples").deployDirectory(jarOnly, "examples-auto")
                .start("tomcat9-b", environment));
        ContainerProcess.awaitAllReady(START_TIMEOUT_MILLIS, tomcatA, tomcatB);
        WebClient probe = new WebClient();
        for (ContainerProcess tomcat : List.of(tomcatA, tomcatB)) {
            for (String context : List.of("/examples/", "/examples-auto/")) {
                WebClient.Page index = probe.get(tomcat.uri(context));
                assertEquals(200, index.status(), () -> context + " did not start on " + tomcat.name() + ": " + index);
            }
        }
        System.out.println("[container-tests] examples app of " + TomcatServer.version(home) + " on " + tomcatA.base()
                + " and " + tomcatB.base() + ", Redis " + redis + "; set-up took "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ContainerProcess tomcat : new ContainerProcess[] {tomcatB, tomcatA}) {
                if (tomcat != null) {
                    tomcat.close();
                }
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/examples", "/examples-auto"})
    void cartFollowsTheVisitorBetweenTomcat9s(String context) throws Exception {
        ExamplesScenarios.cartFollowsTheVisitor(tomcatA, tomcatB, context);
    }

    @Test
    void numberGuessGameFollowsTheVisitorBetweenTomcat9s() throws Exception {
        ExamplesScenarios.numberGuessFollowsTheVisitor(tomcatA, tomcatB, "/examples");
    }

    @Test
    void filterRegistersItselfOnlyWhereWebXmlDoesNotDeclareIt() {
        for (ContainerProcess tomcat : List.of(tomcatA, tomcatB)) {
            List<String> registered = tomcat.consoleLines("registered itself first in the filter chain");
            assertEquals(1, registered.size(), () -> tomcat.name() + ": " + registered);
            assertTrue(registered.get(0).contains("'/examples-auto'"), registered::toString);
        }
    }
}
