package io.github.sessionfilter.web;

import io.github.sessionfilter.core.AttributeTranscoder;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionStore;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything one filter instance shares between requests: the store, the session cookie (with its
 * token codec), the attribute transcoder, listeners and timeouts, the session lock, what to do while
 * the store does not answer, automatic id rotation, the session byte limit, and which requests count
 * as an access. Immutable; built by the configuration at start.
 *
 * @param maxSessionBytes the largest serialized size of all attributes of one session
 * @param users           who each session belongs to ({@link UserTracking#OFF} when {@code session.user} is not set)
 */
public record SessionServices(
        SessionStore store,
        SessionCookie cookie,
        AttributeTranscoder transcoder,
        SessionListeners listeners,
        ServletContext servletContext,
        Clock clock,
        SessionIds ids,
        Duration idleTimeout,
        Duration absoluteTimeout,
        SessionLocking locking,
        UnavailableStorePolicy unavailable,
        SessionIdRotation rotation,
        long maxSessionBytes,
        SessionAccess access,
        UserTracking users) {

    public SessionServices {
        if (maxSessionBytes <= 0) {
            throw new IllegalArgumentException("maxSessionBytes must be positive, was " + maxSessionBytes);
        }
    }

    int defaultMaxInactiveSeconds() {
        long seconds = idleTimeout.toSeconds();
        return seconds > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, seconds);
    }
}
