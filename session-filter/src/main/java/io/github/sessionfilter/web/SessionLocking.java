package io.github.sessionfilter.web;

import io.github.sessionfilter.core.LockTimeoutPolicy;
import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionLockTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * The opt-in per-session lock of one filter (settings {@code session.lock},
 * {@code session.lock-timeout-policy}): which requests take it, the lock itself, and what happens when
 * it cannot be had in time. A request takes the lock when it first needs its existing session and
 * releases it when the filter exits, after the commit. {@link #OFF} is the null object: no request
 * ever waits or talks to the store for a lock.
 */
public final class SessionLocking {
    /** Locking off (the default). */
    public static final SessionLocking OFF = new SessionLocking(LockedPaths.NONE, SessionLock.NONE, LockTimeoutPolicy.FAIL);

    private final LockedPaths paths;
    private final SessionLock lock;
    private final LockTimeoutPolicy onTimeout;

    public SessionLocking(LockedPaths paths, SessionLock lock, LockTimeoutPolicy onTimeout) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
    }

    /** Takes the lock of the session when the request's path is locked; otherwise holds nothing. */
    SessionLock.Lease acquire(HttpServletRequest request, String sessionId) {
        if (!paths.matches(request)) {
            return SessionLock.Lease.NONE;
        }
        try {
            return lock.acquire(sessionId);
        } catch (SessionLockTimeoutException e) {
            return onTimeout.onTimeout(e);
        }
    }
}
