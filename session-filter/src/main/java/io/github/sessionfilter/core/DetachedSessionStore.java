package io.github.sessionfilter.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The null object behind a degraded request (setting {@code redis.unavailable=degrade}): the real
 * store did not answer, so the request continues with an empty session that lives only in this request.
 * It never talks to the real store, so it can never overwrite real data:
 * <ul>
 *   <li>{@link #load} returns an empty session under a fresh, throw-away id, never the requested one;</li>
 *   <li>{@link #save} keeps nothing and reports success;</li>
 *   <li>{@link #delete} and {@link #changeId} (logout, login) throw the original failure: ending or
 *       renaming a session we could not read must not look as if it had worked.</li>
 * </ul>
 */
public final class DetachedSessionStore implements SessionStore {
    private final SessionStoreException cause;
    private final String endpoint;
    private final SessionIds ids;
    private final int maxInactiveSeconds;
    private final Duration absoluteTimeout;

    /**
     * @param cause   why the real store is not used; rethrown by {@link #delete} and {@link #changeId}
     * @param endpoint the real store's endpoint, for messages
     */
    public DetachedSessionStore(SessionStoreException cause, String endpoint, SessionIds ids, int maxInactiveSeconds,
                                Duration absoluteTimeout) {
        this.cause = cause;
        this.endpoint = endpoint;
        this.ids = ids;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.absoluteTimeout = absoluteTimeout;
    }

    @Override
    public Optional<SessionRecord> load(String id, long nowMillis) {
        return Optional.of(new SessionRecord(ids.next(), nowMillis, nowMillis, maxInactiveSeconds,
                nowMillis + absoluteTimeout.toMillis(), Map.of()));
    }

    @Override
    public boolean touch(String id, long nowMillis) {
        return false;
    }

    @Override
    public boolean save(SessionChanges changes) {
        return true;
    }

    @Override
    public void delete(String id) {
        throw unavailable("invalidate");
    }

    @Override
    public boolean changeId(String oldId, SessionChanges created) {
        throw unavailable("change the session id of");
    }

    @Override
    public String endpoint() {
        return "detached from " + endpoint;
    }

    /** Does nothing: the real store belongs to the filter. */
    @Override
    public void close() {
    }

    private SessionStoreException unavailable(String operation) {
        return new SessionStoreException("Cannot " + operation + " a session while the session store is unavailable ("
                + cause.getMessage() + ")", cause);
    }
}
