package io.github.sessionfilter.config;

import io.github.sessionfilter.SessionFilterConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.web.CookieSecurity;
import io.github.sessionfilter.web.SameSite;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where each cookie setting comes from: our settings, then the app's SessionCookieConfig, then web.xml, then defaults. */
class CookieSettingsTest {
    private static final String KEY = "k1:" + "A".repeat(43);

    private static CookieSettings parse(Map<String, String> init, String contextPath, AppCookieConfig app) {
        Map<String, String> params = new HashMap<>(init);
        params.put("redis.uri", "redis://localhost:6379");
        params.put("jwt.keys", KEY);
        return FilterSettings.parse(new SettingsSource(Map.of(), new Properties(), params),
                new FilterSettings.ContainerDefaults(contextPath, null, null, app, null)).cookie();
    }

    private static AppCookieConfig app(String name, String path, String domain, boolean secure, Integer maxAge,
                                       String sameSite, Map<String, String> attributes) {
        return new AppCookieConfig(name, path, domain, secure, maxAge, sameSite, attributes, List.of());
    }

    @Test
    void nothingConfigured_defaultsWithTheContextPath() {
        CookieSettings cookie = parse(Map.of(), "/shop", AppCookieConfig.NONE);
        assertEquals("SESSION", cookie.name());
        assertEquals("/shop", cookie.path());
        assertEquals(SameSite.LAX, cookie.sameSite());
        assertEquals(CookieSecurity.AUTO, cookie.security());
        assertNull(cookie.maxAge());
        assertNull(cookie.domain());
        assertEquals("/", parse(Map.of(), "", AppCookieConfig.NONE).path(), "root context");
    }

    @Test
    void sessionCookieConfigSetInCode_isHonoured() {
        CookieSettings cookie = parse(Map.of(), "/shop", app("SHOPSESSION", "/shop/secure", "example.com", true, 3600,
                "Strict", Map.of("Partitioned", "")));
        assertEquals("SHOPSESSION", cookie.name());
        assertEquals("/shop/secure", cookie.path());
        assertEquals("example.com", cookie.domain());
        assertEquals(CookieSecurity.ALWAYS, cookie.security());
        assertEquals(Duration.ofHours(1), cookie.maxAge());
        assertEquals(SameSite.STRICT, cookie.sameSite());
        assertEquals(Map.of("Partitioned", ""), cookie.attributes());
    }

    @Test
    void explicitFilterSettings_winOverSessionCookieConfig() {
        CookieSettings cookie = parse(Map.of("cookie.name", "MINE", "cookie.secure", "auto", "cookie.same-site", "Lax",
                        "cookie.max-age", "10m", "cookie.domain", "shop.example.com"), "/shop",
                app("SHOPSESSION", null, "example.com", true, 3600, "Strict", Map.of()));
        assertEquals("MINE", cookie.name());
        assertEquals(CookieSecurity.AUTO, cookie.security(), "cookie.secure=auto keeps Secure behind an HTTPS proxy");
        assertEquals(SameSite.LAX, cookie.sameSite());
        assertEquals(Duration.ofMinutes(10), cookie.maxAge());
        assertEquals("shop.example.com", cookie.domain());
    }

    @Test
    void sessionCookieConfigName_winsOverWebXmlName() {
        FilterSettings s = FilterSettings.parse(new SettingsSource(Map.of(), new Properties(),
                        Map.of("redis.uri", "redis://h", "jwt.keys", KEY)),
                new FilterSettings.ContainerDefaults("/shop", null, "FROMWEBXML",
                        app("FROMCODE", null, null, false, null, null, Map.of()), null));
        assertEquals("FROMCODE", s.cookie().name());
    }

    @Test
    void invalidSessionCookieConfigValues_areReportedTogether() {
        List<String> problems = assertThrows(SessionFilterConfigurationException.class, () -> parse(Map.of(), "/shop",
                app("bad name", "/shop;Domain=evil.example", "not a domain", false, null, "Sometimes",
                        Map.of("Priority", "High;Domain=evil.example")))).problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.startsWith("the app's SessionCookieConfig")), problems.toString());
    }

    @Test
    void contextPath_withCookieSyntax_isEncodedNotInjected() {
        assertEquals("/app%3BDomain=example.com", CookieSettings.contextPath("/app;Domain=example.com"));
        assertEquals("/my%20shop", CookieSettings.contextPath("/my shop"));
        assertEquals("/caf%C3%A9%2C", CookieSettings.contextPath("/café,"));
    }

    @Test
    void jettysDefaultName_isNotAChoice() {
        AppCookieConfig reported = AppCookieConfig.of(new ReportedConfig("JSESSIONID"));
        assertNull(reported.name(), "Jetty reports JSESSIONID when the app chose nothing; Tomcat reports null");
        assertEquals("SESSION", parse(Map.of(), "/shop", reported).name());
    }

    /** A SessionCookieConfig as a container reports it when the app configured nothing but the name. */
    private record ReportedConfig(String name) implements jakarta.servlet.SessionCookieConfig {
        @Override public void setName(String name) { throw new UnsupportedOperationException(); }
        @Override public String getName() { return name; }
        @Override public void setDomain(String domain) { throw new UnsupportedOperationException(); }
        @Override public String getDomain() { return null; }
        @Override public void setPath(String path) { throw new UnsupportedOperationException(); }
        @Override public String getPath() { return null; }
        @SuppressWarnings("deprecation") @Override public void setComment(String comment) { }
        @SuppressWarnings("deprecation") @Override public String getComment() { return null; }
        @Override public void setHttpOnly(boolean httpOnly) { }
        @Override public boolean isHttpOnly() { return false; }
        @Override public void setSecure(boolean secure) { }
        @Override public boolean isSecure() { return false; }
        @Override public void setMaxAge(int maxAge) { }
        @Override public int getMaxAge() { return -1; }
        @Override public void setAttribute(String n, String v) { }
        @Override public String getAttribute(String n) { return null; }
        @Override public Map<String, String> getAttributes() { return Map.of(); }
    }
}
