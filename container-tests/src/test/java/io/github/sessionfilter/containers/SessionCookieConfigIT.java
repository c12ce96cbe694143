package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.containers.cookieapp.CookieConfigListener;
import io.github.sessionfilter.containers.cookieapp.CounterServlet;
import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app that configures its session cookie in code ({@link CookieConfigListener}: name, path, max age,
 * SameSite, Partitioned) gets that cookie from session-filter, on the Tomcat 11 and Jetty 12 distributions
 * sharing one Redis; the session follows the visitor between them under that cookie. A second app sets its
 * cookie in {@code web.xml} {@code <cookie-config>}; its cookie path is the context path, and path parameters
 * in a request URL never reach the {@code Set-Cookie} header.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class SessionCookieConfigIT {
    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static LocalRedis redis;
    private static ContainerProcess tomcat;
    private static ContainerProcess jetty;

    @BeforeAll
    static void start() throws Exception {
        Path work = FileTree.workDirectory("SessionCookieConfigIT");
        Path app = cookieApp(work.resolve("cookieapp"), true, "");
        Path xmlApp = cookieApp(work.resolve("xmlapp"), false, """
                  <session-config>
                    <cookie-config>
                      <name>XMLSESSION</name>
                      <secure>true</secure>
                      <http-only>true</http-only>
                      <max-age>600</max-age>
                    </cookie-config>
                  </session-config>
                """);
        redis = LocalRedis.obtain();
        Map<String, String> environment = SessionEnvironment.of(redis);
        tomcat = LOGS.watch(TomcatServer.create(work.resolve("tomcat"), FreePort.find())
                .deployDirectory(app, "cookieapp").deployDirectory(xmlApp, "xmlapp").start("tomcat", environment));
        jetty = LOGS.watch(JettyDistribution.create(work.resolve("jetty"), FreePort.find())
                .deployDirectory(app, "cookieapp").deployDirectory(xmlApp, "xmlapp").start("jetty", environment));
        ContainerProcess.awaitAllReady(DemoWarOnTomcatAndJetty.START_TIMEOUT_MILLIS, tomcat, jetty);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (jetty != null) {
                jetty.close();
            }
            if (tomcat != null) {
                tomcat.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void cookieConfiguredInCode_isTheSessionCookie_onTomcatAndJetty() throws Exception {
        for (ContainerProcess container : List.of(tomcat, jetty)) {
            HttpResponse<String> response = get(container, "/cookieapp/shop/count", null);
            assertEquals(200, response.statusCode(), container.name() + ": " + response.body());
            String setCookie = sessionCookie(response);
            assertNotNull(setCookie, container.name() + " set no SHOPSESSION cookie: " + response.headers().allValues("Set-Cookie"));
            assertTrue(setCookie.contains("; Path=/cookieapp/shop;"), setCookie);
            assertTrue(setCookie.contains("; Max-Age=3600"), setCookie);
            assertTrue(setCookie.contains("; HttpOnly"), setCookie);
            assertTrue(setCookie.contains("; SameSite=Strict"), setCookie);
            assertTrue(setCookie.contains("; Partitioned"), setCookie);
            assertFalse(setCookie.contains("; Secure"), "plain HTTP, nothing asked for Secure: " + setCookie);
            assertFalse(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID=")),
                    "the container's own session was created");
        }
    }

    @Test
    void sessionUnderTheConfiguredCookie_followsTheVisitorBetweenTomcatAndJetty() throws Exception {
        HttpResponse<String> first = get(tomcat, "/cookieapp/shop/count", null);
        String cookie = sessionCookie(first);
        assertNotNull(cookie, first.headers().allValues("Set-Cookie").toString());
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertEquals("count=2", get(jetty, "/cookieapp/shop/count", pair).body());
        assertEquals("count=3", get(tomcat, "/cookieapp/shop/count", pair).body());
        assertEquals("count=4", get(jetty, "/cookieapp/shop/count", pair).body());
    }

    @Test
    void webXmlCookieConfig_secureHttpOnlyAndMaxAge_apply_andThePathIsTheContextPath() throws Exception {
        for (ContainerProcess container : List.of(tomcat, jetty)) {
            HttpResponse<String> response = get(container, "/xmlapp/shop/count", null);
            String setCookie = sessionCookie(response, "XMLSESSION");
            assertNotNull(setCookie, container.name() + ": " + response.headers().allValues("Set-Cookie"));
            assertTrue(setCookie.contains("; Path=/xmlapp;"), setCookie);
            assertTrue(setCookie.contains("; Max-Age=600"), setCookie);
            assertTrue(setCookie.contains("; Secure"), "<secure> applies even on plain HTTP: " + setCookie);
            assertTrue(setCookie.contains("; HttpOnly"), setCookie);
        }
    }

    @Test
    void pathParametersInTheUrl_neverReachTheCookie() throws Exception {
        for (ContainerProcess container : List.of(tomcat, jetty)) {
            HttpResponse<String> response = get(container, "/xmlapp;Domain=example.com;Max-Age=99999/shop/count", null);
            String setCookie = sessionCookie(response, "XMLSESSION");
            if (container != tomcat && response.statusCode() != 200) {
                assertNull(setCookie, container.name() + " refused the URL and set no cookie");
                continue;
            }
            assertEquals(200, response.statusCode(), "Tomcat serves path parameters in the context segment: "
                    + response.body());
            assertNotNull(setCookie, container.name() + ": " + response.headers().allValues("Set-Cookie"));
            assertTrue(setCookie.contains("; Path=/xmlapp;"), setCookie);
            assertFalse(setCookie.contains("Domain"), container.name() + ": " + setCookie);
            assertFalse(setCookie.contains("99999"), container.name() + ": " + setCookie);
        }
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return sessionCookie(response, "SHOPSESSION");
    }

    private static String sessionCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    private static HttpResponse<String> get(ContainerProcess container, String path, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(container.uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An unpacked web app: the counter servlet (and, with {@code listener}, the listener that configures the
     * cookie in code), a web.xml naming them with {@code sessionConfig}, and session-filter as the README says.
     */
    private static Path cookieApp(Path target, boolean listener, String sessionConfig) throws IOException {
        FileTree.delete(target);
        Path classes = target.resolve("WEB-INF/classes");
        for (Class<?> type : List.of(CookieConfigListener.class, CounterServlet.class)) {
            Path compiled = classFile(type);
            Path copy = classes.resolve(type.getName().replace('.', '/') + ".class");
            Files.createDirectories(copy.getParent());
            Files.copy(compiled, copy);
        }
        Path lib = Files.createDirectories(target.resolve("WEB-INF/lib"));
        Files.copy(ExamplesApp.allJar(), lib.resolve(ExamplesApp.allJar().getFileName()));
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                  %s
                  <servlet><servlet-name>counter</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>counter</servlet-name><url-pattern>/shop/count</url-pattern></servlet-mapping>
                %s</web-app>
                """.formatted(listener ? "<listener><listener-class>" + CookieConfigListener.class.getName()
                        + "</listener-class></listener>" : "", CounterServlet.class.getName(), sessionConfig);
        Files.writeString(target.resolve("WEB-INF/web.xml"),
                ExamplesApp.declareFirst(webXml, ExamplesApp.readmeSnippet()), StandardCharsets.UTF_8);
        return target;
    }

    private static Path classFile(Class<?> type) {
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(type.getName().replace('.', '/') + ".class");
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
