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
 * transcoder, cookie, listeners and timeouts. Immutable once built; created by the filter at init.
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
        Duration absoluteTimeout) {

    int defaultMaxInactiveSeconds() {
        long seconds = idleTimeout.toSeconds();
        return seconds > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, seconds);
    }
}
