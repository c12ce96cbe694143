package io.github.sessionfilter.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Publishes one filter instance's counters as a {@link SessionFilterMXBean} in the platform MBean
 * server. The MBean's class belongs to the web app's class loader, so {@link #close()} must run at
 * {@code destroy()}: a registered MBean would keep a redeployed app's classes alive.
 */
final class JmxExporter implements AutoCloseable {
    private static final Logger LOG = System.getLogger(JmxExporter.class.getName());
    static final String DOMAIN = "io.github.sessionfilter";

    private final MBeanServer server;
    private final ObjectName name;

    private JmxExporter(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /**
     * Registers the MBean under {@code context="<path>"}; when that name is taken (two versions of the app
     * deployed side by side, or a second filter in one app) under {@code ,instance=2}, {@code 3}, ...
     * Returns null (and logs) when JMX refuses: metrics are never a reason for the app not to start.
     */
    static JmxExporter register(String contextPath, SessionCounters counters) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String path = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        try {
            StandardMBean bean = new StandardMBean(new View(path, counters), SessionFilterMXBean.class, true);
            String base = DOMAIN + ":type=SessionFilter,context=" + ObjectName.quote(path);
            for (int instance = 1; instance < 100; instance++) {
                ObjectName name = new ObjectName(instance == 1 ? base : base + ",instance=" + instance);
                try {
                    server.registerMBean(bean, name);
                    return new JmxExporter(server, name);
                } catch (InstanceAlreadyExistsException e) {
                    // Try the next instance number.
                }
            }
            LOG.log(Level.WARNING, "No JMX MBean for session-filter at {0}: 99 are registered already", path);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "No JMX MBean for session-filter at " + path + ": " + e, e);
        }
        return null;
    }

    ObjectName name() {
        return name;
    }

    @Override
    public void close() {
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.DEBUG, "JMX MBean {0} was already gone", name);
        }
    }

    /** The counters as the MXBean interface shows them. */
    private record View(String contextPath, SessionCounters c) implements SessionFilterMXBean {
        @Override
        public String getContextPath() {
            return contextPath;
        }

        @Override
        public long getSessionsCreated() {
            return c.created.sum();
        }

        @Override
        public long getSessionsLoaded() {
            return c.loadedFound.sum();
        }

        @Override
        public long getSessionsNotFound() {
            return c.loadedNotFound.sum();
        }

        @Override
        public long getSessionCommits() {
            return c.commits.sum();
        }

        @Override
        public long getBytesWritten() {
            return c.bytesWritten.sum();
        }

        @Override
        public long getSessionsInvalidated() {
            return c.invalidated.sum();
        }

        @Override
        public long getSessionsExpired() {
            return c.expired.sum();
        }

        @Override
        public long getSessionIdChanges() {
            return c.idChanges.sum();
        }

        @Override
        public long getTokensRejected() {
            return c.rejectedTokens.getAsLong();
        }

        @Override
        public long getRedisCalls() {
            return c.redisCalls.sum();
        }

        @Override
        public long getRedisCallMillis() {
            return c.redisNanos.sum() / 1_000_000;
        }

        @Override
        public long getRedisTimeouts() {
            return c.redisTimeouts.sum();
        }

        @Override
        public long getRedisConnectionFailures() {
            return c.redisConnectionFailures.sum();
        }

        @Override
        public long getRedisOtherFailures() {
            return c.redisOtherFailures.sum();
        }

        @Override
        public long getUnavailableResponses() {
            return c.unavailable.sum();
        }

        @Override
        public long getLocksAcquired() {
            return c.lockAcquired.sum();
        }

        @Override
        public long getLockTimeouts() {
            return c.lockTimeouts.sum();
        }

        @Override
        public long getLockWaitMillis() {
            return c.lockWaitNanos.sum() / 1_000_000;
        }
    }
}
