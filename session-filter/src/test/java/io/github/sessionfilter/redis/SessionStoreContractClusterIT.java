package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.core.SessionStoreContract;
import io.github.sessionfilter.localredis.RedisCluster;
import io.github.sessionfilter.testing.TestKeys;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store contract over {@link RedisSessionStore} on a Redis Cluster of 3 primaries (local processes,
 * one cluster and one store for the class). Renamed sessions move to an id served by another primary,
 * so {@code changeId} is proven across nodes, where a RENAME would fail with CROSSSLOT.
 */
@Timeout(120)
class SessionStoreContractClusterIT extends RedisStoreContract {
    private static RedisCluster cluster;
    private static RedisSessionStore store;
    private static RedisClusterClient client;
    private static StatefulRedisClusterConnection<byte[], byte[]> connection;
    private static SessionHashes hashes;

    @BeforeAll
    static void open() {
        cluster = RedisCluster.start(3, 0);
        String prefix = TestKeys.prefix();
        store = RedisSessionStore.create(new RedisConnectionOptions(cluster.uri(), Duration.ofSeconds(10), null, RedisConnectionOptions.TlsVerification.FULL)
                .withMode(RedisMode.CLUSTER), prefix, Long.MAX_VALUE, null, RedisCallListener.NONE);
        client = RedisClusterClient.create(cluster.uri());
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
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected RedisSessionStore redisStore() {
        return store;
    }

    @Override
    protected SessionHashes hashes() {
        return hashes;
    }

    @Override
    protected String newIdAwayFrom(String oldId) {
        RedisCluster.Node oldPrimary = primaryOf(hashes.key(oldId));
        while (true) {
            String id = newId();
            if (!primaryOf(hashes.key(id)).equals(oldPrimary)) {
                return id;
            }
        }
    }

    @Test
    void sessionAndItsLock_shareOneSlot() {
        String id = newId();

        assertEquals(cluster.slot(hashes.key(id)), cluster.slot(hashes.lockKey(id)));
        assertEquals(SlotHash.getSlot(hashes.key(id)), cluster.slot(hashes.key(id)), "the test's own slot arithmetic");
    }

    private static RedisCluster.Node primaryOf(String key) {
        return cluster.primaryForSlot(SlotHash.getSlot(key));
    }
}
