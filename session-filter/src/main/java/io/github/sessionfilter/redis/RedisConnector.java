package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.function.Function;

/**
 * One shared Lettuce connection, opened on first use and re-opened by Lettuce after a failure.
 * Commands fail fast while disconnected and after the configured timeout, and every failure becomes
 * a {@link SessionStoreException} naming the operation, the endpoint (no password) and the timeout.
 */
final class RedisConnector implements AutoCloseable {
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String endpoint;
    private volatile StatefulRedisConnection<String, byte[]> connection;

    private RedisConnector(RedisClient client, RedisURI uri, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.endpoint = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
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
        ClientOptions.Builder clientOptions = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build());
        if (options.caFile() != null) {
            clientOptions.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(options.caFile().toFile()).build());
        }
        RedisClient client = RedisClient.create(uri);
        client.setOptions(clientOptions.build());
        return new RedisConnector(client, uri, timeout);
    }

    String endpoint() {
        return endpoint;
    }

    <T> T call(String operation, Function<RedisCommands<String, byte[]>, T> command) {
        try {
            return command.apply(connection().sync());
        } catch (SessionStoreException e) {
            throw e;
        } catch (RedisCommandTimeoutException e) {
            throw new SessionStoreException("Redis " + operation + " timed out after " + timeout.toMillis()
                    + " ms (" + endpoint + ")", e);
        } catch (RuntimeException e) {
            throw new SessionStoreException("Redis " + operation + " failed (" + endpoint + ", timeout "
                    + timeout.toMillis() + " ms): " + e.getMessage(), e);
        }
    }

    private StatefulRedisConnection<String, byte[]> connection() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                try {
                    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri);
                } catch (RuntimeException e) {
                    throw new SessionStoreException("Redis connect failed (" + endpoint + ", timeout "
                            + timeout.toMillis() + " ms): " + e.getMessage(), e);
                }
            }
            return connection;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
