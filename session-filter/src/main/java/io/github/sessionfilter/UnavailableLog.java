package io.github.sessionfilter;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logs the 503s answered while Redis is unavailable without flooding the log: the first failure at
 * once, then at most one line per interval that counts the failures in between and shows the latest
 * message (which names the operation, the endpoint and the timeout, never a session id).
 */
final class UnavailableLog {
    private static final Logger LOG = System.getLogger(RedisSessionFilter.class.getName());
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LongSupplier nanoTime;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong nextLogNanos;

    UnavailableLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.nextLogNanos = new AtomicLong(nanoTime.getAsLong());
    }

    /** Records one 503; returns the line logged for it, or null when it was only counted. */
    String answered(String failure) {
        long now = nanoTime.getAsLong();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
            long skipped = suppressed.getAndSet(0);
            String line = skipped == 0
                    ? "Answering 503: " + failure
                    : "Answering 503: " + failure + " (and " + skipped + " more 503s since the last such line)";
            LOG.log(Level.WARNING, line);
            return line;
        }
        suppressed.incrementAndGet();
        return null;
    }
}
