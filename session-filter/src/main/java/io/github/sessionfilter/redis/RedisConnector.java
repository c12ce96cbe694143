package io.github.sessionfilter.redis;

import io.github.sessionfilter.RedisCredentialsProvider;
import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The connection to Redis in whatever topology it runs (see {@link LinkOpener}), opened on first use and
 * re-opened by Lettuce after a failure. Commands fail fast while disconnected and after the configured
 * timeout, and every failure becomes a {@link SessionStoreException} naming the operation, the endpoint
 * (no password) and the timeout.
 */
final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = System.getLogger(RedisConnector.class.getName());
    private static final Duration MIN_CREDENTIALS_TIMEOUT = Duration.ofSeconds(10);

    private final ClientResources resources;
    private final LinkOpener opener;
    private final Duration timeout;
    private final String endpoint;
    private final ExecutorService credentialsThread;
    private final RedisCredentialsProvider credentials;
    private volatile RedisLink link;

    private RedisConnector(ClientResources resources, LinkOpener opener, Duration timeout, String endpoint,
                           ExecutorService credentialsThread, RedisCredentialsProvider credentials) {
        this.resources = resources;
        this.opener = opener;
        this.timeout = timeout;
        this.endpoint = endpoint;
        this.credentialsThread = credentialsThread;
        this.credentials = credentials;
    }

    static RedisConnector create(RedisConnectionOptions options) {
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
        ClientOptions.Builder clientOptions = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build());
        if (options.caFile() != null) {
            clientOptions.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(options.caFile().toFile()).build());
        }
        ExecutorService credentialsThread = null;
        if (options.credentials() != null) {
            credentialsThread = credentialsThread(options.credentials());
            Duration credentialsTimeout = timeout.compareTo(MIN_CREDENTIALS_TIMEOUT) > 0 ? timeout : MIN_CREDENTIALS_TIMEOUT;
            uri.setCredentialsProvider(new LettuceCredentials(options.credentials(), credentialsThread, credentialsTimeout));
        }
        String endpoint = describe(uri);
        ClientResources resources = DefaultClientResources.create();
        LinkOpener opener = new LinkOpener(resources, uri, clientOptions.build(), options.mode(), timeout, endpoint);
        return new RedisConnector(resources, opener, timeout, endpoint, credentialsThread, options.credentials());
    }

    private static ExecutorService credentialsThread(RedisCredentialsProvider provider) {
        ClassLoader loader = provider.getClass().getClassLoader();
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "session-filter-redis-credentials");
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

    /** Where Redis lives (no credentials) and, once connected, its topology. */
    String endpoint() {
        RedisLink current = link;
        return current == null ? endpoint : endpoint + " " + current.topology();
    }

    <T> T call(String operation, Function<RedisClusterCommands<String, byte[]>, T> command) {
        RedisLink current = null;
        try {
            current = link();
            return command.apply(current.commands());
        } catch (SessionStoreException e) {
            throw e;
        } catch (RedisCommandTimeoutException e) {
            throw new SessionStoreException("Redis " + operation + " timed out after " + timeout.toMillis()
                    + " ms (" + endpoint() + ")", e);
        } catch (RuntimeException e) {
            if (current != null) {
                current.commandFailed(e);
            }
            throw new SessionStoreException("Redis " + operation + " failed (" + endpoint() + ", timeout "
                    + timeout.toMillis() + " ms): " + e.getMessage(), e);
        }
    }

    private RedisLink link() {
        RedisLink current = link;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (link == null) {
                try {
                    link = opener.open();
                } catch (RuntimeException e) {
                    throw new SessionStoreException("Redis connect failed (" + endpoint + ", timeout "
                            + timeout.toMillis() + " ms): " + e.getMessage(), e);
                }
            }
            return link;
        }
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
            link = null;
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (credentialsThread != null) {
            credentialsThread.shutdownNow();
        }
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the credentials provider " + credentials.getClass().getName() + " failed", e);
            }
        }
    }
}
