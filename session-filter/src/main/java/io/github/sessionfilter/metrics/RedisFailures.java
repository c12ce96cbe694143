package io.github.sessionfilter.metrics;

/** The kinds of Redis failure the metrics tell apart (the values of OpenTelemetry's {@code error.type}). */
final class RedisFailures {
    /** No answer within {@code redis.timeout}. */
    static final String TIMEOUT = "timeout";
    /** Not connected, connecting, or held back during a failover. */
    static final String CONNECTION = "connection";
    /** Redis answered with an error. */
    static final String OTHER = "other";

    private RedisFailures() {
    }
}
