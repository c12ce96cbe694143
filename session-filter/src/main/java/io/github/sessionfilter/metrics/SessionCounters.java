package io.github.sessionfilter.metrics;

import io.github.sessionfilter.redis.RedisCallListener;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Running totals of one filter instance since it started, read by JMX and by OpenTelemetry's
 * asynchronous counters. Each event costs one {@link LongAdder} increment (no lock, no allocation).
 */
final class SessionCounters implements SessionMetrics {
    final LongAdder created = new LongAdder();
    final LongAdder loadedFound = new LongAdder();
    final LongAdder loadedNotFound = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder invalidated = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder idChanges = new LongAdder();
    final LongAdder redisCalls = new LongAdder();
    final LongAdder redisNanos = new LongAdder();
    final LongAdder redisTimeouts = new LongAdder();
    final LongAdder redisConnectionFailures = new LongAdder();
    final LongAdder redisOtherFailures = new LongAdder();
    final LongAdder unavailable = new LongAdder();
    final LongAdder lockAcquired = new LongAdder();
    final LongAdder lockTimeouts = new LongAdder();
    final LongAdder lockWaitNanos = new LongAdder();
    /** Counted by the session cookie itself (it also logs them). */
    final LongSupplier rejectedTokens;

    SessionCounters(LongSupplier rejectedTokens) {
        this.rejectedTokens = rejectedTokens;
    }

    @Override
    public void sessionCreated() {
        created.increment();
    }

    @Override
    public void sessionLoaded(boolean found) {
        (found ? loadedFound : loadedNotFound).increment();
    }

    @Override
    public void sessionCommitted(long bytes) {
        commits.increment();
        bytesWritten.add(bytes);
    }

    @Override
    public void sessionInvalidated() {
        invalidated.increment();
    }

    @Override
    public void sessionExpired() {
        expired.increment();
    }

    @Override
    public void sessionIdChanged() {
        idChanges.increment();
    }

    @Override
    public void redisCall(String operation, long nanos, String failure) {
        redisCalls.increment();
        redisNanos.add(nanos);
        if (failure != null) {
            switch (failure) {
                case RedisCallListener.TIMEOUT -> redisTimeouts.increment();
                case RedisCallListener.CONNECTION -> redisConnectionFailures.increment();
                default -> redisOtherFailures.increment();
            }
        }
    }

    @Override
    public void unavailableAnswered() {
        unavailable.increment();
    }

    @Override
    public void lockWaited(long nanos, boolean acquired) {
        (acquired ? lockAcquired : lockTimeouts).increment();
        lockWaitNanos.add(nanos);
    }
}
