package io.github.sessionfilter.metrics;

import io.github.sessionfilter.core.SessionExpiries;
import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.LongSupplier;

/**
 * The metrics of one filter instance: counters always (published over JMX), and OpenTelemetry
 * instruments when the OpenTelemetry API is on the web app's class path (the app bundles
 * {@code opentelemetry-api}, and an SDK or the Java agent behind it collects). Without the API no class
 * that names it is loaded, and the filter runs unchanged. Events reach the recorder through wrappers
 * around the store, the lock and the expiry index ({@link #observe}), so the request logic does not know
 * about metrics. {@link #close()} unregisters everything (a redeploy must leave nothing behind).
 */
public final class SessionFilterMetrics implements AutoCloseable {
    private static final Logger LOG = System.getLogger(SessionFilterMetrics.class.getName());
    static final String OPEN_TELEMETRY_CLASS = "io.opentelemetry.api.GlobalOpenTelemetry";

    private final SessionMetrics recorder;
    private final JmxExporter jmx;
    private final AutoCloseable openTelemetry;

    private SessionFilterMetrics(SessionMetrics recorder, JmxExporter jmx, AutoCloseable openTelemetry) {
        this.recorder = recorder;
        this.jmx = jmx;
        this.openTelemetry = openTelemetry;
    }

    /**
     * Starts the metrics of the web app at {@code contextPath}.
     *
     * @param rejectedTokens the session cookie's own count of refused tokens
     */
    public static SessionFilterMetrics start(String contextPath, LongSupplier rejectedTokens) {
        SessionCounters counters = new SessionCounters(rejectedTokens);
        JmxExporter jmx = JmxExporter.register(contextPath, counters);
        OpenTelemetryExporter otel = openTelemetryPresent() ? openTelemetry(contextPath, counters) : null;
        if (otel == null) {
            return new SessionFilterMetrics(counters, jmx, null);
        }
        LOG.log(Level.INFO, "session-filter metrics go to OpenTelemetry too (meter {0}, instruments {1}*)",
                OpenTelemetryExporter.SCOPE, OpenTelemetryExporter.PREFIX);
        return new SessionFilterMetrics(new Both(counters, otel), jmx, otel);
    }

    private static boolean openTelemetryPresent() {
        try {
            Class.forName(OPEN_TELEMETRY_CLASS, false, SessionFilterMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static OpenTelemetryExporter openTelemetry(String contextPath, SessionCounters counters) {
        try {
            return new OpenTelemetryExporter(contextPath, counters);
        } catch (RuntimeException | LinkageError e) {
            // An API too old for the calls we make, or a broken SDK: metrics never stop the app.
            LOG.log(Level.WARNING, "session-filter metrics not sent to OpenTelemetry: " + e, e);
            return null;
        }
    }

    /** Where every event goes. */
    public SessionMetrics recorder() {
        return recorder;
    }

    /**
     * The store, telling the metrics about loads, commits, invalidations and id changes.
     *
     * @param announcesEndings whether ended sessions are announced by the expiry sweep, which counts them as
     *                         expired (then a revocation is not counted again as invalidated)
     */
    public SessionStore observe(SessionStore store, boolean announcesEndings) {
        return new ObservedSessionStore(store, recorder, !announcesEndings);
    }

    /** The session lock, telling the metrics how long requests waited. */
    public SessionLock observe(SessionLock lock) {
        return new ObservedSessionLock(lock, recorder);
    }

    /** The expiry index, telling the metrics about each announced timeout. */
    public SessionExpiries observe(SessionExpiries expiries) {
        return new ObservedExpiries(expiries, recorder);
    }

    /** The JMX name of this instance's MBean, or null when JMX refused it. */
    public String jmxName() {
        return jmx == null ? null : jmx.name().toString();
    }

    @Override
    public void close() {
        if (jmx != null) {
            jmx.close();
        }
        if (openTelemetry != null) {
            try {
                openTelemetry.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Closing the OpenTelemetry instruments failed", e);
            }
        }
    }

    /** The counters and the OpenTelemetry histograms. */
    private record Both(SessionMetrics first, SessionMetrics second) implements SessionMetrics {
        @Override
        public void sessionCreated() {
            first.sessionCreated();
            second.sessionCreated();
        }

        @Override
        public void sessionLoaded(boolean found) {
            first.sessionLoaded(found);
            second.sessionLoaded(found);
        }

        @Override
        public void sessionCommitted(long bytesWritten) {
            first.sessionCommitted(bytesWritten);
            second.sessionCommitted(bytesWritten);
        }

        @Override
        public void sessionInvalidated() {
            first.sessionInvalidated();
            second.sessionInvalidated();
        }

        @Override
        public void sessionExpired() {
            first.sessionExpired();
            second.sessionExpired();
        }

        @Override
        public void sessionIdChanged() {
            first.sessionIdChanged();
            second.sessionIdChanged();
        }

        @Override
        public void redisCall(String operation, long nanos, String failure) {
            first.redisCall(operation, nanos, failure);
            second.redisCall(operation, nanos, failure);
        }

        @Override
        public void unavailableAnswered() {
            first.unavailableAnswered();
            second.unavailableAnswered();
        }

        @Override
        public void lockWaited(long nanos, boolean acquired) {
            first.lockWaited(nanos, acquired);
            second.lockWaited(nanos, acquired);
        }
    }
}
