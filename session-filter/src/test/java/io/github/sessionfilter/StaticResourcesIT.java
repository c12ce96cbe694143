package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.EdgeServlet;
import io.github.sessionfilter.testing.JettyAndTomcat;
import io.github.sessionfilter.testing.JettyAndTomcat.Container;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The response edges a real application reaches, on embedded Jetty 12 and Tomcat 11 sharing one
 * Redis, each with its own default servlet serving real files: static files (GET, HEAD, 304, Range),
 * include and forward into the default servlet, reset, odd Content-Length calls, redirects, error
 * pages that use the session, async. Each test writes the session on one container and reads it on
 * the other with the same cookie jar, so a commit that came late or not at all shows.
 */
class StaticResourcesIT {
    private static final String CSS = "body { color: #222; }\n.box { margin: 0 auto; }\n";
    private static JettyAndTomcat servers;
    private static byte[] blob;
    private static Path webRoot;

    @BeforeAll
    static void start() throws Exception {
        webRoot = Files.createTempDirectory("static-web-root");
        Files.writeString(webRoot.resolve("style.css"), CSS);
        blob = new byte[40_000]; // larger than both containers' buffers
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31 + 7);
        }
        Files.write(webRoot.resolve("blob.bin"), blob);
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        servers = JettyAndTomcat.start(webRoot, Files.createTempDirectory("tomcat-base"), settings,
                () -> new RedisSessionFilter(Map.of()), EdgeServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    /** A client with a cookie jar; cookies are per host, so both containers on 127.0.0.1 share them. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<byte[]> send(String method, URI uri, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
            return send("GET", uri, headers);
        }

        /** The session value as the given container sees it. */
        String sessionValue(URI getUri) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = get(getUri);
            assertEquals(200, response.statusCode(), text(response));
            return text(response);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String value() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertSessionOnOther(Client client, Container c, String value) throws Exception {
        assertEquals("v=" + value, client.sessionValue(servers.uri(JettyAndTomcat.other(c), "/t/get")),
                "the session written on " + c + " is seen on the other container");
        assertEquals("v=" + value, client.sessionValue(servers.uri(c, "/t/get")));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void staticFile_isServedWithTheSessionCookie_andHeadersIntact(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        assertEquals(200, client.get(servers.uri(c, "/t/set?value=" + v)).statusCode());
        HttpResponse<byte[]> css = client.get(servers.uri(JettyAndTomcat.other(c), "/style.css"));
        assertEquals(200, css.statusCode());
        assertEquals(CSS, text(css));
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), css.headers().toString());
        assertEquals(String.valueOf(CSS.length()), css.headers().firstValue("Content-Length").orElse(null));
        HttpResponse<byte[]> big = client.get(servers.uri(c, "/blob.bin"));
        assertEquals(200, big.statusCode());
        assertArrayEquals(blob, big.body());
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void headOnAStaticFile_hasTheLengthAndNoBody(Container c) throws Exception {
        Client client = new Client();
        HttpResponse<byte[]> head = client.send("HEAD", servers.uri(c, "/blob.bin"));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(blob.length), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(0, head.body().length);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void headOnAServletThatWritesItsBody_commitsTheSession(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> head = client.send("HEAD", servers.uri(c, "/t/set?value=" + v));
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void conditionalGet_answers304_onBothValidators(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        client.get(servers.uri(c, "/t/set?value=" + v));
        HttpResponse<byte[]> first = client.get(servers.uri(c, "/style.css"));
        String etag = first.headers().firstValue("ETag").orElse(null);
        String lastModified = first.headers().firstValue("Last-Modified").orElse(null);
        assertNotNull(etag, first.headers().toString());
        assertNotNull(lastModified, first.headers().toString());
        HttpResponse<byte[]> byEtag = client.get(servers.uri(c, "/style.css"), "If-None-Match", etag);
        assertEquals(304, byEtag.statusCode());
        assertEquals(0, byEtag.body().length);
        HttpResponse<byte[]> byDate = client.get(servers.uri(c, "/style.css"), "If-Modified-Since", lastModified);
        assertEquals(304, byDate.statusCode());
        assertEquals(0, byDate.body().length);
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void rangeRequest_answers206_withThatPart(Container c) throws Exception {
        Client client = new Client();
        HttpResponse<byte[]> part = client.get(servers.uri(c, "/blob.bin"), "Range", "bytes=100-199");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/" + blob.length, part.headers().firstValue("Content-Range").orElse(null));
        assertArrayEquals(Arrays.copyOfRange(blob, 100, 200), part.body());
        HttpResponse<byte[]> tail = client.get(servers.uri(c, "/blob.bin"), "Range", "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(blob, blob.length - 10, blob.length), tail.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void includeOfAStaticFile_isInTheBody_andTheSessionIsCommitted(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/include-css?value=" + v));
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("before|" + CSS + "|after", text(response));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forwardToAStaticFile_servesIt_andTheSessionIsCommitted(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/forward-css?value=" + v));
        assertEquals(200, response.statusCode(), text(response));
        assertEquals(CSS, text(response));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void reset_dropsTheApplicationsHeaders_keepsTheSessionCookie_andAllowsTheOtherOutput(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/reset?value=" + v));
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("after reset", text(response));
        assertFalse(response.headers().firstValue("X-Dropped").isPresent());
        assertTrue(response.headers().allValues("Set-Cookie").stream().noneMatch(h -> h.startsWith("dropped=")),
                response.headers().allValues("Set-Cookie").toString());
        assertTrue(response.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("SESSION=")),
                "the new session's cookie survives reset: " + response.headers().allValues("Set-Cookie"));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetBuffer_keepsOnlyWhatFollows(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/reset-buffer?value=" + v));
        assertEquals("kept", text(response));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void nullNegativeNonNumericAndRepeatedLengths_endWithTheLastOne(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/lengths?value=" + v));
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("0123456789", text(response));
        assertEquals("10", response.headers().firstValue("Content-Length").orElse(null));
        assertEquals(c == Container.JETTY ? "rejected" : "ignored",
                response.headers().firstValue("X-Non-Numeric-Length").orElse(null),
                "a non-numeric Content-Length: Jetty throws NumberFormatException, Tomcat ignores it");
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void lengthDeclaredAfterTheBody_commitsTheSessionFirst(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/length-after-body?value=" + v));
        assertEquals("0123456789", text(response));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void bodyLargerThanASmallBuffer_commitsTheSessionFirst(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/big?value=" + v));
        assertEquals(16 * 1024, response.body().length);
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void sendRedirect_commitsTheSession_beforeTheBrowserFollows(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/redirect?value=" + v));
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/app/t/get"));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void servlet61Redirect_withStatusAndBody(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/redirect-303?value=" + v));
        assertEquals(303, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/app/t/get"));
        assertSessionOnOther(client, c, v);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void errorPageFor404_seesAndWritesTheSession(Container c) throws Exception {
        Client client = new Client();
        client.get(servers.uri(JettyAndTomcat.other(c), "/t/set?value=earlier")); // the session exists already
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/send-error?value=" + v));
        assertEquals(404, response.statusCode());
        assertEquals("error page 404 v=" + v, text(response));
        assertEquals("v=" + v + " error-page=404", client.sessionValue(servers.uri(JettyAndTomcat.other(c), "/t/get")));
    }

    /**
     * Fails today on both containers: the error dispatch runs after the filter's transaction ended
     * and starts a new one, which reads the session id from the request's cookie; a session created
     * earlier in the same request has no cookie in the request yet, so the error page creates a
     * second session and its cookie replaces the first. Needs RedisSessionFilter to hand the
     * request's session on to its ERROR and ASYNC dispatches (see the report on branch edges).
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void errorPageAndAsyncDispatch_seeASessionCreatedInTheSameRequest(Container c) throws Exception {
        for (String path : new String[] {"/t/send-error", "/t/throw", "/t/async-dispatch"}) {
            Client client = new Client();
            String v = value();
            HttpResponse<byte[]> response = client.get(servers.uri(c, path + "?value=" + v));
            assertTrue(text(response).endsWith("v=" + v), path + ": " + text(response));
            assertTrue(client.sessionValue(servers.uri(JettyAndTomcat.other(c), "/t/get")).startsWith("v=" + v), path);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void errorPageForAMissingStaticFile(Container c) throws Exception {
        Client client = new Client();
        String v = value();
        client.get(servers.uri(c, "/t/set?value=" + v));
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/missing.css"));
        assertEquals(404, response.statusCode());
        assertEquals("error page 404 v=" + v, text(response));
        assertEquals("v=" + v + " error-page=404", client.sessionValue(servers.uri(JettyAndTomcat.other(c), "/t/get")));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void errorPageForAnException_seesTheSessionWrittenBeforeTheThrow(Container c) throws Exception {
        Client client = new Client();
        client.get(servers.uri(JettyAndTomcat.other(c), "/t/set?value=earlier")); // the session exists already
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/throw?value=" + v));
        assertEquals(500, response.statusCode());
        assertEquals("error page 500 v=" + v, text(response));
        assertEquals("v=" + v + " error-page=500", client.sessionValue(servers.uri(JettyAndTomcat.other(c), "/t/get")));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void asyncCompletedOnAnotherThread_afterTheSessionWasSet(Container c) throws Exception {
        for (String path : new String[] {"/t/async", "/t/async-wrapped"}) {
            Client client = new Client();
            String v = value();
            HttpResponse<byte[]> response = client.get(servers.uri(c, path + "?value=" + v));
            assertEquals(200, response.statusCode(), path + ": " + text(response));
            assertEquals("async done", text(response), path);
            assertSessionOnOther(client, c, v);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void asyncDispatch_seesTheSessionSetBeforeStartAsync(Container c) throws Exception {
        Client client = new Client();
        client.get(servers.uri(JettyAndTomcat.other(c), "/t/set?value=earlier")); // the session exists already
        String v = value();
        HttpResponse<byte[]> response = client.get(servers.uri(c, "/t/async-dispatch?value=" + v));
        assertEquals(200, response.statusCode(), text(response));
        assertEquals("v=" + v, text(response));
        assertSessionOnOther(client, c, v);
    }
}
