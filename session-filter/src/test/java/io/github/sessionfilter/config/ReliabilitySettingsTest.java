package io.github.sessionfilter.config;

import io.github.sessionfilter.SessionFilterConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.LockTimeoutPolicy;
import io.github.sessionfilter.web.UnavailableStorePolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReliabilitySettingsTest {
    private static final String KEY = "k1:" + "A".repeat(43);
    private static final FilterSettings.ContainerDefaults NO_WEB_XML = new FilterSettings.ContainerDefaults("/shop", null, null, AppCookieConfig.NONE, null);

    private static ReliabilitySettings parse(Map<String, String> env, Map<String, String> init) {
        Map<String, String> all = new HashMap<>(init);
        all.put("redis.uri", "redis://localhost:6379");
        all.put("jwt.keys", KEY);
        return FilterSettings.parse(new SettingsSource(env, new Properties(), all), NO_WEB_XML).reliability();
    }

    private static List<String> problems(Map<String, String> init) {
        return assertThrows(SessionFilterConfigurationException.class, () -> parse(Map.of(), init)).problems();
    }

    @Test
    void defaults_failClosed_lockOff() {
        ReliabilitySettings s = parse(Map.of(), Map.of());
        assertEquals(UnavailableStorePolicy.FAIL, s.unavailable());
        assertTrue(s.lockedPaths().isOff());
        assertEquals(Duration.ofSeconds(2), s.lockWait());
        assertEquals(Duration.ofSeconds(10), s.lockLease());
        assertEquals(LockTimeoutPolicy.FAIL, s.lockTimeoutPolicy());
    }

    @Test
    void environmentVariables_setEveryReliabilitySetting() {
        ReliabilitySettings s = parse(Map.of(
                "SESSION_REDIS_UNAVAILABLE", "degrade",
                "SESSION_SESSION_LOCK", "/cart/*, *.do",
                "SESSION_SESSION_LOCK_WAIT", "500ms",
                "SESSION_SESSION_LOCK_LEASE", "30s",
                "SESSION_SESSION_LOCK_TIMEOUT_POLICY", "PROCEED"), Map.of());
        assertEquals(UnavailableStorePolicy.DEGRADE, s.unavailable());
        assertFalse(s.lockedPaths().isOff());
        assertTrue(s.lockedPaths().matches("/cart/add"));
        assertTrue(s.lockedPaths().matches("/legacy/save.do"));
        assertFalse(s.lockedPaths().matches("/catalog"));
        assertEquals(Duration.ofMillis(500), s.lockWait());
        assertEquals(Duration.ofSeconds(30), s.lockLease());
        assertEquals(LockTimeoutPolicy.PROCEED, s.lockTimeoutPolicy());
    }

    @Test
    void invalidValues_areAllReportedTogether_withSettingAndRule() {
        List<String> problems = problems(Map.of(
                "redis.unavailable", "ignore",
                "session.lock", "/cart*",
                "session.lock-wait", "0s",
                "session.lock-lease", "soon",
                "session.lock-timeout-policy", "retry"));
        assertTrue(problems.contains("redis.unavailable (SESSION_REDIS_UNAVAILABLE) 'ignore' must be fail or degrade"),
                problems.toString());
        assertTrue(problems.contains("session.lock (SESSION_SESSION_LOCK) '/cart*' has '/cart*', which is not a URL"
                + " pattern (use off, all, or patterns like /cart/*, *.do, /checkout)"), problems.toString());
        assertTrue(problems.contains("session.lock-wait (SESSION_SESSION_LOCK_WAIT) '0s' must be positive"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("session.lock-lease (SESSION_SESSION_LOCK_LEASE) 'soon'"
                + " is not a duration")), problems.toString());
        assertTrue(problems.contains("session.lock-timeout-policy (SESSION_SESSION_LOCK_TIMEOUT_POLICY) 'retry' must be"
                + " fail or proceed"), problems.toString());
        assertEquals(5, problems.size(), problems.toString());
    }
}
