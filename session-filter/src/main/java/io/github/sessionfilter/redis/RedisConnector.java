package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One shared Lettuce connection in whatever topology Redis runs ({@link RedisTopology}: single server,
 * Sentinel, cluster), opened in the background at start-up (see {@link SharedConnection}) and re-opened
 * by Lettuce after a failure. Commands fail fast while disconnected and after the configured timeout
 * ({@link ResilientClientOptions}), a silent connection is replaced ({@link SilentConnectionDetector}),
 * a connection to a node that became a replica ({@code READONLY}) is replaced, during a Sentinel failover
 * commands are held back until the new primary is connected ({@link SentinelWatch}, {@link FailoverFence}),
 * and every failure becomes a {@link SessionStoreException} naming the operation, the endpoint (no
 * password) and the timeout.
 */
final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = System.getLogger(RedisConnector.class.getName());
    private static final Duration MIN_CREDENTIALS_TIMEOUT = Duration.ofSeconds(10);
    /** Longest a Sentinel failover may hold commands back when its end is never announced. */
    private static final Duration MAX_FAILOVER_HOLD = Duration.ofSeconds(15);
    private static final long READONLY_REPLACE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ClientResources resources;
    private final RedisTopology topology;
    private final Duration timeout;
    private final String endpoint;
    private final ExecutorService connectThread;
    private final ExecutorService credentialsThread;
    private final CredentialsSource credentials;
    private final SharedConnection<StatefulConnection<String, byte[]>> connection;
    private final SilentConnectionDetector<StatefulConnection<String, byte[]>> detector;
    private final FailoverFence fence;
    private final SentinelWatch sentinels;
    private final RedisCallListener calls;
    private volatile Runnable afterNextConnect;
    private volatile long lastReadOnlyReplaceNanos = System.nanoTime() - READONLY_REPLACE_INTERVAL_NANOS;

    private RedisConnector(ClientResources resources, RedisURI uri, ClientOptions options, RedisConnectionOptions settings,
                           ExecutorService credentialsThread, RedisCallListener calls) {
        this.resources = resources;
        this.calls = calls;
        this.timeout = settings.timeout();
        this.endpoint = describe(uri);
        this.connectThread = daemonThread("session-filter-redis-connect", RedisConnector.class.getClassLoader());
        this.credentialsThread = credentialsThread;
        this.credentials = settings.credentials();
        this.topology = new RedisTopology(resources, uri, options, settings.mode(), endpoint, connectThread);
        this.connection = new SharedConnection<>(this::connect, endpoint);
        this.detector = new SilentConnectionDetector<>(connection, RedisTopology::ping, resources.eventExecutorGroup(),
                timeout, endpoint);
        this.fence = new FailoverFence(timeout, MAX_FAILOVER_HOLD);
        this.sentinels = topology.isSentinel() ? new SentinelWatch(topology.client(), uri, fence, this::moveTo) : null;
        connection.openInBackground();
        if (sentinels != null) {
            sentinels.start();
        }
    }

    static RedisConnector create(RedisConnectionOptions options, RedisCallListener calls) {
        Duration timeout = options.timeout();
        RedisURI uri = RedisURI.create(options.uri());
        uri.setTimeout(timeout);
        uri.getSentinels().forEach(sentinel -> sentinel.setTimeout(timeout));
        if (uri.isSsl()) {
            SslVerifyMode verify = switch (options.tlsVerify()) {
                case FULL -> SslVerifyMode.FULL;
                case CA -> SslVerifyMode.CA;
                case NONE -> SslVerifyMode.NONE;
            };
            uri.setVerifyPeer(verify);
            uri.getSentinels().forEach(sentinel -> sentinel.setVerifyPeer(verify));
        }
        ClientOptions.Builder clientOptions = ResilientClientOptions.apply(ClientOptions.builder(), timeout);
        if (options.caFile() != null) {
            clientOptions.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(options.caFile().toFile()).build());
        }
        ExecutorService credentialsThread = null;
        if (options.credentials() != null) {
            credentialsThread = daemonThread("session-filter-redis-credentials", options.credentials().classLoader());
            Duration credentialsTimeout = timeout.compareTo(MIN_CREDENTIALS_TIMEOUT) > 0 ? timeout : MIN_CREDENTIALS_TIMEOUT;
            uri.setCredentialsProvider(new LettuceCredentials(options.credentials(), credentialsThread, credentialsTimeout));
        }
        return new RedisConnector(ResilientClientOptions.clientResources(), uri, clientOptions.build(), options, credentialsThread,
                calls);
    }

    private static ExecutorService daemonThread(String name, ClassLoader loader) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
    }

    private static String describe(RedisURI uri) {
        if (uri.getSentinelMasterId() != null) {
            return (uri.isSsl() ? "rediss-sentinel://" : "redis-sentinel://")
                    + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","))
                    + " (master " + uri.getSentinelMasterId() + ")";
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
    }

    private java.util.concurrent.CompletionStage<StatefulConnection<String, byte[]>> connect() {
        return topology.connect().whenComplete((opened, failure) -> {
            Runnable then = afterNextConnect;
            if (opened != null && then != null) {
                afterNextConnect = null;
                then.run();
            }
        });
    }

    /** Sentinel announced a new primary: reconnect through that Sentinel. */
    private void moveTo(RedisURI sentinel, String reason, Runnable whenConnected) {
        LOG.log(Level.INFO, "Reconnecting to Redis ({0}): {1}", endpoint, reason);
        topology.preferSentinel(sentinel);
        afterNextConnect = whenConnected;
        StatefulConnection<String, byte[]> current = connection.current();
        if (current != null) {
            connection.replace(current);
        }
        connection.openInBackground();
    }

    /** Where Redis lives (no credentials) and, once known, its topology. */
    String endpoint() {
        String kind = topology.describe();
        return kind.isEmpty() ? endpoint : endpoint + " " + kind;
    }

    <T> T call(String operation, Function<RedisClusterCommands<String, byte[]>, T> command) {
        long started = System.nanoTime();
        try {
            T result = callOnRequestThread(operation, command);
            calls.called(operation, System.nanoTime() - started, null);
            return result;
        } catch (SessionStoreException e) {
            calls.called(operation, System.nanoTime() - started, failureKind(e));
            throw e;
        } finally {
            NettyThreadLocals.clearOnContainerThread();
        }
    }

    private <T> T callOnRequestThread(String operation, Function<RedisClusterCommands<String, byte[]>, T> command) {
        StatefulConnection<String, byte[]> current;
        try {
            fence.await();
        } catch (IllegalStateException e) {
            throw new SessionStoreException("Redis " + operation + " held back (" + endpoint() + "): " + e.getMessage(), e);
        }
        current = connection.get(timeout);
        try {
            T result = command.apply(RedisTopology.commands(current));
            detector.answered();
            return result;
        } catch (SessionStoreException e) {
            throw e;
        } catch (RedisCommandTimeoutException e) {
            detector.timedOut(current);
            throw new SessionStoreException("Redis " + operation + " timed out after " + timeout.toMillis()
                    + " ms (" + endpoint() + ")", e);
        } catch (RedisCommandExecutionException e) {
            detector.answered();
            replaceIfReadOnly(current, e);
            throw new SessionStoreException("Redis " + operation + " failed (" + endpoint() + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SessionStoreException("Redis " + operation + " failed (" + endpoint() + ", timeout "
                    + timeout.toMillis() + " ms): " + e.getMessage(), e);
        }
    }

    /** What {@link RedisCallListener} calls the failure: see there. */
    private static String failureKind(SessionStoreException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RedisCommandTimeoutException) {
            return RedisCallListener.TIMEOUT;
        }
        return cause instanceof RedisCommandExecutionException ? RedisCallListener.OTHER : RedisCallListener.CONNECTION;
    }

    /**
     * A server that answers READONLY was demoted to a replica while the connection stayed open (a failover
     * that kept the address, or one we were not told about): reconnect, which finds the current primary.
     */
    private void replaceIfReadOnly(StatefulConnection<String, byte[]> current, RedisCommandExecutionException e) {
        if (String.valueOf(e.getMessage()).startsWith("READONLY")
                && System.nanoTime() - lastReadOnlyReplaceNanos > READONLY_REPLACE_INTERVAL_NANOS) {
            lastReadOnlyReplaceNanos = System.nanoTime();
            if (connection.replace(current)) {
                LOG.log(Level.WARNING, "Redis at {0} answered READONLY: it is a replica now; reconnecting to find the primary",
                        endpoint());
                connection.openInBackground();
            }
        }
    }

    @Override
    public void close() {
        if (sentinels != null) {
            sentinels.close();
        }
        fence.open("the filter is shutting down");
        detector.close();
        connection.close();
        topology.close();
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Threads that do not stop in time are daemon threads; nothing else to do at shutdown.
        }
        connectThread.shutdownNow();
        if (credentialsThread != null) {
            credentialsThread.shutdownNow();
        }
        if (credentials != null) {
            try {
                credentials.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the credentials provider " + credentials.description() + " failed", e);
            }
        }
    }
}
