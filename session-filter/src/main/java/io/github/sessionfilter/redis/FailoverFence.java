package io.github.sessionfilter.redis;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Holds commands back while a Sentinel failover moves the primary. Redis replicates asynchronously and
 * the old primary keeps accepting writes until it is reconfigured, seconds after its replica was
 * promoted: a write acknowledged by the old primary in that gap is silently discarded later. So from
 * the moment a Sentinel announces a failover of our primary until the connection has moved to the new
 * primary (or the failover was aborted), a command waits, at most the command timeout, and then fails
 * (the request gets a 503) instead of writing to a primary that is about to be replaced.
 *
 * <p>A fence that stays closed longer than {@code maxClosed} opens by itself, so a lost event cannot
 * block the store for good.
 */
final class FailoverFence {
    private static final Logger LOG = System.getLogger(FailoverFence.class.getName());

    private final Duration wait;
    private final Duration maxClosed;
    private volatile CompletableFuture<Void> closed;
    private volatile long closedAtNanos;

    FailoverFence(Duration wait, Duration maxClosed) {
        this.wait = wait;
        this.maxClosed = maxClosed;
    }

    synchronized void close(String reason) {
        if (closed == null) {
            closedAtNanos = System.nanoTime();
            closed = new CompletableFuture<>();
            LOG.log(Level.WARNING, "Holding Redis commands back: {0}", reason);
        }
    }

    synchronized void open(String reason) {
        CompletableFuture<Void> current = closed;
        if (current != null) {
            closed = null;
            current.complete(null);
            LOG.log(Level.INFO, "Redis commands flow again after {0} ms: {1}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAtNanos), reason);
        }
    }

    boolean isClosed() {
        return closed != null;
    }

    /** Returns at once when open; otherwise waits for the failover, at most the command timeout. */
    void await() {
        CompletableFuture<Void> current = closed;
        if (current == null) {
            return;
        }
        if (System.nanoTime() - closedAtNanos > maxClosed.toNanos()) {
            open("no end of the failover seen within " + maxClosed.toSeconds() + " s");
            return;
        }
        try {
            current.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a Sentinel failover is moving the primary; commands are held back until the "
                    + "new primary is connected (waited " + wait.toMillis() + " ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Sentinel failover", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
