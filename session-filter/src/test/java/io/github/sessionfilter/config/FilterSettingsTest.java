package io.github.sessionfilter.config;

import io.github.sessionfilter.SessionFilterConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.web.CookieSecurity;
import io.github.sessionfilter.web.SameSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterSettingsTest {
    private static final String KEY = "k1:" + "A".repeat(43);
    private static final FilterSettings.ContainerDefaults NO_WEB_XML = new FilterSettings.ContainerDefaults("/shop", null, null, AppCookieConfig.NONE, null);

    private static FilterSettings parse(Map<String, String> env, Map<String, String> init) {
        return parse(env, new Properties(), init, NO_WEB_XML);
    }

    private static FilterSettings parse(Map<String, String> env, Properties props, Map<String, String> init,
                                        FilterSettings.ContainerDefaults defaults) {
        return FilterSettings.parse(new SettingsSource(env, props, init), defaults);
    }

    private static List<String> problems(Map<String, String> env, Map<String, String> init) {
        return assertThrows(SessionFilterConfigurationException.class, () -> parse(env, init)).problems();
    }

    @Test
    void minimalConfiguration_getsDocumentedDefaults() {
        FilterSettings s = parse(Map.of(), Map.of("redis.uri", "redis://localhost:6379", "jwt.keys", KEY));
        assertEquals(Duration.ofSeconds(1), s.redis().timeout());
        assertEquals("session:", s.redis().keyPrefix());
        assertEquals(Duration.ofMinutes(30), s.session().idleTimeout());
        assertEquals(Duration.ofHours(8), s.session().absoluteTimeout());
        assertEquals("SESSION", s.cookie().name());
        assertEquals(SameSite.LAX, s.cookie().sameSite());
        assertEquals(CookieSecurity.AUTO, s.cookie().security());
        assertNull(s.cookie().maxAge());
        assertEquals("/shop", s.token().audience(), "tokens are bound to the application's context path");
        assertEquals("session-filter", s.token().issuer());
    }

    @Test
    void environment_winsOverSystemProperty_whichWinsOverInitParam() {
        Properties props = new Properties();
        props.setProperty("session.redis.timeout", "2s");
        props.setProperty("session.redis.key-prefix", "fromprop:");
        FilterSettings s = parse(Map.of("SESSION_REDIS_URI", "redis://env:6379", "SESSION_REDIS_TIMEOUT", "3s"), props,
                Map.of("redis.uri", "redis://init:6379", "jwt.keys", KEY, "redis.timeout", "4s",
                        "redis.key-prefix", "frominit:", "cookie.name", "APPSESSION"), NO_WEB_XML);
        assertEquals("redis://env:6379", s.redis().uri());
        assertEquals(Duration.ofSeconds(3), s.redis().timeout());
        assertEquals("fromprop:", s.redis().keyPrefix());
        assertEquals("APPSESSION", s.cookie().name());
    }

    @Test
    void webXml_sessionTimeoutAndCookieName_areHonoured() {
        FilterSettings s = parse(Map.of(), new Properties(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY),
                new FilterSettings.ContainerDefaults("", 45, "JSESSIONID", AppCookieConfig.NONE, null));
        assertEquals(Duration.ofMinutes(45), s.session().idleTimeout());
        assertEquals("JSESSIONID", s.cookie().name());
        assertEquals("/", s.token().audience());
    }

    @Test
    void missingRequiredSettings_areAllReportedTogether() {
        List<String> problems = problems(Map.of(), Map.of());
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("redis.uri (SESSION_REDIS_URI) is required but not set", problems.get(0));
        assertTrue(problems.get(1).startsWith("jwt.keys (SESSION_JWT_KEYS) (or jwt.keys.file (SESSION_JWT_KEYS_FILE)) is required"),
                problems.get(1));
    }

    @Test
    void everyInvalidValue_isReportedWithSettingRuleAndValue() {
        Map<String, String> init = new HashMap<>();
        init.put("redis.uri", "http://localhost");
        init.put("jwt.keys", KEY);
        init.put("redis.timeout", "soon");
        init.put("cookie.same-site", "sometimes");
        init.put("cookie.secure", "maybe");
        init.put("redis.key-prefix", "a{b}");
        init.put("redis.timout", "1s");
        List<String> problems = problems(Map.of(), init);
        assertTrue(problems.contains("init-param 'redis.timout' is not a setting of session-filter (known: "
                + String.join(", ", java.util.Arrays.stream(Setting.values()).map(Setting::key).toList()) + ")"), problems.toString());
        assertTrue(problems.contains("redis.uri (SESSION_REDIS_URI) (value hidden) must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://"), problems.toString());
        assertTrue(problems.contains("redis.timeout (SESSION_REDIS_TIMEOUT) 'soon' is not a duration (use e.g. 500ms, 30s, 30m, 8h, 1d or PT30M)"), problems.toString());
        assertTrue(problems.contains("cookie.same-site (SESSION_COOKIE_SAME_SITE) 'sometimes' must be Lax, Strict or None"), problems.toString());
        assertTrue(problems.contains("cookie.secure (SESSION_COOKIE_SECURE) 'maybe' must be auto, always or never"), problems.toString());
        assertTrue(problems.contains("redis.key-prefix (SESSION_REDIS_KEY_PREFIX) 'a{b}' must not contain { or } (the session id is the cluster hash tag)"), problems.toString());
        assertEquals(6, problems.size(), problems.toString());
    }

    @Test
    void secrets_neverAppearInMessagesOrTheEffectiveConfiguration() {
        String secretUri = "redis://:hunter2@localhost:6379";
        String shortKey = "k1:c2hvcnRzZWNyZXQ";
        SessionFilterConfigurationException e = assertThrows(SessionFilterConfigurationException.class,
                () -> parse(Map.of(), Map.of("redis.uri", secretUri, "jwt.keys", shortKey)));
        assertFalse(e.getMessage().contains("c2hvcnRzZWNyZXQ"), e.getMessage());
        FilterSettings s = parse(Map.of(), Map.of("redis.uri", secretUri, "jwt.keys", KEY));
        String logged = s.effective().toString();
        assertFalse(logged.contains("hunter2"), logged);
        assertFalse(logged.contains("AAAAAAAA"), logged);
        assertTrue(logged.contains("redis://****@localhost:6379"), logged);
    }

    @Test
    void keysFile_isReadLikeTheInlineSetting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, KEY + "\n");
        FilterSettings s = parse(Map.of("SESSION_JWT_KEYS_FILE", file.toString()), Map.of("redis.uri", "redis://h"));
        assertEquals("k1", s.token().keys().signingKeyId());
        List<String> problems = problems(Map.of("SESSION_JWT_KEYS_FILE", dir.resolve("missing").toString()),
                Map.of("redis.uri", "redis://h"));
        assertTrue(problems.get(0).startsWith("jwt.keys.file (SESSION_JWT_KEYS_FILE) cannot be read"), problems.toString());
    }

    @Test
    void sameSiteNone_withoutSecure_isRefused() {
        List<String> problems = problems(Map.of(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY,
                "cookie.same-site", "None", "cookie.secure", "never"));
        assertEquals(List.of("cookie.same-site is None, which browsers accept only with Secure, but cookie.secure is never"), problems);
    }

    @Test
    void idleTimeoutLongerThanAbsolute_isRefused() {
        List<String> problems = problems(Map.of(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY,
                "session.timeout", "9h"));
        assertEquals(List.of("session.timeout (PT9H) is longer than session.absolute-timeout (PT8H)"), problems);
    }

    @Test
    void misspelledEnvironmentVariable_isReported_butOtherSoftwaresVariablesAreNot() {
        SettingsSource source = new SettingsSource(Map.of("SESSION_REDIS_URL", "redis://h", "SESSION_REDIS_URI", "redis://h",
                "SESSION_MANAGER", "local/host:@/tmp/.ICE-unix/1", "HOME", "/root"), new Properties(), Map.of());
        assertEquals(List.of("SESSION_REDIS_URL"), source.unknownEnvironmentVariables());
    }

    @Test
    void environmentVariableNames_followTheConvention() {
        assertEquals("SESSION_REDIS_URI", Setting.REDIS_URI.environmentVariable());
        assertEquals("SESSION_JWT_KEYS_FILE", Setting.JWT_KEYS_FILE.environmentVariable());
        assertEquals("SESSION_COOKIE_SAME_SITE", Setting.COOKIE_SAME_SITE.environmentVariable());
    }

    @Test
    void redactUri_hidesPasswordsThatContainSeparators() {
        assertEquals("redis-sentinel://****@h1:26379,h2:26379/?sentinelMasterId=m",
                RedisSettings.redactUri("redis-sentinel://:p@ss@h1:26379,h2:26379/?sentinelMasterId=m"));
        assertEquals("redis://****@host:6379/0", RedisSettings.redactUri("redis://:pa/ss@host:6379/0"));
        assertEquals("rediss://****@10.0.0.3:6378", RedisSettings.redactUri("rediss://user:s3cr:et@10.0.0.3:6378"));
        assertEquals("redis://host:6379", RedisSettings.redactUri("redis://host:6379"));
    }

    @Test
    void defaultAudience_isTheContextPathAndTheDisplayName_theSameOnEveryContainer() {
        FilterSettings named = parse(Map.of(), new Properties(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY),
                new FilterSettings.ContainerDefaults("", null, null, AppCookieConfig.NONE, "Shop"));
        assertEquals("/ Shop", named.token().audience(), "two root apps with different display names do not share tokens");
        FilterSettings unnamed = parse(Map.of(), new Properties(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY),
                new FilterSettings.ContainerDefaults("", null, null, AppCookieConfig.NONE, null));
        assertEquals("/", unnamed.token().audience());
        assertTrue(new FilterSettings.ContainerDefaults("", null, null, AppCookieConfig.NONE, null).defaultAudienceIsShared());
        assertFalse(new FilterSettings.ContainerDefaults("/shop", null, null, AppCookieConfig.NONE, null).defaultAudienceIsShared());
    }

    @Test
    void maxDepth_defaultsTo20_andRefusesValuesThatCouldNotProtect() {
        assertEquals(20, parse(Map.of(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY)).protection().maxDepth());
        assertEquals(32, parse(Map.of(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY, "attributes.max-depth", "32"))
                .protection().maxDepth());
        assertEquals(List.of("attributes.max-depth (SESSION_ATTRIBUTES_MAX_DEPTH) '100' must be between 4 and 64"
                        + " (decoding time can double with every level)"),
                problems(Map.of(), Map.of("redis.uri", "redis://h", "jwt.keys", KEY, "attributes.max-depth", "100")));
    }
}
