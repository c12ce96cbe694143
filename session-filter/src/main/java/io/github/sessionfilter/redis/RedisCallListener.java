package io.github.sessionfilter.redis;

/**
 * Hears about every Redis command or script the store runs, on the thread that ran it (for metrics).
 * Must be quick and must not throw. {@link #NONE} hears nothing.
 */
@FunctionalInterface
public interface RedisCallListener {
    RedisCallListener NONE = (operation, nanos, failure) -> { };
    /** A failure: no answer within {@code redis.timeout}. */
    String TIMEOUT = "timeout";
    /** A failure: not connected, connecting, or held back during a failover. */
    String CONNECTION = "connection";
    /** A failure: Redis answered with an error. */
    String OTHER = "other";

    /**
     * @param operation what the call was for, from a fixed set ({@code load}, {@code save}, {@code delete},
     *                  {@code change id}, {@code lock}, {@code ping}, ...)
     * @param nanos     how long it took, answered or not
     * @param failure   null when Redis answered; else {@code timeout} (no answer within the timeout),
     *                  {@code connection} (not connected, connecting, held back during a failover) or
     *                  {@code other} (Redis answered with an error)
     */
    void called(String operation, long nanos, String failure);
}
