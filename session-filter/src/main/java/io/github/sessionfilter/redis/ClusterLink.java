package io.github.sessionfilter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * A connection to a Redis Cluster (Memorystore for Redis Cluster / for Valkey, or self-managed), seeded by
 * any one node or a discovery endpoint. Reads and writes go to the primary that owns the key's slot
 * (never a replica, so a request always sees the previous request's writes).
 *
 * <p>Topology: refreshed every {@link #PERIODIC_REFRESH} and, at most every {@link #ADAPTIVE_REFRESH_GAP},
 * whenever a MOVED or ASK redirect, repeated reconnects or an unknown node suggest that it changed (a
 * failover, a slot migration, a resharding). Redirects are followed meanwhile, so requests keep working
 * while the view catches up. Nodes marked failed are left out of the view.
 */
final class ClusterLink implements RedisLink {
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(30);
    static final Duration ADAPTIVE_REFRESH_GAP = Duration.ofSeconds(1);

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, byte[]> connection;

    private ClusterLink(RedisClusterClient client, StatefulRedisClusterConnection<String, byte[]> connection) {
        this.client = client;
        this.connection = connection;
    }

    /** Connects (blocking, bounded by the connect timeout) and loads the slot map. */
    static ClusterLink open(ClientResources resources, RedisURI seed, ClientOptions base) {
        RedisClusterClient client = RedisClusterClient.create(resources, seed);
        client.setOptions(ClusterClientOptions.builder(base)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(PERIODIC_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_GAP)
                        .refreshTriggersReconnectAttempts(3)
                        .build())
                // A MOVED to a node added since the last refresh (scale-out) is followed instead of failing.
                .validateClusterNodeMembership(false)
                .nodeFilter(node -> !(node.is(RedisClusterNode.NodeFlag.FAIL)
                        || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)
                        || node.is(RedisClusterNode.NodeFlag.NOADDR)))
                .build());
        try {
            return new ClusterLink(client, client.connect(CODEC));
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    @Override
    public RedisClusterCommands<String, byte[]> commands() {
        return connection.sync();
    }

    @Override
    public String topology() {
        return "cluster";
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
