package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.TestRedis;
import io.github.sessionfilter.testing.TwoInstances;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A start that fails on configuration starts nothing: every problem (settings, listener classes, the
 * credentials provider) is found before the Redis client exists, so a redeploy with a bad setting leaks
 * no client, no thread and no class loader.
 */
class FailedStartIT {

    @Test
    void badListenerClass_andABadSetting_failTogether_beforeAnyRedisClientStarts() throws Exception {
        Map<String, String> settings = new HashMap<>(TwoInstances.settings(TestRedis.get()));
        settings.put("listeners", "com.example.MissingListener");
        settings.put("redis.credentials-provider", "com.example.MissingProvider");
        settings.put("session.lock-wait", "-1s");
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        RedisSessionFilter filter = new RedisSessionFilter(Map.of());
        Exception failure = assertThrows(Exception.class, () -> AppServer.start(filter, settings, new ScenarioServlet()).close());

        SessionFilterConfigurationException problem = cause(failure);
        List<String> problems = problem.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("session.lock-wait"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("com.example.MissingListener")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("com.example.MissingProvider")), problems.toString());
        assertEquals(Set.of(), newRedisThreads(before), "a Redis client was started for a configuration that cannot run");
        filter.destroy(); // the container may still call it; nothing to close
    }

    @Test
    void badListenerClass_withOtherwiseValidSettings_startsNoRedisClient() throws Exception {
        Map<String, String> settings = new HashMap<>(TwoInstances.settings(TestRedis.get()));
        settings.put("listeners", "com.example.MissingListener");
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        RedisSessionFilter filter = new RedisSessionFilter(Map.of());
        Exception failure = assertThrows(Exception.class, () -> AppServer.start(filter, settings, new ScenarioServlet()).close());

        assertEquals(1, cause(failure).problems().size(), cause(failure).problems().toString());
        assertEquals(Set.of(), newRedisThreads(before), "the Redis client of a failed start is still running");
    }

    private static Set<String> newRedisThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("session-filter-redis") || name.startsWith("lettuce"))
                .collect(Collectors.toSet());
    }

    private static SessionFilterConfigurationException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SessionFilterConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("not a configuration failure", failure);
    }
}
