package io.github.sessionfilter.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** What a request does when it could not get its session lock within the configured wait. */
public enum LockTimeoutPolicy {
    /**
     * Fail closed (the default): the request is answered 503 with {@code Retry-After}. No update can be
     * lost, but a session whose requests are slow or that a crashed instance still holds (until the
     * lease ends) sees errors.
     */
    FAIL {
        @Override
        public SessionLock.Lease onTimeout(SessionLockTimeoutException timeout) {
            throw timeout;
        }
    },
    /**
     * Fail open: the request goes on without the lock and a warning is logged. Users never see an error
     * from the lock, but that request may lose an update to the same attribute, as without locking.
     */
    PROCEED {
        @Override
        public SessionLock.Lease onTimeout(SessionLockTimeoutException timeout) {
            LOG.log(Level.WARNING, "Continuing without the session lock: {0}", timeout.getMessage());
            return SessionLock.Lease.NONE;
        }
    };

    private static final Logger LOG = System.getLogger(LockTimeoutPolicy.class.getName());

    /** Either throws {@code timeout} or returns the lease to continue with (one that holds nothing). */
    public abstract SessionLock.Lease onTimeout(SessionLockTimeoutException timeout);
}
