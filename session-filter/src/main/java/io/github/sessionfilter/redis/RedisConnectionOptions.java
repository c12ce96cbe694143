package io.github.sessionfilter.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis.
 *
 * @param uri         {@code redis://} or {@code rediss://} (TLS); user and password in the URI
 * @param timeout     how long a command (and a connect) may take
 * @param caFile      PEM file with the CA that signed the server certificate, or null for the JVM's trust store
 * @param tlsVerify   how much of the server certificate to check
 */
public record RedisConnectionOptions(String uri, Duration timeout, Path caFile, TlsVerification tlsVerify) {

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
    }

    /** Plain options: no custom CA, full verification. */
    public static RedisConnectionOptions of(String uri, Duration timeout) {
        return new RedisConnectionOptions(uri, timeout, null, TlsVerification.FULL);
    }
}
