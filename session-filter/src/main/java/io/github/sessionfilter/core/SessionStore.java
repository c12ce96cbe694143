package io.github.sessionfilter.core;

import java.util.Optional;

/**
 * The authoritative store of sessions. Every method is one round trip to the store at most, except
 * {@link #changeId}, which is two. Implementations throw {@link SessionStoreException} when the store
 * cannot answer in time; they never return a made-up empty result in that case.
 */
public interface SessionStore extends AutoCloseable {

    /**
     * Loads a session and records the access: returns nothing if the session does not exist or has
     * passed its idle or absolute timeout (an expired session is deleted), otherwise slides its
     * time-to-live and returns the record as it was before this access.
     */
    Optional<SessionRecord> load(String id, long nowMillis);

    /**
     * Records an access without reading the session: the same check, last-access update and
     * time-to-live slide as {@link #load}, nothing returned. The last access never moves backwards.
     *
     * @return false if the session does not exist or has timed out (then it is deleted)
     */
    boolean touch(String id, long nowMillis);

    /**
     * Applies changes. A {@link SessionChanges.Kind#CREATE} fails if the id exists; an
     * {@link SessionChanges.Kind#UPDATE} is applied only if the session still exists, so a session
     * invalidated elsewhere is never brought back.
     *
     * @return false if nothing was written because of those conditions
     */
    boolean save(SessionChanges changes);

    /**
     * Ends a session from outside its requests (a revocation): it is dead at once on every instance.
     * Where timeouts are announced (an expiry index), it ends as if it had timed out now, so that its
     * listeners hear of it; otherwise it is deleted.
     *
     * @return whether the session existed
     */
    boolean endNow(String id, long nowMillis);

    /** Deletes a session; deleting a missing session is not an error. */
    void delete(String id);

    /**
     * Moves a session to a new id: deletes {@code oldId} and, only if it still existed, creates the
     * session described by {@code created} (a complete {@link SessionChanges.Kind#CREATE}).
     * Works when the two ids live on different cluster nodes.
     *
     * @return false if the old session no longer existed (nothing was created)
     */
    boolean changeId(String oldId, SessionChanges created);

    /** A short description of where the store lives, without credentials, for log messages. */
    String endpoint();

    @Override
    void close();
}
