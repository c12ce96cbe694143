package io.github.sessionfilter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Opens the link that fits the server: a Sentinel-managed primary for {@code redis-sentinel://} URIs,
 * otherwise the configured {@link RedisMode}. In {@link RedisMode#AUTO} the first connection asks the
 * server; a standalone server keeps that connection, a cluster node is reconnected with the cluster client.
 */
final class LinkOpener {
    private static final Logger LOG = System.getLogger(LinkOpener.class.getName());

    private final ClientResources resources;
    private final RedisURI uri;
    private final ClientOptions options;
    private final RedisMode mode;
    private final Duration timeout;
    private final String endpoint;

    LinkOpener(ClientResources resources, RedisURI uri, ClientOptions options, RedisMode mode, Duration timeout, String endpoint) {
        this.resources = resources;
        this.uri = uri;
        this.options = options;
        this.mode = mode;
        this.timeout = timeout;
        this.endpoint = endpoint;
    }

    RedisLink open() {
        if (uri.getSentinelMasterId() != null || mode == RedisMode.STANDALONE) {
            return announce(StandaloneLink.open(client(), uri, timeout), "");
        }
        if (mode == RedisMode.CLUSTER) {
            return announce(ClusterLink.open(resources, uri, options), "");
        }
        StandaloneLink probe = StandaloneLink.open(client(), uri, timeout);
        boolean cluster;
        try {
            cluster = ClusterModeProbe.isCluster(probe.commands());
        } catch (RuntimeException e) {
            probe.close();
            throw e;
        }
        if (!cluster) {
            return announce(probe, " (detected)");
        }
        probe.close();
        return announce(ClusterLink.open(resources, uri, options), " (detected: cluster_enabled:1)");
    }

    private RedisClient client() {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(options);
        return client;
    }

    private RedisLink announce(RedisLink link, String how) {
        LOG.log(Level.INFO, "Connected to Redis at {0}: {1}{2}", endpoint, link.topology(), how);
        return link;
    }
}
