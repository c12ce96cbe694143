package io.github.sessionfilter.core;

import java.util.List;
import java.util.Optional;

/**
 * The store's index of each user's sessions, for listing and revoking them. Bounded by the store: an
 * entry leaves when its session is deleted through it, and stale entries (sessions that timed out)
 * are dropped when found.
 */
public interface UserSessionIndex {

    /** When a session was created and last used, as the store holds it. */
    record Times(long createdMillis, long lastAccessedMillis) {
    }

    /** Enters a session under its user; the index lives at most {@code ttlMillis} after this. */
    void add(String userId, String sessionId, long createdMillis, long ttlMillis);

    /** Takes a session out of its user's index. */
    void remove(String userId, String sessionId);

    /** The user's session ids, oldest first. */
    List<String> sessionIds(String userId);

    /** The times of a session, without touching it; empty when it no longer exists. */
    Optional<Times> times(String sessionId);
}
