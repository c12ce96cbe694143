package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.CanaryBase;
import io.github.sessionfilter.testing.GadgetCanary;
import io.github.sessionfilter.testing.SecurityServlet;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever is in Redis is untrusted input: a planted gadget is never instantiated, sizes are
 * limited, and with an integrity or encryption key bytes written by anyone without the key are
 * dropped before deserialization. Two real instances, a real Redis, bytes planted with HSET.
 */
class UntrustedRedisDataIT {
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, byte[]> redis;

    @BeforeAll
    static void connect() {
        redisClient = RedisClient.create(TestRedis.get().uri());
        redis = redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        redisClient.shutdown();
    }

    @BeforeEach
    void clearCanary() {
        CanaryBase.EVENTS.clear();
    }

    /** Default settings, except that no allow pattern covers the test classes (the canary among them). */
    private static TwoInstances start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = TwoInstances.settings(TestRedis.get());
        settings.put("attributes.allow", "com.example.Cart");
        settings.putAll(extra);
        return TwoInstances.start(TestRedis.get(), settings, () -> new RedisSessionFilter(Map.of()), SecurityServlet::new);
    }

    private static String key(TwoInstances app, Browser browser) throws Exception {
        String info = browser.body(app.a.uri("/info"));
        String id = info.substring(3, info.indexOf(';'));
        return app.settings.get("redis.key-prefix") + "{" + id + "}";
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static byte[] canaryBytes() throws IOException {
        byte[] bytes = serialize(new GadgetCanary("planted"));
        CanaryBase.EVENTS.clear(); // constructing it here is not what we are watching for
        return bytes;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ deserialization canary

    @Test
    void control_theCanaryRecordsWhenPlainJavaDeserializationReadsIt() throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(canaryBytes()))) {
            in.readObject();
        }
        assertEquals(List.of("constructed", "readObject", "readResolve"), List.copyOf(CanaryBase.EVENTS));
    }

    @Test
    void plantedCanaryOutsideTheAllowList_isNeverInstantiated_andTheRestOfTheSessionSurvives() throws Exception {
        try (TwoInstances app = start(Map.of())) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=good&value=kept"));
            String key = key(app, browser);
            redis.sync().hset(key, "a:gadget", canaryBytes());
            ArrayList<Object> wrapped = new ArrayList<>(List.of("harmless", new GadgetCanary("nested")));
            redis.sync().hset(key, "a:wrapped", serialize(wrapped));
            CanaryBase.EVENTS.clear();

            assertEquals("null", browser.body(app.b.uri("/get?name=gadget")), "the attribute reads as absent, no error page");
            assertEquals("null", browser.body(app.a.uri("/get?name=wrapped")), "also inside an allowed collection");
            assertEquals(List.of(), List.copyOf(CanaryBase.EVENTS), "the canary was instantiated");
            assertEquals("kept", browser.body(app.b.uri("/get?name=good")));
            assertFalse(redis.sync().hexists(key, "a:gadget"), "dropped from Redis");
            assertFalse(redis.sync().hexists(key, "a:wrapped"), "dropped from Redis");
        }
    }

    @Test
    void plantedOversizedValue_isDropped_withoutReadingIt() throws Exception {
        try (TwoInstances app = start(Map.of("attributes.max-bytes", "64KiB"))) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=good&value=kept"));
            String key = key(app, browser);
            redis.sync().hset(key, "a:huge", serialize("z".repeat(100_000)));
            assertEquals("null", browser.body(app.b.uri("/get?name=huge")));
            assertEquals("kept", browser.body(app.a.uri("/get?name=good")));
            assertFalse(redis.sync().hexists(key, "a:huge"));
        }
    }

    // ------------------------------------------------------------------ size limits

    @Test
    void attributeOverTheAttributeLimit_isRefusedAtSetAttribute_andNotStored() throws Exception {
        try (TwoInstances app = start(Map.of("attributes.max-bytes", "64KiB"))) {
            Browser browser = new Browser();
            String answer = browser.body(app.a.uri("/set-big?name=huge&size=70000"));
            assertEquals("refused: session attribute 'huge' cannot be stored: it encodes to 70013 bytes, over the limit of"
                    + " 65536 bytes (maxBytesPerAttribute)", answer);
            assertEquals("set", browser.body(app.a.uri("/set-big?name=fits&size=60000")));
            assertEquals("null", browser.body(app.b.uri("/get?name=huge")));
            assertEquals("string:60000", browser.body(app.b.uri("/size?name=fits")));
            assertFalse(redis.sync().hexists(key(app, browser), "a:huge"));
        }
    }

    @Test
    void sessionOverTheSessionLimit_isRefusedAtSetAttribute_namingAttributeSizeAndLimit() throws Exception {
        try (TwoInstances app = start(Map.of("attributes.max-bytes", "64KiB", "session.max-bytes", "160KiB"))) {
            Browser browser = new Browser();
            assertEquals("set", browser.body(app.a.uri("/set-big?name=a&size=60000")));
            assertEquals("set", browser.body(app.b.uri("/set-big?name=b&size=60000")));
            String answer = browser.body(app.a.uri("/set-big?name=c&size=60000"));
            assertTrue(answer.startsWith("refused: session attribute 'c' (60007 bytes) cannot be stored: the session would"
                    + " hold 180021 bytes of attributes, over the limit of 163840 bytes per session (session.max-bytes)"), answer);
            String key = key(app, browser);
            assertFalse(redis.sync().hexists(key, "a:c"), "not stored");
            assertEquals("string:60000", browser.body(app.b.uri("/size?name=a")));
            assertEquals("string:60000", browser.body(app.b.uri("/size?name=b")));
            assertEquals("set", browser.body(app.a.uri("/set-big?name=b&size=100")), "replacing a value frees its space");
            assertEquals("set", browser.body(app.b.uri("/set-big?name=c&size=60000")));
        }
    }

    @Test
    void growthInPlacePastTheSessionLimit_isNotStored_andThePreviousValueStays() throws Exception {
        try (TwoInstances app = start(Map.of("attributes.max-bytes", "64KiB", "session.max-bytes", "160KiB"))) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set-big?name=a&size=60000"));
            browser.body(app.b.uri("/set-big?name=b&size=60000"));
            browser.body(app.a.uri("/grow?name=list"));
            assertEquals("list:1", browser.body(app.b.uri("/size?name=list")));
            assertEquals("grown", browser.body(app.a.uri("/grow?name=list&size=20000")));
            assertEquals("list:2", browser.body(app.b.uri("/size?name=list")), "growth within the limit is kept");
            assertEquals("grown", browser.body(app.a.uri("/grow?name=list&size=30000")), "no error page");
            assertEquals("list:2", browser.body(app.b.uri("/size?name=list")), "growth past the limit is not stored");
            assertEquals("string:60000", browser.body(app.a.uri("/size?name=a")), "the rest of the session is intact");
        }
    }

    // ------------------------------------------------------------------ integrity and encryption

    @Test
    void withIntegrityKey_bytesPlantedWithoutTheKey_areDroppedBeforeDeserialization() throws Exception {
        Map<String, String> settings = Map.of("attributes.integrity-key", TestKeys.secret(32),
                "attributes.allow", GadgetCanary.class.getName()); // even an allowed class is never read unsealed
        try (TwoInstances app = start(settings)) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=good&value=kept"));
            String key = key(app, browser);
            redis.sync().hset(key, "a:planted", serialize("a perfectly valid serialized String"));
            redis.sync().hset(key, "a:gadget", canaryBytes());
            byte[] sealed = redis.sync().hget(key, "a:good");
            byte[] altered = sealed.clone();
            altered[altered.length - 1] ^= 1;
            redis.sync().hset(key, "a:altered", altered);

            assertEquals("null", browser.body(app.b.uri("/get?name=planted")));
            assertEquals("null", browser.body(app.a.uri("/get?name=gadget")));
            assertEquals("null", browser.body(app.b.uri("/get?name=altered")));
            assertEquals(List.of(), List.copyOf(CanaryBase.EVENTS), "unsealed bytes were deserialized");
            assertEquals("kept", browser.body(app.a.uri("/get?name=good")));
            for (String field : List.of("a:planted", "a:gadget", "a:altered")) {
                assertFalse(redis.sync().hexists(key, field), field + " dropped from Redis");
            }
            assertTrue(contains(sealed, "kept".getBytes(StandardCharsets.UTF_8)), "integrity only: values stay readable");
        }
    }

    @Test
    void withIntegrityKey_aValueCopiedFromAnotherSessionOrAttribute_isRejected() throws Exception {
        try (TwoInstances app = start(Map.of("attributes.integrity-key", TestKeys.secret(48)))) {
            Browser admin = new Browser();
            admin.body(app.a.uri("/set?name=role&value=admin"));
            Browser mallory = new Browser();
            mallory.body(app.a.uri("/set?name=role&value=user"));
            mallory.body(app.a.uri("/set?name=nickname&value=m"));
            byte[] adminRole = redis.sync().hget(key(app, admin), "a:role");
            String malloryKey = key(app, mallory);
            byte[] malloryNickname = redis.sync().hget(malloryKey, "a:nickname");
            redis.sync().hset(malloryKey, "a:role", adminRole);
            redis.sync().hset(malloryKey, "a:nick2", malloryNickname);
            assertEquals("null", mallory.body(app.b.uri("/get?name=role")), "sealed for another session");
            assertEquals("null", mallory.body(app.b.uri("/get?name=nick2")), "sealed for another attribute");
            assertEquals("m", mallory.body(app.b.uri("/get?name=nickname")));
        }
    }

    @Test
    void withEncryptionKey_storedBytesDoNotContainThePlaintext_andPlantedBytesAreDropped() throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        try (TwoInstances app = start(Map.of("attributes.encryption-key", TestKeys.secret(32),
                "attributes.allow", GadgetCanary.class.getName()))) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=card&value=" + marker));
            browser.body(app.b.uri("/add?item=" + marker));
            String key = key(app, browser);
            for (String field : List.of("a:card", "a:cart")) {
                byte[] stored = redis.sync().hget(key, field);
                assertNotNull(stored, field);
                assertFalse(contains(stored, marker.getBytes(StandardCharsets.UTF_8)), field + " stored in clear");
                assertFalse(contains(stored, "java.lang.String".getBytes(StandardCharsets.UTF_8)), field + " class names visible");
            }
            assertEquals(marker, browser.body(app.b.uri("/get?name=card")), "the app reads it on the other instance");
            assertEquals("[" + marker + "]", browser.body(app.a.uri("/get?name=cart")));

            redis.sync().hset(key, "a:planted", serialize("planted"));
            redis.sync().hset(key, "a:gadget", canaryBytes());
            assertEquals("null", browser.body(app.a.uri("/get?name=planted")));
            assertEquals("null", browser.body(app.b.uri("/get?name=gadget")));
            assertEquals(List.of(), List.copyOf(CanaryBase.EVENTS));
            assertEquals(marker, browser.body(app.a.uri("/get?name=card")));
        }
    }

    @Test
    void withEncryptionKey_changeSessionIdReSealsEveryAttributeForTheNewId() throws Exception {
        try (TwoInstances app = start(Map.of("attributes.encryption-key", TestKeys.secret(32)))) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=unread&value=survives"));
            browser.body(app.b.uri("/login?value=alice"));
            assertEquals("survives", browser.body(app.a.uri("/get?name=unread")));
            assertEquals("alice", browser.body(app.b.uri("/get?name=user")));
        }
    }

    @Test
    void sameKeyOnBothInstances_isWhatMakesSealedValuesPortable() throws Exception {
        String secret = TestKeys.secret(32);
        try (TwoInstances app = start(Map.of("attributes.integrity-key", secret))) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=x&value=portable"));
            byte[] sealed = redis.sync().hget(key(app, browser), "a:x");
            assertEquals("portable", browser.body(app.b.uri("/get?name=x")));
            assertArrayEquals(sealed, redis.sync().hget(key(app, browser), "a:x"), "reading does not rewrite");
        }
    }
}
