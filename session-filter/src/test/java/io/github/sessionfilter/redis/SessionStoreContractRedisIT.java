package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.core.SessionStoreContract;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract over {@link RedisSessionStore} on one standalone Redis (one store for the class). */
class SessionStoreContractRedisIT extends SessionStoreContract {
    private static RedisSessionStore store;
    private static RedisClient client;
    private static StatefulRedisConnection<byte[], byte[]> connection;
    private static SessionHashes hashes;

    @BeforeAll
    static void open() {
        String uri = TestRedis.get().uri();
        String prefix = TestKeys.prefix();
        store = RedisSessionStore.create(RedisConnectionOptions.of(uri, Duration.ofSeconds(10))
                .withMode(RedisMode.STANDALONE), prefix);
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

    @Override
    protected SessionStore store() {
        return store;
    }

    @Override
    protected Optional<Stored> stored(String id) {
        return hashes.stored(id);
    }

    @Override
    protected void plant(String id, SessionMetadata metadata, Map<String, byte[]> attributes) {
        hashes.plant(id, metadata, attributes, TTL);
    }

    @Override
    protected long ttlMillis(String id) {
        return hashes.pttl(id);
    }

    @Override
    protected long ttlSlackMillis() {
        return 5_000;
    }
}
