package io.github.sessionfilter.metrics;

import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionLockTimeoutException;

/** A {@link SessionLock} that tells the metrics how long each request waited, and whether it got the lock. */
final class ObservedSessionLock implements SessionLock {
    private final SessionLock lock;
    private final SessionMetrics metrics;

    ObservedSessionLock(SessionLock lock, SessionMetrics metrics) {
        this.lock = lock;
        this.metrics = metrics;
    }

    @Override
    public Lease acquire(String sessionId) {
        long started = System.nanoTime();
        try {
            Lease lease = lock.acquire(sessionId);
            metrics.lockWaited(System.nanoTime() - started, true);
            return lease;
        } catch (SessionLockTimeoutException e) {
            metrics.lockWaited(System.nanoTime() - started, false);
            throw e;
        }
    }
}
