package io.github.sessionfilter.localredis;

import java.io.File;
import java.net.URI;

/**
 * A Redis server for tests and the local demo. {@link #obtain()} tries, in order:
 * <ol>
 *   <li>{@code SESSION_TEST_REDIS_URI} (environment or system property): used as is, never stopped;</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>{@code redis-server} on the {@code PATH}, started on a free loopback port;</li>
 *   <li>the binary shipped in {@code com.github.codemonstur:embedded-redis}.</li>
 * </ol>
 * It never touches a Redis it did not start, except the one named by {@code SESSION_TEST_REDIS_URI}.
 * Every call prints which source it used, so a test log always says what it ran against.
 */
public final class LocalRedis implements AutoCloseable {

    /** Environment variable (or system property) naming an existing Redis to use instead. */
    public static final String URI_VARIABLE = "SESSION_TEST_REDIS_URI";

    private final String source;
    private final String uri;
    private final AutoCloseable owner;

    private LocalRedis(String source, String uri, AutoCloseable owner) {
        this.source = source;
        this.uri = uri;
        this.owner = owner;
    }

    /** Finds or starts a Redis, in the order described on the class. */
    public static LocalRedis obtain() {
        String configured = System.getProperty(URI_VARIABLE, System.getenv(URI_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            return announce(new LocalRedis(URI_VARIABLE, configured.trim(), null));
        }
        if (DockerRedis.dockerAvailable()) {
            try {
                DockerRedis docker = DockerRedis.start();
                return announce(new LocalRedis("Testcontainers (" + DockerRedis.IMAGE + ")", docker.uri(), docker));
            } catch (RuntimeException e) {
                System.out.println("[local-redis] Testcontainers failed (" + e.getMessage() + "), falling back");
            }
        }
        return announce(startProcess());
    }

    /**
     * Starts a Redis process this JVM owns (redis-server on the PATH, else the embedded-redis binary),
     * for tests that must stop, restart or configure their server. Extra arguments are passed through,
     * e.g. {@code "--requirepass", "secret"}.
     */
    public static LocalRedis startProcess(String... extraArgs) {
        File binary = RedisBinary.find();
        RedisProcess process = RedisProcess.start(binary, FreePort.find(), extraArgs);
        return new LocalRedis(RedisBinary.describe(binary), process.uri(), process);
    }

    private static LocalRedis announce(LocalRedis redis) {
        System.out.println("[local-redis] using " + redis.source + " at " + redis.redactedUri());
        return redis;
    }

    /** The Redis URI, e.g. {@code redis://127.0.0.1:41234}. */
    public String uri() {
        return uri;
    }

    /** Where this server came from, e.g. {@code redis-server (/usr/bin/redis-server)}. */
    public String source() {
        return source;
    }

    public String host() {
        return URI.create(uri).getHost();
    }

    public int port() {
        int port = URI.create(uri).getPort();
        return port == -1 ? 6379 : port;
    }

    /** The process behind this server, when this JVM started one; for tests that stop and restart it. */
    public RedisProcess process() {
        if (owner instanceof RedisProcess process) {
            return process;
        }
        throw new IllegalStateException("this Redis (" + source + ") is not a process started by this JVM");
    }

    private String redactedUri() {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                System.out.println("[local-redis] stopping " + source + " failed: " + e);
            }
        }
    }

    @Override
    public String toString() {
        return source + " " + redactedUri();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
