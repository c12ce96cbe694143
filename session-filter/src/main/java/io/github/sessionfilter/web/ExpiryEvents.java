package io.github.sessionfilter.web;

import io.github.sessionfilter.core.AttributeTranscoder;
import io.github.sessionfilter.core.SessionExpiries;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.SessionStoreException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Announces sessions that timed out in the store, as a container announces its own: once per session
 * across all instances, {@code sessionDestroyed} with the attributes still readable, then each
 * attribute removed ({@code valueUnbound}, {@code attributeRemoved}).
 *
 * <p>Every instance sweeps the store's expiry index on a thread of its own, every interval (with a
 * little jitter, so instances do not sweep in step): due entries are claimed one by one (only one
 * instance wins each), checked (a session used since is moved to its real deadline), announced and
 * deleted. A claim lasts a lease; an instance that dies before finishing loses it, and another one
 * announces the session. Requests never wait for a sweep. On Cloud Run, where an instance may get CPU
 * only while it serves requests, the sweep runs while any instance serves traffic.
 */
public final class ExpiryEvents implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ExpiryEvents.class.getName());
    /** Entries fetched per round trip; a sweep goes on while full batches come back. */
    static final int BATCH = 100;

    private final SessionExpiries expiries;
    private final AttributeTranscoder transcoder;
    private final SessionListeners listeners;
    private final ServletContext context;
    private final Clock clock;
    private final long leaseMillis;
    private final ScheduledExecutorService thread;
    private boolean failing;

    private ExpiryEvents(SessionExpiries expiries, AttributeTranscoder transcoder, SessionListeners listeners,
                         ServletContext context, Clock clock, Duration interval, ClassLoader appLoader) {
        this.expiries = expiries;
        this.transcoder = transcoder;
        this.listeners = listeners;
        this.context = context;
        this.clock = clock;
        this.leaseMillis = lease(interval).toMillis();
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "session-filter-expiry");
            t.setDaemon(true);
            t.setContextClassLoader(appLoader);
            return t;
        });
    }

    /** Starts sweeping every {@code interval}. */
    public static ExpiryEvents start(SessionExpiries expiries, AttributeTranscoder transcoder, SessionListeners listeners,
                                     ServletContext context, Clock clock, Duration interval, ClassLoader appLoader) {
        ExpiryEvents events = new ExpiryEvents(expiries, transcoder, listeners, context, clock, interval, appLoader);
        long period = interval.toMillis();
        events.thread.scheduleWithFixedDelay(events::sweepQuietly,
                ThreadLocalRandom.current().nextLong(period) + 1, period, TimeUnit.MILLISECONDS);
        return events;
    }

    /** How long a claim lasts: several sweeps, and never under 30 s, so slow listeners finish in time. */
    public static Duration lease(Duration interval) {
        Duration three = interval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(30)) > 0 ? three : Duration.ofSeconds(30);
    }

    /**
     * Announces a session that was just ended as if timed out ({@code SessionStore.endNow}), on the
     * caller's thread, unless a sweep on some instance has already claimed it.
     */
    public void announceNow(String id) {
        long now = clock.millis();
        if (expiries.claim(id, now, now + leaseMillis)) {
            handle(id, now);
        }
    }

    /** One sweep: announces every session due now. Returns how many were announced. */
    int sweep() {
        int announced = 0;
        List<String> due;
        do {
            long now = clock.millis();
            due = expiries.due(now, BATCH);
            for (String id : due) {
                if (expiries.claim(id, now, now + leaseMillis) && handle(id, now)) {
                    announced++;
                }
            }
        } while (due.size() == BATCH);
        return announced;
    }

    private boolean handle(String id, long now) {
        SessionExpiries.Check check = expiries.check(id, now);
        if (check instanceof SessionExpiries.StillActive active) {
            expiries.reschedule(id, active.deadlineMillis());
            return false;
        }
        SessionRecord record = check instanceof SessionExpiries.TimedOut timedOut
                ? timedOut.record() : new SessionRecord(id, now, now, 0, now, Map.of());
        announce(SessionState.loaded(record, now, transcoder));
        expiries.finish(id);
        return true;
    }

    private void announce(SessionState state) {
        HttpSession session = new RedisHttpSession(new Ending(), state, listeners, context);
        listeners.destroyed(session);
        for (Map.Entry<String, Object> attribute : state.allAttributes().entrySet()) {
            if (!SessionIdRotation.isInternal(attribute.getKey())) {
                listeners.removed(session, attribute.getKey(), attribute.getValue());
            }
        }
        LOG.log(Level.DEBUG, "Session {0} timed out; its listeners were told", SessionIds.abbreviate(state.id()));
    }

    private void sweepQuietly() {
        try {
            sweep();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "Expiry events are announced again");
            }
        } catch (SessionStoreException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Expiry events wait for the session store: {0}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "An expiry sweep failed; the next one retries", e);
        }
    }

    /** Stops sweeping; a claim in progress runs out and another instance takes it. */
    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** The session while its listeners hear that it ended: attributes readable, changes in memory only. */
    private static final class Ending implements RedisHttpSession.Owner {
        @Override
        public void attributeChanged(String name, Object previous, Object value) {
        }

        @Override
        public void invalidate(RedisHttpSession session) {
            throw new IllegalStateException("invalidate: the session has timed out");
        }
    }
}
