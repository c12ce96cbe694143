package io.github.sessionfilter.config;

import io.github.sessionfilter.SessionFilterConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.attribute.AttributeSealer;
import io.github.sessionfilter.web.SessionIdRotation;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings of the security hardening: validation messages are pinned, secrets never echoed. */
class SecuritySettingsTest {
    private static final String KEY = "k1:" + "A".repeat(43);
    private static final String KEY_32 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]).replace('A', 'Q');
    private static final FilterSettings.ContainerDefaults NO_WEB_XML = new FilterSettings.ContainerDefaults("/shop", null, null, AppCookieConfig.NONE, null);

    private static FilterSettings parse(Map<String, String> extra) {
        Map<String, String> init = new HashMap<>(Map.of("redis.uri", "redis://localhost:6379", "jwt.keys", KEY));
        init.putAll(extra);
        return FilterSettings.parse(new SettingsSource(Map.of(), new Properties(), init), NO_WEB_XML);
    }

    private static List<String> problems(Map<String, String> extra) {
        return assertThrows(SessionFilterConfigurationException.class, () -> parse(extra)).problems();
    }

    @Test
    void defaults_rotationOnPrincipal_4MiBPerSession_1MiBPerAttribute_noSealing() {
        ProtectionSettings p = parse(Map.of()).protection();
        assertEquals(SessionIdRotation.onPrincipalChange(), p.rotation(), "as containers do at login");
        assertEquals(4L << 20, p.maxSessionBytes());
        assertEquals(1 << 20, p.maxAttributeBytes());
        assertEquals(AttributeSealer.none(), p.sealer());
    }

    @Test
    void rotateOn_acceptsNonePrincipalAndAttribute() {
        assertEquals(SessionIdRotation.Trigger.PRINCIPAL, parse(Map.of("session.rotate-on", "principal")).protection().rotation().trigger());
        SessionIdRotation byAttribute = parse(Map.of("session.rotate-on", "attribute:user")).protection().rotation();
        assertEquals(SessionIdRotation.Trigger.ATTRIBUTE, byAttribute.trigger());
        assertEquals("user", byAttribute.attribute());
        assertEquals("attribute:user", byAttribute.toString());
    }

    @Test
    void rotateOn_unknownValue_isRefused() {
        assertEquals(List.of("session.rotate-on (SESSION_SESSION_ROTATE_ON) 'login' must be none, principal or attribute:<name>"),
                problems(Map.of("session.rotate-on", "login")));
        assertEquals(List.of("session.rotate-on (SESSION_SESSION_ROTATE_ON) 'attribute:' needs an attribute name: attribute:<name>"),
                problems(Map.of("session.rotate-on", "attribute:")));
    }

    @Test
    void byteSizes_acceptUnitsAndRefuseNonsense() {
        ProtectionSettings p = parse(Map.of("session.max-bytes", "512KiB", "attributes.max-bytes", "64k")).protection();
        assertEquals(512 * 1024, p.maxSessionBytes());
        assertEquals(64 * 1024, p.maxAttributeBytes());
        assertEquals(100_000, parse(Map.of("session.max-bytes", "100000")).protection().maxSessionBytes());
        assertEquals(2L << 20, parse(Map.of("session.max-bytes", "2MB")).protection().maxSessionBytes());
        assertEquals(List.of("session.max-bytes (SESSION_SESSION_MAX_BYTES) 'lots' is not a size (use e.g. 65536, 64KiB or 4MiB)",
                        "attributes.max-bytes (SESSION_ATTRIBUTES_MAX_BYTES) '0' must be between 1 byte and 512MiB"),
                problems(Map.of("session.max-bytes", "lots", "attributes.max-bytes", "0")));
        assertEquals(List.of("attributes.max-bytes (SESSION_ATTRIBUTES_MAX_BYTES) '1024MiB' must be between 1 byte and 512MiB"),
                problems(Map.of("attributes.max-bytes", "1024MiB")));
    }

    @Test
    void integrityKey_givesHmacSealer_encryptionKey_givesAesGcmSealer() {
        assertTrue(parse(Map.of("attributes.integrity-key", KEY_32)).protection().sealer().toString().contains("HmacSHA256"));
        assertTrue(parse(Map.of("attributes.encryption-key", KEY_32)).protection().sealer().toString().contains("AES-256-GCM"));
        assertTrue(parse(Map.of("attributes.integrity-key", KEY_32 + KEY_32)).protection().sealer().toString().contains("HmacSHA256"),
                "longer integrity keys are fine");
    }

    @Test
    void attributeKeys_thatAreShortWrongOrBoth_areRefused_withoutEchoingThem() {
        String shortKey = "c2hvcnRzZWNyZXQ";
        List<String> tooShort = problems(Map.of("attributes.integrity-key", shortKey));
        assertEquals(List.of("attributes.integrity-key (SESSION_ATTRIBUTES_INTEGRITY_KEY) (value hidden) must be at least 256 bits"
                + " (32 bytes), was 11 bytes; generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='"), tooShort);
        List<String> tooLong = problems(Map.of("attributes.encryption-key", KEY_32 + "AAAA"));
        assertTrue(tooLong.get(0).startsWith("attributes.encryption-key (SESSION_ATTRIBUTES_ENCRYPTION_KEY) (value hidden)"
                + " must be exactly 256 bits (32 bytes), was 35 bytes"), tooLong.toString());
        List<String> notBase64 = problems(Map.of("attributes.encryption-key", "not base64!secret"));
        assertTrue(notBase64.get(0).startsWith("attributes.encryption-key (SESSION_ATTRIBUTES_ENCRYPTION_KEY) (value hidden) is not base64url"),
                notBase64.toString());
        List<String> both = problems(Map.of("attributes.integrity-key", KEY_32, "attributes.encryption-key", KEY_32));
        assertEquals(List.of("set either attributes.integrity-key (SESSION_ATTRIBUTES_INTEGRITY_KEY) or attributes.encryption-key"
                + " (SESSION_ATTRIBUTES_ENCRYPTION_KEY), not both: AES-GCM already protects integrity"), both);
        for (List<String> problems : List.of(tooShort, tooLong, notBase64, both)) {
            assertFalse(problems.toString().contains(shortKey) || problems.toString().contains(KEY_32)
                    || problems.toString().contains("secret"), problems.toString());
        }
    }

    @Test
    void attributeKeys_areHiddenInTheEffectiveConfiguration() {
        String logged = parse(Map.of("attributes.encryption-key", KEY_32)).effective().toString();
        assertFalse(logged.contains(KEY_32), logged);
        assertTrue(logged.contains("attributes.encryption-key=****") || logged.contains("ATTRIBUTES_ENCRYPTION_KEY=****"), logged);
    }

    @Test
    void hostPrefixedCookie_withDomainOrWithoutSecure_isRefused() {
        assertEquals(List.of("cookie.name '__Host-SESSION' starts with __Host-, which browsers accept only for host-only"
                        + " cookies, but cookie.domain is set"),
                problems(Map.of("cookie.name", "__Host-SESSION", "cookie.domain", "example.com")));
        assertEquals(List.of("cookie.name '__Host-SESSION' has a __Host- or __Secure- prefix, which browsers accept only"
                        + " with Secure, but cookie.secure is never"),
                problems(Map.of("cookie.name", "__Host-SESSION", "cookie.secure", "never")));
        assertEquals(List.of("cookie.name '__Secure-SESSION' has a __Host- or __Secure- prefix, which browsers accept only"
                        + " with Secure, but cookie.secure is never"),
                problems(Map.of("cookie.name", "__Secure-SESSION", "cookie.secure", "never")));
        assertEquals("__Host-SESSION", parse(Map.of("cookie.name", "__Host-SESSION")).cookie().name());
    }

    @Test
    void tokenConfiguration_shortKeyOrUnsupportedAlgorithm_failsStartWithOneClearMessage() {
        String shortSecret = "c2hvcnQtc2VjcmV0LW9mLTE4Ynl0ZXM";
        SessionFilterConfigurationException e = assertThrows(SessionFilterConfigurationException.class,
                () -> parse(Map.of("jwt.keys", "k1:" + shortSecret, "jwt.algorithm", "RS256")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("jwt.algorithm (SESSION_JWT_ALGORITHM) 'RS256' "), e.getMessage());
        assertTrue(e.problems().get(1).startsWith("jwt.keys (SESSION_JWT_KEYS): "), e.getMessage());
        assertTrue(e.problems().get(1).contains("has 184 bits; HS256"), e.getMessage());
        assertFalse(e.getMessage().contains(shortSecret), "the secret is not echoed");
    }

    @Test
    void newSettings_followTheEnvironmentVariableConvention() {
        assertEquals("SESSION_SESSION_ROTATE_ON", Setting.SESSION_ROTATE_ON.environmentVariable());
        assertEquals("SESSION_SESSION_MAX_BYTES", Setting.SESSION_MAX_BYTES.environmentVariable());
        assertEquals("SESSION_ATTRIBUTES_MAX_BYTES", Setting.ATTRIBUTES_MAX_BYTES.environmentVariable());
        assertEquals("SESSION_ATTRIBUTES_INTEGRITY_KEY", Setting.ATTRIBUTES_INTEGRITY_KEY.environmentVariable());
        assertEquals("SESSION_ATTRIBUTES_ENCRYPTION_KEY", Setting.ATTRIBUTES_ENCRYPTION_KEY.environmentVariable());
        assertTrue(Setting.ATTRIBUTES_INTEGRITY_KEY.isSecret() && Setting.ATTRIBUTES_ENCRYPTION_KEY.isSecret());
    }
}
