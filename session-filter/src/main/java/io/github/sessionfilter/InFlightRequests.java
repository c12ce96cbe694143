package io.github.sessionfilter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests inside the filter, so that {@code destroy()} can let them finish their commits
 * before the Redis client is closed (Cloud Run gives an instance 10 s after SIGTERM).
 */
final class InFlightRequests {
    private final AtomicInteger active = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;

    void enter() {
        active.incrementAndGet();
    }

    void exit() {
        if (active.decrementAndGet() == 0 && draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    int active() {
        return active.get();
    }

    /**
     * Waits until no request is in flight, at most {@code limit}.
     *
     * @return the number of requests still in flight (0 when all finished)
     */
    int awaitIdle(Duration limit) {
        draining = true;
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (active.get() > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return active.get();
    }
}
