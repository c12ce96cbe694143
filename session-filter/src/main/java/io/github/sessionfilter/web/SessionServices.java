package io.github.sessionfilter.web;

import io.github.sessionfilter.token.TokenCodec;
import io.github.sessionfilter.core.AttributeTranscoder;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionStore;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything one filter instance shares between requests: store, token codec, attribute
 * transcoder, cookie, listeners and timeouts, the session lock, what to do while the store does
 * not answer, and the security safeguards. Immutable once built; created by the filter at init.
 */
public record SessionServices(
        SessionStore store,
        TokenCodec tokens,
        AttributeTranscoder transcoder,
        SessionCookie cookie,
        SessionListeners listeners,
        ServletContext servletContext,
        Clock clock,
        SessionIds ids,
        Duration idleTimeout,
        Duration absoluteTimeout,
        SessionLocking locking,
        UnavailableStorePolicy unavailable,
        SessionSafeguards safeguards,
        SessionAccess access) {

    /** Services where only {@code getSession()} counts as an access ({@link SessionAccess#GET_SESSION}). */
    public SessionServices(SessionStore store, TokenCodec tokens, AttributeTranscoder transcoder, SessionCookie cookie,
                           SessionListeners listeners, ServletContext servletContext, Clock clock, SessionIds ids,
                           Duration idleTimeout, Duration absoluteTimeout, SessionLocking locking,
                           UnavailableStorePolicy unavailable, SessionSafeguards safeguards) {
        this(store, tokens, transcoder, cookie, listeners, servletContext, clock, ids, idleTimeout, absoluteTimeout,
                locking, unavailable, safeguards, SessionAccess.GET_SESSION);
    }

    /** Services with {@link SessionSafeguards#defaults default safeguards}. */
    public SessionServices(SessionStore store, TokenCodec tokens, AttributeTranscoder transcoder, SessionCookie cookie,
                           SessionListeners listeners, ServletContext servletContext, Clock clock, SessionIds ids,
                           Duration idleTimeout, Duration absoluteTimeout, SessionLocking locking,
                           UnavailableStorePolicy unavailable) {
        this(store, tokens, transcoder, cookie, listeners, servletContext, clock, ids, idleTimeout, absoluteTimeout,
                locking, unavailable, SessionSafeguards.defaults(clock));
    }

    /** Services without session locking that answer 503 while the store does not answer, default safeguards. */
    public SessionServices(SessionStore store, TokenCodec tokens, AttributeTranscoder transcoder, SessionCookie cookie,
                           SessionListeners listeners, ServletContext servletContext, Clock clock, SessionIds ids,
                           Duration idleTimeout, Duration absoluteTimeout) {
        this(store, tokens, transcoder, cookie, listeners, servletContext, clock, ids, idleTimeout, absoluteTimeout,
                SessionLocking.OFF, UnavailableStorePolicy.FAIL);
    }

    /** The same services over another store, without locking (for a request that lost its store). */
    SessionServices withStore(SessionStore other) {
        return new SessionServices(other, tokens, transcoder, cookie, listeners, servletContext, clock, ids,
                idleTimeout, absoluteTimeout, SessionLocking.OFF, unavailable, safeguards, access);
    }

    int defaultMaxInactiveSeconds() {
        long seconds = idleTimeout.toSeconds();
        return seconds > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, seconds);
    }
}
