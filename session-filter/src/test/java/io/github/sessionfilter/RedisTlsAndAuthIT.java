package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sessionfilter.localredis.FreePort;
import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TwoInstances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rediss:// with a private CA given as a PEM file, host name checking, and AUTH (password and ACL
 * user), against a local redis-server started with TLS. Needs openssl and a TLS-enabled redis-server.
 */
class RedisTlsAndAuthIT {
    private static Path dir;
    private static LocalRedis redis;
    private static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("redis-tls");
        // A machine with only a JDK and Maven may lack openssl, and the embedded-redis binary is built
        // without TLS: say so and skip. CI runs on a machine with both and fails on any skipped test.
        Assumptions.assumeTrue(opensslAvailable(), "RedisTlsAndAuthIT skipped: no openssl on the PATH");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "1",
                "-subj", "/CN=session-filter test CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "1", "-extfile", "san.ext");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.crt",
                "-days", "1", "-subj", "/CN=someone else");
        tlsPort = FreePort.find();
        redis = startTlsRedis("--tls-port", String.valueOf(tlsPort),
                "--tls-cert-file", dir.resolve("server.crt").toString(),
                "--tls-key-file", dir.resolve("server.key").toString(),
                "--tls-ca-cert-file", dir.resolve("ca.crt").toString(),
                "--tls-auth-clients", "no",
                "--requirepass", "s3cret-pass",
                "--user", "app", "on", ">app-pass", "~*", "&*", "+@all");
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private static LocalRedis startTlsRedis(String... args) {
        try {
            return LocalRedis.startProcess(args);
        } catch (IllegalStateException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).toLowerCase().contains("tls"),
                    "RedisTlsAndAuthIT skipped: this redis-server has no TLS support");
            throw e;
        }
    }

    private static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl " + args[0] + " failed: " + output);
        }
    }

    private static int statusWith(Map<String, String> extra) throws Exception {
        Map<String, String> settings = TwoInstances.settings(redis);
        settings.put("redis.timeout", "2s");
        settings.putAll(extra);
        try (TwoInstances app = TwoInstances.start(redis, settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new)) {
            Browser browser = new Browser();
            int status = browser.get(app.a.uri("/set?name=x&value=tls")).statusCode();
            if (status == 200) {
                assertEquals("tls", browser.body(app.b.uri("/get?name=x")));
            }
            return status;
        }
    }

    @Test
    void tlsWithPrivateCa_andPassword_works() throws Exception {
        assertEquals(200, statusWith(Map.of("redis.uri", "rediss://:s3cret-pass@localhost:" + tlsPort,
                "redis.ca-file", dir.resolve("ca.crt").toString())));
    }

    @Test
    void tlsWithAclUserAndPassword_works() throws Exception {
        assertEquals(200, statusWith(Map.of("redis.uri", "rediss://app:app-pass@localhost:" + tlsPort,
                "redis.ca-file", dir.resolve("ca.crt").toString())));
    }

    @Test
    void certificateWithoutTheAddress_isRefusedByFullCheck_andAcceptedByCaCheck() throws Exception {
        String byIp = "rediss://:s3cret-pass@127.0.0.1:" + tlsPort;
        assertEquals(503, statusWith(Map.of("redis.uri", byIp, "redis.ca-file", dir.resolve("ca.crt").toString())));
        assertEquals(200, statusWith(Map.of("redis.uri", byIp, "redis.ca-file", dir.resolve("ca.crt").toString(),
                "redis.tls-verify", "ca")));
    }

    @Test
    void serverSignedByAnotherCa_isRefused() throws Exception {
        assertEquals(503, statusWith(Map.of("redis.uri", "rediss://:s3cret-pass@localhost:" + tlsPort,
                "redis.ca-file", dir.resolve("other-ca.crt").toString())));
        assertEquals(503, statusWith(Map.of("redis.uri", "rediss://:s3cret-pass@localhost:" + tlsPort)),
                "the JVM trust store does not know the private CA");
    }

    @Test
    void wrongPassword_isRefused() throws Exception {
        assertEquals(503, statusWith(Map.of("redis.uri", "rediss://:wrong-pass@localhost:" + tlsPort,
                "redis.ca-file", dir.resolve("ca.crt").toString())));
    }
}
