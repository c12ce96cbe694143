package io.github.sessionfilter.web;

import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.SessionStoreException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What a request that needs its session does while the session store does not answer (setting
 * {@code redis.unavailable}). Requests that never touch the session are unaffected either way.
 */
public enum UnavailableStorePolicy {
    /**
     * Fail closed (the default): the request is answered 503 with {@code Retry-After}. A 200 always
     * means the session changes of that request were saved.
     */
    FAIL {
        @Override
        SessionState onLoadFailure(SessionStoreException failure, SessionServices services, long nowMillis) {
            throw failure;
        }

        @Override
        void onCommitFailure(SessionStoreException failure, SessionState state) {
            throw failure;
        }
    },
    /**
     * Degrade: serve the request anyway. A session that cannot be loaded is replaced, for this request
     * only, by an empty {@linkplain SessionState#detached detached} session under a throw-away id that is
     * never written, so it can never overwrite the real data; no cookie is set or cleared, so the user
     * gets the real session back once the store answers. Changes whose commit fails are dropped and
     * logged. Invalidating or changing the id of a detached session (logout, login) still answers 503:
     * those must not seem to work when they did not. Trade-off: a 200 no longer promises that the
     * request's session changes were saved.
     */
    DEGRADE {
        @Override
        SessionState onLoadFailure(SessionStoreException failure, SessionServices services, long nowMillis) {
            LOG.log(Level.WARNING, "Serving a request with an empty, unsaved session: {0}", failure.getMessage());
            return SessionState.detached(services.ids().next(), nowMillis, services.defaultMaxInactiveSeconds(),
                    nowMillis + services.absoluteTimeout().toMillis(), services.transcoder(), failure);
        }

        @Override
        void onCommitFailure(SessionStoreException failure, SessionState state) {
            LOG.log(Level.WARNING, "Dropping the changes of session {0}: {1}", SessionIds.abbreviate(state.id()),
                    failure.getMessage());
            state.detach(failure);
        }
    };

    private static final Logger LOG = System.getLogger(UnavailableStorePolicy.class.getName());

    /** The store could not load the requested session: throws {@code failure}, or returns the session to go on with. */
    abstract SessionState onLoadFailure(SessionStoreException failure, SessionServices services, long nowMillis);

    /** A commit failed: throws {@code failure}, or keeps {@code state} away from the store for the rest of the request. */
    abstract void onCommitFailure(SessionStoreException failure, SessionState state);
}
