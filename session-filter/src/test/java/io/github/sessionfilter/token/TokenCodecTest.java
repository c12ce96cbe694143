package io.github.sessionfilter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

class TokenCodecTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Duration MAX_LIFETIME = Duration.ofHours(8);
    private static final String ISSUER = "https://shop.example/";
    private static final String AUDIENCE = "session-filter:shop";
    private static final String SESSION_ID = "Qm9uam91ciBsZSBtb25kZSEhIQ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private final String oldSecret = newSecret();
    private final String newSecret = newSecret();

    private static TokenCodec codec(String keyText, Instant now) {
        return new TokenCodec(SigningKeys.parse(keyText, TokenAlgorithm.HS256), TokenAlgorithm.HS256,
                ISSUER, AUDIENCE, MAX_LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    private TokenCodec codec() {
        return codec("k1:" + oldSecret, NOW);
    }

    private static Map<String, Object> json(String segment) throws Exception {
        return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
    }

    @Test
    void verify_issuedToken_returnsSessionIdAndTimes() {
        TokenCodec codec = codec();
        String token = codec.issue(SESSION_ID, NOW.plus(Duration.ofHours(2)));

        VerifiedToken verified = codec.verify(token).orElseThrow();

        assertEquals(new VerifiedToken(SESSION_ID, NOW, NOW.plus(Duration.ofHours(2))), verified);
        assertEquals(0, codec.rejectedTokens());
    }

    @Test
    void issue_writesOnlyAlgKidTypAndTheFiveClaims() throws Exception {
        String[] parts = codec().issue(SESSION_ID, NOW.plusSeconds(600)).split("\\.");

        assertEquals(Map.of("alg", "HS256", "kid", "k1", "typ", "JWT"), json(parts[0]));
        Map<String, Object> claims = json(parts[1]);
        assertEquals(Set.of("sub", "iat", "exp", "iss", "aud"), claims.keySet());
        assertEquals(SESSION_ID, claims.get("sub"));
        assertEquals(NOW.getEpochSecond(), ((Number) claims.get("iat")).longValue());
        assertEquals(NOW.getEpochSecond() + 600, ((Number) claims.get("exp")).longValue());
        assertEquals(ISSUER, claims.get("iss"));
        assertEquals(AUDIENCE, claims.get("aud"));
    }

    @Test
    void verify_atTheMaximumLifetime_isAccepted() {
        String token = codec().issue(SESSION_ID, NOW.plus(MAX_LIFETIME));
        assertTrue(codec().verify(token).isPresent());
    }

    @Test
    void verify_oneSecondBeforeExpiry_isAcceptedAndAtExpiry_isRejected() {
        String token = codec().issue(SESSION_ID, NOW.plusSeconds(60));
        assertTrue(codec("k1:" + oldSecret, NOW.plusSeconds(59)).verify(token).isPresent());
        assertTrue(codec("k1:" + oldSecret, NOW.plusSeconds(60)).verify(token).isEmpty());
    }

    @Test
    void verify_tokenSignedWithPreviousKey_stillVerifiesAfterRotation() {
        String token = codec("old:" + oldSecret, NOW).issue(SESSION_ID, NOW.plusSeconds(600));
        TokenCodec rotated = codec("new:" + newSecret + ",old:" + oldSecret, NOW);

        assertEquals(SESSION_ID, rotated.verify(token).orElseThrow().sessionId());
    }

    @Test
    void issue_afterRotation_signsWithTheNewFirstKey() throws Exception {
        TokenCodec rotated = codec("new:" + newSecret + ",old:" + oldSecret, NOW);
        String token = rotated.issue(SESSION_ID, NOW.plusSeconds(600));

        assertEquals("new", json(token.split("\\.")[0]).get("kid"));
        assertTrue(codec("new:" + newSecret, NOW).verify(token).isPresent());
        assertTrue(codec("old:" + oldSecret, NOW).verify(token).isEmpty());
    }

    @Test
    void verify_tokenSignedWithRetiredKey_isRejected() {
        String token = codec("old:" + oldSecret, NOW).issue(SESSION_ID, NOW.plusSeconds(600));
        TokenCodec retired = codec("new:" + newSecret, NOW);

        assertTrue(retired.verify(token).isEmpty());
        assertEquals(1, retired.rejectedTokens());
    }

    @Test
    void verify_sameKeyIdWithAnotherSecret_isRejected() {
        String token = codec("k1:" + oldSecret, NOW).issue(SESSION_ID, NOW.plusSeconds(600));
        assertTrue(codec("k1:" + newSecret, NOW).verify(token).isEmpty());
    }

    @Test
    void verify_withHs512Configured_roundTrips() {
        byte[] secret = new byte[64];
        RANDOM.nextBytes(secret);
        SigningKeys keys = SigningKeys.parse("k1:" + Base64.getUrlEncoder().encodeToString(secret),
                TokenAlgorithm.HS512);
        TokenCodec codec = new TokenCodec(keys, TokenAlgorithm.HS512, ISSUER, AUDIENCE, MAX_LIFETIME,
                Clock.fixed(NOW, ZoneOffset.UTC));

        String token = codec.issue(SESSION_ID, NOW.plusSeconds(60));

        assertTrue(codec.verify(token).isPresent());
        assertTrue(codec().verify(token).isEmpty());
    }

    @Test
    void rejectedTokens_countsEachRejectionPerCodec() {
        TokenCodec codec = codec();
        TokenCodec other = codec();
        codec.verify(null);
        codec.verify("garbage");
        codec.verify(codec.issue(SESSION_ID, NOW.plusSeconds(60)));

        assertEquals(2, codec.rejectedTokens());
        assertEquals(0, other.rejectedTokens());
    }

    @Test
    void issue_malformedSessionId_isRejected() {
        TokenCodec codec = codec();
        for (String id : new String[] {null, "", "short", "a".repeat(21), "a".repeat(65),
                "Qm9uam91ciBsZSBtb25kZSEhIQ+", "Qm9uam91ciBsZSBtb25kZSEhIQ=", "Qm9uam91ciBsZSBtb25kZSEh.Q"}) {
            assertThrows(IllegalArgumentException.class, () -> codec.issue(id, NOW.plusSeconds(60)), String.valueOf(id));
        }
        codec.issue("a".repeat(22), NOW.plusSeconds(60));
        codec.issue("a".repeat(64), NOW.plusSeconds(60));
    }

    @Test
    void issue_expiryNotInTheFutureOrBeyondMaxLifetime_isRejected() {
        TokenCodec codec = codec();
        assertThrows(IllegalArgumentException.class, () -> codec.issue(SESSION_ID, null));
        assertThrows(IllegalArgumentException.class, () -> codec.issue(SESSION_ID, NOW));
        assertThrows(IllegalArgumentException.class, () -> codec.issue(SESSION_ID, NOW.minusSeconds(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.issue(SESSION_ID, NOW.plus(MAX_LIFETIME).plusSeconds(1)));
        assertTrue(e.getMessage().contains("maximum token lifetime"), e.getMessage());
    }

    @Test
    void constructor_invalidArguments_areAllListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenCodec(null, null, " ", null, Duration.ZERO, null));
        String m = e.getMessage();
        assertTrue(m.contains("signing keys are missing"), m);
        assertTrue(m.contains("token algorithm is missing"), m);
        assertTrue(m.contains("issuer must not be blank"), m);
        assertTrue(m.contains("audience must not be blank"), m);
        assertTrue(m.contains("maximum token lifetime must be positive"), m);
        assertTrue(m.contains("clock is missing"), m);
    }

    @Test
    void constructor_negativeLifetime_isRejected() {
        SigningKeys keys = SigningKeys.parse("k1:" + oldSecret, TokenAlgorithm.HS256);
        assertThrows(IllegalArgumentException.class, () -> new TokenCodec(keys, TokenAlgorithm.HS256,
                ISSUER, AUDIENCE, Duration.ofSeconds(-1), Clock.systemUTC()));
    }

    @Test
    void constructor_keysParsedForAnotherAlgorithm_isRejected() {
        SigningKeys keys = SigningKeys.parse("k1:" + oldSecret, TokenAlgorithm.HS256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenCodec(
                keys, TokenAlgorithm.HS512, ISSUER, AUDIENCE, MAX_LIFETIME, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("checked for HS256 but the codec uses HS512"), e.getMessage());
    }

    @Test
    void verifiedToken_toString_doesNotShowTheFullSessionId() {
        VerifiedToken token = codec().verify(codec().issue(SESSION_ID, NOW.plusSeconds(60))).orElseThrow();
        assertFalse(token.toString().contains(SESSION_ID), token.toString());
    }

    @Test
    void verify_rejection_isLoggedAtDebugWithAReasonButNeverTheTokenOrSessionId() {
        // System.Logger is backed by java.util.logging here (no other LoggerFinder on the path);
        // DEBUG maps to FINE. If the backend changes, this fails on "nothing logged", not silently.
        Logger logger = Logger.getLogger(TokenCodec.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            String expired = codec("k1:" + oldSecret, NOW.minusSeconds(600)).issue(SESSION_ID, NOW.minusSeconds(1));
            assertTrue(codec().verify(expired).isEmpty());

            assertEquals(1, records.size(), "one record per rejection");
            LogRecord record = records.get(0);
            assertEquals(Level.FINE, record.getLevel());
            String message = record.getMessage();
            assertTrue(message.contains("expired"), message);
            assertFalse(message.contains(expired.split("\\.")[1]), message);
            assertFalse(message.contains(SESSION_ID.substring(0, 8)), message);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
    }

    @Test
    void verify_neverThrows_onNull() {
        Optional<VerifiedToken> result = codec().verify(null);
        assertTrue(result.isEmpty());
    }
}
