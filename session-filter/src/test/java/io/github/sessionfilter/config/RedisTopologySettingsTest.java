package io.github.sessionfilter.config;

import io.github.sessionfilter.RedisCredentials;
import io.github.sessionfilter.SessionFilterConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.redis.RedisMode;
import io.github.sessionfilter.testing.RotatingCredentials;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** redis.mode, Sentinel URIs and redis.credentials-provider: parsing, conflicts and pinned messages. */
class RedisTopologySettingsTest {
    private static final String KEY = "k1:" + "A".repeat(43);
    private static final FilterSettings.ContainerDefaults NO_WEB_XML = new FilterSettings.ContainerDefaults("/shop", null, null, AppCookieConfig.NONE, null);

    private static FilterSettings parse(Map<String, String> init) {
        Map<String, String> all = new java.util.HashMap<>(init);
        all.put("jwt.keys", KEY);
        return FilterSettings.parse(new SettingsSource(Map.of(), new Properties(), all), NO_WEB_XML);
    }

    private static List<String> problems(Map<String, String> init) {
        return assertThrows(SessionFilterConfigurationException.class, () -> parse(init)).problems();
    }

    @Test
    void mode_defaultsToAuto_andAcceptsStandaloneAndClusterInAnyCase() {
        assertEquals(RedisMode.AUTO, parse(Map.of("redis.uri", "redis://h")).redis().mode());
        assertEquals(RedisMode.CLUSTER, parse(Map.of("redis.uri", "redis://h", "redis.mode", "Cluster")).redis().mode());
        assertEquals(RedisMode.STANDALONE, parse(Map.of("redis.uri", "redis://h", "redis.mode", "standalone")).redis().mode());
        assertEquals(RedisMode.CLUSTER, parse(Map.of("redis.uri", "redis://h", "redis.mode", "cluster")).redis().connection().mode());
    }

    @Test
    void unknownMode_isRefusedWithTheAllowedValues() {
        assertEquals(List.of("redis.mode (SESSION_REDIS_MODE) 'sharded' must be auto, standalone or cluster"),
                problems(Map.of("redis.uri", "redis://h", "redis.mode", "sharded")));
    }

    @Test
    void sentinelUris_inBothLettuceForms_areAccepted_andRedacted() {
        FilterSettings query = parse(Map.of("redis.uri", "redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379/?sentinelMasterId=mymaster"));
        assertTrue(query.redis().connection().isSentinel());
        assertEquals("redis-sentinel://****@10.0.0.1:26379,10.0.0.2:26379/?sentinelMasterId=mymaster",
                query.effective().get(Setting.REDIS_URI));
        assertTrue(parse(Map.of("redis.uri", "rediss-sentinel://10.0.0.1:26379#mymaster")).redis().connection().isSentinel());
        assertFalse(parse(Map.of("redis.uri", "redis://10.0.0.1:6379")).redis().connection().isSentinel());
    }

    @Test
    void sentinelUriWithoutMasterOrHosts_isRefused() {
        assertEquals(List.of("redis.uri (SESSION_REDIS_URI) (value hidden) names no master (add ?sentinelMasterId=name or #name)"),
                problems(Map.of("redis.uri", "redis-sentinel://10.0.0.1:26379")));
        assertEquals(List.of("redis.uri (SESSION_REDIS_URI) (value hidden) names no Sentinel "
                        + "(redis-sentinel://host:port,host:port/?sentinelMasterId=name)"),
                problems(Map.of("redis.uri", "redis-sentinel:///?sentinelMasterId=m")));
    }

    @Test
    void clusterModeWithSentinelUri_isRefused() {
        assertEquals(List.of("redis.mode is cluster, but redis.uri names Sentinels (redis-sentinel://), which manage a single primary"),
                problems(Map.of("redis.uri", "redis-sentinel://h:26379#m", "redis.mode", "cluster")));
    }

    @Test
    void credentialsProvider_andPasswordInUri_areRefusedTogether() {
        assertEquals(List.of("redis.uri contains credentials and redis.credentials-provider is set; use one of them"),
                problems(Map.of("redis.uri", "rediss://:secret@h:6378", "redis.credentials-provider", "com.example.Tokens")));
        assertEquals("com.example.Tokens", parse(Map.of("redis.uri", "rediss://h:6378",
                "redis.credentials-provider", "com.example.Tokens")).redis().credentialsProviderClass());
        assertNull(parse(Map.of("redis.uri", "redis://h")).redis().credentialsProviderClass());
    }

    @Test
    void credentialsProvider_mustBeAClassName() {
        assertEquals(List.of("redis.credentials-provider (SESSION_REDIS_CREDENTIALS_PROVIDER) 'not a class!' is not a class name"),
                problems(Map.of("redis.uri", "redis://h", "redis.credentials-provider", "not a class!")));
    }

    @Test
    void credentialsProviderLoader_instantiatesWithTheGivenLoader_andExplainsWhatIsWrong() {
        ClassLoader loader = getClass().getClassLoader();
        List<String> problems = new java.util.ArrayList<>();
        io.github.sessionfilter.redis.CredentialsSource source =
                CredentialsProviderLoader.load(RotatingCredentials.class.getName(), loader, problems);
        assertEquals(RotatingCredentials.class.getName(), source.description());
        assertEquals(loader, source.classLoader());
        assertNull(CredentialsProviderLoader.load(null, loader, problems));
        assertEquals(List.of(), problems);
        CredentialsProviderLoader.load("com.example.Missing", loader, problems);
        CredentialsProviderLoader.load("java.lang.String", loader, problems);
        assertEquals(List.of("redis.credentials-provider (SESSION_REDIS_CREDENTIALS_PROVIDER) 'com.example.Missing' is not a class "
                        + "the web application can load",
                "redis.credentials-provider (SESSION_REDIS_CREDENTIALS_PROVIDER) 'java.lang.String' does not implement "
                        + "io.github.sessionfilter.RedisCredentialsProvider"), problems);
    }

    @Test
    void credentials_neverShowThePassword_andCopyIt() {
        char[] password = "s3cret".toCharArray();
        RedisCredentials credentials = RedisCredentials.of("app", password);
        password[0] = 'X';
        assertEquals("s3cret", new String(credentials.password()), "the caller's array is copied");
        assertEquals("RedisCredentials[username=app, password=****]", credentials.toString());
        assertEquals("RedisCredentials[username=(default), password=****]", RedisCredentials.of(null, "x").toString());
    }
}
