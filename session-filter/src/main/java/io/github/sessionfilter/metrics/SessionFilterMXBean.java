package io.github.sessionfilter.metrics;

/**
 * The filter's counters over JMX, one MBean per web application, named
 * {@code io.github.sessionfilter:type=SessionFilter,context="<context path>"} and unregistered when the
 * filter is destroyed. Every value counts since the filter started (a redeploy starts again at zero).
 */
public interface SessionFilterMXBean {
    /** The web application's context path ({@code /} for the root). */
    String getContextPath();

    /** New sessions written to Redis. */
    long getSessionsCreated();

    /** Requested sessions found in Redis. */
    long getSessionsLoaded();

    /** Requested sessions no longer in Redis (timed out, logged out, revoked). */
    long getSessionsNotFound();

    /** Commits that wrote to Redis (including the first write of a new session). */
    long getSessionCommits();

    /** Attribute bytes written by those commits. */
    long getBytesWritten();

    /** Sessions invalidated by the app ({@code invalidate()}). */
    long getSessionsInvalidated();

    /** Timed-out sessions announced to the app's listeners (expiry events), sessions revoked through the {@code SessionRegistry} included. */
    long getSessionsExpired();

    /** Session id changes ({@code changeSessionId()}, rotation at login). */
    long getSessionIdChanges();

    /** Session cookies whose token was refused (forged, expired, unknown key), each without a Redis call. */
    long getTokensRejected();

    /** Redis commands and scripts run, answered or not. */
    long getRedisCalls();

    /** Total time of those calls, in milliseconds (divide by {@link #getRedisCalls()} for the mean). */
    long getRedisCallMillis();

    /** Redis calls with no answer within {@code redis.timeout}. */
    long getRedisTimeouts();

    /** Redis calls refused because there was no connection (Redis down, connecting, failover). */
    long getRedisConnectionFailures();

    /** Redis calls answered with an error. */
    long getRedisOtherFailures();

    /** Requests answered 503 because Redis did not answer. */
    long getUnavailableResponses();

    /** Session locks acquired ({@code session.lock}). */
    long getLocksAcquired();

    /** Requests whose wait for a session lock ran out ({@code session.lock-wait}). */
    long getLockTimeouts();

    /** Total time requests waited for session locks, in milliseconds. */
    long getLockWaitMillis();
}
