package io.github.sessionfilter;

/**
 * Supplies the credentials for every connection the filter opens to Redis, including every
 * reconnect, so short-lived credentials (Memorystore IAM access tokens, rotated passwords) are always
 * fresh. Configure it with {@code redis.credentials-provider} ({@code SESSION_REDIS_CREDENTIALS_PROVIDER}):
 * the class name of an implementation with a public no-argument constructor, loaded with the web
 * application's class loader.
 *
 * <p>{@link #credentials()} runs on a dedicated thread of the filter, never on a request thread or on
 * a network I/O thread, so it may block (e.g. fetch a token over HTTP); while it runs, the connection
 * waits. It is called once per connection: once per reconnect with a standalone or Sentinel-managed
 * Redis, once per node with a Redis Cluster. Cache a token until shortly before it expires rather than
 * fetching one per call. If the class also implements {@link AutoCloseable}, it is closed when the
 * filter is destroyed.
 *
 * <p>With Sentinel, the credentials are those of the Redis servers; the Sentinels themselves take
 * the password given in the {@code redis-sentinel://} URI.
 */
@FunctionalInterface
public interface RedisCredentialsProvider {

    /**
     * The credentials for a connection that is being opened now.
     *
     * @throws Exception when no credentials can be obtained; the connection attempt fails, requests
     *                   that need their session get a 503, and the next reconnect asks again
     */
    RedisCredentials credentials() throws Exception;
}
