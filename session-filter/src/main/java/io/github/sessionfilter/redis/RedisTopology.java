package io.github.sessionfilter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Opens connections in the topology the Redis at hand runs in, and offers the commands all topologies
 * share ({@link RedisClusterCommands}), so the store is written once for all of them:
 * <ul>
 *   <li>{@code redis-sentinel://}: a connection to the primary the Sentinels name (Lettuce asks them on
 *       every connect and reconnect; after a failover announcement, the announcing Sentinel first);</li>
 *   <li>{@link RedisMode#STANDALONE}: a connection to the server;</li>
 *   <li>{@link RedisMode#CLUSTER}: a cluster connection, seeded by the URI's node or discovery endpoint;</li>
 *   <li>{@link RedisMode#AUTO}: the first connection asks the server ({@link ClusterModeProbe}); a single
 *       server keeps that connection, a cluster node is reconnected with the cluster client; the answer is
 *       remembered for later connects.</li>
 * </ul>
 * Every connect runs on the connector's connect thread: it blocks (a TLS handshake, a credentials
 * provider, a cold JVM building Lettuce's command proxies), and must neither hold up the caller nor a
 * network I/O thread.
 *
 * <p>Cluster: reads and writes go to the primary owning the key's slot (never a replica, so a request
 * sees the previous request's writes). The topology is refreshed every {@link #PERIODIC_REFRESH} and, at
 * most every {@link #ADAPTIVE_REFRESH_GAP}, when a MOVED or ASK redirect, repeated reconnects or an unknown
 * node suggest that it changed (a failover, a slot migration, a resharding); redirects are followed
 * meanwhile. Nodes marked failed are left out of the view.
 */
final class RedisTopology implements AutoCloseable {
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(30);
    static final Duration ADAPTIVE_REFRESH_GAP = Duration.ofSeconds(1);
    private static final Logger LOG = System.getLogger(RedisTopology.class.getName());

    private final ClientResources resources;
    private final RedisURI uri;
    private final ClientOptions options;
    private final String endpoint;
    private final Executor connectThread;
    private final RedisClient client;
    private volatile RedisClusterClient clusterClient;
    private volatile RedisMode mode;
    private volatile RedisURI preferred;

    RedisTopology(ClientResources resources, RedisURI uri, ClientOptions options, RedisMode mode, String endpoint,
                  Executor connectThread) {
        this.resources = resources;
        this.uri = uri;
        this.options = options;
        this.endpoint = endpoint;
        this.connectThread = connectThread;
        this.mode = isSentinel() ? RedisMode.STANDALONE : mode;
        this.client = RedisClient.create(resources);
        client.setOptions(options);
    }

    /** The client for single-server and Sentinel connections (also used to subscribe to the Sentinels). */
    RedisClient client() {
        return client;
    }

    boolean isSentinel() {
        return uri.getSentinelMasterId() != null;
    }

    /** {@code standalone}, {@code sentinel} or {@code cluster}; empty until AUTO has asked the server. */
    String describe() {
        RedisMode known = mode;
        return isSentinel() ? "sentinel" : known == RedisMode.AUTO ? "" : known.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Starts one connect attempt on the connect thread. */
    CompletionStage<StatefulConnection<String, byte[]>> connect() {
        return CompletableFuture.supplyAsync(this::open, connectThread);
    }

    /** Until the next failover announcement: ask this Sentinel first (it named the new primary). */
    void preferSentinel(RedisURI sentinel) {
        RedisURI copy = new RedisURI();
        copy.setSentinelMasterId(uri.getSentinelMasterId());
        copy.getSentinels().add(sentinel);
        uri.getSentinels().stream().filter(s -> !s.equals(sentinel)).forEach(copy.getSentinels()::add);
        copy.applyAuthentication(uri);
        copy.applySsl(uri);
        copy.setTimeout(uri.getTimeout());
        copy.setDatabase(uri.getDatabase());
        if (uri.getClientName() != null) {
            copy.setClientName(uri.getClientName());
        }
        preferred = copy;
    }

    private StatefulConnection<String, byte[]> open() {
        RedisMode known = mode;
        if (isSentinel()) {
            RedisURI target = preferred;
            return client.connect(CODEC, target == null ? uri : target);
        }
        if (known == RedisMode.STANDALONE) {
            return client.connect(CODEC, uri);
        }
        if (known == RedisMode.CLUSTER) {
            return cluster().connect(CODEC);
        }
        StatefulRedisConnection<String, byte[]> probe = client.connect(CODEC, uri);
        boolean isCluster;
        try {
            isCluster = ClusterModeProbe.isCluster(probe.sync());
        } catch (RuntimeException e) {
            probe.close();
            throw e;
        }
        mode = isCluster ? RedisMode.CLUSTER : RedisMode.STANDALONE;
        LOG.log(Level.INFO, "Redis at {0} is {1} (asked the server; set redis.mode to skip the question)",
                endpoint, isCluster ? "a cluster node (cluster_enabled:1)" : "a single server");
        if (!isCluster) {
            return probe;
        }
        probe.close();
        return cluster().connect(CODEC);
    }

    private synchronized RedisClusterClient cluster() {
        if (clusterClient == null) {
            RedisClusterClient created = RedisClusterClient.create(resources, uri);
            created.setOptions(ClusterClientOptions.builder(options)
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
            clusterClient = created;
        }
        return clusterClient;
    }

    /** The synchronous commands of a connection this topology opened. */
    static RedisClusterCommands<String, byte[]> commands(StatefulConnection<String, byte[]> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            return cluster.sync();
        }
        return ((StatefulRedisConnection<String, byte[]>) connection).sync();
    }

    /** Sends one PING (asynchronously; it times out like any command). */
    static CompletionStage<?> ping(StatefulConnection<String, byte[]> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            return cluster.async().ping();
        }
        return ((StatefulRedisConnection<String, byte[]>) connection).async().ping();
    }

    @Override
    public void close() {
        RedisClusterClient cluster = clusterClient;
        if (cluster != null) {
            cluster.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
