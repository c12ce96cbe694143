package io.github.sessionfilter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The user id in the token ({@code uid}), for {@code session.user}: carried, verified, bounded. */
class TokenUserClaimTest {
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final String SESSION_ID = "Qm9uam91ciBsZSBtb25kZSEhIQ";

    private final TokenCodec codec = codec();

    private static TokenCodec codec() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new TokenCodec(SigningKeys.parse("k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                TokenAlgorithm.HS256), TokenAlgorithm.HS256, "session-filter", "/", Duration.ofHours(8),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void userId_travelsAsItsOwnClaim_besideTheSessionId() {
        String token = codec.issue(SESSION_ID, NOW.plusSeconds(600), "alice@example.com");
        assertTrue(payload(token).contains("\"uid\":\"alice@example.com\""), payload(token));
        VerifiedToken verified = codec.verify(token).orElseThrow();
        assertEquals(SESSION_ID, verified.sessionId());
        assertEquals("alice@example.com", verified.userId());
        assertFalse(verified.toString().contains("alice"), "toString says only whether there is a user");
    }

    @Test
    void noUser_noClaim() {
        String token = codec.issue(SESSION_ID, NOW.plusSeconds(600), null);
        assertFalse(payload(token).contains("uid"), payload(token));
        assertNull(codec.verify(token).orElseThrow().userId());
    }

    @Test
    void unusualCharacters_roundTrip() {
        String user = "Zoë \"the\" admin\\\u00e9\u4e16";
        assertEquals(user, codec.verify(codec.issue(SESSION_ID, NOW.plusSeconds(600), user)).orElseThrow().userId());
    }

    @Test
    void overlongUserId_isLeftOut_soTheTokenStaysSmall() {
        String token = codec.issue(SESSION_ID, NOW.plusSeconds(600), "x".repeat(TokenCodec.MAX_USER_ID_CHARS + 1));
        assertNull(codec.verify(token).orElseThrow().userId());
        assertTrue(token.length() < 400, token.length() + "");
    }

    @Test
    void aUserIdChangedInTheToken_isRefused() {
        String token = codec.issue(SESSION_ID, NOW.plusSeconds(600), "alice");
        String[] parts = token.split("\\.");
        String forged = payload(token).replace("\"uid\":\"alice\"", "\"uid\":42");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertTrue(codec.verify(tampered).isEmpty(), "signed claims: the user cannot be changed");
    }
}
