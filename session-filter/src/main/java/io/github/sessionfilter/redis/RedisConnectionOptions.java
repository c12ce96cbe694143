package io.github.sessionfilter.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis.
 *
 * @param uri         {@code redis://} or {@code rediss://} (TLS), or {@code redis-sentinel://} /
 *                    {@code rediss-sentinel://} naming the Sentinels and the master id; user and password in the URI
 * @param timeout     how long a command (and a connect) may take
 * @param caFile      PEM file with the CA that signed the server certificate, or null for the JVM's trust store
 * @param tlsVerify   how much of the server certificate to check
 * @param mode        standalone, cluster, or detected from the server
 * @param credentials asked for a user name and password on every connect, or null to use those in the URI
 */
public record RedisConnectionOptions(String uri, Duration timeout, Path caFile, TlsVerification tlsVerify,
                                     RedisMode mode, CredentialsSource credentials) {

    /** How a TLS server certificate is checked. */
    public enum TlsVerification {
        /** Chain and host name (or IP address) must match. The default. */
        FULL,
        /** Chain only: for managed Redis whose certificate does not name the address clients use. */
        CA,
        /** Nothing: encryption without authentication of the server. Only for tests. */
        NONE
    }

    public RedisConnectionOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tlsVerify, "tlsVerify");
        Objects.requireNonNull(mode, "mode");
    }

    /** Options with the mode detected from the server and the credentials taken from the URI. */
    public RedisConnectionOptions(String uri, Duration timeout, Path caFile, TlsVerification tlsVerify) {
        this(uri, timeout, caFile, tlsVerify, RedisMode.AUTO, null);
    }


    /** These options with another mode. */
    public RedisConnectionOptions withMode(RedisMode newMode) {
        return new RedisConnectionOptions(uri, timeout, caFile, tlsVerify, newMode, credentials);
    }

    /** These options with a credentials provider (null: use the URI's credentials). */
    public RedisConnectionOptions withCredentials(CredentialsSource provider) {
        return new RedisConnectionOptions(uri, timeout, caFile, tlsVerify, mode, provider);
    }

    /** Whether the URI names Sentinels rather than a Redis server. */
    public boolean isSentinel() {
        return isSentinelUri(uri);
    }

    /** Whether a Redis URI names Sentinels ({@code redis-sentinel://} or {@code rediss-sentinel://}). */
    public static boolean isSentinelUri(String uri) {
        return uri.startsWith("redis-sentinel://") || uri.startsWith("rediss-sentinel://");
    }
}
