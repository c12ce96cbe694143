package io.github.sessionfilter.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Finds a connection that has gone silent (packets dropped, not refused: a vanished host, a lost NAT
 * mapping, a failed-over node that kept the address) and replaces it. TCP alone would keep such a
 * connection for many minutes, because the kernel retransmits unanswered data for about 15 minutes
 * before it gives up, and Lettuce only reconnects once the socket is closed.
 *
 * <p>Rule: after {@value #TIMEOUTS_BEFORE_REPLACING} consecutive command timeouts on the same
 * connection, with no answer in between, the connection is closed and the next command opens a new
 * one. An idle connection is probed: when nothing has been answered for the probe interval
 * (the larger of 5 s and twice the command timeout), a PING is sent, and a PING that times out counts
 * as a command timeout. So a silent connection is replaced after about two command timeouts under
 * traffic, and within about two probe intervals when idle. Any answer, even an error reply, proves
 * the connection alive.
 */
final class SilentConnectionDetector<C extends StatefulConnection<?, ?>> implements AutoCloseable {
    static final int TIMEOUTS_BEFORE_REPLACING = 2;
    private static final Logger LOG = System.getLogger(SilentConnectionDetector.class.getName());

    private final SharedConnection<C> shared;
    private final Function<C, CompletionStage<?>> ping;
    private final Duration timeout;
    private final String endpoint;
    private final long probeIntervalNanos;
    private final AtomicInteger consecutiveTimeouts = new AtomicInteger();
    private final ScheduledFuture<?> probe;
    private volatile long lastAnswerNanos = System.nanoTime();

    /**
     * @param ping      sends one PING on a connection (asynchronously; it times out like any command)
     * @param scheduler runs the idle probe; owned by the caller
     */
    SilentConnectionDetector(SharedConnection<C> shared, Function<C, CompletionStage<?>> ping,
                             ScheduledExecutorService scheduler, Duration timeout, String endpoint) {
        this.shared = shared;
        this.ping = ping;
        this.timeout = timeout;
        this.endpoint = endpoint;
        this.probeIntervalNanos = probeInterval(timeout).toNanos();
        // Checking twice per interval keeps the gap between probes of an idle connection near one interval.
        this.probe = scheduler.scheduleWithFixedDelay(this::probeIfIdle, probeIntervalNanos / 2, probeIntervalNanos / 2,
                TimeUnit.NANOSECONDS);
    }

    static Duration probeInterval(Duration timeout) {
        Duration twice = timeout.multipliedBy(2);
        Duration floor = Duration.ofSeconds(5);
        return twice.compareTo(floor) > 0 ? twice : floor;
    }

    /** The server answered a command (a reply or an error reply) on the current connection. */
    void answered() {
        lastAnswerNanos = System.nanoTime();
        if (consecutiveTimeouts.get() != 0) {
            consecutiveTimeouts.set(0);
        }
    }

    /** A command on {@code connection} timed out. */
    void timedOut(C connection) {
        if (connection != shared.current()) {
            return;
        }
        int count = consecutiveTimeouts.incrementAndGet();
        if (count >= TIMEOUTS_BEFORE_REPLACING && shared.replace(connection)) {
            consecutiveTimeouts.set(0);
            LOG.log(Level.WARNING, "Redis connection to {0} gave no answer to {1} commands in a row (timeout {2} ms):"
                    + " closed it; the next command opens a new connection", endpoint, count, String.valueOf(timeout.toMillis()));
        }
    }

    private void probeIfIdle() {
        C connection = shared.current();
        if (connection == null || System.nanoTime() - lastAnswerNanos < probeIntervalNanos) {
            return;
        }
        try {
            ping.apply(connection).whenComplete((reply, failure) -> {
                if (failure == null) {
                    answered();
                } else if (unwrap(failure) instanceof RedisCommandTimeoutException) {
                    timedOut(connection);
                }
            });
        } catch (RuntimeException e) {
            // Rejected at once (disconnected, queue full): the reconnect logic is already at work.
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public void close() {
        probe.cancel(false);
    }
}
