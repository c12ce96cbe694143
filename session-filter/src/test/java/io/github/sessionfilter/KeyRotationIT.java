package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.RedisCommandLog;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing key rotation end to end, as the README describes it: each step is a redeploy of both
 * instances with a new {@code jwt.keys}, against the same Redis. Sessions survive every step until the
 * old key is retired; then tokens signed with it are "no session" without a Redis command.
 */
class KeyRotationIT {
    private static final String K1 = TestKeys.keyPair("k1");
    private static final String K2 = TestKeys.keyPair("k2");
    private static String prefix;
    private static RedisCommandLog commands;

    @BeforeAll
    static void start() {
        prefix = TestKeys.prefix();
        commands = new RedisCommandLog(TestRedis.get().host(), TestRedis.get().port());
    }

    @AfterAll
    static void stop() throws Exception {
        commands.close();
    }

    private static TwoInstances deploy(String jwtKeys) throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("redis.key-prefix", prefix);
        settings.put("jwt.keys", jwtKeys);
        return TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]*)\".*", "$1");
    }

    private static String getWith(TwoInstances app, int i, String token) throws Exception {
        return new Browser().get(app.alternate(i, "/get?name=user"), "Cookie", "SESSION=" + token).body();
    }

    @Test
    void addKey_switchSigning_retireOldKey() throws Exception {
        String tokenK1;
        try (TwoInstances app = deploy(K1)) {
            Browser user = new Browser();
            user.body(app.a.uri("/set?name=user&value=old-user"));
            tokenK1 = user.cookie("SESSION");
            assertEquals("k1", kid(tokenK1));
        }

        // Step 1: add k2 as second key. k1 still signs, both verify; nothing visible changes.
        String step1Token;
        try (TwoInstances app = deploy(K1 + "," + K2)) {
            assertEquals("old-user", getWith(app, 0, tokenK1));
            assertEquals("old-user", getWith(app, 1, tokenK1));
            Browser user = new Browser();
            user.body(app.b.uri("/set?name=user&value=step1-user"));
            step1Token = user.cookie("SESSION");
            assertEquals("k1", kid(step1Token), "the first key still signs");
        }

        // Step 2: switch signing: k2 first, k1 second. New tokens are k2; k1 tokens still work.
        String tokenK2;
        try (TwoInstances app = deploy(K2 + "," + K1)) {
            Browser user = new Browser();
            user.body(app.a.uri("/set?name=user&value=new-user"));
            tokenK2 = user.cookie("SESSION");
            assertEquals("k2", kid(tokenK2));
            assertEquals("new-user", getWith(app, 1, tokenK2));
            assertEquals("old-user", getWith(app, 0, tokenK1));
            assertEquals("step1-user", getWith(app, 1, step1Token));
            String setCookie = new Browser().get(app.b.uri("/login?value=step1-user"), "Cookie", "SESSION=" + step1Token)
                    .headers().firstValue("Set-Cookie").orElseThrow();
            step1Token = setCookie.substring("SESSION=".length(), setCookie.indexOf(';'));
            assertEquals("k2", kid(step1Token), "a new token (here at login) is signed with k2");
            assertEquals("step1-user", getWith(app, 0, step1Token));
        }

        // Step 3: retire k1 (after the longest token lifetime). k1 tokens are refused without touching Redis.
        try (TwoInstances app = deploy(K2)) {
            assertEquals("new-user", getWith(app, 0, tokenK2));
            assertEquals("step1-user", getWith(app, 1, step1Token), "re-issued at login with k2: survives");
            for (String old : List.of(tokenK1)) {
                List<String> sent = commands.commandsDuring(() -> assertEquals("no-session", getWith(app, 1, old)));
                assertEquals(List.of(), sent, "a token of a retired key never reaches Redis");
            }
        }
    }

    @Test
    void tokenOfAKeyThatWasNeverConfigured_isRefused_evenWithTheSameKid() throws Exception {
        String stranger;
        try (TwoInstances app = deploy(TestKeys.keyPair("k1"))) {
            Browser user = new Browser();
            user.body(app.a.uri("/set?name=user&value=x"));
            stranger = user.cookie("SESSION");
        }
        try (TwoInstances app = deploy(K1)) {
            assertEquals("no-session", getWith(app, 0, stranger));
            Browser user = new Browser();
            user.body(app.a.uri("/set?name=user&value=y"));
            assertNotEquals(stranger, user.cookie("SESSION"));
        }
    }
}
