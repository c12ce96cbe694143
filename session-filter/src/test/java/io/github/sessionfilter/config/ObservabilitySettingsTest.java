package io.github.sessionfilter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sessionfilter.SessionFilterConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ObservabilitySettingsTest {
    private static final String KEY = "k1:" + "A".repeat(43);
    private static final FilterSettings.ContainerDefaults NO_WEB_XML = new FilterSettings.ContainerDefaults("/shop", null, null, AppCookieConfig.NONE, null);

    private static ObservabilitySettings parse(Map<String, String> env, Map<String, String> init) {
        Map<String, String> all = new HashMap<>(init);
        all.put("redis.uri", "redis://localhost:6379");
        all.put("jwt.keys", KEY);
        return FilterSettings.parse(new SettingsSource(env, new Properties(), all), NO_WEB_XML).observability();
    }

    private static List<String> problems(Map<String, String> init) {
        return assertThrows(SessionFilterConfigurationException.class, () -> parse(Map.of(), init)).problems();
    }

    @Test
    void healthPath_isOffByDefault() {
        assertNull(parse(Map.of(), Map.of()).healthPath());
    }

    @Test
    void healthPath_fromTheEnvironment_winsOverTheInitParam() {
        assertEquals("/session-filter/health", parse(Map.of("SESSION_HEALTH_PATH", " /session-filter/health "),
                Map.of("health.path", "/other")).healthPath());
        assertEquals("/other", parse(Map.of(), Map.of("health.path", "/other")).healthPath());
    }

    @Test
    void healthPath_thatIsNotAPlainPathWithinTheApp_isRefusedWithTheRule() {
        for (String bad : List.of("health", "/", "/health?x=1", "/a b", "/health;jsessionid=1", "/health/*", "/h%2e")) {
            assertEquals(1, problems(Map.of("health.path", bad)).size(), bad);
        }
        assertEquals(List.of("health.path (SESSION_HEALTH_PATH) '/' must be a path within the app such as"
                + " /session-filter/health (not /)"), problems(Map.of("health.path", "/")));
    }
}
