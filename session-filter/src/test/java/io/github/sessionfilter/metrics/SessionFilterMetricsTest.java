package io.github.sessionfilter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionLockTimeoutException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SessionFilterMetricsTest {

    @Test
    void withoutTheOpenTelemetryApi_metricsStart_countOverJmx_andNeverLoadAnOpenTelemetryClass() throws Exception {
        URL classes = SessionFilterMetrics.class.getProtectionDomain().getCodeSource().getLocation();
        List<String> asked = new ArrayList<>();
        // Only our classes and the JDK: the OpenTelemetry API of the test class path is out of sight.
        try (URLClassLoader app = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.opentelemetry")) {
                    asked.add(name);
                }
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> type = app.loadClass(SessionFilterMetrics.class.getName());
            Object metrics = type.getMethod("start", String.class, LongSupplier.class)
                    .invoke(null, "/no-otel", (LongSupplier) () -> 7);
            Object recorder = type.getMethod("recorder").invoke(metrics);
            assertEquals(SessionCounters.class.getName(), recorder.getClass().getName());
            ObjectName name = new ObjectName((String) type.getMethod("jmxName").invoke(metrics));
            assertEquals(7L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "TokensRejected"));
            type.getMethod("close").invoke(metrics);
            assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
            assertEquals(List.of(SessionFilterMetrics.OPEN_TELEMETRY_CLASS), asked,
                    "only the presence check asked for an OpenTelemetry class");
        }
    }

    @Test
    void twoFiltersAtOneContextPath_getTwoMBeans_andEachGoesWithItsFilter() throws Exception {
        SessionFilterMetrics first = SessionFilterMetrics.start("/shop", () -> 0);
        SessionFilterMetrics second = SessionFilterMetrics.start("/shop", () -> 0);
        try {
            assertEquals("io.github.sessionfilter:type=SessionFilter,context=\"/shop\"", first.jmxName());
            assertEquals("io.github.sessionfilter:type=SessionFilter,context=\"/shop\",instance=2", second.jmxName());
        } finally {
            first.close();
            second.close();
        }
        assertTrue(ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("io.github.sessionfilter:type=SessionFilter,context=\"/shop\",*"), null).isEmpty());
    }

    @Test
    void lockWaits_areCounted_asAcquiredOrTimedOut() {
        SessionCounters counters = new SessionCounters(() -> 0);
        SessionLock free = new ObservedSessionLock(id -> SessionLock.Lease.NONE, counters);
        SessionLock busy = new ObservedSessionLock(id -> {
            throw new SessionLockTimeoutException("held by another request");
        }, counters);
        free.acquire("a");
        assertThrows(SessionLockTimeoutException.class, () -> busy.acquire("b"));
        assertEquals(1, counters.lockAcquired.sum());
        assertEquals(1, counters.lockTimeouts.sum());
    }

    @Test
    void redisFailures_areCountedByKind() {
        SessionCounters counters = new SessionCounters(() -> 0);
        counters.redisCall("load", 1_000_000, null);
        counters.redisCall("load", 500_000_000, "timeout");
        counters.redisCall("save", 1_000, "connection");
        counters.redisCall("save", 1_000, "other");
        assertEquals(4, counters.redisCalls.sum());
        assertEquals(1, counters.redisTimeouts.sum());
        assertEquals(1, counters.redisConnectionFailures.sum());
        assertEquals(1, counters.redisOtherFailures.sum());
    }
}
