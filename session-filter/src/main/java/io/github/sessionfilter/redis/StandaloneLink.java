package io.github.sessionfilter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to a single primary: a standalone server, or the primary that Sentinels name (Lettuce
 * asks the Sentinels for its address on every connect and reconnect).
 *
 * <p>A connection does not notice by itself that its server stopped being the primary: after a
 * Sentinel failover the old primary keeps the connection open, first accepting writes that its
 * successor never sees, then refusing them with {@code READONLY}. So the connection is replaced as soon
 * as a Sentinel publishes {@code +switch-master} for our master, and whenever a command is refused
 * with {@code READONLY}. The replacement connects in the background; requests keep using the old
 * connection until it is ready, and the old one is closed once its in-flight commands had time to end.
 */
final class StandaloneLink implements RedisLink {
    private static final Logger LOG = System.getLogger(StandaloneLink.class.getName());
    private static final long READONLY_RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String topology;
    private final AtomicReference<StatefulRedisConnection<String, byte[]>> connection;
    private final List<StatefulRedisPubSubConnection<String, String>> sentinelWatches = new CopyOnWriteArrayList<>();
    private final AtomicBoolean replacing = new AtomicBoolean();
    private volatile long lastReplaceNanos;
    private volatile boolean closed;

    private StandaloneLink(RedisClient client, RedisURI uri, Duration timeout, StatefulRedisConnection<String, byte[]> first) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.topology = uri.getSentinelMasterId() != null ? "sentinel" : "standalone";
        this.connection = new AtomicReference<>(first);
        this.lastReplaceNanos = System.nanoTime() - READONLY_RECONNECT_INTERVAL_NANOS;
    }

    /** Connects (blocking, bounded by the connect timeout); the link owns the client from now on. */
    static StandaloneLink open(RedisClient client, RedisURI uri, Duration timeout) {
        StatefulRedisConnection<String, byte[]> first;
        try {
            first = client.connect(CODEC, uri);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        StandaloneLink link = new StandaloneLink(client, uri, timeout, first);
        if (uri.getSentinelMasterId() != null) {
            link.watchSentinels();
        }
        return link;
    }

    @Override
    public RedisClusterCommands<String, byte[]> commands() {
        return connection.get().sync();
    }

    @Override
    public String topology() {
        return topology;
    }

    @Override
    public void commandFailed(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisCommandExecutionException && String.valueOf(t.getMessage()).startsWith("READONLY")
                    && System.nanoTime() - lastReplaceNanos > READONLY_RECONNECT_INTERVAL_NANOS) {
                replace("the server answered READONLY: it is a replica now");
                return;
            }
        }
    }

    private void watchSentinels() {
        String prefix = uri.getSentinelMasterId() + " ";
        for (RedisURI sentinel : uri.getSentinels()) {
            client.connectPubSubAsync(StringCodec.UTF8, sentinel).whenComplete((pubSub, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Cannot watch the Sentinel at {0}:{1} for failovers ({2}); "
                                    + "a READONLY reply still makes the filter reconnect to the new primary",
                            sentinel.getHost(), String.valueOf(sentinel.getPort()), failure.getMessage());
                    return;
                }
                if (closed) {
                    pubSub.closeAsync();
                    return;
                }
                pubSub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        if ("+switch-master".equals(channel) && message.startsWith(prefix)) {
                            replace("a Sentinel announced a new primary (" + message.substring(prefix.length()) + ")");
                        }
                    }
                });
                pubSub.async().subscribe("+switch-master");
                sentinelWatches.add(pubSub);
            });
        }
    }

    private void replace(String reason) {
        if (closed || !replacing.compareAndSet(false, true)) {
            return;
        }
        lastReplaceNanos = System.nanoTime();
        LOG.log(Level.INFO, "Reconnecting to Redis ({0}): {1}", topology, reason);
        client.connectAsync(CODEC, uri).whenComplete((fresh, failure) -> {
            try {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Reconnect to Redis ({0}) failed, keeping the current connection: {1}",
                            topology, failure.getMessage());
                } else if (closed) {
                    fresh.closeAsync();
                } else {
                    StatefulRedisConnection<String, byte[]> old = connection.getAndSet(fresh);
                    // Commands already sent on the old connection finish (or time out) before it closes.
                    client.getResources().eventExecutorGroup().schedule(old::closeAsync, timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                replacing.set(false);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        sentinelWatches.forEach(StatefulRedisPubSubConnection::close);
        connection.get().close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
