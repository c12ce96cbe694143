package io.github.sessionfilter.metrics;

import io.github.sessionfilter.core.SessionExpiries;
import java.util.List;

/** A {@link SessionExpiries} that tells the metrics about every timeout it finished announcing. */
final class ObservedExpiries implements SessionExpiries {
    private final SessionExpiries expiries;
    private final SessionMetrics metrics;

    ObservedExpiries(SessionExpiries expiries, SessionMetrics metrics) {
        this.expiries = expiries;
        this.metrics = metrics;
    }

    @Override
    public List<String> due(long nowMillis, int limit) {
        return expiries.due(nowMillis, limit);
    }

    @Override
    public boolean claim(String id, long nowMillis, long leaseUntilMillis) {
        return expiries.claim(id, nowMillis, leaseUntilMillis);
    }

    @Override
    public Check check(String id, long nowMillis) {
        return expiries.check(id, nowMillis);
    }

    @Override
    public void reschedule(String id, long deadlineMillis) {
        expiries.reschedule(id, deadlineMillis);
    }

    @Override
    public void finish(String id) {
        expiries.finish(id);
        metrics.sessionExpired();
    }
}
