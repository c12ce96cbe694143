package io.github.sessionfilter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to a single primary: a standalone server, or the primary that Sentinels name (Lettuce
 * asks the Sentinels for its address on every connect and reconnect).
 *
 * <p>A connection does not notice by itself that its server stopped being the primary: after a
 * failover the old primary keeps the connection open, first accepting writes that its successor never
 * sees, then refusing them with {@code READONLY}. So the connection is replaced when a Sentinel
 * announces the new primary (see {@link SentinelWatch}, which also holds commands back during the
 * switch) and whenever a command is refused with {@code READONLY}. The replacement connects in the
 * background; the old connection is closed once its in-flight commands had time to end.
 */
final class StandaloneLink implements RedisLink {
    private static final Logger LOG = System.getLogger(StandaloneLink.class.getName());
    private static final long READONLY_RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest a failover may hold commands back when its end is never announced. */
    private static final Duration MAX_FAILOVER_HOLD = Duration.ofSeconds(15);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String topology;
    private final AtomicReference<StatefulRedisConnection<String, byte[]>> connection;
    private final FailoverFence fence;
    private final AtomicBoolean replacing = new AtomicBoolean();
    private volatile SentinelWatch watch;
    private volatile long lastReplaceNanos;
    private volatile boolean closed;

    private StandaloneLink(RedisClient client, RedisURI uri, Duration timeout, StatefulRedisConnection<String, byte[]> first) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.topology = uri.getSentinelMasterId() != null ? "sentinel" : "standalone";
        this.connection = new AtomicReference<>(first);
        this.fence = new FailoverFence(timeout, MAX_FAILOVER_HOLD);
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
            link.watch = new SentinelWatch(client, uri, link.fence, link);
            link.watch.start();
        }
        return link;
    }

    @Override
    public RedisClusterCommands<String, byte[]> commands() {
        fence.await();
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
                replace("the server answered READONLY: it is a replica now", uri, () -> { });
                return;
            }
        }
    }

    /**
     * Opens a new connection to {@code target} in the background and swaps it in; then runs
     * {@code afterSwap}. Does nothing while another replacement is under way.
     */
    void replace(String reason, RedisURI target, Runnable afterSwap) {
        if (closed || !replacing.compareAndSet(false, true)) {
            return;
        }
        lastReplaceNanos = System.nanoTime();
        LOG.log(Level.INFO, "Reconnecting to Redis ({0}): {1}", topology, reason);
        client.connectAsync(CODEC, target).whenComplete((fresh, failure) -> {
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
                    afterSwap.run();
                }
            } finally {
                replacing.set(false);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
        fence.open("closing");
        connection.get().close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
