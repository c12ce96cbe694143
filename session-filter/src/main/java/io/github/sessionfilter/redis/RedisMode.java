package io.github.sessionfilter.redis;

import java.util.Locale;

/**
 * How the filter talks to the Redis named by {@code redis.uri}. A {@code redis-sentinel://} URI always
 * means a Sentinel-managed primary, whatever the mode.
 */
public enum RedisMode {
    /**
     * Ask the server on the first connection ({@code INFO cluster}, else {@code CLUSTER INFO}): a node of
     * a Redis Cluster, or a cluster's discovery endpoint, is used as a cluster, anything else as a single
     * server. Costs one command per connect; never uses {@code CONFIG}, which managed Redis forbids. The default.
     */
    AUTO,
    /** A single server (or a primary endpoint that moves on failover, such as Memorystore's Standard tier). */
    STANDALONE,
    /**
     * A Redis Cluster: the client learns the slot map from the server, follows MOVED and ASK redirects,
     * and refreshes the topology periodically and whenever a redirect or reconnect suggests it changed.
     */
    CLUSTER;

}
