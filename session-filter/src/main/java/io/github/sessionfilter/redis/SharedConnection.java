package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one connection all requests share. Opening it is single-flight: concurrent callers wait for the
 * same attempt (never one attempt each, one after the other), and each waits at most its own bounded
 * time; an attempt that outlasts a caller's wait is not abandoned, so a slow first connect (a cold JVM
 * on a throttled CPU) still completes for the next request. A failed attempt is retried by the next
 * caller. {@link #replace} drops a connection found dead, so the next caller opens a fresh one.
 *
 * @param <C> the Lettuce connection type (standalone or cluster)
 */
final class SharedConnection<C extends StatefulConnection<?, ?>> implements AutoCloseable {
    private final Supplier<CompletionStage<C>> opener;
    private final String endpoint;
    private volatile C ready;
    private CompletableFuture<C> attempt;
    private boolean closed;

    /**
     * @param opener   starts one asynchronous connect attempt
     * @param endpoint where it connects, without credentials, for messages
     */
    SharedConnection(Supplier<CompletionStage<C>> opener, String endpoint) {
        this.opener = opener;
        this.endpoint = endpoint;
    }

    /** Starts connecting in the background unless a connection exists or an attempt is under way. */
    synchronized void openInBackground() {
        if (!closed && ready == null && (attempt == null || attempt.isCompletedExceptionally())) {
            start();
        }
    }

    /**
     * The connection, opening it if needed and waiting at most {@code wait} for that.
     *
     * @throws SessionStoreException when no connection could be had within the wait
     */
    C get(Duration wait) {
        C current = ready;
        if (current != null) {
            return current;
        }
        CompletableFuture<C> pending;
        synchronized (this) {
            if (closed) {
                throw new SessionStoreException("Redis connection to " + endpoint + " is closed (the filter was destroyed)", null);
            }
            if (ready != null) {
                return ready;
            }
            if (attempt == null || attempt.isCompletedExceptionally()) {
                start();
            }
            pending = attempt;
        }
        try {
            return pending.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SessionStoreException("Redis connect to " + endpoint + " did not finish within "
                    + wait.toMillis() + " ms (still trying)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SessionStoreException("Redis connect failed (" + endpoint + ", timeout " + wait.toMillis()
                    + " ms): " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreException("Interrupted while connecting to Redis (" + endpoint + ")", e);
        }
    }

    /** The open connection, or null; never connects. */
    C current() {
        return ready;
    }

    /**
     * Closes {@code dead} and, if it is still the shared connection, forgets it so that the next
     * {@link #get} opens a new one.
     *
     * @return whether {@code dead} was the shared connection
     */
    boolean replace(C dead) {
        boolean wasCurrent;
        synchronized (this) {
            wasCurrent = ready == dead;
            if (wasCurrent) {
                ready = null;
                attempt = null;
            }
        }
        dead.closeAsync();
        return wasCurrent;
    }

    @Override
    public void close() {
        C open;
        synchronized (this) {
            closed = true;
            open = ready;
            ready = null;
        }
        if (open != null) {
            open.close();
        }
    }

    private void start() {
        CompletableFuture<C> started = opener.get().toCompletableFuture();
        attempt = started;
        started.whenComplete((connection, failure) -> {
            if (connection != null) {
                connected(started, connection);
            }
        });
    }

    private void connected(CompletableFuture<C> from, C connection) {
        boolean keep;
        synchronized (this) {
            keep = !closed && attempt == from;
            if (keep) {
                ready = connection;
            }
        }
        if (!keep) {
            connection.closeAsync();
        }
    }
}
