package io.github.sessionfilter.metrics;

/**
 * What the filter tells its metrics, from the request threads, the expiry sweep and the Redis client.
 * Every method is cheap and never throws. {@link #NONE} is the null object for code that nobody observes
 * (tests, tools), so no caller checks whether metrics are on.
 */
public interface SessionMetrics {
    /** Records nothing. */
    SessionMetrics NONE = new SessionMetrics() {
    };

    /** A new session was written to the store for the first time. */
    default void sessionCreated() {
    }

    /** A requested session was looked up: {@code found} false when it had ended (timed out, logged out, unknown). */
    default void sessionLoaded(boolean found) {
    }

    /** A commit wrote to the store: {@code bytesWritten} attribute bytes (0 when only metadata changed). */
    default void sessionCommitted(long bytesWritten) {
    }

    /** A session was invalidated ({@code invalidate()}, logout). */
    default void sessionInvalidated() {
    }

    /** A session's timeout was announced (expiry events). */
    default void sessionExpired() {
    }

    /** A session's id was changed ({@code changeSessionId()} or automatic rotation at login). */
    default void sessionIdChanged() {
    }

    /**
     * One Redis command or script finished.
     *
     * @param operation what it was for, one of a fixed set ({@code load}, {@code save}, {@code delete},
     *                  {@code change id}, {@code lock}, {@code ping}, ...)
     * @param failure   null when it answered; else {@code timeout}, {@code connection} or {@code other}
     */
    default void redisCall(String operation, long nanos, String failure) {
    }

    /** A request was answered 503 because the session store did not answer. */
    default void unavailableAnswered() {
    }

    /** A request waited {@code nanos} for a session lock and got it ({@code acquired}) or gave up. */
    default void lockWaited(long nanos, boolean acquired) {
    }
}
