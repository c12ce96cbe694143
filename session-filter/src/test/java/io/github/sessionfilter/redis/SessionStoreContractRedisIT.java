package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.core.SessionStoreContract;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract over {@link RedisSessionStore} on one standalone Redis (one store for the class). */
class SessionStoreContractRedisIT extends RedisStoreContract {
    private static RedisSessionStore store;
    private static RedisClient client;
    private static StatefulRedisConnection<byte[], byte[]> connection;
    private static SessionHashes hashes;

    @BeforeAll
    static void open() {
        String uri = TestRedis.get().uri();
        String prefix = TestKeys.prefix();
        store = RedisSessionStore.create(new RedisConnectionOptions(uri, Duration.ofSeconds(10), null, RedisConnectionOptions.TlsVerification.FULL)
                .withMode(RedisMode.STANDALONE), prefix, Long.MAX_VALUE, null, RedisCallListener.NONE);
        client = RedisClient.create(uri);
        connection = client.connect(ByteArrayCodec.INSTANCE);
        hashes = new SessionHashes(prefix, connection.sync());
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    /**
     * Redis only: a hash whose metadata Lua's {@code tonumber} reads as a number but Java's
     * {@code Long.parseLong} does not ({@code 600.5}, {@code 1e3}, {@code 0x10}, {@code " 600"}) is a
     * hash the filter did not write, like an incomplete one: no session, left alone, never an exception.
     */
    @Test
    void load_metadataThatOnlyLuaReadsAsANumber_isIgnored_andLeftAlone() {
        assertAll(Stream.of("600.5", "1e3", "0x10", " 600").map(odd -> () -> {
            String id = newId();
            plant(id, new SessionMetadata(T0, T0, null, T0 + HOUR), bytes(Map.of("user", "alice")));
            connection.sync().hset(hashes.key(id).getBytes(StandardCharsets.UTF_8),
                    SessionKeys.MAX_INACTIVE.getBytes(StandardCharsets.US_ASCII), odd.getBytes(StandardCharsets.US_ASCII));
            String what = "#maxInactive '" + odd + "'";

            assertTrue(assertDoesNotThrow(() -> store.load(id, T0 + 1_000), what).isEmpty(), what);
            assertFalse(store.touch(id, T0 + 2_000), what + ": touch");
            byte[] lastAccess = connection.sync().hget(hashes.key(id).getBytes(StandardCharsets.UTF_8),
                    SessionKeys.LAST_ACCESS.getBytes(StandardCharsets.US_ASCII));
            assertEquals(String.valueOf(T0), new String(lastAccess, StandardCharsets.US_ASCII), what + ": left alone");
        }));
    }

    @Override
    protected RedisSessionStore redisStore() {
        return store;
    }

    @Override
    protected SessionHashes hashes() {
        return hashes;
    }
}
