package io.github.sessionfilter.web;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns rejected session tokens into at most one INFO line per interval, with counts only. Anyone can
 * send a bad token, so each one is logged at DEBUG by the token codec and never with the token itself;
 * this line tells an operator how often it happens without letting an attacker flood the log.
 * Thread-safe.
 */
final class TokenRejectionReport {
    private static final Logger LOG = System.getLogger(TokenRejectionReport.class.getName());

    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextReportMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong reported = new AtomicLong();

    TokenRejectionReport(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Called after a rejection; {@code totalRejected} is the codec's count since start. */
    void rejected(long totalRejected) {
        long now = clock.millis();
        long next = nextReportMillis.get();
        if (now < next || !nextReportMillis.compareAndSet(next, now + intervalMillis)) {
            return;
        }
        long since = totalRejected - reported.getAndSet(totalRejected);
        LOG.log(Level.INFO, "Rejected {0} session token(s) since the last report ({1} since start); each was treated"
                        + " as no session, without a Redis call. Expired tokens and tokens signed with a retired key"
                        + " are normal; a surge means someone is probing. Reasons are logged at DEBUG by"
                        + " io.github.sessionfilter.token.TokenCodec.",
                String.valueOf(since), String.valueOf(totalRejected));
    }
}
