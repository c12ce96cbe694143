package io.github.sessionfilter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The hardening options one filter instance applies to every request: automatic session id rotation,
 * the byte limit of a session, and the rate-limited report of rejected tokens. Immutable settings;
 * the report keeps thread-safe counters.
 */
public final class SessionSafeguards {
    /** The default {@link #maxSessionBytes()}: 4 MiB. */
    public static final long DEFAULT_MAX_SESSION_BYTES = 4L << 20;
    private static final Duration REPORT_INTERVAL = Duration.ofMinutes(5);

    private final SessionIdRotation rotation;
    private final long maxSessionBytes;
    private final TokenRejectionReport rejections;

    /**
     * @param rotation        when to change the session id automatically
     * @param maxSessionBytes the largest serialized size of all attributes of one session
     * @param clock           time source of the rejected-token report
     */
    public SessionSafeguards(SessionIdRotation rotation, long maxSessionBytes, Clock clock) {
        if (maxSessionBytes <= 0) {
            throw new IllegalArgumentException("maxSessionBytes must be positive, was " + maxSessionBytes);
        }
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.maxSessionBytes = maxSessionBytes;
        this.rejections = new TokenRejectionReport(clock, REPORT_INTERVAL);
    }

    /** No automatic rotation, the default session byte limit. */
    public static SessionSafeguards defaults(Clock clock) {
        return new SessionSafeguards(SessionIdRotation.none(), DEFAULT_MAX_SESSION_BYTES, clock);
    }

    /** When the session id is changed automatically. */
    public SessionIdRotation rotation() {
        return rotation;
    }

    /** The largest serialized size of all attributes of one session, in bytes. */
    public long maxSessionBytes() {
        return maxSessionBytes;
    }

    TokenRejectionReport rejections() {
        return rejections;
    }
}
