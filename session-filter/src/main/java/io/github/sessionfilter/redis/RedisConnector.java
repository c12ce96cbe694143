package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One shared Lettuce connection, opened in the background at start-up (see {@link SharedConnection})
 * and re-opened by Lettuce after a failure. Commands fail fast while disconnected and after the
 * configured timeout ({@link ResilientClientOptions}), a silent connection is replaced
 * ({@link SilentConnectionDetector}), and every failure becomes a {@link SessionStoreException}
 * naming the operation, the endpoint (no password) and the timeout.
 */
final class RedisConnector implements AutoCloseable {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final ClientResources resources;
    private final RedisURI uri;
    private final Duration timeout;
    private final String endpoint;
    private final SharedConnection<StatefulRedisConnection<String, byte[]>> connection;
    private final SilentConnectionDetector<StatefulRedisConnection<String, byte[]>> detector;

    private RedisConnector(RedisClient client, ClientResources resources, RedisURI uri, Duration timeout) {
        this.client = client;
        this.resources = resources;
        this.uri = uri;
        this.timeout = timeout;
        this.endpoint = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
        this.connection = new SharedConnection<>(() -> client.connectAsync(CODEC, uri), endpoint);
        this.detector = new SilentConnectionDetector<>(connection, c -> c.async().ping(),
                resources.eventExecutorGroup(), timeout, endpoint);
        connection.openInBackground();
    }

    static RedisConnector create(RedisConnectionOptions options) {
        Duration timeout = options.timeout();
        RedisURI uri = RedisURI.create(options.uri());
        uri.setTimeout(timeout);
        if (uri.isSsl()) {
            uri.setVerifyPeer(switch (options.tlsVerify()) {
                case FULL -> SslVerifyMode.FULL;
                case CA -> SslVerifyMode.CA;
                case NONE -> SslVerifyMode.NONE;
            });
        }
        ClientOptions.Builder clientOptions = ResilientClientOptions.apply(ClientOptions.builder(), timeout);
        if (options.caFile() != null) {
            clientOptions.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(options.caFile().toFile()).build());
        }
        ClientResources resources = ResilientClientOptions.clientResources();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(clientOptions.build());
        return new RedisConnector(client, resources, uri, timeout);
    }

    String endpoint() {
        return endpoint;
    }

    <T> T call(String operation, Function<RedisCommands<String, byte[]>, T> command) {
        StatefulRedisConnection<String, byte[]> current = connection.get(timeout);
        try {
            T result = command.apply(current.sync());
            detector.answered();
            return result;
        } catch (SessionStoreException e) {
            throw e;
        } catch (RedisCommandTimeoutException e) {
            detector.timedOut(current);
            throw new SessionStoreException("Redis " + operation + " timed out after " + timeout.toMillis()
                    + " ms (" + endpoint + ")", e);
        } catch (RedisCommandExecutionException e) {
            detector.answered();
            throw new SessionStoreException("Redis " + operation + " failed (" + endpoint + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SessionStoreException("Redis " + operation + " failed (" + endpoint + ", timeout "
                    + timeout.toMillis() + " ms): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        detector.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Threads that do not stop in time are daemon threads; nothing else to do at shutdown.
        }
    }
}
