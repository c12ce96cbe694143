package io.github.sessionfilter.web;

import io.github.sessionfilter.codec.TokenCodec;
import io.github.sessionfilter.core.AttributeTranscoder;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionStore;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything one filter instance shares between requests: store, token codec, attribute
 * transcoder, cookie, listeners, timeouts and safeguards. Immutable once built; created by the filter at init.
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
        SessionSafeguards safeguards) {

    /** Services with {@link SessionSafeguards#defaults default safeguards}. */
    public SessionServices(SessionStore store, TokenCodec tokens, AttributeTranscoder transcoder, SessionCookie cookie,
                           SessionListeners listeners, ServletContext servletContext, Clock clock, SessionIds ids,
                           Duration idleTimeout, Duration absoluteTimeout) {
        this(store, tokens, transcoder, cookie, listeners, servletContext, clock, ids, idleTimeout, absoluteTimeout,
                SessionSafeguards.defaults(clock));
    }

    int defaultMaxInactiveSeconds() {
        long seconds = idleTimeout.toSeconds();
        return seconds > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, seconds);
    }
}
