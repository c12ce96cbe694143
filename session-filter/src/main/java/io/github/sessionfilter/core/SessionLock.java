package io.github.sessionfilter.core;

/**
 * Mutual exclusion between the requests of one session, across all instances. Off by default: the
 * store's per-attribute writes already keep concurrent requests that change different attributes; a
 * lock is for applications whose requests read, change and write back the same attribute (a counter,
 * a cart mutated in place) and must not lose an update.
 *
 * <p>Implementations wait a bounded time and then throw {@link SessionLockTimeoutException}; they throw
 * a plain {@link SessionStoreException} when the store cannot answer. {@link #NONE} is the null object
 * used when locking is off: it never waits and never talks to the store.
 */
public interface SessionLock {

    /** No locking: every acquire succeeds at once. */
    SessionLock NONE = sessionId -> Lease.NONE;

    /**
     * Waits for the lock of a session and returns it. The lock expires by itself after its lease, so a
     * crashed instance cannot block a session for longer than that.
     *
     * @throws SessionLockTimeoutException when another request held the lock for the whole wait
     * @throws SessionStoreException       when the store did not answer
     */
    Lease acquire(String sessionId);

    /** A held lock. Releasing twice, or releasing a lock whose lease has expired, does nothing. */
    interface Lease {
        /** Holds nothing. */
        Lease NONE = () -> { };

        /** Gives the lock back, only if this holder still owns it; never throws. */
        void release();
    }
}
